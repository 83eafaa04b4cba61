"""Shared pieces of the management commands."""

from __future__ import annotations

import json
from argparse import RawDescriptionHelpFormatter
from pathlib import Path
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, OutputWrapper


class RawHelpCommand(BaseCommand):
    """A command whose multi-paragraph ``help`` keeps its line breaks in ``--help``."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser


def progress_file(wrapper: OutputWrapper) -> TextIO:
    """The stream under a command's ``self.stdout``/``self.stderr``, for tqdm (which draws with \\r itself)."""
    # django-stubs does not declare the private OutputWrapper._out, so its __getattr__ types it as a callable.
    return cast(TextIO, wrapper._out)


def read_text_file(path: Path) -> str:
    """The file's text (UTF-8, a BOM dropped); an unreadable or undecodable file is a CommandError naming it."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise CommandError(f"Cannot read {path}: not valid UTF-8 ({exc.reason} at byte {exc.start}).") from exc


def read_json_lines(path: Path, string_fields: tuple[str, ...]) -> list[dict[str, Any]]:
    """The objects of a JSON Lines file, each holding a string in every one of ``string_fields``.

    Blank lines are skipped. An unreadable file, a line that is not JSON or an object without those
    strings is a CommandError naming the file and the line, so nothing is half-loaded.
    """
    records = []
    for number, line in enumerate(read_text_file(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CommandError(f"{path}, line {number}: not valid JSON ({exc.msg}).") from exc
        if not isinstance(record, dict) or not all(isinstance(record.get(field), str) for field in string_fields):
            raise CommandError(f"{path}, line {number}: expected an object with string {_joined(string_fields)}.")
        records.append(record)
    return records


def _joined(words: tuple[str, ...]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
