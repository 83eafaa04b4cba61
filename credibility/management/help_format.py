"""Shared pieces of the management commands."""
from __future__ import annotations

from argparse import RawDescriptionHelpFormatter
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, OutputWrapper


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
