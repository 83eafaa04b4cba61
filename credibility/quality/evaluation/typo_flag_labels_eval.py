"""Precision of typo flags on real news whose flags, not every typo, were labelled one by one.

Pure: the caller runs the pipeline and passes, per article, the typo findings as ``(start, end)``
in code-point offsets, and the label rows of ``labels/polnear_typo_flags.jsonl``: ``article``,
``start``, ``end``, ``quote``, ``typo`` (``yes``, ``no`` or ``unsure``) and a ``note``. A flag is
labelled by the row with the same article whose span overlaps it. The rows label the flags that
some version of the detector raised, so a new flag may have no label: it is reported as
unlabelled, never counted as right or wrong.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from credibility.quality.evaluation.unverified_eval import Proportion

LABELS_FILE = "polnear_typo_flags.jsonl"
VERDICTS = frozenset({"yes", "no", "unsure"})


@dataclass(frozen=True, slots=True)
class FlagPrecision:
    flags: int
    strict: Proportion  # real typos among the labelled flags ("unsure" counts against)
    lenient: Proportion  # "unsure" counted as real
    unlabelled: tuple[tuple[str, str], ...]  # (article, quote) of flags no row labels
    wrong: tuple[tuple[str, str, str], ...]  # (article, quote, note) of flags labelled "no"


def flag_precision(
    texts: Mapping[str, str],
    labels: Sequence[Mapping[str, object]],
    findings: Mapping[str, Sequence[tuple[int, int]]],
) -> FlagPrecision:
    """Score the ``findings`` (per article) against the label rows; a bad row raises ``ValueError``."""
    by_article: dict[str, list[tuple[int, int, str, str]]] = {}
    for row in labels:
        article, start, end, verdict = str(row.get("article")), row.get("start"), row.get("end"), row.get("typo")
        text = texts.get(article)
        if text is None:
            continue  # an article outside the scored scope
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise ValueError(f"{article}: start and end must be offsets into the article")
        if row.get("quote") != text[start:end]:
            raise ValueError(f"{article}: quote {row.get('quote')!r} is not the text at {start}:{end}")
        if verdict not in VERDICTS:
            raise ValueError(f"{article}: typo must be one of {sorted(VERDICTS)}, got {verdict!r}")
        by_article.setdefault(article, []).append((start, end, str(verdict), str(row.get("note", ""))))
    flags = real = unsure = labelled = 0
    unlabelled: list[tuple[str, str]] = []
    wrong: list[tuple[str, str, str]] = []
    for article, spans in findings.items():
        text = texts[article]
        for start, end in spans:
            flags += 1
            match = next((r for r in by_article.get(article, ()) if r[0] < end and start < r[1]), None)
            if match is None:
                unlabelled.append((article, text[start:end]))
                continue
            labelled += 1
            real += match[2] == "yes"
            unsure += match[2] == "unsure"
            if match[2] == "no":
                wrong.append((article, text[start:end], match[3]))
    return FlagPrecision(
        flags=flags,
        strict=Proportion(real, labelled),
        lenient=Proportion(real + unsure, labelled),
        unlabelled=tuple(unlabelled),
        wrong=tuple(wrong),
    )
