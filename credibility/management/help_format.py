"""Shared pieces of the management commands."""
from __future__ import annotations

from argparse import RawDescriptionHelpFormatter
from typing import Any

from django.core.management.base import BaseCommand


class RawHelpCommand(BaseCommand):
    """A command whose multi-paragraph ``help`` keeps its line breaks in ``--help``."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser
