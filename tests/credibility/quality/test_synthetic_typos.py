"""Synthetic typing slips: where they are typed, what they look like, how they are scored, and the command."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from credibility.analysis.lexicons import english as lexicon
from credibility.quality.evaluation.synthetic_typos import (
    SLIP_KINDS,
    slip_sites,
    synthetic_slip_figures,
    typing_slip,
)

ARTICLE = (
    "Members of the Regional Transport Authority met on Thursday to discuss the budget. "
    "Several councillors wanted the meeting moved to March. "
    "Officials said the report would be published within weeks, and councillor Okafor agreed. "
    "The chair, councillor Okafor, closed the meeting, and members left for their homes."
)


def test_a_typing_slip_keeps_the_first_letter_and_is_unseen_on_the_web() -> None:
    rng = random.Random(3)
    for word in ("transport", "meeting", "Thursday", "published", "councillors"):
        slip = typing_slip(word, rng)
        assert slip is not None
        assert slip != word and slip[0] == word[0]
        assert abs(len(slip) - len(word)) <= 1
        assert lexicon.zipf(slip.lower()) == 0.0


def test_slip_sites_pick_the_words_of_each_kind() -> None:
    def words(kind: str) -> set[str]:
        return {match.group() for match in slip_sites(ARTICLE, kind)}

    assert {"Thursday", "March"} == words("weekday or month")
    assert {"Several", "Officials"} <= words("sentence opener")
    assert "Members" not in words("inside a run of capitals")  # it opens the text
    assert {"Transport", "Authority"} <= words("inside a run of capitals")
    assert {"meeting", "budget", "report"} <= words("lower-case")
    later = [match.start() for match in slip_sites(ARTICLE, "a name used again")]
    assert later == [ARTICLE.rindex("Okafor")]  # the later mention only
    assert not words("lower-case") & words("weekday or month")
    assert words("real-word swap") == {"their"}  # a word of a classic confusion

    with pytest.raises(ValueError, match="unknown slip kind"):
        slip_sites(ARTICLE, "emoji")


def test_figures_count_found_slips_and_right_suggestions() -> None:
    def finds_everything(text: str) -> list[tuple[int, int, str | None]]:
        return [(0, len(text), None)]

    def finds_nothing(text: str) -> list[tuple[int, int, str | None]]:
        return []

    everything = synthetic_slip_figures([ARTICLE] * 3, finds_everything, seed=1)
    nothing = synthetic_slip_figures([ARTICLE] * 3, finds_nothing, seed=1)
    for kind in SLIP_KINDS:
        assert everything.groups[kind].cases == 3 == nothing.groups[kind].cases
        assert everything.groups[kind].recall == 1.0
        assert everything.groups[kind].suggestion_accuracy == 0.0  # no suggestion given
        assert nothing.groups[kind].recall == 0.0
        assert len(nothing.missed[kind]) == 3
    # A real-word swap types the word's twin: "their" becomes "there".
    assert nothing.missed["real-word swap"][0].startswith("there -> their ::")
    # Seeded: the same seed makes the same cases.
    assert synthetic_slip_figures([ARTICLE] * 3, finds_nothing, seed=1).missed == nothing.missed


def test_the_command_prints_every_kind_and_refuses_a_bad_line(tmp_path: Path) -> None:
    articles = tmp_path / "articles.jsonl"
    articles.write_text("\n".join(json.dumps({"id": str(i), "text": ARTICLE}) for i in range(4)), encoding="utf-8")
    out = io.StringIO()
    call_command("synthetic_typos", str(articles), "--seed", "2", stdout=out)
    printed = out.getvalue()
    for kind in SLIP_KINDS:
        assert f"  {kind}" in printed
    assert "cases=4" in printed
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"text": "fine"}\n{"id": 2}\n', encoding="utf-8")
    with pytest.raises(CommandError, match="line 2"):
        call_command("synthetic_typos", str(broken))
