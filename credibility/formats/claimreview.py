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
    language: str | None = None  # a BCP 47 tag (``inLanguage``); None when the record gives none


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


# A BCP 47 language tag as fact-checkers write it ("en", "pt-BR", "zh-Hant-TW"); at most 16
# characters, the width of the stored column.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}")


def language_tag(value: Any) -> str | None:
    """The language tag of an ``inLanguage`` value: a tag, or a schema.org ``Language`` object
    (its ``alternateName``, else a ``name`` that is itself a tag). None for anything else, so a
    name such as "English" is never stored where a tag belongs."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        candidates = [value.get("alternateName"), value.get("name"), value.get("@value")]
    else:
        candidates = [value]
    for candidate in candidates:
        if isinstance(candidate, str) and len(candidate.strip()) <= 16 and _LANGUAGE_TAG.fullmatch(candidate.strip()):
            return candidate.strip()
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
    language: Any = None,
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
        language=language_tag(language),
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
        language=record.get("inLanguage") or item.get("inLanguage"),
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
            # A DataFeedItem wraps its ClaimReview in ``item``; feeds in the wild often leave out the
            # element's ``@type``, so any element with an ``item`` (and not itself a ClaimReview) is one.
            if isinstance(element, dict) and "item" in element and not _is_type(element, "ClaimReview"):
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
# Each record is importable by the reader above (it has an ``identifier`` and a ``url``), and its
# ``url`` is the review's public page (``claim_page_url``), which search engines can fetch.

SCHEMA_CONTEXT = "https://schema.org"
# A named document ("the Marlow Report") is nobody's person: its author is an organisation.
ORGANIZATION_KINDS = frozenset({"organization", "outlet", "government_body", "document"})


def claim_page_url(base: str, annotation_id: int) -> str:
    """The public page of one reviewed claim: ``<base>/claims/<annotation id>/``."""
    return f"{base.rstrip('/')}/claims/{annotation_id}/"


# Paths under one of our own bases that name one of our reviews: the public page, and the API
# address that exports before the public page used as ``url``.
_OWN_REVIEW_PATH = re.compile(r"/(?:claims|api/v1/annotations)/(\d+)/?")


def own_review_annotation_id(url: str | None, *, bases: Sequence[str]) -> int | None:
    """The annotation a ClaimReview's ``url`` names when it is one of our own exported reviews
    (the url lies under one of ``bases``, our public base URLs), else None."""
    if not url:
        return None
    address = url.split("#", 1)[0].split("?", 1)[0]
    for base in bases:
        prefix = base.rstrip("/")
        if prefix and address.casefold().startswith(prefix.casefold() + "/"):
            match = _OWN_REVIEW_PATH.fullmatch(address[len(prefix) :])
            if match:
                return int(match.group(1))
    return None


def is_confirmed_contradiction(item: Mapping[str, Any]) -> bool:
    return item.get("kind") == "contradicted_claim" and item.get("status") == "confirmed"


def empty_export_reason(items: Sequence[Mapping[str, Any]]) -> str:
    """Why an article's ClaimReview export holds no review: what its contradicted claims are instead."""
    counts: dict[str, int] = {}
    for item in items:
        if item.get("kind") == "contradicted_claim":
            counts[str(item.get("status"))] = counts.get(str(item.get("status")), 0) + 1
    if not counts:
        return "No confirmed contradicted claims: the article has no contradicted claims."
    listed = ", ".join(f"{number} {status}" for status, number in sorted(counts.items()))
    return f"No confirmed contradicted claims: its contradicted claims are {listed}; only confirmed ones are exported."


# What is left around a cut-out attribution: separators, and the "that" of "X said that ...".
_LEADING_JOINER = re.compile(r"^[\s,;:\u2014\u2013-]*(?:that\s+)?", re.IGNORECASE)
_TRAILING_SEPARATORS = " \t\n,;:\u2014\u2013-"
_OPENING_QUOTES = "\"'\u201c\u2018"
_CLOSING = "\"'\u201d\u2019"
_STOPS = ".!?\u2026"


def _terminal_stop(text: str) -> str:
    stripped = text.rstrip().rstrip(_CLOSING + ")]")
    return stripped[-1] if stripped and stripped[-1] in _STOPS else ""


def _cut(text: str, start: int, end: int) -> str:
    before, after = text[:start], text[end:]
    word = re.compile(r"\w")
    if not word.search(before):  # "The council said (that) X." / "According to X, Y."
        rest = _LEADING_JOINER.sub("", after, count=1)
        return rest[:1].upper() + rest[1:] if rest else rest
    head = before.rstrip()
    tail = after.lstrip()
    if (
        head.endswith(tuple(",;\u2014\u2013-"))
        and tail[:1] in (",", ";", "\u2014", "\u2013", "-")
        and word.search(tail)
    ):
        # "Taxes, the mayor said, rose." -> "Taxes rose."
        return head.rstrip(_TRAILING_SEPARATORS) + " " + tail.lstrip(_TRAILING_SEPARATORS)
    # The attribution ends the statement ("X, the mayor said." / "X according to Y in a statement."):
    # everything after it belongs to it; the claim keeps its own final stop.
    claim = head.rstrip(_TRAILING_SEPARATORS + _CLOSING)
    if claim[:1] in _OPENING_QUOTES and not any(q in claim[1:] for q in _CLOSING):
        claim = claim[1:]  # the quotation marks only framed the quoted claim
    return claim + (_terminal_stop(text) or ".")


def claim_without_attribution(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The claim with its attribution cut out: "The council said taxes rose 40%." becomes
    "Taxes rose 40%.". ``spans`` are the attributions' offsets in ``text`` (clipped to it); the
    text comes back unchanged when none overlaps it or when cutting would leave no claim."""
    result = text
    for start, end in sorted(spans, reverse=True):  # right to left: earlier offsets stay valid
        start, end = max(0, start), min(len(result), end)
        if start >= end:
            continue
        cut = _cut(result, start, end).strip()
        if re.search(r"\w", cut):
            result = cut
    return result


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


@dataclass(frozen=True, slots=True)
class ClaimAttribution:
    """Who the claim's sentence attributes it to, and where the attribution reads in the claim."""

    source: Mapping[str, Any] | None = None  # {"name", "kind"} of the attribution's Source
    spans: tuple[tuple[int, int], ...] = ()  # offsets in the claim's quote


def _person_or_organization(source: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "@type": "Organization" if source.get("kind") in ORGANIZATION_KINDS else "Person",
        "name": source.get("name"),
    }


def claim_review(
    item: Mapping[str, Any],
    *,
    article: Mapping[str, Any],
    review_url: str,
    publisher: str,
    factcheck: Mapping[str, Any] | None = None,
    attribution: ClaimAttribution | None = None,
) -> dict[str, Any]:
    """One ClaimReview. ``factcheck`` is the evidence fact-check's full row (rating numbers), when
    there is one; ``attribution`` the sentence's attribution (the claim's author, and the words
    cut from ``claimReviewed``). ``article["language"]`` becomes ``inLanguage``."""
    evidence = item.get("evidence")
    attribution = attribution or ClaimAttribution()
    claim: dict[str, Any] = {
        "@type": "Claim",
        "appearance": {"@type": "CreativeWork", "headline": article.get("title")},
    }
    if article.get("url"):
        claim["appearance"]["url"] = article["url"]
    if article.get("published_at"):
        claim["datePublished"] = str(article["published_at"])[:10]
    source = item.get("source") or attribution.source
    if source:
        claim["author"] = _person_or_organization(source)
    record: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "ClaimReview",
        "identifier": f"annotation-{item['id']}",
        "url": review_url,
        "claimReviewed": claim_without_attribution(item["quote"], attribution.spans),
        "author": {"@type": "Organization", "name": publisher},
        "reviewRating": _rating(evidence, factcheck),
        "itemReviewed": claim,
    }
    if article.get("language"):
        record["inLanguage"] = article["language"]
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
    public_base_url: str,
    publisher: str,
    factchecks: Mapping[str, Mapping[str, Any]] | None = None,
    attributions: Mapping[int, ClaimAttribution] | None = None,
) -> list[dict[str, Any]]:
    """ClaimReviews for the confirmed contradicted claims among ``items``.

    ``factchecks`` maps an evidence identifier or url to the fact-check's row (for rating numbers);
    ``attributions`` maps an item's id to its sentence's attribution.
    """
    factchecks = factchecks or {}
    attributions = attributions or {}
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
                review_url=claim_page_url(public_base_url, item["id"]),
                publisher=publisher,
                factcheck=factcheck,
                attribution=attributions.get(item["id"]),
            )
        )
    return out


def read_claimreview_json(document: Any, *, require_feed: bool = False) -> ReadDocument:
    """Records of an already-decoded JSON document (the API hands its parsed body straight here)."""
    if require_feed and not (isinstance(document, dict) and _is_type(document, "DataFeed")):
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
