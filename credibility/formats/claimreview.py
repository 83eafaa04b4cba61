"""schema.org ClaimReview: parsing records into plain dicts and normalising their verdicts (reader),
and writing an article's confirmed contradicted claims as ClaimReview JSON-LD (writer).

Pure Python, no Django: the import service and any future format readers share it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from credibility.formats.records import ReadDocument, RecordError, record_read

VERDICTS = ("false", "mostly_false", "mixed", "mostly_true", "true", "unproven")

# Publisher labels seen in the wild, mapped onto the six-point scale (matched after case-folding).
_LABEL_VERDICTS: dict[str, str] = {
    "false": "false",
    "pants on fire": "false",
    "pants on fire!": "false",
    "pants-fire": "false",
    "fake": "false",
    "incorrect": "false",
    "wrong": "false",
    "fabricated": "false",
    "four pinocchios": "false",
    "no evidence": "false",
    "debunked": "false",
    "hoax": "false",
    "not true": "false",
    "barely-true": "mostly_false",
    "barely true": "mostly_false",
    "mostly false": "mostly_false",
    "mostly-false": "mostly_false",
    "misleading": "mostly_false",
    "three pinocchios": "mostly_false",
    "exaggerated": "mostly_false",
    "out of context": "mostly_false",
    "distorts the facts": "mostly_false",
    "half-true": "mixed",
    "half true": "mixed",
    "mixture": "mixed",
    "mixed": "mixed",
    "partly true": "mixed",
    "partly false": "mixed",
    "two pinocchios": "mixed",
    "cherry picks": "mixed",
    "mostly true": "mostly_true",
    "mostly-true": "mostly_true",
    "one pinocchio": "mostly_true",
    "largely accurate": "mostly_true",
    "true": "true",
    "correct": "true",
    "accurate": "true",
    "geppetto checkmark": "true",
    "verified": "true",
    "unproven": "unproven",
    "unverified": "unproven",
    "unsupported": "unproven",
    "not enough evidence": "unproven",
    "lacks context": "unproven",
    "research in progress": "unproven",
    "unsubstantiated": "unproven",
}


def normalize_label(label: str) -> str | None:
    """The verdict a publisher's label names, or None when the label is not known."""
    key = re.sub(r"\s+", " ", label.strip().casefold())
    if key in VERDICTS:
        return key
    for candidate in (key, key.replace("_", " "), key.strip(" .!"), key.strip(" .!").replace("-", " ")):
        verdict = _LABEL_VERDICTS.get(candidate)
        if verdict is not None:
            return verdict
    return None


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


# What a ClaimReview says about a fact-check, in the order of ``ParsedFactCheck`` (and of the CSV
# columns): the fields every reader fills, the registry stores and staff may edit.
CLAIM_REVIEW_FIELDS = (
    "identifier", "url", "claim_reviewed", "claimant", "claim_date", "publisher", "review_date",
    "rating_label", "rating_value", "best_rating", "worst_rating",
)  # fmt: skip


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
    """A rating number; non-finite ones (``"Infinity"``, ``NaN``, ``1e999``) come back as such and
    are refused by ``rating_problem`` (a record is skipped, never stored as ``inf``)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        try:
            return float(value)
        except OverflowError:
            return math.inf
    if isinstance(value, float):
        return value
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def rating_problem(value: float | None, best: float | None, worst: float | None) -> str | None:
    """Why these numbers cannot be stored, or None: each must be finite (JSON has no NaN or
    Infinity: one stored ``inf`` made every API page holding it a 500), and ``worst <= value <=
    best`` for the bounds that are given."""
    for name, number in (("ratingValue", value), ("bestRating", best), ("worstRating", worst)):
        if number is not None and not math.isfinite(number):
            return f"{name} {number!r} is not a finite number"
    if best is not None and worst is not None and worst > best:
        return f"worstRating {worst:g} is above bestRating {best:g}"
    if value is not None and best is not None and value > best:
        return f"ratingValue {value:g} is above bestRating {best:g}"
    if value is not None and worst is not None and value < worst:
        return f"ratingValue {value:g} is below worstRating {worst:g}"
    return None


# NUL (PostgreSQL text and jsonb refuse it) and lone surrogates (not encodable as UTF-8); the
# same rule as annotations.text.safety.text_problem, restated here to keep this module free of Django.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def parsed_from_fields(
    *,
    identifier: Any,
    url: Any,
    claim_reviewed: Any,
    claimant: str = "",
    claim_date: date | None = None,
    publisher: str = "",
    review_date: date | None = None,
    rating_label: str = "",
    rating_value: float | None = None,
    best_rating: float | None = None,
    worst_rating: float | None = None,
    raw: dict[str, Any] | None = None,
) -> ParsedFactCheck:
    """Validate one record's fields and give it a verdict: the label first, then the numeric rating.

    Every format reader ends here, so the rules (an http(s) url, an identifier or a url, a
    non-empty claim, unknown labels stored as ``unproven``) are the same for all of them.
    """
    try:  # the raw record is stored as JSON and served by the API: NaN and Infinity are not JSON
        record_text = json.dumps(raw or {}, ensure_ascii=False, allow_nan=False)
    except ValueError:
        raise RecordError("the record holds a non-finite number (NaN or Infinity)") from None
    problem = rating_problem(rating_value, best_rating, worst_rating)
    if problem:
        raise RecordError(problem)
    texts = {
        "identifier": identifier,
        "url": url,
        "claimReviewed": claim_reviewed,
        "claimant": claimant,
        "publisher": publisher,
        "rating": rating_label,
        "record": record_text,
    }
    for name, value in texts.items():
        if isinstance(value, str) and _UNSTORABLE.search(value):
            raise RecordError(f"{name}: NUL characters and lone surrogates cannot be stored")
    claim = str(claim_reviewed or "").strip()
    if not claim:
        raise RecordError("claimReviewed is missing")
    identifier = str(identifier).strip() if identifier not in (None, "") else None
    url = str(url or "").strip() or None
    if url and not re.match(r"^https?://", url):
        raise RecordError(f"url {url!r} is not an http(s) URL")
    if not identifier and not url:
        raise RecordError("a ClaimReview needs an identifier or a url")
    if identifier and len(identifier) > 300:
        raise RecordError("identifier is longer than 300 characters")
    if url and len(url) > 2000:
        raise RecordError("url is longer than 2000 characters")
    label = (rating_label or "").strip()[:200]
    verdict = normalize_label(label) if label else None
    if verdict is None and rating_value is not None:
        verdict = verdict_from_rating(
            rating_value,
            best_rating if best_rating is not None else 5.0,
            worst_rating if worst_rating is not None else 1.0,
        )
    return ParsedFactCheck(
        identifier=identifier,
        url=url,
        claim_reviewed=claim,
        claimant=(claimant or "").strip()[:300],
        claim_date=claim_date,
        publisher=(publisher or "").strip()[:300],
        review_date=review_date,
        rating_label=label,
        rating_value=rating_value,
        best_rating=best_rating,
        worst_rating=worst_rating,
        verdict=verdict or "unproven",
        label_known=verdict is not None,
        raw=raw if raw is not None else {},
    )


def parse_claim_review(record: Any) -> ParsedFactCheck:
    if not isinstance(record, dict):
        raise RecordError("a ClaimReview must be a JSON object")
    rating = record.get("reviewRating") or {}
    if isinstance(rating, list):
        rating = rating[0] if rating else {}
    if not isinstance(rating, dict):
        raise RecordError("reviewRating must be an object")
    item = record.get("itemReviewed") or {}
    if isinstance(item, list):
        item = item[0] if item else {}
    if not isinstance(item, dict):
        item = {}
    return parsed_from_fields(
        identifier=record.get("identifier"),
        url=record.get("url"),
        claim_reviewed=record.get("claimReviewed"),
        claimant=_name(item.get("author")),
        claim_date=_date(item.get("datePublished")),
        publisher=_name(record.get("author")) or _name(record.get("publisher")),
        review_date=_date(record.get("datePublished")),
        rating_label=str(rating.get("alternateName") or rating.get("name") or ""),
        rating_value=_number(rating.get("ratingValue")),
        best_rating=_number(rating.get("bestRating")),
        worst_rating=_number(rating.get("worstRating")),
        raw=record,
    )


def _is_type(node: Any, name: str) -> bool:
    kind = node.get("@type") if isinstance(node, dict) else None
    return kind == name or (isinstance(kind, list) and name in kind)


def iter_claim_reviews(document: Any) -> Iterator[Any]:
    """Yield ClaimReview records from a JSON list, a single object, or a schema.org DataFeed."""
    if isinstance(document, list):
        yield from document
    elif isinstance(document, dict) and "@graph" in document and not _is_type(document, "ClaimReview"):
        graph = document["@graph"]
        for node in graph if isinstance(graph, list) else [graph]:
            if isinstance(node, dict) and (_is_type(node, "DataFeed") or "@graph" in node):
                yield from iter_claim_reviews(node)
            else:
                yield node
    elif isinstance(document, dict) and _is_type(document, "DataFeed"):
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


# schema.org ClaimReview JSON-LD for an article's contradicted claims that reviewers confirmed.
#
# Only ``status == "confirmed"`` counts: an open flag is a machine's suspicion, a dismissed one was
# wrong, and a resolved one has been corrected in the article (its claim no longer appears there).
# Each record is importable by the reader above (it has an ``identifier`` and a ``url``).

SCHEMA_CONTEXT = "https://schema.org"
ORGANIZATION_KINDS = frozenset({"organization", "outlet", "government_body"})


def is_confirmed_contradiction(item: Mapping[str, Any]) -> bool:
    return item.get("kind") == "contradicted_claim" and item.get("status") == "confirmed"


def _rating(evidence: Mapping[str, Any] | None, factcheck: Mapping[str, Any] | None) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating"}
    if factcheck:
        rating["alternateName"] = factcheck.get("rating_label") or factcheck.get("verdict") or "False"
        for ours, theirs in (
            ("rating_value", "ratingValue"),
            ("best_rating", "bestRating"),
            ("worst_rating", "worstRating"),
        ):
            if factcheck.get(ours) is not None:
                rating[theirs] = factcheck[ours]
    elif evidence and evidence.get("annotation") is not None:
        rating["alternateName"] = "Contradicted by another article"
    else:
        rating["alternateName"] = "Contradicted"
    return rating


def claim_review(
    item: Mapping[str, Any],
    *,
    article: Mapping[str, Any],
    review_url: str,
    publisher: str,
    factcheck: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One ClaimReview. ``factcheck`` is the evidence fact-check's full row (rating numbers), when there is one."""
    evidence = item.get("evidence")
    claim: dict[str, Any] = {
        "@type": "Claim",
        "appearance": {"@type": "CreativeWork", "headline": article.get("title")},
    }
    if article.get("url"):
        claim["appearance"]["url"] = article["url"]
    if article.get("published_at"):
        claim["datePublished"] = str(article["published_at"])[:10]
    source = item.get("source")
    if source:
        claim["author"] = {
            "@type": "Organization" if source.get("kind") in ORGANIZATION_KINDS else "Person",
            "name": source.get("name"),
        }
    record: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "ClaimReview",
        "identifier": f"annotation-{item['id']}",
        "url": review_url,
        "claimReviewed": item["quote"],
        "author": {"@type": "Organization", "name": publisher},
        "reviewRating": _rating(evidence, factcheck),
        "itemReviewed": claim,
    }
    if item.get("reviewed_at"):
        record["datePublished"] = str(item["reviewed_at"])[:10]
    body = item.get("review_note") or item.get("explanation") or item.get("comment")
    if body:
        record["reviewBody"] = body
    if evidence and evidence.get("url"):
        record["isBasedOn"] = evidence["url"]
    return record


def claim_reviews(
    items: Sequence[Mapping[str, Any]],
    *,
    article: Mapping[str, Any],
    review_url_base: str,
    publisher: str,
    factchecks: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """ClaimReviews for the confirmed contradicted claims among ``items``.

    ``factchecks`` maps an evidence identifier or url to the fact-check's row (for rating numbers).
    """
    factchecks = factchecks or {}
    out = []
    for item in items:
        if not is_confirmed_contradiction(item):
            continue
        evidence = item.get("evidence") or {}
        factcheck = factchecks.get(evidence.get("identifier") or "") or factchecks.get(evidence.get("url") or "")
        out.append(
            claim_review(
                item,
                article=article,
                review_url=f"{review_url_base}{item['id']}/",
                publisher=publisher,
                factcheck=factcheck,
            )
        )
    return out


def read_claimreview_json(document: Any, *, require_feed: bool = False) -> ReadDocument:
    """Records of an already-decoded JSON document (the API hands its parsed body straight here)."""
    if require_feed and not (isinstance(document, dict) and document.get("@type") == "DataFeed"):
        raise RecordError('expected a schema.org DataFeed ("@type": "DataFeed")')
    records = [
        record_read(n, parse_claim_review, record) for n, record in enumerate(iter_claim_reviews(document), start=1)
    ]
    return ReadDocument(format="datafeed" if require_feed else "claimreview", position_unit="record", records=records)


def decode_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecordError(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
