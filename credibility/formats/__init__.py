"""Every import and export format, one pure module each, and the registry of fact-check readers.

Fact-check documents (``read_factchecks``): each reader turns a whole document into ``RecordRead``
items, one per record, each a ``ParsedFactCheck`` or the reason it cannot be imported, with its
position; a document that cannot be read at all raises ``RecordError`` and nothing is imported.

- ``claimreview`` / ``datafeed`` (``claimreview.py``): a JSON list of ClaimReviews, one ClaimReview,
  a JSON-LD ``@graph`` or a schema.org DataFeed; position = the 1-based record number.
- ``html`` (``jsonld_html.py``): the ClaimReviews in a page's JSON-LD script blocks.
- ``csv`` (``factcheck_csv.py``): a header row naming ``CSV_COLUMNS``; position = the line.
- ``liar`` (``liar.py``): LIAR-style JSON Lines or the LIAR release's TSV; position = the line.

A new fact-check format is one module with a ``read_<format>(text) -> ReadDocument`` and one line in
``FACTCHECK_READERS``. Article formats: ``w3c.py`` (W3C Web Annotation, read and write),
``claimreview.py`` (write), ``csv.py`` (annotations as CSV, and the one formula guard every CSV
uses), ``flagged_claims.py`` (the report as JSON, CSV or text) and ``articles_jsonl.py`` (articles
to import). Their writers take different inputs (a collection id, the cited fact-checks), so each
caller names the one it needs.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from credibility.formats.claimreview import decode_json, read_claimreview_json
from credibility.formats.factcheck_csv import read_csv
from credibility.formats.jsonld_html import read_html
from credibility.formats.liar import read_liar
from credibility.formats.records import ReadDocument, RecordError

FACTCHECK_READERS: dict[str, Callable[[str], ReadDocument]] = {
    "claimreview": lambda text: read_claimreview_json(decode_json(text)),
    "datafeed": lambda text: read_claimreview_json(decode_json(text), require_feed=True),
    "html": read_html,
    "csv": read_csv,
    "liar": read_liar,
}


FORMATS = ("auto", *FACTCHECK_READERS)


def detect_format(text: str, *, filename: str = "") -> str:
    """The format of a document, from its file name first and its content otherwise."""
    name = filename.lower()
    for suffixes, fmt in (
        ((".html", ".htm"), "html"),
        ((".jsonl", ".ndjson"), "liar"),
        ((".csv",), "csv"),
        ((".json", ".jsonld"), "claimreview"),
    ):
        if name.endswith(suffixes):
            return fmt
    first_line = text.lstrip().split("\n", 1)[0]
    if name.endswith(".tsv"):
        return "csv" if "claim_reviewed" in first_line.lower() else "liar"
    head = text.lstrip()[:1]
    if head == "<":
        return "html"
    if head in ("[", "{"):
        try:
            json.loads(text)
            return "claimreview"
        except json.JSONDecodeError:
            if head == "{":
                return "liar"  # JSON Lines
            return "claimreview"  # a broken JSON list: let the JSON reader say where
    if "claim_reviewed" in first_line.lower():
        return "csv"
    if "\t" in first_line:
        return "liar"
    raise RecordError("cannot tell the format; name it with --format (" + ", ".join(FORMATS[1:]) + ")")


def read_factchecks(text: str, *, format: str = "auto", filename: str = "") -> ReadDocument:
    """Read a whole document in ``format`` (``auto``: guess from the file name, then the content)."""
    if format not in FORMATS:
        raise RecordError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    text = text.lstrip("\ufeff")
    fmt = detect_format(text, filename=filename) if format == "auto" else format
    return FACTCHECK_READERS[fmt](text)
