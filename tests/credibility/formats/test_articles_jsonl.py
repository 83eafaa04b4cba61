"""Article records: JSON Lines split on \\n only, validated field by field, bad records reported, not stored."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from credibility.formats.articles_jsonl import ArticleRecord, RecordError, read_jsonl


def test_a_line_separator_inside_a_json_string_does_not_split_the_record():
    line = json.dumps({"title": "A\u2028B", "text": "one\u0085two\u2029three"}, ensure_ascii=False)
    items = read_jsonl(line + "\r\n\n")
    assert len(items) == 1
    number, record = items[0]
    assert number == 1 and isinstance(record, ArticleRecord)
    assert record.text == "one\u0085two\u2029three"


def test_bad_records_are_listed_by_line_and_good_ones_kept():
    text = "\n".join(
        [
            json.dumps({"title": "ok", "text": "body", "published_at": "2024-05-01"}),
            "{not json",
            json.dumps(["a list"]),
            json.dumps({"title": "x", "text": "y", "url": "javascript:alert(1)"}),
            json.dumps({"text": "no title"}),
            json.dumps({"title": "t", "text": "b", "html": "<p>both</p>"}),
            json.dumps({"title": "t", "text": "b", "colour": "red"}),
        ]
    )
    items = dict(read_jsonl(text))
    assert isinstance(items[1], ArticleRecord)
    assert items[1].published_at == datetime(2024, 5, 1, tzinfo=UTC)
    assert all(isinstance(items[n], RecordError) for n in range(2, 8))
    assert "column" in str(items[2]) and "object" in str(items[3]) and "URL" in str(items[4])
    assert "title" in str(items[5]) and "either" in str(items[6]) and "colour" in str(items[7])
