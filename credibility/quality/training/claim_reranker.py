"""Train the claim re-rankers (``credibility/analysis/claims/reranker.json``) on claim-matching data.

    python -m credibility.quality.training.claim_reranker \\
        --train VCLAIMS.jsonl QUERIES.jsonl QRELS.tsv [--train ...] --output reranker.json

Each ``--train`` triple is one collection with its training queries (the CheckThat! *train*
splits only: the dev splits choose the configuration, the test splits are scored once). Every
query's candidates come from ``ClaimIndex.features``, exactly as at run time; a candidate is a
positive when the qrels list it. Two models are fitted, both pairwise L2-regularised logistic
regressions over standardised features (``fit``; scikit-learn, dev-only), exported as plain numbers:

1. the *sentence* model, without the document features, on every query;
2. the *document* model, with them: the queries of each document (``Query.document``) get the
   other sentences' best first-pass matches as more candidates and their document features from
   the sentence model's first pass (``ClaimIndex.document_rows``), as ``ClaimIndex.rank_document``
   does at run time; standalone queries keep their candidates and the features at 0.

Deterministic: the solver is lbfgs, rows keep file order, nothing is sampled. Queries none of
whose relevant fact-checks are among the candidates teach nothing about ordering and are left out
of the fit (they still vote in their document's first pass).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from credibility.analysis.claims import semantic
from credibility.analysis.claims.ranking import DOCUMENT_FEATURES, FEATURES, ClaimIndex, Reranker, Rerankers
from credibility.formats.claim_matching import (
    Query,
    group_documents,
    positions_of,
    read_factchecks,
    read_qrels,
    read_queries,
)

# Chosen on dev among 0.03-10 (MAP@5 moved by about one query either way; the stronger prior is safer).
C = 0.1

RERANKER_VERSION = "claim-reranker-v4-pairwise-document-pool"

SENTENCE_FEATURES = tuple(f for f in FEATURES if f not in DOCUMENT_FEATURES)

Rows = tuple[list[int], npt.NDArray[np.float64]]


@dataclass
class Collection:
    """One collection's index and its training queries' candidates, grouped by document."""

    index: ClaimIndex
    documents: list[list[Rows]]
    labels: list[list[npt.NDArray[np.int64]]]
    queries: list[list[Query]]
    relevant: dict[str, set[str]]

    def label(self, members: Sequence[Query], rows: Sequence[Rows]) -> list[npt.NDArray[np.int64]]:
        """Per query: 1 for each candidate the qrels list, else 0."""
        return [
            np.array(
                [self.index.factchecks[c].id in self.relevant.get(q.id, set()) for c in candidates], dtype=np.int64
            )
            for q, (candidates, _) in zip(members, rows, strict=True)
        ]

    def pool(self, first: Reranker) -> None:
        """Re-read every document as ``ClaimIndex.rank_document`` does, with ``first`` as the first pass."""
        for number, members in enumerate(self.queries):
            if members[0].document:
                rows = self.index.document_rows(
                    [q.text for q in members], when=members[0].date, first=first, positions=positions_of(members)
                )
                self.documents[number] = rows
                self.labels[number] = self.label(members, rows)

    def stacked(self) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Feature rows, labels and query numbers of the queries with a positive among their candidates."""
        rows, labels, groups = [], [], []
        number = 0
        for document, document_labels in zip(self.documents, self.labels, strict=True):
            for (_, matrix), label in zip(document, document_labels, strict=True):
                number += 1
                if label.any():
                    rows.append(matrix)
                    labels.append(label)
                    groups.append(np.full(len(label), number, dtype=np.int64))
        if not rows:
            return np.zeros((0, len(FEATURES))), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        return np.vstack(rows), np.concatenate(labels), np.concatenate(groups)


def collection(vclaims: Path, queries: Path, qrels: Path) -> Collection:
    index = ClaimIndex(read_factchecks(_lines(vclaims)), encode=semantic.encode)
    result = Collection(index, [], [], [], read_qrels(_lines(qrels)))
    for _, members in group_documents(read_queries(_lines(queries))):
        rows = [index.features(q.text, when=q.date) for q in members]
        result.documents.append(rows)
        result.labels.append(result.label(members, rows))
        result.queries.append(members)
    return result


def fit(
    matrix: npt.NDArray[np.float64],
    labels: npt.NDArray[np.int64],
    groups: npt.NDArray[np.int64],
    *,
    features: Sequence[str] = FEATURES,
) -> Reranker:
    """Pairwise logistic regression: within a query, every relevant candidate against every other one.

    Rows are differences of standardised feature vectors (each pair in both orders, so no
    intercept is needed and none is learned): the model learns what orders a query's candidates,
    not what makes a query easy.
    """
    from sklearn.linear_model import LogisticRegression

    columns = [FEATURES.index(f) for f in features]
    x = matrix[:, columns]
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    differences = []
    for group in np.unique(groups):
        rows = groups == group
        positive, negative = z[rows & (labels == 1)], z[rows & (labels == 0)]
        differences.append((positive[:, None, :] - negative[None, :, :]).reshape(-1, z.shape[1]))
    pairs = np.vstack(differences)
    model = LogisticRegression(C=C, max_iter=3000, solver="lbfgs", fit_intercept=False)
    model.fit(np.vstack([pairs, -pairs]), np.repeat([1, 0], len(pairs)))
    return Reranker(tuple(features), mean, scale, model.coef_[0].astype(np.float64), 0.0, RERANKER_VERSION)


def _fit_all(collections: Sequence[Collection], features: Sequence[str]) -> Reranker:
    parts = [c.stacked() for c in collections]
    offsets = np.cumsum([0] + [int(p[2].max()) + 1 if len(p[2]) else 0 for p in parts])
    groups = np.concatenate([p[2] + offset for p, offset in zip(parts, offsets, strict=False)])
    return fit(np.vstack([p[0] for p in parts]), np.concatenate([p[1] for p in parts]), groups, features=features)


def train(triples: Sequence[tuple[Path, Path, Path]]) -> Rerankers:
    collections = [collection(*t) for t in triples]
    sentence = _fit_all(collections, SENTENCE_FEATURES)
    for c in collections:
        c.pool(sentence)
    return Rerankers(sentence, _fit_all(collections, FEATURES))


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", nargs=3, action="append", metavar=("VCLAIMS", "QUERIES", "QRELS"), required=True)
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args(argv)
    model = train([tuple(Path(p) for p in triple) for triple in args.train])  # type: ignore[misc]
    args.output.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
