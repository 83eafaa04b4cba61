import json
from pathlib import Path

import pytest

from credibility.analysis.claims.flag_value import CALIBRATION_PATH, calibration_from_json
from credibility.quality.evaluation.flag_calibration import calibration_build, calibration_json, fit_calibration, main

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "flag_calibration"
LABELS = (
    Path(__file__).resolve().parents[3] / "credibility" / "quality" / "evaluation" / "labels" / "bbc_unverified.jsonl"
)
BBC = Path(__file__).resolve().parents[4] / "shared" / "data" / "external" / "bbc-news-sample.jsonl"


def test_fit_calibration_shrinks_bins_and_makes_them_rise():
    examples = [(0.1, True), (0.1, False), (0.3, False), (0.3, False), (0.6, True), (0.9, True), (0.9, False)]
    table = fit_calibration(examples, edges=(0.0, 0.25, 0.5, 0.75), prior_weight=2)
    overall = 3 / 7
    shrunk = [(1 + 2 * overall) / 4, (0 + 2 * overall) / 4, (1 + 2 * overall) / 3, (1 + 2 * overall) / 4]
    pooled = (shrunk[0] * 4 + shrunk[1] * 4) / 8  # the first two violate the order: pooled, weighted by flags
    assert [b["flags"] for b in table["bins"]] == [2, 2, 1, 2]
    assert [b["positives"] for b in table["bins"]] == [1, 0, 1, 1]
    assert [b["confidence"] for b in table["bins"]] == [
        round(pooled, 4),
        round(pooled, 4),
        round((shrunk[2] * 3 + shrunk[3] * 4) / 7, 4),
        round((shrunk[2] * 3 + shrunk[3] * 4) / 7, 4),
    ]
    assert (table["flags"], table["positives"]) == (7, 3)


def test_fit_calibration_merges_an_empty_bin_into_the_one_below():
    table = fit_calibration([(0.6, True), (0.9, False)], edges=(0.0, 0.25, 0.5, 0.75), prior_weight=0)
    assert [(b["low"], b["flags"]) for b in table["bins"]] == [(0.0, 1), (0.75, 1)]
    assert calibration_from_json(table).confidence(0.1) == table["bins"][0]["confidence"]


def test_calibration_script_reproduces_the_fixture_table(tmp_path):
    out = tmp_path / "calibration.json"
    main(
        ["--labels", str(FIXTURES / "labels.jsonl"), "--articles", str(FIXTURES / "articles.jsonl"), "--out", str(out)]
    )
    assert out.read_text(encoding="utf-8") == (FIXTURES / "expected.json").read_text(encoding="utf-8")
    table = json.loads(out.read_text(encoding="utf-8"))
    # fx-3 is labelled in the test split only: its flag never reaches the fit.
    assert table["articles"] == 2
    assert table["split"] == "dev"


def test_calibration_script_refuses_labels_without_a_dev_split(tmp_path):
    labels = tmp_path / "labels.jsonl"
    rows = [json.loads(line) for line in (FIXTURES / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    labels.write_text("".join(json.dumps(r) + "\n" for r in rows if r["split"] == "test"), encoding="utf-8")
    with pytest.raises(ValueError, match="no dev-split rows"):
        calibration_build(labels_path=labels, articles_path=FIXTURES / "articles.jsonl")


@pytest.mark.skipif(not BBC.is_file(), reason="the BBC sample is not on this machine")
def test_shipped_calibration_is_what_the_script_builds_from_the_dev_labels():
    built = calibration_json(calibration_build(labels_path=LABELS, articles_path=BBC))
    assert built == CALIBRATION_PATH.read_text(encoding="utf-8")
