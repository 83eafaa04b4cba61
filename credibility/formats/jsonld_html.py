"""ClaimReviews in a web page's <script type="application/ld+json"> blocks (objects, lists, @graph, DataFeeds); other JSON-LD types are ignored. Position = the 1-based ClaimReview number in document order; a block that is not valid JSON takes one position and is reported with its line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from credibility.formats.claimreview import iter_claim_reviews, parse_claim_review
from credibility.formats.records import ReadDocument, RecordError, RecordRead, record_read


class _JsonLdScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[int, str]] = []  # (line, text)
        self._current: list[str] | None = None
        self._line = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
            if kind == "application/ld+json":
                self._current, self._line = [], self.getpos()[0]

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.blocks.append((self._line, "".join(self._current)))
            self._current = None


def _claim_review_nodes(node: Any) -> Iterator[Any]:
    """ClaimReview objects anywhere a page's JSON-LD usually puts them; other types are skipped."""
    if isinstance(node, list):
        for item in node:
            yield from _claim_review_nodes(item)
    elif isinstance(node, dict):
        kind = node.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if "ClaimReview" in kinds:
            yield node
        elif "@graph" in node:
            yield from _claim_review_nodes(node["@graph"])
        elif "DataFeed" in kinds:
            yield from _claim_review_nodes(list(iter_claim_reviews(node)))
        elif "DataFeedItem" in kinds:
            yield from _claim_review_nodes(node.get("item"))
        elif isinstance(node.get("review"), (dict, list)):  # e.g. a CreativeWork carrying its review
            yield from _claim_review_nodes(node["review"])


def read_html(text: str) -> ReadDocument:
    parser = _JsonLdScripts()
    parser.feed(text)
    parser.close()
    if not parser.blocks:
        raise RecordError('no <script type="application/ld+json"> block in the HTML')
    records: list[RecordRead] = []
    for number, (line, block) in enumerate(parser.blocks, start=1):
        try:
            document = json.loads(block)
        except json.JSONDecodeError as exc:
            records.append(
                RecordRead(
                    position=len(records) + 1,
                    error=f"JSON-LD block {number} (line {line}) is not valid JSON: {exc.msg}",
                )
            )
            continue
        for node in _claim_review_nodes(document):
            records.append(record_read(len(records) + 1, parse_claim_review, node))
    if not records:
        raise RecordError("no ClaimReview in the HTML's JSON-LD blocks")
    return ReadDocument(format="html", position_unit="record", records=records)
