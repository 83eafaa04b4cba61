"""Typo recall on synthetic slips typed into real articles, by the kind of word slipped on.

Real typo sets are small and, once read, no longer held out. This measure makes as many cases as
wanted from any clean text the caller chooses (PolNeAR's *train* articles here): in each article,
for each kind of word, one word is picked at random and one typing slip is made in it (a letter
dropped, doubled, swapped with its neighbour, struck beside the right key or instead of it), so
that the result is a string the web has never seen. The detector is run on the whole article with
that one change; the slip is **found** when a typo finding overlaps it, and the suggestion is
**right** when it gives back the original word.

The kinds are where the typo detector's name model decides: a lower-case word, a capitalised
word opening a sentence, a weekday or month, a capitalised word inside a run of capitals (a
name of ordinary words such as "Supreme Court", or a person's name), a later mention of a
name the article has used before (a rare capitalised word: the slip spells one name two ways),
and a real-word swap: a word of one of the classic confusions ("their", "lose", "led") replaced
by its twin ("there", "loose", "lead").
Seeded, so a run is
repeatable; pure Python: the caller reads the files and passes a finder.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from credibility.analysis.lexicons import english as lexicon
from credibility.quality.evaluation.typo_eval import GroupFigures, TypoFinder

SLIP_KINDS = (
    "lower-case",
    "sentence opener",
    "weekday or month",
    "inside a run of capitals",
    "a name used again",
    "real-word swap",
)
# The classic confusions issue 20 names (and their inflections), each written -> what is swapped
# in: a real word typed for its twin. Both directions where writers slip both ways.
REAL_WORD_SWAPS: dict[str, str] = {
    "its": "it's",
    "it's": "its",
    "their": "there",
    "there": "their",
    "they're": "their",
    "lose": "loose",
    "losing": "loosing",
    "led": "lead",
    "than": "then",
    "then": "than",
    "affect": "effect",
    "effect": "affect",
    "affected": "effected",
    "passed": "past",
    "your": "you're",
    "you're": "your",
    "whose": "who's",
    "who's": "whose",
    "principle": "principal",
    "principal": "principle",
    "complement": "compliment",
    "compliment": "complement",
    "from": "form",
}
_SWAP_WORD = re.compile(
    r"(?<![\w'\u2019])(?:" + "|".join(sorted(REAL_WORD_SWAPS, key=len, reverse=True)) + r")(?![\w'\u2019])"
)
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_WORD = re.compile(r"[A-Za-z]{5,}")
_CALENDAR = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July "
    "August September October November December".split()
)
_FREQUENT = 3.5  # Zipf: a word used about three times in a million, the detector's "common word"


@dataclass(slots=True)
class SyntheticSlipFigures:
    groups: dict[str, GroupFigures]
    missed: dict[str, list[str]] = field(default_factory=dict)  # per kind: "slip -> word :: context"


def _keys_beside(letter: str) -> str:
    for row in _KEYBOARD_ROWS:
        at = row.find(letter)
        if at >= 0:
            return row[max(0, at - 1) : at] + row[at + 1 : at + 2]
    return ""


def typing_slip(word: str, rng: random.Random, tries: int = 20) -> str | None:
    """One typing slip in ``word`` (never its first letter) that the web has never seen, or None."""
    for _ in range(tries):
        at = rng.randrange(1, len(word) - 1)
        operation = rng.choice(("drop", "swap", "double", "strike instead", "strike beside"))
        beside = _keys_beside(word[at].lower())
        if operation == "drop":
            slip = word[:at] + word[at + 1 :]
        elif operation == "swap":
            slip = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        elif operation == "double":
            slip = word[:at] + word[at] + word[at:]
        elif not beside:
            continue
        elif operation == "strike instead":
            slip = word[:at] + rng.choice(beside) + word[at + 1 :]
        else:
            slip = word[:at] + rng.choice(beside) + word[at:]
        if slip != word and lexicon.zipf(slip.lower()) == 0.0:
            return slip
    return None


def _sentence_opener(text: str, start: int) -> bool:
    before = text[max(0, start - 2) : start]
    return start == 0 or before.endswith((". ", "\n"))


def slip_sites(text: str, kind: str) -> list[re.Match[str]]:
    """The words of ``text`` (five letters or more) that a slip of ``kind`` may be typed into."""
    if kind == "real-word swap":
        return list(_SWAP_WORD.finditer(text))  # lower-case only: "Its" opening a sentence is left alone
    sites = []
    for match in _WORD.finditer(text):
        word, start = match.group(), match.start()
        opener = _sentence_opener(text, start)
        title_case = word[0].isupper() and word[1:].islower()
        if kind == "lower-case":
            chosen = word.islower() and lexicon.zipf(word) >= _FREQUENT
        elif kind == "sentence opener":
            chosen = opener and title_case and word not in _CALENDAR and lexicon.zipf(word.lower()) >= _FREQUENT
        elif kind == "weekday or month":
            chosen = word in _CALENDAR
        elif kind == "inside a run of capitals":
            in_run = text[match.end() : match.end() + 2][1:2].isupper() and text[match.end() : match.end() + 1] == " "
            in_run = in_run or bool(re.search(r"[A-Z][a-z]+ $", text[max(0, start - 24) : start]))
            chosen = (
                not opener
                and title_case
                and word not in _CALENDAR
                and lexicon.zipf(word.lower()) >= _FREQUENT + 0.5
                and in_run
            )
        elif kind == "a name used again":
            # A later mention of a name the article has already used, mid-sentence: the slip
            # makes the one name two spellings (the earlier one is the correction).
            chosen = (
                not opener
                and title_case
                and word not in _CALENDAR
                and lexicon.zipf(word.lower()) < _FREQUENT
                and text.find(word) < start
            )
        else:
            raise ValueError(f"unknown slip kind {kind!r}; expected one of {', '.join(SLIP_KINDS)}")
        if chosen:
            sites.append(match)
    return sites


def synthetic_slip_figures(
    articles: Iterable[str], finder: TypoFinder, *, seed: int = 7, kinds: tuple[str, ...] = SLIP_KINDS
) -> SyntheticSlipFigures:
    """One slip per article and kind, typed into the article; found and right suggestions per kind."""
    rng = random.Random(seed)
    # The swaps draw from a generator of their own, so adding them left the typing slips' cases as they were.
    swap_rng = random.Random(f"{seed}-swap")
    figures = SyntheticSlipFigures(groups={kind: GroupFigures() for kind in kinds})
    for text in articles:
        for kind in kinds:
            sites = slip_sites(text, kind)
            if not sites:
                continue
            if kind == "real-word swap":
                site = swap_rng.choice(sites)
                slip: str | None = REAL_WORD_SWAPS[site.group()]
            else:
                site = rng.choice(sites)
                slip = typing_slip(site.group(), rng)
            if slip is None:
                continue
            start, end = site.start(), site.start() + len(slip)
            changed = text[:start] + slip + text[site.end() :]
            found = [f for f in finder(changed) if f[0] < end and start < f[1]]
            group = figures.groups[kind]
            group.cases += 1
            if found:
                group.detected += 1
                group.correct += any((s or "").casefold() == site.group().casefold() for _, _, s in found)
            else:
                context = changed[max(0, start - 40) : end + 30].replace("\n", " ")
                figures.missed.setdefault(kind, []).append(f"{slip} -> {site.group()} :: {context}")
    return figures
