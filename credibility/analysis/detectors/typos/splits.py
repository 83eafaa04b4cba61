"""Words written with a space too few or too many.

Run-together tokens ("onthe", "residentswere"), words glued to a number ("in2020") and a common
word written as two ("news paper", rule ``split-word``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from credibility.analysis.detectors.typos.candidates import _pair_supported, _slip_cost
from credibility.analysis.detectors.typos.findings import _overlaps, _typo_finding
from credibility.analysis.detectors.typos.tokens import _plain_word, _Token
from credibility.analysis.detectors.typos.vocabulary import (
    _content_half,
    _inflected,
    _inflected_only,
    _match_case,
    _split_word,
    _suffixed_vocabulary,
)
from credibility.analysis.lexicons import english as lexicon
from credibility.analysis.types import Finding

# A digit right after a letter; the look-behind runs only at digits, so the scan is quick.
_LETTER_DIGIT = re.compile(r"\d(?<=[A-Za-z]\d)")

# A closed-class word run into a figure: a year, an amount, a percentage or a short unit or
# generation ("in2004", "by3G", "of5%"). Never inside a longer token (code, handles, paths).
_WORD_NUMBER_JOIN = re.compile(
    r"(?<![\w'\u2019@#/.:-])"
    r"(by|in|on|of|at|to|for|from|with|than|about|over|under|after|before|since|until|into|and|the)"
    r"(\d++(?:[.,]\d++)*+(?:%|[A-Za-z]{1,3})?+)(?![\w@/-])",
    re.IGNORECASE,
)

# A token the web uses this often is split only into a pair the bigram list holds ("alittle",
# "ofcourse"): otherwise it is a word of its own, such as an American spelling the clean
# dictionary lacks ("furor" is no "fur or", "clamor") or a plural ("jihadis").
_SEEN_WORD_ZIPF = 1.0

_TIME_UNITS = frozenset(("hours", "days", "weeks", "months", "years", "decades", "centuries"))

# Prefixes English writes solid onto any word ("archconservative", "outhustled", "overthink").
_SOLID_PREFIXES = ("arch", "out", "over", "under", "counter", "super", "ultra", "mega", "anti", "non", "post", "mid")


def _solid_compound(word: str) -> bool:
    """English writes these solid: "weekslong" (a plural time unit + "long"), "-ally" adverbs of a
    real adjective, a productive prefix on a content word ("archconservative")."""
    if word.endswith("long") and word[:-4] in _TIME_UNITS:
        return True
    for prefix in _SOLID_PREFIXES:
        rest = word[len(prefix) :]
        if (
            word.startswith(prefix)
            and len(rest) >= 4
            and rest not in lexicon.FUNCTION_WORDS
            and (lexicon.in_vocabulary(rest) or _suffixed_vocabulary(rest))
        ):
            return True
    return word.endswith("ally") and len(word) > 7 and lexicon.in_vocabulary(word[:-2])


def _run_together(word: str) -> tuple[str, int] | None:
    """The best two-word split of ``word`` and how sure it is (2: sure, 1: only if nothing else fits).

    Sure: a split on a closed-class word that signals a missing space, both halves common
    ("onthe", "wasfollowed"); or, for a token the web has never seen (wordfreq has no entry,
    so not even a rare compound or brand), a split into a pair the bigram list holds
    ("householdsin", "governmentofficials"). Weaker, for unseen tokens only: a function word
    and a rarer word ("beforeconvicting"), or two content words whose first half is inflected
    ("resultsday"), which solid compounds almost never are, or which are both long and common
    ("militarystrikes"); an unseen token that is itself an
    inflection of a vocabulary word ("trusteeships") is not split into content words.
    """
    if _solid_compound(word):
        return None
    seen = lexicon.zipf(word) >= _SEEN_WORD_ZIPF
    unseen = lexicon.zipf(word) == 0.0 and len(word) >= 6
    unseen_ish = lexicon.zipf(word) < 2.0
    inflection = unseen and _inflected(word)
    best: tuple[int, float, str] | None = None
    for i in range(1, len(word)):
        left, right = word[:i], word[i:]
        if right == "a" or (seen and not lexicon.bigram(left, right)):
            continue
        strength, score = 0, min(lexicon.zipf(left), lexicon.zipf(right))
        closed = left in lexicon.SPLIT_WORDS or right in lexicon.SPLIT_WORDS
        if left == "a" and not unseen_ish:
            continue  # "a-" makes words of its own ("atopic", "amoral"): the web writes them solid
        if closed and _split_word(left) and _split_word(right):
            strength = 2
        elif unseen and _split_word(left, 2.0) and _split_word(right, 2.0):
            pair = lexicon.bigram(left, right)
            if pair:
                strength, score = 2, 10.0 + pair
            elif len(word) < 7:
                continue
            elif (
                closed
                or (left in lexicon.FUNCTION_WORDS and len(left) >= 3)
                or (right in lexicon.FUNCTION_WORDS and len(right) >= 3)
            ):
                strength = 1
            elif (
                not inflection
                and _content_half(left)
                and _content_half(right)
                and (
                    _inflected_only(left, right) or min(len(left), len(right)) >= 4 and len(word) >= 12 and score >= 3.5
                )
            ):
                strength = 1
        if strength and (best is None or (strength, score) > best[:2]):
            best = (strength, score, f"{left} {right}")
    return (best[2], best[0]) if best else None


def _dropped_letter_word(word: str, split: str) -> str | None:
    """A common word the token is with one letter left out, when its split ends in a two-letter word.

    "protecton" splits into "protect on", but "protection" with its "i" restored is the likelier
    reading: a two-letter word at the end of a split is often the tail of a longer word.
    """
    tail = split.rsplit(" ", 1)[-1]
    if len(tail) > 2:
        return None
    ranked = sorted(
        (
            (lexicon.zipf(c), c)
            for c, distance in lexicon.near_words(word)
            if distance == 1 and len(c) == len(word) + 1 and c.endswith(tail) and lexicon.zipf(c) >= 3.5
        ),
        reverse=True,
    )
    if not ranked or (len(ranked) > 1 and ranked[0][0] - ranked[1][0] < 1.0):
        return None
    return ranked[0][1]


def _lost_last_letter(word: str) -> str | None:
    """A frequent word the token is with its last letter lost ("departmen"), though it also parses as two words.

    A compound of common words is only a reading when no far more frequent word (Zipf >= 4,
    three points ahead) is the token plus one letter; a plural or verb ending ("s", "d") is
    the compound's own inflection, not a lost letter.
    """
    own = lexicon.zipf(word)
    options = [
        candidate
        for candidate, distance in lexicon.near_words(word)
        if distance == 1
        and len(candidate) == len(word) + 1
        and candidate.startswith(word)
        and candidate[-1] not in "sd"
        and lexicon.zipf(candidate) >= 4.0
        and lexicon.zipf(candidate) - own >= 3.0
    ]
    return options[0] if len(options) == 1 else None


# symspell's bigram counts are on the scale of its unigram counts, where "the" is 10**10.4 and
# "their" 10**8.9; wordfreq's Zipf puts them at 7.7 and 6.3: log10 count less about 2.8 is Zipf.
_BIGRAM_TO_ZIPF = 2.8


def _slip_over_split(word: str, split: str, neighbours: tuple[str, str]) -> str | None:
    """A frequent word one cheap slip away (``_slip_cost`` at most 0.4) that beats a split few write.

    A noisy-channel comparison: the split's pair frequency (the bigram list's log10 count less
    ``_BIGRAM_TO_ZIPF``, 0 when unlisted: "wat her") against a very common word (Zipf >= 4.5)
    one letter left out, swapped, doubled or one key off, less the cost of that slip and
    ranked as in ``_best_correction``, the context included ("the or" is 4.3 on this scale,
    "their" less its slip 5.9; "on the" is 7.9, beyond any word).
    """
    pair = lexicon.bigram(*split.split(" ", 1))
    threshold = pair - _BIGRAM_TO_ZIPF if pair else 0.0
    ranked = sorted(
        (
            lexicon.zipf(candidate)
            - _slip_cost(word, candidate)
            + (1.0 if _pair_supported(neighbours[0], candidate, neighbours[1]) else 0.0),
            candidate,
        )
        for candidate, distance in lexicon.near_words(word)
        if distance == 1 and lexicon.zipf(candidate) >= 4.5 and _slip_cost(word, candidate) <= 0.4
    )
    return ranked[-1][1] if ranked and ranked[-1][0] > threshold else None


def _word_number_joins(text: str, protected: list[tuple[int, int]]) -> Iterable[Finding]:
    """A preposition or article run into the figure after it ("by3G", "in2004", "the2012 race")."""
    if _LETTER_DIGIT.search(text) is None:
        return  # most articles: no letter runs into a digit anywhere
    for match in _WORD_NUMBER_JOIN.finditer(text):
        start, end = match.span()
        if _overlaps(start, end, protected):
            continue
        word, figure = match.group(1), match.group(2)
        yield _typo_finding(
            text,
            start,
            end,
            rule="run-together",
            confidence=0.75,
            explanation=f'"{word}" and "{figure}" look run together: "{word} {figure}".',
            suggestion=f"{word} {figure}",
        )


def _split_words(text: str, tokens: list[_Token], protected: list[tuple[int, int]]) -> Iterable[Finding]:
    """A common word written as two ("infra structure", "al though", "news paper"), rule ``split-word``.

    Two words one blank apart whose join is a dictionary word at Zipf >= 4, where the bigram
    list (Google Books pairs, which record "with out", "every one", "may be" as written) has
    never seen the pair: writers join that word, so the blank is a slip. A function word
    first makes a phrase of its own too often ("in credible talks") and is left alone, unless
    the word after it is rare on its own ("under neath", ``lexicon.solid_word_splits``).
    """
    splits = lexicon.solid_word_splits(lexicon.SOLID_WORD_ZIPF)
    for left in tokens:
        right = left.next
        if right is None:
            continue
        # One dict probe per word first: this runs for every pair of words in the article.
        half = left.text
        seconds = splits.get(half) or (splits.get(half.lower()) if half[:1].isupper() else None)
        if seconds is None or right.text not in seconds:
            continue
        if left.possessive or left.skip or right.skip or left.mention or left.joined or _plain_word(left) is None:
            continue
        first, second = left.text.lower(), right.text
        joined = first + second
        if (
            lexicon.pos_tag(second) == "CD"  # "got ten million"
            or lexicon.bigram(first, second)
            or _overlaps(left.start, right.end, protected)
        ):
            continue
        written = text[left.start : right.end]
        yield _typo_finding(
            text,
            left.start,
            right.end,
            rule="split-word",
            confidence=0.6,
            explanation=f'"{written}" is one word: "{_match_case(joined, left.text)}".',
            suggestion=_match_case(joined, left.text),
        )
