"""Whether a news sentence is about a public-interest subject or a leisure one.

Check-worthiness learned from debate transcripts scores how claim-like a sentence is, not
whether its subject matters: "the comedy won all six awards it was nominated for" reads as
much like a claim as "the bank left its interest rate unchanged". A fact-checker wants the
second. This counts a sentence's words from the two lists of ``lexicons.news_topics`` and
says which side wins; the unsourced detector uses it to keep routine leisure facts out and
to trust the model's middle scores on public-interest subjects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from credibility.analysis.lexicons.news_topics import (
    CRIME_AND_COURT_WORDS,
    LAW_EVENT_WORDS,
    LEISURE_WORDS,
    PUBLIC_INTEREST_WORDS,
)

_WORD = re.compile(r"[a-z]+")
# "charged" as the law acting: with an offence ("charged with assault", not "charged with
# ensuring order"), over or under something, or with its object or the clause's end after it
# (not "charged services", "charged £5").
_CHARGED = re.compile(
    r"\bcharged(?!\s+with\s+\w+ing\b)"
    r"(?=\s+(?:with|over|under|after|in connection)\b|\s+(?:him|her|them|two|three|four|five|six|seven|eight|nine|ten|\d)"
    r"|\s+[A-Z]|\s*[,.;:])",
)

# A court's order on someone ("won a restraining order against two photographers") or legal
# action ("took action against the two men", "legal action against lenders"): the law at work,
# in words whose parts alone are common ("order", "action").
_COURT_PHRASE = re.compile(
    r"\b(?:restraining|court|gagging|banning|protection|anti-social behaviour)\s+orders?\b"
    r"|\b(?:take|takes|took|taken|taking|bring|brings|brought|bringing)\s+(?:legal\s+)?action\s+against\b"
    r"|\blegal\s+action\b",
    re.I,
)
# Someone serving a sentence ("died while serving his sentence", "is serving a life sentence"):
# the law acted on them, told as a fact.
_SERVING_SENTENCE = re.compile(
    r"\bserv(?:e|es|ed|ing)\s+(?:(?:a|an|his|her|their|the|its)\s+)?(?:[\w-]+\s+){0,3}?(?:sentence|jail\s+term|prison\s+term)s?\b",
    re.I,
)

# A law named by its title ("the Public Order Act", "the European Convention on Human Rights"):
# what a named law does, or how it was used, is a statement about the law a fact-checker checks.
# A convention is a law only with what it is on ("Convention on ...", "Convention against
# Torture"): "the Democratic National Convention" is a party's gathering.
_NAMED_LAW = re.compile(
    r"\bthe\s+(?:[A-Z][\w'\u2019-]*\s+)(?:(?:[A-Z][\w'\u2019-]*|of|on|for|and)\s+){0,6}?"
    r"(?:(?:Act|Directive|Treaty)\b(?!\s+[A-Z])|Convention\s+(?:on|against|for)\s+(?:the\s+)?[A-Z])"
)

# A match result: a scoreline beside a result word ("lost 39-31 to", "a 2-1 win", "drew 0-0").
# A court's "5-4 ruling" or a vote's "passed 52-48" has no result word.
_SCORELINE = re.compile(
    r"\b(?:won|win|wins|lost|lose|loses|beat|beaten|beating|drew|draw|drawn|victory|defeat|defeated|defeats)\b"
    r"[^.;]{0,25}?(?<![\d.,-])\d{1,3}-\d{1,3}(?![\d-])"
    r"|(?<![\d.,-])\d{1,3}-\d{1,3}(?![\d-])\s+(?:\w+\s+)?(?:win|victory|defeat|loss|draw|home win|away win)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class NewsTopic:
    public_interest: int  # distinct public-interest words
    leisure: int  # distinct leisure words
    # A step of the law named ("faces a criminal hearing", "was jailed"): news whatever the
    # other words; a star in court is not routine showbusiness.
    crime_or_courts: bool = False
    # The law acting on someone is told as an event ("were arrested", "was jailed").
    law_event: bool = False

    @property
    def is_public_interest(self) -> bool:
        return self.crime_or_courts or self.public_interest > self.leisure

    @property
    def is_leisure(self) -> bool:
        return not self.crime_or_courts and self.leisure > self.public_interest


@lru_cache(maxsize=4096)
def news_topic(sentence: str) -> NewsTopic:
    """The distinct public-interest and leisure words of ``sentence``; a plural counts as its singular."""
    lowered = sentence.lower()
    words = set(_WORD.findall(lowered))
    serving = "sentence" in lowered and _SERVING_SENTENCE.search(sentence) is not None
    named_law = _NAMED_LAW.search(sentence) is not None
    # A match result counts as one more leisure word: a sports report needs no sport's name.
    result = "-" in sentence and _SCORELINE.search(sentence) is not None
    return NewsTopic(
        _count(words, PUBLIC_INTEREST_WORDS),
        _count(words, LEISURE_WORDS) + result,
        crime_or_courts=not CRIME_AND_COURT_WORDS.isdisjoint(words)
        or serving
        or named_law
        or (("order" in lowered or "action" in lowered) and _COURT_PHRASE.search(sentence) is not None),
        law_event=not LAW_EVENT_WORDS.isdisjoint(words)
        or serving
        or named_law
        or ("charged" in words and bool(_CHARGED.search(sentence))),
    )


def _count(words: set[str], lexicon: frozenset[str]) -> int:
    found = {word[:-1] if word.endswith("s") and word[:-1] in lexicon else word for word in words}
    return len(found & lexicon)
