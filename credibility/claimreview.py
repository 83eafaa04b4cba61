"""Parsing schema.org ClaimReview records into plain dicts, and normalising their verdicts.

Pure Python, no Django: the import service and any future format readers share it.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

VERDICTS = ("false", "mostly_false", "mixed", "mostly_true", "true", "unproven")

# Publisher labels seen in the wild, mapped onto the six-point scale (matched after case-folding).
_LABEL_VERDICTS: dict[str, str] = {
    "false": "false", "pants on fire": "false", "pants on fire!": "false", "fake": "false",
    "incorrect": "false", "wrong": "false", "fabricated": "false", "four pinocchios": "false",
    "no evidence": "false", "debunked": "false", "hoax": "false", "not true": "false",
    "barely-true": "mostly_false", "barely true": "mostly_false", "mostly false": "mostly_false",
    "mostly-false": "mostly_false", "misleading": "mostly_false", "three pinocchios": "mostly_false",
    "exaggerated": "mostly_false", "out of context": "mostly_false", "distorts the facts": "mostly_false",
    "half-true": "mixed", "half true": "mixed", "mixture": "mixed", "mixed": "mixed",
    "partly true": "mixed", "partly false": "mixed", "two pinocchios": "mixed", "cherry picks": "mixed",
    "mostly true": "mostly_true", "mostly-true": "mostly_true", "one pinocchio": "mostly_true",
    "largely accurate": "mostly_true",
    "true": "true", "correct": "true", "accurate": "true", "geppetto checkmark": "true", "verified": "true",
    "unproven": "unproven", "unverified": "unproven", "unsupported": "unproven", "not enough evidence": "unproven",
    "lacks context": "unproven", "research in progress": "unproven", "unsubstantiated": "unproven",
}


def normalize_label(label: str) -> str | None:
    key = re.sub(r"\s+", " ", label.strip().casefold())
    if key in VERDICTS:
        return key
    return _LABEL_VERDICTS.get(key) or _LABEL_VERDICTS.get(key.replace("_", " "))


def verdict_from_rating(value: float, best: float, worst: float) -> str | None:
    """Place a numeric rating on the five graded verdicts by its position between worst and best."""
    if best == worst:
        return None
    position = (value - worst) / (best - worst)
    if not 0.0 <= position <= 1.0:
        return None
    for upper, verdict in ((0.125, "false"), (0.375, "mostly_false"), (0.625, "mixed"), (0.875, "mostly_true")):
        if position < upper:
            return verdict
    return "true"


@dataclass(slots=True)
class ParsedFactCheck:
    identifier: str | None
    url: str | None
    claim_reviewed: str
    claimant: str
    claim_date: date | None
    publisher: str
    review_date: date | None
    rating_label: str
    rating_value: float | None
    best_rating: float | None
    worst_rating: float | None
    verdict: str
    label_known: bool
    raw: dict[str, Any] = field(default_factory=dict)


class RecordError(ValueError):
    """A record that cannot be imported; the message says why."""


def _name(node: Any) -> str:
    if isinstance(node, dict):
        return str(node.get("name") or "").strip()
    if isinstance(node, list) and node:
        return _name(node[0])
    return str(node or "").strip() if isinstance(node, str) else ""


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def parse_claim_review(record: Any) -> ParsedFactCheck:
    if not isinstance(record, dict):
        raise RecordError("a ClaimReview must be a JSON object")
    claim = str(record.get("claimReviewed") or "").strip()
    if not claim:
        raise RecordError("claimReviewed is missing")
    identifier = record.get("identifier")
    identifier = str(identifier).strip() if identifier not in (None, "") else None
    url = str(record.get("url") or "").strip() or None
    if url and not re.match(r"^https?://", url):
        raise RecordError(f"url {url!r} is not an http(s) URL")
    if not identifier and not url:
        raise RecordError("a ClaimReview needs an identifier or a url")
    rating = record.get("reviewRating") or {}
    if isinstance(rating, list):
        rating = rating[0] if rating else {}
    if not isinstance(rating, dict):
        raise RecordError("reviewRating must be an object")
    label = str(rating.get("alternateName") or rating.get("name") or "").strip()
    value, best, worst = (_number(rating.get(k)) for k in ("ratingValue", "bestRating", "worstRating"))
    verdict = normalize_label(label) if label else None
    if verdict is None and value is not None:
        verdict = verdict_from_rating(value, best if best is not None else 5.0, worst if worst is not None else 1.0)
    item = record.get("itemReviewed") or {}
    if not isinstance(item, dict):
        item = {}
    return ParsedFactCheck(
        identifier=identifier,
        url=url,
        claim_reviewed=claim,
        claimant=_name(item.get("author")),
        claim_date=_date(item.get("datePublished")),
        publisher=_name(record.get("author")) or _name(record.get("publisher")),
        review_date=_date(record.get("datePublished")),
        rating_label=label,
        rating_value=value,
        best_rating=best,
        worst_rating=worst,
        verdict=verdict or "unproven",
        label_known=verdict is not None,
        raw=record,
    )


def iter_claim_reviews(document: Any) -> Iterator[Any]:
    """Yield ClaimReview records from a JSON list, a single object, or a schema.org DataFeed."""
    if isinstance(document, list):
        yield from document
    elif isinstance(document, dict) and document.get("@type") == "DataFeed":
        for element in document.get("dataFeedElement") or []:
            if isinstance(element, dict) and element.get("@type") == "DataFeedItem" and "item" in element:
                items = element["item"]
                yield from (items if isinstance(items, list) else [items])
            else:
                yield element
    elif isinstance(document, dict):
        yield document
    else:
        raise RecordError("expected a JSON list of ClaimReviews or a schema.org DataFeed")


def load_claim_reviews(text: str) -> list[Any]:
    try:
        return list(iter_claim_reviews(json.loads(text)))
    except json.JSONDecodeError as exc:
        raise RecordError(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
