"""Analyse JSON Lines articles with exactly the pipeline the Celery task runs, storing nothing."""

from __future__ import annotations

import json
import sys
from typing import IO, Any

from django.core.management.base import CommandError, CommandParser
from django.db import transaction

from credibility.management.help_format import RawHelpCommand
from credibility.services.analysis import (
    analysis_context_build,
    analysis_contexts_build,
    findings_to_json,
    text_analyze,
)
from credibility.services.sources import sources_table

HELP = """\
Analyse each line of PATH, a JSON Lines file of {"id", "title", "text"} objects (other keys are
ignored; "title" is optional), with the same pipeline as the Celery analysis task and the
database's sources (aliases resolve to existing rows; nothing is created). Writes one line per
analysed input, {"id": ..., "annotations": [...]}, in the annotation JSON of DESIGN.md, to
--output or to stdout. Use - as PATH to read stdin.

Nothing is stored: the run happens inside a transaction that is always rolled back.

Bad lines (invalid JSON or UTF-8, not an object, missing "text", "text" or "title" not a string,
or a text the pipeline fails on) are reported on stderr with their line number and skipped; every other line is still analysed
and written. Exit status: 0 when the file was read, even if some lines were skipped (a summary on
stderr counts them); with --strict, 1 when any line was skipped. A file that cannot be read or an
output that cannot be written exits with status 1 and a one-line message."""


# Texts whose fact-check candidates are retrieved in one round trip.
BATCH = 64


class _Rollback(Exception):
    pass


def _parse(number: int, raw: bytes) -> dict[str, Any] | None | str:
    """The record on this line, None for a blank line, or an error message."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"not valid UTF-8 ({exc.reason} at byte {exc.start})"
    line = line.rstrip("\r\n")
    if number == 1:
        line = line.removeprefix("\ufeff")
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"invalid JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(record, dict):
        return f"expected a JSON object, got {type(record).__name__}"
    if "text" not in record:
        return 'missing "text"'
    if not isinstance(record["text"], str):
        return f'"text" must be a string, got {type(record["text"]).__name__}'
    if record.get("title") is not None and not isinstance(record["title"], str):
        return f'"title" must be a string, got {type(record["title"]).__name__}'
    return record


class Command(RawHelpCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help='JSON Lines input, one {"id", "title", "text"} per line; - for stdin.')
        parser.add_argument("--output", "-o", help="Write the results here instead of stdout.")
        parser.add_argument("--strict", action="store_true", help="Exit with status 1 if any line was skipped.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: str = options["path"]
        try:
            source: IO[bytes] = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror or exc}") from exc
        try:
            output: IO[str] | None = None
            if options["output"]:
                try:
                    output = open(options["output"], "w", encoding="utf-8", newline="\n")  # noqa: SIM115
                except OSError as exc:
                    raise CommandError(f"Cannot write {options['output']}: {exc.strerror or exc}") from exc
            try:
                written, failed = self._run(source, output)
            finally:
                if output is not None:
                    output.close()
        finally:
            if source is not sys.stdin.buffer:
                source.close()

        destination = f" to {options['output']}" if options["output"] else ""
        summary = f"Analysed {written} article{'s' if written != 1 else ''}{destination}; {failed} line{'s' if failed != 1 else ''} skipped."
        self.stderr.write(summary, style_func=self.style.WARNING if failed else self.style.SUCCESS)
        if failed and options["strict"]:
            raise CommandError(f"{failed} line{'s' if failed != 1 else ''} of {path} could not be analysed.")

    def _run(self, source: IO[bytes], output: IO[str] | None) -> tuple[int, int]:
        self.written = self.failed = 0
        try:
            # Reads only, but the guarantee "stores nothing" should not rest on that: roll back.
            with transaction.atomic():
                sources = analysis_context_build().sources
                table = sources_table()  # names resolve in memory, not in two queries per article
                chunk: list[tuple[int, dict[str, Any]]] = []
                for number, raw in enumerate(source, start=1):
                    record = _parse(number, raw)
                    if record is None:
                        continue
                    if isinstance(record, str):
                        self._skip(number, record)
                        continue
                    chunk.append((number, record))
                    if len(chunk) == BATCH:
                        self._analyse(chunk, sources, table, output)
                        chunk = []
                self._analyse(chunk, sources, table, output)
                raise _Rollback
        except _Rollback:
            pass
        except OSError as exc:
            raise CommandError(f"Read or write failed: {exc.strerror or exc}") from exc
        return self.written, self.failed

    def _skip(self, number: int, why: str) -> None:
        self.stderr.write(f"line {number}: {why}; skipped.", style_func=self.style.ERROR)
        self.failed += 1

    def _analyse(
        self, chunk: list[tuple[int, dict[str, Any]]], sources: Any, table: dict[str, Any], output: IO[str] | None
    ) -> None:
        """Analyse a batch: one fact-check retrieval for all of it, then each text on its own."""
        if not chunk:
            return
        try:
            contexts: list[Any] = analysis_contexts_build(texts=[r["text"] for _, r in chunk], sources=sources)
        except Exception:  # noqa: BLE001 - a batch that fails retrieval falls back to one text at a time
            contexts = [None] * len(chunk)
        for (number, record), context in zip(chunk, contexts, strict=True):
            try:
                if context is None:
                    context = analysis_context_build(text=record["text"], sources=sources)
                result = text_analyze(text=record["text"], title=record.get("title") or "", context=context)
                annotations = findings_to_json(result.findings, table=table)
            except Exception as exc:  # one text that breaks a detector must not stop the batch
                self._skip(number, f"analysis failed ({type(exc).__name__}: {exc})")
                continue
            line = json.dumps({"id": record.get("id"), "annotations": annotations}, ensure_ascii=False)
            if output is None:
                self.stdout.write(line)
            else:
                output.write(line + "\n")
            self.written += 1
