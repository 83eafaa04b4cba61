"""Page -> article text and metadata, plus what credibility needs on top: the outlet's domain.

``html_extract`` is defined in ``annotations.text.html`` (pure, trafilatura-based) so that
``POST /articles/`` with ``{"html"}`` and the URL, feed and bulk ingestion here share one
extraction; this module re-exports it for credibility's callers.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from annotations.text.html import ExtractedPage, ExtractionError, html_extract, split_byline

__all__ = ["ExtractedPage", "ExtractionError", "html_extract", "split_byline", "url_domain", "looks_like_person"]

# Bylines that name a desk or an agency rather than a person.
_NOT_PERSON_WORDS = frozenset(
    {
        "staff",
        "reporters",
        "reporter",
        "correspondents",
        "desk",
        "newsroom",
        "editors",
        "editorial",
        "team",
        "agency",
        "agencies",
        "wire",
        "wires",
        "news",
        "press",
        "associated",
        "reuters",
        "afp",
        "ap",
        "pa",
        "bbc",
        "online",
        "media",
        "times",
        "herald",
        "courier",
        "post",
        "journal",
        "daily",
        "weekly",
    }
)


def url_domain(url: str) -> str:
    """The host of ``url`` without ``www.`` and port, lower-cased; "" when there is none."""
    try:
        host = (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def looks_like_person(name: str, *, site_name: str = "") -> bool:
    """A byline name that is plausibly a person: two to five words, none of them a desk/agency
    word, and not the outlet's own name."""
    words = name.replace(".", " ").split()
    if not 2 <= len(words) <= 5:
        return False
    if site_name and name.strip().casefold() == site_name.strip().casefold():
        return False
    return not any(word.casefold() in _NOT_PERSON_WORDS for word in words)
