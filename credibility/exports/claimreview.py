"""schema.org ClaimReview JSON-LD for an article's contradicted claims that reviewers confirmed.

Only ``status == "confirmed"`` counts: an open flag is a machine's suspicion, a dismissed one was
wrong, and a resolved one has been corrected in the article (its claim no longer appears there).
Each record is importable by ``credibility.claimreview`` (it has an ``identifier`` and a ``url``).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

SCHEMA_CONTEXT = "https://schema.org"
ORGANIZATION_KINDS = frozenset({"organization", "outlet", "government_body"})


def is_confirmed_contradiction(item: Mapping[str, Any]) -> bool:
    return item.get("kind") == "contradicted_claim" and item.get("status") == "confirmed"


def _rating(evidence: Mapping[str, Any] | None, factcheck: Mapping[str, Any] | None) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating"}
    if factcheck:
        rating["alternateName"] = factcheck.get("rating_label") or factcheck.get("verdict") or "False"
        for ours, theirs in (("rating_value", "ratingValue"), ("best_rating", "bestRating"), ("worst_rating", "worstRating")):
            if factcheck.get(ours) is not None:
                rating[theirs] = factcheck[ours]
    elif evidence and evidence.get("annotation") is not None:
        rating["alternateName"] = "Contradicted by another article"
    else:
        rating["alternateName"] = "Contradicted"
    return rating


def claim_review(item: Mapping[str, Any], *, article: Mapping[str, Any], review_url: str, publisher: str,
                 factcheck: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """One ClaimReview. ``factcheck`` is the evidence fact-check's full row (rating numbers), when there is one."""
    evidence = item.get("evidence")
    claim: dict[str, Any] = {"@type": "Claim", "appearance": {"@type": "CreativeWork", "headline": article.get("title")}}
    if article.get("url"):
        claim["appearance"]["url"] = article["url"]
    if article.get("published_at"):
        claim["datePublished"] = str(article["published_at"])[:10]
    source = item.get("source")
    if source:
        claim["author"] = {"@type": "Organization" if source.get("kind") in ORGANIZATION_KINDS else "Person",
                           "name": source.get("name")}
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


def claim_reviews(items: Sequence[Mapping[str, Any]], *, article: Mapping[str, Any], review_url_base: str,
                  publisher: str, factchecks: Mapping[str, Mapping[str, Any]] | None = None) -> list[dict[str, Any]]:
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
        out.append(claim_review(item, article=article, review_url=f"{review_url_base}{item['id']}/", publisher=publisher,
                                factcheck=factcheck))
    return out
