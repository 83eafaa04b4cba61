"""Lexicon and frequency lookups on one word (wordfreq and codespell, through ``lexicons.english``).

Pure predicates: is the word common, a derived or inflected form of a known word, or a compound of
known words. They read no text and no tokens, so every other module of the package may use them.
"""

from __future__ import annotations

from credibility.analysis.lexicons import english as lexicon

_APOSTROPHES = "'\u2019"

# Morphology that turns a known word into another valid word the dictionary may lack.
_SUFFIXES = (
    "s",
    "es",
    "ed",
    "d",
    "ing",
    "er",
    "ers",
    "est",
    "ly",
    "ness",
    "ment",
    "ments",
    "ism",
    "ist",
    "ists",
    "ian",
    "ians",
    "able",
    "ful",
    "less",
    "ish",
    "like",
    "wise",
    "ity",
    "ization",
    "isation",
    "ise",
    "ize",
)

_E_DROPPING = frozenset(("ing", "ed", "able", "ism", "isms", "ist", "ists", "ity", "ization", "isation"))

_PREFIXES = (
    "un",
    "re",
    "non",
    "pre",
    "anti",
    "over",
    "under",
    "co",
    "de",
    "dis",
    "mis",
    "post",
    "multi",
    "sub",
    "inter",
    "micro",
    "mega",
    "cyber",
    "mid",
    "semi",
    "self",
    "counter",
    "ex",
    "e",
    "bio",
    "eco",
    "geo",
    "tele",
    "auto",
    "hyper",
    "super",
    "ultra",
    "out",
    "pro",
    "neo",
    "para",
    "poly",
    "mono",
    "trans",
    "meta",
)


def _match_case(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _strip_possessive(word: str) -> tuple[str, bool]:
    if len(word) > 3 and word[-2] in _APOSTROPHES and word[-1] in "sS":
        return word[:-2], True
    return word, False


def _common(word: str) -> bool:
    return lexicon.is_word(word) and lexicon.zipf(word) >= 3.0


def _is_derived(word: str) -> bool:
    """A suffixed or prefixed form of common words (e.g. "lockdowns", "presale")."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            if _common(stem) or (suffix in _E_DROPPING and _common(stem + "e")):
                return True
            # Consonant doubling ("stopped", "planning") happens only before a vowel suffix.
            if suffix[0] in "aeiouy" and len(stem) >= 4 and stem[-1] == stem[-2] and _common(stem[:-1]):
                return True
            if stem.endswith("i") and _common(stem[:-1] + "y"):
                return True
    for prefix in _PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4 and rest not in lexicon.FUNCTION_WORDS and _common(rest):
            return True
    return False


def _is_compound(word: str) -> bool:
    """Two common content words written solid ("livestream", "frontrunner")."""
    for i in range(3, len(word) - 2):
        left, right = word[:i], word[i:]
        if (
            left not in lexicon.FUNCTION_WORDS
            and right not in lexicon.FUNCTION_WORDS
            and lexicon.in_vocabulary(left)
            and lexicon.in_vocabulary(right)
            and lexicon.zipf(left) >= 3.5
            and lexicon.zipf(right) >= 3.5
        ):
            return True
    return False


def _split_word(part: str, floor: float = 3.0) -> bool:
    if len(part) <= 2:
        return part in lexicon.SHORT_WORDS
    return lexicon.in_vocabulary(part) and lexicon.zipf(part) >= floor


def _content_half(part: str) -> bool:
    """A content word solid enough to be one half of a missing space (three-letter ones must be very common)."""
    if len(part) < 3 or not lexicon.in_vocabulary(part):
        return False
    return lexicon.zipf(part) >= (4.0 if len(part) == 3 else 3.0)


def _inflected(word: str) -> bool:
    """A plural or verb form of a vocabulary word ("results", "trustees", "voted")."""
    for suffix in ("s", "es", "ed", "d", "ing"):
        stem = word[: -len(suffix)]
        if (
            word.endswith(suffix)
            and len(stem) >= 3
            and (lexicon.in_vocabulary(stem) or lexicon.in_vocabulary(stem + "e"))
        ):
            return True
    return False


def _inflected_only(left: str, right: str) -> bool:
    """``left`` is inflected and its ending cannot start ``right`` instead ("times|ink" is "time|sink")."""
    for suffix in ("s", "es", "ed", "d", "ing"):
        stem = left[: -len(suffix)]
        if left.endswith(suffix) and len(stem) >= 3:
            if _content_half(stem) and _content_half(suffix + right):
                return False
            if lexicon.in_vocabulary(stem) or lexicon.in_vocabulary(stem + "e"):
                return True
    return False


def _from_vocabulary(word: str) -> bool:
    """An affixed form of any dictionary word, however rare ("appals", "cushier", "blaggers", "hoppy")."""
    return _suffixed_vocabulary(word) or any(
        word.startswith(prefix) and len(word) - len(prefix) >= 3 and lexicon.in_vocabulary(word[len(prefix) :])
        for prefix in _PREFIXES
    )


def _y_adjective_form(word: str) -> bool:
    """A comparative, superlative, adverb or noun of a dictionary adjective in -y ("bendier", "wobbliest")."""
    for suffix in ("ier", "iest", "ily", "iness"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and lexicon.in_vocabulary(word[: -len(suffix)] + "y"):
            return True
    return False


def _suffixed_vocabulary(word: str) -> bool:
    """A suffixed form of any dictionary word, however rare ("cushier", "blaggers")."""
    for suffix in (*_SUFFIXES, "y"):
        stem = word[: -len(suffix)]
        if (
            word.endswith(suffix)
            and len(stem) >= 3
            and (
                lexicon.in_vocabulary(stem)
                or (suffix in _E_DROPPING and lexicon.in_vocabulary(stem + "e"))
                or (stem.endswith("i") and lexicon.in_vocabulary(stem[:-1] + "y"))
                or (suffix[0] in "aeiouy" and stem[-1] == stem[-2] and lexicon.in_vocabulary(stem[:-1]))
            )
        ):
            return True
    return False


def _plural_of_vocabulary(word: str) -> bool:
    """A dictionary word plus "s": its plural or third person ("winnows"), however rarely the web writes it."""
    return word.endswith("s") and lexicon.in_vocabulary(word[:-1])


def _inflection_of_seen(word: str) -> bool:
    """An inflection of a word the dictionary or the web knows ("trailblazed", "capitalisations"): not a slip for a rare word."""
    for suffix in ("s", "es", "ed", "d", "ing", "er", "ers", "ly"):
        stem = word[: -len(suffix)]
        if not word.endswith(suffix) or len(stem) < 4:
            continue
        for base in (stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else stem):
            if lexicon.in_vocabulary(base) or lexicon.zipf(base) >= 1.0:
                return True
    return False


def _word_or_name(lower: str) -> bool:
    """A dictionary word or a census name: never a slip of a word from a closed list."""
    return lexicon.in_vocabulary(lower) or lexicon.is_surname(lower) or lexicon.is_given_name(lower)
