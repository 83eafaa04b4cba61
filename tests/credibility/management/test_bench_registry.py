"""bench_registry on a tiny registry: it loads, measures, reads the semantic index back from its file and cleans up."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection

from credibility.analysis.claims.profile_codec import analyser_version
from credibility.models import FactCheck, FactCheckEmbedding, FactCheckProfile

pytestmark = pytest.mark.django_db(transaction=True)  # the bench VACUUMs after removing its rows

STATEMENTS = [
    "The city spent 40 million dollars on a new stadium last year.",
    "Unemployment in the state fell to 3 percent in March.",
    "The governor vetoed the school funding bill twice.",
    "Crime rates doubled after the police budget was cut.",
    "Half of all teachers leave the profession within five years.",
    "The bridge repair program is two years behind schedule.",
]


def _liar(tmp_path):
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
    return liar


def test_bench_registry_measures_a_small_registry_and_removes_its_rows(tmp_path, settings):
    liar = _liar(tmp_path)
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


def test_bench_registry_reads_a_kept_index_file_instead_of_building(tmp_path, settings):
    liar = _liar(tmp_path)
    index_dir = tmp_path / "index"
    arguments = ["--articles", "1", "--repeat", "1", "--fast-load", "--liar", str(liar), "--index-dir", str(index_dir)]
    first, second = io.StringIO(), io.StringIO()
    call_command("bench_registry", "--sizes", "60", "--keep", *arguments, stdout=first)
    assert "built from the store" in first.getvalue()
    kept = list(index_dir.glob("*.npz"))
    assert len(kept) == 1
    call_command("bench_registry", "--sizes", "60", "--reuse", *arguments, stdout=second)
    assert f"read from {kept[0]}" in second.getvalue() and "not built here" in second.getvalue()
    assert "built from the store" not in second.getvalue()
    assert "60 fact-checks: median" in second.getvalue()
    assert FactCheck.objects.count() == 0  # the second run, without --keep, removed the rows


def test_bench_registry_reuse_rewrites_stale_claim_profiles_before_timing(tmp_path):
    liar = _liar(tmp_path)
    arguments = ["--articles", "1", "--repeat", "1", "--fast-load", "--liar", str(liar)]
    call_command("bench_registry", "--sizes", "60", "--keep", *arguments, stdout=io.StringIO())
    # As after a claim-matching change: the kept rows' profiles carry another analyser's fingerprint.
    FactCheckProfile.objects.update(analyser_version="profile0-older")
    second = io.StringIO()
    call_command("bench_registry", "--sizes", "60", "--reuse", "--keep", *arguments, stdout=second)
    assert "Rewrote 60 stale claim profiles" in second.getvalue()
    assert set(FactCheckProfile.objects.values_list("analyser_version", flat=True)) == {analyser_version()}
    third = io.StringIO()
    call_command("bench_registry", "--sizes", "60", "--reuse", *arguments, stdout=third)
    assert "stale claim profiles" not in third.getvalue()  # nothing left to rewrite
