"""Regular-expression building blocks shared by the detectors."""

from __future__ import annotations

import re
from collections.abc import Iterable

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
