"""Attributions on real news, scored against hand labels of every attribution in an article.

Pure: the caller runs the pipeline and passes, per article, its sentence spans, the
``source_attribution`` findings as ``(start, end, source name)`` and the labels
(``LabelledAttribution``: the cue's offsets, the canonical speaker and its kind). As in the gold
scorer, a finding answers a label when it lies in the label's sentence; each finding answers at
most one label.

- **recall**: labels answered by some finding;
- **source accuracy**: of the answered labels, those whose finding names the labelled speaker
  (case-folded, titles dropped, one name containing the other, or a person's surname alone;
  any source counts for a vague speaker whose words it shares or when it is vague too);
- **precision**: findings that answer a label.

Each figure comes as a ``Proportion`` (counts and a 95% Wilson interval).

The labelled articles are split by article, never by attribution, so that no article is tuned
on and tested at once: ``attribution_split`` puts an article in ``dev`` when the SHA-256 of
``SPLIT_SEED + ":" + article id``, read as an integer, falls below ``DEV_SHARE`` percent, else in
``test``. The hash is stable across runs, machines and Python versions, and adding labels for a
new article never moves an old one. Tune on ``dev``; score ``test`` once, at the end of a piece of
work, and report it as such.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from credibility.quality.evaluation.unverified_eval import Proportion

SPLIT_SEED = "attribution-split"
DEV_SHARE = 40  # percent of articles; with the 29 labelled articles: 12 dev (128 labels), 17 test (116)
SPLITS = ("dev", "test", "all")
SPEAKER_KINDS = frozenset({"person", "organization", "government_body", "outlet", "document", "vague"})
_TITLES = frozenset(
    "mr mrs ms miss dr prof professor sir lord lady dame rev president senator minister chancellor "
    "secretary judge justice the".split()
)


@dataclass(frozen=True, slots=True)
class LabelledAttribution:
    article: str
    start: int
    end: int
    speaker: str
    speaker_kind: str


@dataclass(frozen=True, slots=True)
class FoundAttribution:
    start: int
    end: int
    name: str
    kind: str


def attribution_split(article: str) -> str:
    """``dev`` or ``test`` for an article id: a seeded, stable hash (see the module docstring)."""
    digest = hashlib.sha256(f"{SPLIT_SEED}:{article}".encode()).hexdigest()
    return "dev" if int(digest, 16) % 100 < DEV_SHARE else "test"


def in_split(label: LabelledAttribution, split: str) -> bool:
    """Whether a label belongs to ``split`` (``dev``, ``test`` or ``all``)."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    return split == "all" or attribution_split(label.article) == split


def labelled_attribution(row: Mapping[str, object]) -> LabelledAttribution:
    """One label row, checked: a bad row raises ``ValueError`` naming the field."""
    start, end, kind = row.get("start"), row.get("end"), row.get("speaker_kind")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
        raise ValueError("start and end must be integers with 0 <= start < end")
    if kind not in SPEAKER_KINDS:
        raise ValueError(f"speaker_kind must be one of {sorted(SPEAKER_KINDS)}, got {kind!r}")
    speaker = row.get("speaker")
    if not isinstance(speaker, str) or not speaker.strip():
        raise ValueError("speaker must be a non-empty string")
    return LabelledAttribution(str(row.get("article")), start, end, speaker, str(kind))


def _name_words(name: str) -> list[str]:
    name = re.sub(r"['\u2019]s\b", "", name.casefold())
    return [w for w in re.findall(r"[\w-]+", name) if w not in _TITLES]


def same_speaker(found: FoundAttribution, label: LabelledAttribution) -> bool:
    predicted, gold = _name_words(found.name), _name_words(label.speaker)
    if label.speaker_kind == "vague" and (found.kind == "vague" or set(predicted) & set(gold)):
        return True
    if not predicted or not gold:
        return False
    joined_p, joined_g = " ".join(predicted), " ".join(gold)
    if joined_p == joined_g or joined_p in joined_g or joined_g in joined_p:
        return True
    return label.speaker_kind == "person" and predicted[-1] == gold[-1]


@dataclass(frozen=True, slots=True)
class AttributionFigures:
    recall: Proportion
    source_accuracy: Proportion
    precision: Proportion


def _sentence_of(sentences: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    for s, e in sentences:
        if s < end and start < e:
            return (s, e)
    return (start, end)


def score_attributions(
    articles: Mapping[str, tuple[Sequence[tuple[int, int]], Sequence[FoundAttribution]]],
    labels: Sequence[LabelledAttribution],
) -> AttributionFigures:
    """``articles`` maps an article id to (its sentence spans, its attribution findings)."""
    by_article: dict[str, list[LabelledAttribution]] = {}
    for label in labels:
        by_article.setdefault(label.article, []).append(label)
    answered = right = findings = used_total = 0
    for article, article_labels in by_article.items():
        sentences, found = articles.get(article, ((), ()))
        findings += len(found)
        used: set[int] = set()
        for label in sorted(article_labels, key=lambda lab: lab.start):
            zone = _sentence_of(sentences, label.start, label.end)
            candidates = [i for i, f in enumerate(found) if i not in used and f.start < zone[1] and zone[0] < f.end]
            if not candidates:
                continue
            best = next((i for i in candidates if same_speaker(found[i], label)), candidates[0])
            used.add(best)
            answered += 1
            right += same_speaker(found[best], label)
        used_total += len(used)
    return AttributionFigures(
        recall=Proportion(answered, len(labels)),
        source_accuracy=Proportion(right, answered),
        precision=Proportion(used_total, findings),
    )
