"""Regular-expression building blocks shared by the detectors."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_Trie = dict[str, "_Trie"]


def word_alternation(words: Iterable[str], *, space: str | None = None) -> str:
    """A non-capturing alternation matching exactly ``words``, written as a trie.

    Python's ``re`` tries the branches of ``a|b|c`` one by one at every position; with the
    shared prefixes factored out ("t(?:en(?:th)?|hree|...)") a position that cannot start a
    word is rejected at its first letter. Longer words are tried before their prefixes, as in
    the usual longest-first alternation, so the matches are the same (twice as fast on the
    number words). ``space``, when given, is the pattern a space in a phrase stands for (``\\s+``).
    """
    tree: _Trie = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def piece(char: str) -> str:
        return space if space is not None and char == " " else re.escape(char)

    def render(node: _Trie) -> str:
        branches = [piece(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return f"(?:{render(tree)})"


# The code points a case-blind pattern (``re.IGNORECASE``) matches for an ASCII letter that
# ``str.lower`` does not turn into that letter: long s, the Kelvin sign, dotted capital and dotless
# small i. Translated first, every code point lowers to one code point, and word characters stay
# word characters (checked over all of Unicode), so the words of the lowered text are those of the text.
CASE_BLIND_FOLD = str.maketrans({"\u017f": "s", "\u212a": "k", "\u0130": "i", "\u0131": "i"})
_WORD_RUN = re.compile(r"\w+")


@lru_cache(maxsize=512)
def word_set(text: str) -> frozenset[str]:
    """The ``\\w+`` words of ``text``, lower-cased: a gate for case-blind patterns.

    A word a case-blind pattern matches whole (with ``\\b`` or a blank on each side), and that is
    written in ASCII letters in the pattern, is in this set in lower case whatever the text's case:
    where none of the words every match must hold is here, the pattern cannot match and is not tried
    (a pattern opening on ``\\b`` and an alternation of words is tried at every character, 10-30 us
    on a sentence). A pure function of the text, kept for the last sentences read (several checks
    gate on the same sentence).
    """
    if not text.isascii() and ("\u017f" in text or "\u212a" in text or "\u0130" in text or "\u0131" in text):
        text = text.translate(CASE_BLIND_FOLD)  # (a translation reads every character: 2-3 us a sentence)
    return frozenset(_WORD_RUN.findall(text.lower()))
