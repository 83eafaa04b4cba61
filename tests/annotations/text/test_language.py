"""Language detection of article bodies (annotations.text.language): pure, no database."""

from __future__ import annotations

import time

import pytest

from annotations.text import language as languages
from tests.language_texts import ARABIC, ENGLISH, UKRAINIAN


@pytest.mark.parametrize(("body", "expected"), [(ENGLISH, "en"), (UKRAINIAN, "uk"), (ARABIC, "ar")])
def test_detect_language_names_the_language_of_an_article_body(body, expected):
    guess = languages.detect_language(body)
    assert guess.language == expected
    assert guess.confidence >= languages.MIN_CONFIDENCE
    assert guess.reason == ""


@pytest.mark.parametrize("body", ["Breaking news today", "Ціни зросли.", "4,000 (2024) - 12% / 3.5m", ""])
def test_detect_language_leaves_short_texts_undetermined(body):
    guess = languages.detect_language(body)
    assert guess.language is None
    assert "too short" in guess.reason


def test_detect_language_refuses_a_text_that_is_no_clear_language():
    # Long enough to read, but a list of words shared by a dozen European languages.
    guess = languages.detect_language("Hotel Taxi Restaurant Bank Museum Park Station Hospital Police Airport")
    assert guess.language is None
    assert guess.confidence < languages.MIN_CONFIDENCE
    assert guess.reason.startswith("ambiguous (best guess")


def test_detect_language_of_text_without_words_is_undetermined():
    guess = languages.detect_language("12 345 678 90 12.5 % 2024 -- 3.5 ** 4 == 9 ++ 77 88 99 " + "abcdefghij " * 5)
    assert guess.language is None


def test_detect_language_reads_only_the_start_of_a_long_body():
    # The first DETECT_PREFIX_CHARS characters decide: what follows them is never read (bounded cost).
    repeats = languages.DETECT_PREFIX_CHARS // len(ENGLISH) + 2
    body = " ".join([ENGLISH] * repeats) + " " + " ".join([ARABIC] * repeats * 3)
    assert languages.detect_language(body).language == "en"
    assert languages.detect_language(" ".join([ARABIC] * repeats) + " " + ENGLISH * 10).language == "ar"


def test_detect_language_of_a_typical_article_takes_milliseconds():
    body = " ".join([ENGLISH] * 25)  # ~6,000 characters, a typical news article
    languages.detect_language(body)  # the detector is built once per process
    timings = []
    for _ in range(15):
        began = time.perf_counter()
        languages.detect_language(body)
        timings.append(time.perf_counter() - began)
    # Well under 10 ms on one core; the bound is loose because this machine is shared.
    assert sorted(timings)[len(timings) // 2] < 0.05


def test_detect_language_survives_text_it_cannot_encode():
    # A lone surrogate (the API refuses them, but imports may not): read past, not an error.
    assert languages.detect_language("broken \ud800 surrogate " + ENGLISH).language == "en"


@pytest.mark.parametrize(
    ("tag", "valid"),
    [("en", True), ("uk", True), ("pt-BR", True), ("sr-Latn", True), ("e", False), ("en_GB", False), ("<b>", False)],
)
def test_language_tag_valid(tag, valid):
    assert languages.language_tag_valid(tag) is valid


def test_language_name_in_words():
    assert languages.language_name("uk") == "Ukrainian"
    assert languages.language_name("ar") == "Arabic"
    assert languages.language_name("en-GB") == "English"
    assert languages.language_name("xx") == "xx"
