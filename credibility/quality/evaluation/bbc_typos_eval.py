"""Typo findings on real news, scored against hand labels of the real typos in the BBC sample.

Pure: the caller runs the pipeline and passes the article texts, the label rows of
``labels/bbc_typos.jsonl`` (see ``labels/TYPO_GUIDE.md``) and, per article, the typo findings as
``(start, end, suggestion)`` in code-point offsets. A finding **answers** a label when their spans
overlap; labels and findings are matched by overlap only, so a finding that marks one word of a
two-word label (``"of the of the"``) still counts.

- **found**: labels answered by some finding; **missed**: the others;
- **false flags**: findings that overlap no label, with the text they cover. The labels mark every
  real typo found in all 300 articles, so a false flag is a flag on correct text (or on a typo the
  labellers missed: read the quote before counting it against the detector);
- **suggestion accuracy**: of the found labels, those for which some answering finding's suggestion
  gives the labelled correction. Both edits are applied to the text covered by the label and the
  finding together and the results compared with runs of whitespace collapsed, so a finding that
  deletes only ``"we"`` from ``"he we"`` agrees with the label's ``"he we" -> "he"``.

Findings on articles missing from ``articles`` are ignored: ``articles`` is the labelled scope.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from credibility.quality.evaluation.typo_eval import real_typo_split
from credibility.quality.evaluation.unverified_eval import Proportion

LABELS_FILE = "bbc_typos.jsonl"
# The labels came without a split; this seeded one (by article) was made when rules were first
# chosen by reading real-word slips: "dev" articles may be read, "test" ones only scored.
SPLIT_SEED = "bbc-typos-split-v1"
TYPO_KINDS = frozenset({"non_word", "real_word", "spacing", "name"})
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class TypoLabel:
    article: str
    start: int
    end: int
    quote: str
    correction: str
    kind: str


@dataclass(frozen=True, slots=True)
class TypoFlag:
    article: str
    start: int
    end: int
    quote: str
    suggestion: str | None


@dataclass(frozen=True, slots=True)
class FoundTypo:
    label: TypoLabel
    flag: TypoFlag
    suggestion_right: bool


@dataclass(frozen=True, slots=True)
class BbcTypoFigures:
    found: tuple[FoundTypo, ...]
    missed: tuple[TypoLabel, ...]
    false_flags: tuple[TypoFlag, ...]
    recall: Proportion
    precision: Proportion
    suggestion_accuracy: Proportion
    recall_by_kind: Mapping[str, Proportion]


def bbc_typo_split(article: str, seed: str = SPLIT_SEED) -> str:
    """ "dev" when the first byte of SHA-256 of ``seed:article`` is even, else "test" (143/157 of 300):
    the real typo set's rule (``real_typo_split``) with this set's own seed."""
    return real_typo_split(article, seed)


def typo_label(row: Mapping[str, object], text: str) -> TypoLabel:
    """One label row, checked against its article's text: a bad row raises ``ValueError``."""
    start, end, kind = row.get("start"), row.get("end"), row.get("kind")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise ValueError(f"start and end must be integers with 0 <= start < end <= {len(text)}")
    if kind not in TYPO_KINDS:
        raise ValueError(f"kind must be one of {sorted(TYPO_KINDS)}, got {kind!r}")
    quote, correction = row.get("quote"), row.get("correction")
    if not isinstance(quote, str) or quote != text[start:end]:
        raise ValueError(f"quote {quote!r} is not the text at {start}:{end} ({text[start:end]!r})")
    if not isinstance(correction, str) or correction == quote:
        raise ValueError("correction must be a string that differs from the quote")
    return TypoLabel(str(row.get("article")), start, end, quote, correction, str(kind))


def _edited(text: str, lo: int, hi: int, start: int, end: int, replacement: str) -> str:
    return _SPACE.sub(" ", text[lo:start] + replacement + text[end:hi]).strip()


def _suggestion_right(text: str, label: TypoLabel, flag: TypoFlag) -> bool:
    if flag.suggestion is None:
        return False
    lo, hi = min(label.start, flag.start), max(label.end, flag.end)
    wanted = _edited(text, lo, hi, label.start, label.end, label.correction)
    return _edited(text, lo, hi, flag.start, flag.end, flag.suggestion) == wanted


def bbc_typo_figures(
    articles: Mapping[str, str],
    labels: Sequence[Mapping[str, object]],
    findings: Mapping[str, Sequence[tuple[int, int, str | None]]],
) -> BbcTypoFigures:
    """Score ``findings`` (per article: ``(start, end, suggestion)``) against the label rows."""
    by_article: dict[str, list[TypoLabel]] = {}
    for row in labels:
        article = str(row.get("article"))
        if article not in articles:
            raise ValueError(f"label for unknown article {article!r}")
        by_article.setdefault(article, []).append(typo_label(row, articles[article]))
    found: list[FoundTypo] = []
    missed: list[TypoLabel] = []
    false_flags: list[TypoFlag] = []
    flags_total = 0
    for article, text in articles.items():
        article_labels = sorted(by_article.get(article, ()), key=lambda lab: lab.start)
        flags = [
            TypoFlag(article, start, end, text[start:end], suggestion)
            for start, end, suggestion in sorted(findings.get(article, ()), key=lambda f: (f[0], f[1]))
        ]
        flags_total += len(flags)
        answering: set[int] = set()
        for label in article_labels:
            hits = [i for i, f in enumerate(flags) if f.start < label.end and label.start < f.end]
            answering.update(hits)
            if not hits:
                missed.append(label)
                continue
            right = [i for i in hits if _suggestion_right(text, label, flags[i])]
            best = right[0] if right else hits[0]
            found.append(FoundTypo(label, flags[best], bool(right)))
        false_flags.extend(f for i, f in enumerate(flags) if i not in answering)
    total = len(found) + len(missed)
    by_kind: dict[str, Proportion] = {}
    for kind in sorted(TYPO_KINDS):
        kind_found = sum(1 for f in found if f.label.kind == kind)
        by_kind[kind] = Proportion(kind_found, kind_found + sum(1 for m in missed if m.kind == kind))
    return BbcTypoFigures(
        found=tuple(found),
        missed=tuple(missed),
        false_flags=tuple(false_flags),
        recall=Proportion(len(found), total),
        precision=Proportion(flags_total - len(false_flags), flags_total),
        suggestion_accuracy=Proportion(sum(1 for f in found if f.suggestion_right), len(found)),
        recall_by_kind=by_kind,
    )
