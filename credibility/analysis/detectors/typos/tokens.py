"""Tokens, and the tokens the checks skip.

Every word of the text becomes a ``_Token`` holding its sentence, its neighbours and its marks.
Jargon is handled word by word, never by dropping a sentence: words inside URLs, e-mail addresses,
handles, code spans, style sheets, mojibake or beside digits and code characters (units,
identifiers) are marked ``skip``; words in a short quotation are marked ``mention``; a sentence's
first word and the words of a headline-case line are marked ``initial``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from credibility.analysis import budget
from credibility.analysis.budget import check
from credibility.analysis.detectors.typos.vocabulary import _APOSTROPHES
from credibility.analysis.lexicons import english as lexicon
from credibility.analysis.types import Document

# Web addresses, emails, handles and hashtags are protected whole: nothing inside is a typo.
_CHUNK = re.compile(r"[^\s\"'\u201c\u201d\u2018\u2019()<>\[\]]+")

_WEBBY = re.compile(r"[@#]|://|^www\.|\w\.(?:com|org|net|gov|edu|io|co|uk|eu|int|info|example)\b", re.I)

# What any chunk ``_WEBBY`` accepts must contain besides "@", "#" or "://" (``_web_spans`` looks for
# those with ``in``): "www." or a domain ending after a word character. Most articles have none, and
# are not split into chunks. Each branch opens at the full stop and looks behind it: a pattern
# opening with a character class or a look-behind is tried at every character (95 us on an article,
# 4 here).
_WEB_DOT = re.compile(r"\.(?:(?<=\w\.)(?:com|org|net|gov|edu|io|co|uk|eu|int|info|example)\b|(?<=www\.))", re.I)


def _web_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every web address, email, handle or hashtag, without its trailing punctuation."""
    if not ("@" in text or "#" in text or "://" in text or _WEB_DOT.search(text)):
        return []
    return [
        (m.start(), m.end() - (len(m.group(0)) - len(m.group(0).rstrip(".,;:!?"))))
        for m in _CHUNK.finditer(text)
        if _WEBBY.search(m.group(0))
    ]


_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['\u2019][A-Za-z\u00c0-\u024f]+)*")

_INITIAL_GAP = re.compile("[\n:;\"\u201c\u2018(\u2014\u2013]|[-']\\s*$")

# Possessive (only ever matched whole, nothing after it): a greedy chain keeps a backtracking
# record per part, a megabyte on "A-A-A-..." of 20,000 characters.
_COMPOUND = re.compile(r"[A-Za-z\u00c0-\u024f'\u2019]+(?:-\s?[A-Za-z\u00c0-\u024f'\u2019]+)++")

# A quotation of at most five words is usually a term, a title or a foreign phrase. A straight
# or single mark opens only after a blank or bracket and before a non-blank, and closes only
# after a non-blank: otherwise the closing mark of one long quotation and the opening mark of
# the next would pair up around the narration between them ('too late," the fire crew said. "We').
# Each branch opens with its quotation mark and looks behind it from there: with a look-behind or
# a character class first, the pattern was tried at every character of the text (0.16 ms an article).
_SHORT_QUOTE = re.compile(
    r"\u201c[^\u201d\n]{1,60}\u201d"
    r"|\"(?<![^\s(\[\u2014\u2013/-]\")(?=[^\s\"])[^\"\n]{0,59}(?<=[^\s\"])\"(?![A-Za-z])"
    r"|'(?<![A-Za-z]')(?=[^\s'\u2018\u2019])[^'\u2018\u2019\n]{0,59}(?<=[^\s'\u2018\u2019])['\u2019](?![A-Za-z])"
    r"|\u2018(?<![A-Za-z]\u2018)(?=[^\s'\u2018\u2019])[^'\u2018\u2019\n]{0,59}(?<=[^\s'\u2018\u2019])['\u2019](?![A-Za-z])"
)

# Jargon is skipped word by word: a token inside `code`, or touching a character that only code,
# units, identifiers, handles or markup put next to a letter ("snake_case", "km/h", "#tag",
# "x=y", "call(", "$HOME", "<div", "{name}") is never flagged and never counted.
# Sets the "inside a short quotation" bit of every per-character mark (``bytes.translate``, in C).
_MARK_QUOTED = bytes(i | 2 for i in range(256))

_NON_SPACE_RUN = re.compile(r"\S+")

# UTF-8 bytes of accented letters shown as Latin-1: "Ã©" for "é", "Ã±" for "ñ", "ÃÂ".
# Also decomposed ("A" + combining tilde or circumflex), as some feeds normalise it.
_MOJIBAKE = re.compile("(?:[\u00c2\u00c3]|A[\u0302\u0303])[\u0080-\u00bf\u00c2\u00c3A]")

# A class or id selector opening a style rule (".gmobile {", "#main {").
_CSS_SELECTOR = re.compile(r"(?<![^\s;{}])[.#][A-Za-z][\w-]*+(?=\s*\{)")

_CODE_SPAN = re.compile(r"`[^`\n]+`")

_CODE_BEFORE = frozenset("_/\\@#&`=<>{}$%~^|+")

_CODE_AFTER = frozenset("_/\\@`=<>{}([$%~^|+")

# Two or three lower-case words joined by slashes, as alternatives in prose ("and/or", "applied/enforced").
_ALTERNATIVES = re.compile(r"[a-z]+(?:/[a-z]+){1,2}")


def _word_alternatives(text: str, start: int, end: int) -> bool:
    """The token at ``start:end`` is one of a few lower-case words joined by slashes whose others are all
    dictionary words ("applied/enforcd"): prose, not a path ("usr/bin") or a unit ("km/h")."""
    left = start
    while left > 0 and (text[left - 1].isalpha() or text[left - 1] == "/"):
        left -= 1
    right = end
    while right < len(text) and (text[right].isalpha() or text[right] == "/"):
        right += 1
    if (left > 0 and not (text[left - 1].isspace() or text[left - 1] in '("\u201c')) or (
        right < len(text) and not (text[right].isspace() or text[right] in '.,;:!?)"\u201d')
    ):
        return False
    chunk = text[left:right]
    if not _ALTERNATIVES.fullmatch(chunk):
        return False
    word = text[start:end]
    others = [part for part in chunk.split("/") if part != word]
    return bool(others) and all(len(part) >= 3 and lexicon.is_word(part) for part in others)


def _mark_protected(marks: bytearray, spans: Iterable[tuple[int, int]]) -> None:
    """Mark each character of ``spans`` protected (bit 1 of ``marks``): never flagged, never counted."""
    for a, b in spans:
        marks[a:b] = b"\x01" * (b - a)


def _unlink(tokens: list[_Token]) -> None:
    """Break the ``prev``/``next`` links between neighbouring tokens.

    Linked both ways, the tokens of an article form reference cycles, which reference counting
    never frees: without this they would stay in memory, through the detectors that run next,
    until the cyclic garbage collector happens to run (the largest part of the peak memory of the
    later detectors on an article of many short words).
    """
    for token in tokens:
        token.prev = token.next = None


@dataclass(slots=True)
class _Token:
    start: int
    end: int  # end of the word without a possessive ending
    text: str  # the word without a possessive ending
    sentence: int
    initial: bool  # capitalised because it starts a sentence, line, quotation or headline
    possessive: bool = False
    prev: _Token | None = None
    next: _Token | None = None
    joined: bool = False  # sits inside another token (a glued credit) or a hyphenated compound
    compound: str = ""  # the whole hyphenated word this token is part of, if any
    mention: bool = False  # inside a short quotation: a term, title or foreign phrase
    skip: bool = False  # URL/number/abbreviation context: never flag, never count


def _tokens(
    document: Document,
    protected: list[tuple[int, int]],
    glued: dict[int, int],
    captions: Sequence[tuple[int, int, int]] = (),
) -> list[_Token]:
    text = document.text
    # Per-character marks: 1 = protected (URL, email, handle), 2 = inside a short quotation.
    marks = bytearray(len(text) + 1)
    _mark_protected(marks, protected)
    for match in _SHORT_QUOTE.finditer(text):
        a, b = match.span()
        marks[a:b] = marks[a:b].translate(_MARK_QUOTED)
    if "`" in text:
        _mark_protected(marks, (match.span() for match in _CODE_SPAN.finditer(text)))
    if any(mark in text for mark in ("\u00c3", "\u00c2", "\u0303", "\u0302")):
        # UTF-8 read as Latin-1 ("CuÃ©llar"): the letters around the damage are no misspelling.
        damaged = (m.span() for m in _NON_SPACE_RUN.finditer(text) if _MOJIBAKE.search(m.group(0)))
        _mark_protected(marks, damaged)
    if "{" in text:  # ".gmobile {": a style sheet left in the text
        _mark_protected(marks, (match.span() for match in _CSS_SELECTOR.finditer(text)))
    tokens: list[_Token] = []
    # Hyphen chains: where the walk back from the latest joined token's start stopped, and the
    # compound matched there, so that every token of "A-A-A-..." does not rescan the chain.
    # Only the latest is needed: tokens come in order, so a walk back meets the latest joined
    # token's start before any earlier one's (and a chain's tokens share one compound).
    chain_token_start, chain_start, chain_compound = -1, -1, ""
    size = len(text)
    # Every token is an object (about 200 bytes) that the checks below walk. Real news has at
    # most about 190 words per 1,000 characters (300 BBC and dev articles); a text denser in
    # words than this ("A-A-A-...") is tokenised only up to the allowance. Counted here and
    # handed to the allowance once (``take`` per word was a tenth of the tokeniser's time).
    words = budget.allowance("the typo check", text_length=size, floor=500, per_1000_chars=300)
    room = words.limit - words.used
    taken = 0
    # One walk, not three: each token is marked ``initial`` (a sentence's first word, one after a
    # line break, colon, dash or opening quotation mark, every word of a headline-case sentence)
    # and linked to the word before it as it is made.
    for sentence in document.sentences:
        check()
        sentence_tokens: list[_Token] = []
        offset, index = sentence.start, sentence.index
        last: _Token | None = None  # the sentence's latest token
        capitalised = long_words = 0  # tokens of four letters or more, and those capitalised
        for match in _WORD.finditer(sentence.text):
            start = offset + match.start()
            if taken >= room:
                words.used += taken
                taken = 0
                words.take(start)  # refused: records where the text went unchecked
                break
            taken += 1
            word = match.group(0)
            # _strip_possessive, inlined (this loop runs for every word of every article)
            possessive = len(word) > 3 and word[-2] in _APOSTROPHES and word[-1] in "sS"
            if possessive:
                word = word[:-2]
            end = start + len(word)
            before = text[start - 1] if start else " "
            after = text[end] if end < size else " "
            first_mark, last_mark = marks[start], marks[end - 1]
            if before == " " and (after == " " or after == ","):  # the usual case: only the marks can tell
                skip = bool((first_mark | last_mark) & 1)
            else:
                skip = bool(
                    (first_mark | last_mark) & 1
                    or before.isdigit()
                    or after.isdigit()
                    or (before in _CODE_BEFORE or after in _CODE_AFTER)
                    and not ("/" in (before, after) and _word_alternatives(text, start, end))
                    or (after == "." and end + 1 < size and text[end + 1].isalpha())
                    or (before == "." and start >= 2 and text[start - 2].isalpha())
                )
            mention = bool(first_mark & last_mark & 2)  # inside a short quotation
            # Every field given in order (no attribute set after): prev, next, joined, compound as by default.
            token = _Token(start, end, word, index, False, possessive, None, None, False, "", mention, skip)
            if before == "-" or after == "-" or (before == " " and start >= 2 and text[start - 2] == "-"):
                token.joined = True
                chunk_start = start
                while chunk_start > 0 and (
                    text[chunk_start - 1].isalpha()
                    or text[chunk_start - 1] in "-'\u2019"
                    or text[chunk_start - 2 : chunk_start] == "- "
                ):
                    if chunk_start == chain_token_start:  # the latest joined token's walk went on from here
                        chunk_start = chain_start
                        break
                    chunk_start -= 1
                if chunk_start != chain_start:
                    chunk = _COMPOUND.match(text, chunk_start)
                    chain_compound = chunk.group(0) if chunk else ""
                chain_token_start, chain_start = start, chunk_start
                token.compound = chain_compound or word
            if captions:  # most articles have none: no loop to set up for each token
                for credit_start, credit_end, opener in captions:
                    if credit_start <= start < credit_end:
                        token.skip = True  # a credit line's names say nothing about the article's
                    elif start == opener:
                        token.initial = True
            if last is None:
                token.initial = True  # the sentence's first word
            else:
                last_end = last.end
                if start == last_end + 1 and text[last_end] == " ":
                    # One blank (the usual gap): no break that makes the word initial, and the
                    # tokens are neighbours (unless the one before ends in a possessive "'s").
                    if not last.possessive and not token.joined:
                        last.next, token.prev = token, last
                else:
                    if start > last_end and _INITIAL_GAP.search(text, last_end, start):
                        token.initial = True
                    if last.possessive and not token.joined and start == last_end + 3 and text[last_end + 2] == " ":
                        last.next, token.prev = token, last
            if len(word) >= 4:
                long_words += 1
                if word[0].isupper():
                    capitalised += 1
            sentence_tokens.append(token)
            last = token
            if start in glued:  # the glued credit's token: the sentence really starts inside it
                inner = glued[start]
                token.skip = True
                right = _Token(
                    start=inner,
                    end=end,
                    text=text[inner:end],
                    sentence=sentence.index,
                    initial=True,
                    possessive=possessive,
                    joined=True,
                )
                if end - inner >= 4:
                    long_words += 1
                    if right.text[0].isupper():
                        capitalised += 1
                sentence_tokens.append(right)
                last = right
        # Headline case: when most words are capitalised, capitals say nothing about names.
        if capitalised >= 3 and capitalised >= 0.7 * long_words:
            for token in sentence_tokens:
                token.initial = True
        tokens.extend(sentence_tokens)
        if words.exhausted:
            break
    words.used += taken
    return tokens


def _plain_word(token: _Token) -> str | None:
    """A token's word in lower case when it is an ordinary word (capitalised only to open a sentence)."""
    word = token.text
    lower = word.lower()
    if word == lower or (token.initial and word[1:] == lower[1:]):
        return lower
    return None  # a name or acronym says nothing of its part of speech
