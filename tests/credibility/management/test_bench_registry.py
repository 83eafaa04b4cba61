"""bench_registry on a tiny registry: it loads, measures, reads the semantic index back from its file and cleans up."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection

from credibility.models import FactCheck, FactCheckEmbedding

pytestmark = pytest.mark.django_db(transaction=True)  # the bench VACUUMs after removing its rows

STATEMENTS = [
    "The city spent 40 million dollars on a new stadium last year.",
    "Unemployment in the state fell to 3 percent in March.",
    "The governor vetoed the school funding bill twice.",
    "Crime rates doubled after the police budget was cut.",
    "Half of all teachers leave the profession within five years.",
    "The bridge repair program is two years behind schedule.",
]


def test_bench_registry_measures_a_small_registry_and_removes_its_rows(tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("bench_registry is PostgreSQL only")
    liar = tmp_path / "liar.jsonl"
    liar.write_text(
        "\n".join(
            json.dumps({"id": str(n), "label": "false", "statement": text, "speaker": "A senator"})
            for n, text in enumerate(STATEMENTS)
        ),
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command(
        "bench_registry",
        "--sizes", "60,120", "--articles", "2", "--repeat", "1", "--fast-load", "--recall", "--liar", str(liar),
        stdout=out,
    )  # fmt: skip
    text = out.getvalue()
    assert "read back (file) and caught up" in text
    assert "recall@10 against an exact search: " in text
    assert "120 fact-checks: median" in text and "per 10x" in text
    assert FactCheck.objects.count() == 0 and FactCheckEmbedding.objects.count() == 0
    assert settings.SEMANTIC_INDEX_DIR == ""  # the scratch directory was the bench's only
