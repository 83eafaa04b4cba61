"""RSS/Atom documents -> entries, with feedparser. Pure Python, no Django.

feedparser is given bytes that ``credibility.ingestion.fetch`` downloaded; it never fetches
anything itself here. A document that is not a feed at all raises ``FeedError``; a feed with a
minor syntax slip ("bozo" but with entries) is still read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


class FeedError(ValueError):
    """The document is not a readable RSS or Atom feed."""


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str = ""
    published_at: datetime | None = None
    author: str = ""
    guid: str = ""


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    link: str
    entries: tuple[FeedEntry, ...]


def _when(entry: dict[str, Any]) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)  # a time.struct_time in UTC
        if value:
            year, month, day, hour, minute, second = value[:6]
            return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    return None


def feed_parse(content: bytes | str, *, base_url: str = "") -> ParsedFeed:
    """The entries of a feed, newest first as the feed lists them; each with an absolute http(s) URL."""
    import feedparser

    parsed = feedparser.parse(content, response_headers={"content-location": base_url} if base_url else None)
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise FeedError(f"Not an RSS or Atom feed{f': {reason}' if reason else ''}.")
    if parsed.get("bozo") and not parsed.entries:
        raise FeedError(f"Malformed feed: {parsed.get('bozo_exception')}.")
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link:
            guid = entry.get("id") or ""
            link = guid if guid.startswith(("http://", "https://")) else ""
        link = urljoin(base_url, link.strip()) if link else ""
        if not link.startswith(("http://", "https://")) or link in seen:
            continue
        seen.add(link)
        entries.append(
            FeedEntry(
                url=link,
                title=(entry.get("title") or "").strip(),
                published_at=_when(entry),
                author=(entry.get("author") or "").strip(),
                guid=(entry.get("id") or "").strip(),
            )
        )
    feed = parsed.get("feed", {})
    return ParsedFeed(
        title=(feed.get("title") or "").strip(), link=(feed.get("link") or "").strip(), entries=tuple(entries)
    )
