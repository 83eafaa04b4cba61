"""The re-ranker training script: deterministic, and its output is what ranking loads."""

from __future__ import annotations

import json
from pathlib import Path

from credibility.analysis.claims import semantic
from credibility.analysis.claims.ranking import FEATURES, ClaimIndex, load_reranker
from credibility.formats.claim_matching import read_factchecks
from credibility.quality.training import claim_reranker
from tests import paths

DATA = paths.FIXTURES / "claim_matching"
TRIPLE = [str(DATA / "vclaims.jsonl"), str(DATA / "queries-train.jsonl"), str(DATA / "qrels-train.tsv")]
DEBATES = [str(DATA / "vclaims_speakers.jsonl"), str(DATA / "queries-debate.jsonl"), str(DATA / "qrels-debate.tsv")]


def test_training_reproduces_the_same_model(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    claim_reranker.main(["--train", *TRIPLE, "--train", *DEBATES, "--output", str(first)])
    claim_reranker.main(["--train", *TRIPLE, "--train", *TRIPLE, "--output", str(second)])
    claim_reranker.main(["--train", *TRIPLE, "--train", *DEBATES, "--output", str(second)])
    assert first.read_bytes() == second.read_bytes()
    model = json.loads(first.read_text(encoding="utf-8"))
    assert model["sentence"]["features"] == list(claim_reranker.SENTENCE_FEATURES)
    assert model["document"]["features"] == list(FEATURES)
    assert model["sentence"]["version"] == model["document"]["version"] == claim_reranker.RERANKER_VERSION
    # the debates' documents gave the document model something to learn from
    claimant = FEATURES.index("claimant_doc")
    assert model["document"]["scale"][claimant] != 1.0


def test_trained_model_ranks_its_training_pairs_first(tmp_path: Path) -> None:
    output = tmp_path / "model.json"
    claim_reranker.main(["--train", *TRIPLE, "--output", str(output)])
    index = ClaimIndex(
        read_factchecks((DATA / "vclaims.jsonl").read_text(encoding="utf-8").splitlines()),
        encode=semantic.encode,
        reranker=load_reranker(output),
    )
    assert (
        index.rank("Hackers stole complete card numbers for roughly four million shoppers.", top=1)[0].id == "fc-cards"
    )
