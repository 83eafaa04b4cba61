"""Which language an article body is written in (lingua, low-accuracy mode, 75 languages).

Runs on every save of a body, so it reads only the first ``DETECT_PREFIX_CHARS`` characters
(about 1-3 ms warm; see README "Language detection"). A body with fewer than
``MIN_LETTERS`` letters, or whose best guess is below ``MIN_CONFIDENCE``, is *undetermined*:
callers keep the language they had rather than flip it on a headline-sized text.

Codes are ISO 639-1 ("en", "uk", "ar"); an editor may store any BCP 47-like tag ("en-GB"),
whose primary subtag (``primary_subtag``) is what detectors are matched on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

# Detection reads this many characters from the start of the body (cut back to a word boundary):
# a news article settles its language in its first paragraphs, and the cost stays flat for long bodies.
DETECT_PREFIX_CHARS = 3000
# Fewer letters than this (a headline, "Breaking news today") is too little to change a language on.
MIN_LETTERS = 40
# Lingua's relative confidence of the best language; ordinary prose of one sentence scores ~1.0,
# a mixed or very short text far lower.
MIN_CONFIDENCE = 0.6

# What an editor may store: "en", "uk", "pt-BR", "sr-Latn"; validated before it is saved.
_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
# The value that hands the language back to detection (API and admin).
AUTO = "auto"


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """The detected language (ISO 639-1), or None with ``reason`` saying why it is undetermined."""

    language: str | None
    confidence: float
    reason: str = ""


def language_tag_valid(tag: str) -> bool:
    return bool(_TAG.fullmatch(tag))


def primary_subtag(tag: str) -> str:
    """ "en-GB" -> "en": the part detectors declare their support in."""
    return tag.split("-", 1)[0].lower()


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    """One detector per process. Low-accuracy mode: ~90 MB of models instead of ~1.2 GB, and for
    texts over a sentence long it agrees with high-accuracy mode; short texts are refused anyway.
    Every model is loaded at once (~0.4 s), so no save waits for a script's models later."""
    from lingua import LanguageDetectorBuilder

    return (
        LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().with_preloaded_language_models().build()
    )


def _sample(text: str) -> str:
    if len(text) <= DETECT_PREFIX_CHARS:
        return text
    cut = text.rfind(" ", DETECT_PREFIX_CHARS // 2, DETECT_PREFIX_CHARS)
    return text[: cut if cut > 0 else DETECT_PREFIX_CHARS]


def detect_language(text: str) -> LanguageGuess:
    """The language of ``text`` when it is long and clear enough to tell; see the module docstring."""
    sample = _sample(text)
    letters = sum(1 for char in sample if char.isalpha())
    if letters < MIN_LETTERS:
        return LanguageGuess(None, 0.0, f"too short to detect ({letters} letters, at least {MIN_LETTERS} needed)")
    try:
        values = _detector().compute_language_confidence_values(sample)
    except (UnicodeError, ValueError):  # e.g. lone surrogates, which the Rust side cannot take
        return LanguageGuess(None, 0.0, "the text could not be read for detection")
    if not values or values[0].value <= 0:
        return LanguageGuess(None, 0.0, "no language recognised")
    best = values[0]
    confidence = round(float(best.value), 3)
    code = best.language.iso_code_639_1.name.lower()
    if confidence < MIN_CONFIDENCE:
        return LanguageGuess(None, confidence, f"ambiguous (best guess {code} at {confidence:.2f})")
    return LanguageGuess(code, confidence)


def language_name(tag: str) -> str:
    """English name of a language tag ("uk" -> "Ukrainian"); the tag itself when lingua does not know it."""
    from lingua import IsoCode639_1, Language

    code = primary_subtag(tag)
    try:
        iso = IsoCode639_1.from_str(code)
        return Language.from_iso_code_639_1(iso).name.replace("_", " ").title()
    except (ValueError, AttributeError):
        return tag


def warm_up() -> None:
    """Load the detector (and the Latin-script models) before the first save needs them."""
    detect_language("The council said on Tuesday that it had received four thousand complaints.")
