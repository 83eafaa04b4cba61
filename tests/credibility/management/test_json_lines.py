"""`read_json_lines`: the one JSON Lines reader of the commands that take article files."""

import pytest
from django.core.management.base import CommandError

from credibility.management.help_format import read_json_lines


def test_reads_every_object_and_skips_blank_lines(tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_text('\ufeff{"id": "a", "text": "One."}\n\n   \n{"id": "b", "text": "Two.", "extra": 3}\n', "utf-8")
    assert read_json_lines(path, ("id", "text")) == [
        {"id": "a", "text": "One."},
        {"id": "b", "text": "Two.", "extra": 3},
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a", "text": "ok"}\n{"text": \n', r"line 2: not valid JSON \(Expecting value\)"),
        ('{"id": "a", "text": "ok"}\n["text"]\n', r"line 2: expected an object with string id and text"),
        ('{"id": "a", "text": 7}\n', r"line 1: expected an object with string id and text"),
    ],
)
def test_a_bad_line_is_a_command_error_naming_the_line(tmp_path, content, message):
    path = tmp_path / "articles.jsonl"
    path.write_text(content, "utf-8")
    with pytest.raises(CommandError, match=message):
        read_json_lines(path, ("id", "text"))


def test_three_fields_are_listed_in_prose(tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_text('{"id": "a"}\n', "utf-8")
    with pytest.raises(CommandError, match="string id, title and text"):
        read_json_lines(path, ("id", "title", "text"))


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        read_json_lines(tmp_path / "nowhere.jsonl", ("text",))
