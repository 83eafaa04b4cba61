"""The regex building blocks every reader shares, compiled once: capitals that open a name, name
tokens and proper-name runs with their connectors ("of", "de", "van"), the word boundary, months and
weekdays, a dateline, a possessive tail, a strong clause boundary; ``_alt`` (a word list as a
regex alternation) and the word normalisation (``_norm``, ``_fold``) later modules compare words with.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from credibility.analysis.patterns import word_alternation


def _alt(words: Sequence[str]) -> str:
    """A regex alternation of words and phrases (a space matches any run of spaces), longer ones
    first so that "spokeswoman" wins over "spokes"; written as a trie, which is faster."""
    return word_alternation(set(words), space=r"\s+")


# Capitals that can open a name: ASCII, Latin-1, and the capitals of Latin Extended-A/B and
# Latin Extended Additional ("Łęcki", "Şahin", "Đorđević", "Nguyễn"), Greek and Cyrillic.
_CAP = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0391-\u03a9\u0410-\u042f" + "".join(
    ch for ch in map(chr, [*range(0x100, 0x250), *range(0x1E00, 0x1F00)]) if ch.isupper()
)
_NAME_TOKEN = rf"(?:[{_CAP}][\w'\u2019&.-]*)"
_CONNECTOR = r"(?:of|for|and|&|de|du|da|del|della|di|la|le|van|von|der|den|al|bin|ibn|the)"
_PROPER_RUN = rf"{_NAME_TOKEN}(?:\s+(?:{_CONNECTOR}\s+){{0,2}}(?:{_NAME_TOKEN}|\d+\b))*"
_WB = r"(?<![\w'\u2019-])"
_PARTICLES = frozenset("de du da del della di la le van von der den al bin ibn".split())

_SPOKES_WORDS = frozenset(
    "spokesperson spokesman spokeswoman spokespeople spokespersons representative officer secretary lawyer attorney".split()
)
_NOT_MOD = r"(?:of|for|from|with|to|in|on|at|by|and|or|but|that|which|who|whom|after|before|when|while|as|because|than|since|until|if|the|a|an|said|says|told)"
_MOD = rf"(?:(?!{_NOT_MOD}\b)[\w'\u2019-]+)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_BY_AFTER = re.compile(r"\s+by\b")  # "the 47% forecast by analysts": a participle, the share is no speaker
# Linking adverbs that stand as asides between a speaker and the verb (both aside readers use them).
_LINKING_ADVERBS = r"meanwhile|however|though|too|also|instead|likewise|moreover|of\s+course|in\s+turn"
# "the Leeds-based baker", "the state-owned carrier": a compound participle describes someone the story
# named (whatever the head noun), so the phrase refers back; it names no one itself.
_DESCRIBING_PARTICIPLE = r"(?:based|owned|listed|headquartered|registered|controlled|backed|run|funded)"
_WORD = re.compile(r"[A-Za-z]+")
_DATELINE = re.compile(rf"^[{_CAP}][{_CAP}\s.,'\u2019-]+(?:,\s*[{_CAP}][\w\s]+)?\s*[\u2014\u2013-]+\s*")
# Possessive (nothing follows the run here, so the matches are the same): a greedy run keeps
# a backtracking record per name token, megabytes on a sentence of 7,000 initials ("A. A. A. ...").
# It opens on the capital and looks back from there (``(?<![\w'\u2019-].)`` is ``_WB`` before
# it): a pattern opening with a look-behind is tried at every character, one opening with a
# character class only where that class matches. The same matches as ``{_WB}{_PROPER_RUN}+``.
_PROPER_ANYWHERE = re.compile(
    rf"[{_CAP}](?<![\w'\u2019-].)[\w'\u2019&.-]*(?:\s+(?:{_CONNECTOR}\s+){{0,2}}(?:{_NAME_TOKEN}|\d+\b))*+"
)
_POSSESSIVE_TAIL = re.compile(r"['\u2019]s?$")


_STRONG_BOUNDARY = re.compile(r"[;:\u201c\u201d\"(\u2014\u2013]|,(?=\s)")


def _norm(word: str) -> str:
    return word.casefold().strip(".'\u2019,")


def _fold(word: str) -> str:
    """Case- and accent-folded form: "Wróbel" and "Wrobel" are one surname."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return (
        "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("\u0142", "l").replace("\u00f8", "o")
    )
