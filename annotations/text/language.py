"""Which language an article body is written in (py3langid: 142 languages, model in the wheel).

Runs on every save of a body, so it reads only the first ``DETECT_PREFIX_CHARS`` characters
(about a millisecond; see README "Language detection"). A body with fewer than ``MIN_LETTERS``
letters, or whose best guess is below ``MIN_CONFIDENCE``, is *undetermined*: callers keep the
language they had rather than flip it on a headline-sized text.

Codes are ISO 639-1 where the language has one ("en", "uk", "ar"), else ISO 639-3 ("ary");
an editor may store any BCP 47-like tag ("en-GB"), whose primary subtag (``primary_subtag``) is
what detectors are matched on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Detection reads this many characters from the start of the body (cut back to a word boundary):
# a news article settles its language in its first paragraphs, and the cost stays flat for long bodies.
DETECT_PREFIX_CHARS = 3000
# Fewer letters than this (a headline, "Breaking news today") is too little to change a language on.
MIN_LETTERS = 40
# The identifier's normalised probability of its best language: a paragraph of ordinary prose
# scores above 0.99, a mixed or garbled text far lower.
MIN_CONFIDENCE = 0.8
# What the model answers for text without linguistic content (numbers, code, symbols).
NO_LANGUAGE = "zxx"

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
def _identifier() -> Any:
    """One identifier per process (~0.7 s to load, ~120 MB), normalised probabilities on."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


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
        code, probability = _identifier().classify(sample)
    except (UnicodeError, ValueError):  # e.g. lone surrogates, which cannot be encoded to read
        return LanguageGuess(None, 0.0, "the text could not be read for detection")
    confidence = round(float(probability), 3)
    if code == NO_LANGUAGE:
        return LanguageGuess(None, confidence, "no language recognised")
    if confidence < MIN_CONFIDENCE:
        return LanguageGuess(None, confidence, f"ambiguous (best guess {code} at {confidence:.2f})")
    return LanguageGuess(str(code), confidence)


def language_name(tag: str) -> str:
    """English name of a language tag ("uk" -> "Ukrainian"); the tag itself when it is not in the table."""
    return LANGUAGE_NAMES.get(primary_subtag(tag), tag)


def warm_up() -> None:
    """Load the model before the first save needs it (a process that is about to save articles)."""
    detect_language("The council said on Tuesday that it had received four thousand complaints.")


# English names of the model's languages, for notices ("This article is in Ukrainian (uk)").
LANGUAGE_NAMES = {
    "ace": "Acehnese", "af": "Afrikaans", "am": "Amharic", "an": "Aragonese", "ar": "Arabic",
    "ary": "Moroccan Arabic", "arz": "Egyptian Arabic", "as": "Assamese", "az": "Azerbaijani",
    "ba": "Bashkir", "bcl": "Central Bikol", "be": "Belarusian", "bg": "Bulgarian", "bn": "Bengali",
    "br": "Breton", "bs": "Bosnian", "ca": "Catalan", "crh": "Crimean Tatar", "cs": "Czech", "cy": "Welsh",
    "da": "Danish", "de": "German", "dz": "Dzongkha", "el": "Greek", "en": "English", "eo": "Esperanto",
    "es": "Spanish", "et": "Estonian", "eu": "Basque", "ext": "Extremaduran", "fa": "Persian",
    "fi": "Finnish", "fo": "Faroese", "fr": "French", "fuv": "Nigerian Fulfulde", "fy": "Western Frisian",
    "ga": "Irish", "gcf": "Guadeloupean Creole", "gcr": "Guianese Creole", "gd": "Scottish Gaelic",
    "gl": "Galician", "gom": "Goan Konkani", "grc": "Ancient Greek", "gu": "Gujarati",
    "gug": "Paraguayan Guarani", "guw": "Gun", "ha": "Hausa", "hbo": "Ancient Hebrew", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "ht": "Haitian Creole", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "ig": "Igbo", "is": "Icelandic", "it": "Italian", "ja": "Japanese",
    "jv": "Javanese", "ka": "Georgian", "kab": "Kabyle", "kik": "Kikuyu", "kk": "Kazakh", "km": "Khmer",
    "kn": "Kannada", "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin",
    "lb": "Luxembourgish", "lg": "Ganda", "lij": "Ligurian", "ln": "Lingala", "lo": "Lao",
    "lt": "Lithuanian", "ltg": "Latgalian", "lv": "Latvian", "mg": "Malagasy", "mk": "Macedonian",
    "ml": "Malayalam", "mn": "Mongolian", "mr": "Marathi", "ms": "Malay", "mt": "Maltese",
    "my": "Burmese", "nb": "Norwegian Bokmål", "ne": "Nepali", "nl": "Dutch", "nn": "Norwegian Nynorsk",
    "no": "Norwegian", "nso": "Northern Sotho", "oc": "Occitan", "om": "Oromo", "or": "Odia",
    "pa": "Punjabi", "pcm": "Nigerian Pidgin", "pl": "Polish", "ps": "Pashto", "pt": "Portuguese",
    "qu": "Quechua", "ro": "Romanian", "ru": "Russian", "rw": "Kinyarwanda", "sa": "Sanskrit",
    "sdh": "Southern Kurdish", "se": "Northern Sami", "si": "Sinhala", "sk": "Slovak", "sl": "Slovenian",
    "sn": "Shona", "so": "Somali", "sq": "Albanian", "sr": "Serbian", "st": "Southern Sotho",
    "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "tg": "Tajik", "th": "Thai",
    "tk": "Turkmen", "tl": "Tagalog", "tr": "Turkish", "tt": "Tatar", "ug": "Uyghur", "uk": "Ukrainian",
    "ur": "Urdu", "uz": "Uzbek", "uzs": "Southern Uzbek", "vec": "Venetian", "vi": "Vietnamese",
    "vo": "Volapük", "wa": "Walloon", "wuu": "Wu Chinese", "xh": "Xhosa", "yo": "Yoruba",
    "yue": "Cantonese", "zh": "Chinese", "zu": "Zulu",
}  # fmt: skip
