"""Hedged claims and claims attributed only to vague sources.

A sentence is flagged ``vague_source`` when every attribution it carries is unnamed
("local sources", "people familiar with the matter", "some residents believe", "a former
colleague, who asked not to be named"), and ``hedged`` when it has no attribution at all
but the writer signals the fact is not established ("reportedly", "is thought to",
"it is understood that", "may have been"). A sentence attributed to a named source is
never flagged here: the hedge, if any, is the source's, and the attribution detector
already records who said it. Quoted speech takes the attribution of the quote's speaker,
even when the speaker is named in a neighbouring sentence.

Attribution comes from ``earlier`` ``source_attribution`` findings (``source.kind ==
"vague"`` is unnamed) and, as a fallback for texts analysed without the attribution
detector, from the cue lists in ``lexicons.hedges``. The helpers that decide it are
public because the unsourced-claim detector uses the same decision.

Plain "may"/"could" + verb is deliberately not a hedge: in news copy it is almost always
a forecast or a conditional ("the council could raise fees"), which is not a reported fact.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from credibility.analysis.budget import check
from credibility.analysis.claims.checkworthiness import checkworthiness
from credibility.analysis.claims.flag_value import claim_checkworthiness_many, flag_confidence
from credibility.analysis.lexicons import english
from credibility.analysis.lexicons import hedges as lex
from credibility.analysis.lexicons.sourcing import DOCUMENT_NOUNS
from credibility.analysis.patterns import word_set
from credibility.analysis.types import (
    ENGLISH_ONLY,
    AnalysisContext,
    Document,
    Finding,
    Sentence,
    UnverifiedReason,
    sentence_finding,
)

DETECTOR_VERSION = 1


def _alt(items: Sequence[str]) -> str:
    return "(?:" + "|".join(items) + ")"


_NOT_A_VERB = (
    r"(?!(?:the|a|an|his|her|their|its|our|my|your|this|that|police|reporters|journalists|him|them|me|us|it)\b)"
)
_PERFECT_PARTICIPLE = (
    r"(?:been|\w+ed|\w+en|got|gone|made|had|done|left|lost|paid|sent|spent|built|caught|taught|"
    r"brought|bought|sold|told|hit|cut|put|run|won|begun|known|seen|met|held|led|fled|set|struck)"
)

# Hedge cues, strongest first: the first pattern that matches names the rule.
_HEDGES: tuple[tuple[re.Pattern[str], float], ...] = tuple(
    (re.compile(pattern, re.I), confidence)
    for pattern, confidence in (
        (
            rf"\bit (?:is|was|has been|had been) (?:widely |generally |now |also )?{_alt(lex.HEDGE_IMPERSONAL_VERBS)}\b(?: that)?",
            0.9,
        ),
        (
            rf"\b(?:is|are|was|were|has been|have been|had been|being) (?:widely |generally |now |also |still )?"
            rf"{_alt(lex.HEDGE_PASSIVE_VERBS)} to {_NOT_A_VERB}\w+",
            0.85,
        ),
        (
            rf"\bthere (?:are|is|were|was|have been|has been|had been) (?:\w+ )?{_alt(lex.HEDGE_GROUNDS_NOUNS)} {_alt(lex.HEDGE_GROUNDS_LINKS)}\b",
            0.8,
        ),
        (
            rf"\b(?:is|are|was|were|has been|have been|had been|being) (?:{_alt(lex.HEDGE_WEASEL_DEGREE)} )?"
            rf"{_alt(lex.HEDGE_WEASEL_VERBS)} (?:as|to be|to have|one of|among|the|a|an|by (?:many|some|most|others))\b",
            0.7,
        ),
        (
            r"\bit (?:is|was|remains|seems|appears) (?:still |not )?(?:unclear|possible|probable|likely|unlikely|uncertain|doubtful|plausible|conceivable) (?:that|whether|if)\b",
            0.75,
        ),
        (r"\b(?:reportedly|allegedly|purportedly|reputedly|supposedly|rumou?red)\b", 0.85),
        (rf"\b{_alt(lex.HEDGE_APPEARANCE_VERBS)} (?:to|likely|that)\b|\bit (?:appears|seems|appeared|seemed)\b", 0.7),
        (rf"\b{_alt(lex.HEDGE_MODALS_PERFECT)} (?:well |also |even |already )?have {_PERFECT_PARTICIPLE}\b", 0.7),
        (
            rf"\b(?:is|are|was|were|has been|have been|had been|being) (?:widely |generally |now |also |still )?"
            rf"{_alt(lex.HEDGE_PASSIVE_PERFECT_VERBS)} to have {_PERFECT_PARTICIPLE}\b",
            0.75,
        ),
        (
            rf"\b(?:is|are|was|were|has been|have been|had been|being) (?:widely |generally |now |also |still |strongly )?"
            rf"{_alt(lex.HEDGE_SUSPICION_FRAMES)}\b",
            0.75,
        ),
        (rf"\b{_alt(lex.HEDGE_EVIDENCE_FRAMES)}\b", 0.7),
        # "An estimated 360 tonnes" qualifies a quantity, it does not hedge the claim: not here.
        (r"\bunconfirmed\b|\balleged\b|\bpurported\b", 0.65),
        (rf"\b{_alt(lex.HEDGE_ADVERBS)}\b", 0.55),
    )
)

# --- vague sources ----------------------------------------------------------------------
_VERB = rf"(?:(?:have|has|had|also|privately|publicly|now|long|would|widely)\s+)*{_alt(lex.SOURCE_VERBS)}\b"
_PROXIMITY_PP = rf"(?:\s+{_alt(lex.PROXIMITY_LINKS)}(?:\s+[\w'\u2019-]+){{1,5}}?)"
# "sources at the ministry", "sources inside the club": still nobody who can be checked.
_SOURCE_PP = rf"(?:\s+(?:{_alt(lex.PROXIMITY_LINKS)}|at|in|inside|within|from|on|near)(?:\s+[\w'\u2019-]+){{1,5}}?)"
_APPOSITIVE = r"(?:\s*,[^,.;]{1,90},)?"
_SOURCE_NP = (
    rf"(?:(?:a|an|one|two|three|several|some|other|multiple|the)\s+)?(?:(?:{_alt(lex.VAGUE_GROUP_MODIFIERS)}|well-placed|"
    rf"informed|reliable|knowledgeable|official)\s+)*{_alt(lex.SOURCE_NOUNS)}"
)
_PROXIMITY_NP = rf"{_alt(lex.PROXIMITY_HEADS)}{_PROXIMITY_PP}"
_SOURCE_FULL = rf"{_SOURCE_NP}{_SOURCE_PP}?"
_GROUP_NP = rf"(?:(?:{_alt(lex.VAGUE_GROUP_MODIFIERS)})\s+){{0,2}}{_alt(lex.VAGUE_GROUPS + lex.LAY_GROUPS)}"
# "residents of Teknaf say", "diplomats in Cairo say": a place between the group and its verb.
_PLACE_PP = r"(?:\s+(?:in|of|at|from|near|across|around|outside|on)(?:\s+[\w'\u2019-]+){1,4}?)?"
_QUANTIFIED_NP = rf"{_alt(lex.VAGUE_QUANTIFIERS)}\s+(?:[a-z][\w-]*\s+){{0,2}}[a-z][\w-]*s"
_INDIVIDUAL_NP = (
    rf"{_alt(lex.UNNAMED_INDIVIDUAL_DETERMINERS)}\s+(?:{_alt(lex.UNNAMED_INDIVIDUAL_MODIFIERS)}\s+){{0,2}}"
    rf"{_alt(lex.UNNAMED_INDIVIDUALS)}"
)


def _words(items: Sequence[str]) -> frozenset[str]:
    """The words a list of simple fragments can match: "sources?" gives "source" and "sources"."""
    out: set[str] = set()
    for item in items:
        for word in item.lower().split():
            variants = [""]
            for i, ch in enumerate(word):
                if ch == "?":
                    continue
                optional = i + 1 < len(word) and word[i + 1] == "?"
                variants = [v + ch for v in variants] + (variants if optional else [])
            out.update(variants)
    return frozenset(out - _FUNCTION_WORDS)


_FUNCTION_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "with", "for", "by"})


# A pattern family can only match if the sentence holds one of its trigger words: checking a
# token set first keeps the (alternation-heavy) regexes off most sentences.
_TRIGGERS: dict[str, frozenset[str]] = {
    "anonymous": frozenset({"anonymity", "anonymously", "anonymous", "named", "identified", "privately"}),
    "impersonal": frozenset(
        {
            "claimed",
            "suggested",
            "argued",
            "asserted",
            "rumoured",
            "rumored",
            "reports",
            "rumours",
            "rumors",
            "word",
            "some",
            "many",
            "others",
        }
    ),
    "source": _words(lex.SOURCE_NOUNS),
    "proximity": frozenset({"familiar", "close", "knowledge", "briefed", "involved", "access", "aware"}),
    "group": _words(lex.VAGUE_GROUPS) | _words(lex.LAY_GROUPS) | _words(lex.VAGUE_QUANTIFIERS),
    "individual": _words(lex.UNNAMED_INDIVIDUALS),
}
_TOKEN = re.compile(r"[a-z]+")

_SOURCE_VERB_WORDS = _words(lex.SOURCE_VERBS)
_ACCORDING = frozenset({"according"})

# Each: (family, pattern, whether a following named organisation makes it named, extra words one
# of which the sentence must hold: the speech verb or "according" every such pattern needs).
_VAGUE: tuple[tuple[str, re.Pattern[str], bool, frozenset[str] | None], ...] = tuple(
    (
        label,
        re.compile(pattern, re.I),
        org_sensitive,
        _ACCORDING
        if pattern.startswith(r"\baccording to")
        else (None if label in ("anonymous", "impersonal") else _SOURCE_VERB_WORDS),
    )
    for label, pattern, org_sensitive in (
        ("anonymous", _alt(lex.ANONYMITY_PHRASES), False),
        ("impersonal", _alt(lex.VAGUE_IMPERSONAL), False),
        ("source", rf"\baccording to\s+(?P<np>{_SOURCE_FULL})", False),
        ("source", rf"\b(?P<np>{_SOURCE_FULL}){_APPOSITIVE}\s+{_VERB}", False),
        ("source", rf"\b{_alt(lex.SOURCE_VERBS)}\s+(?:one\s+|a\s+|an\s+)?(?P<np>{_SOURCE_FULL})", False),
        ("proximity", rf"\baccording to\s+(?P<np>{_PROXIMITY_NP})", False),
        ("proximity", rf"\b(?P<np>{_PROXIMITY_NP}){_APPOSITIVE}\s+{_VERB}", False),
        ("proximity", rf"\b{_alt(lex.SOURCE_VERBS)}\s+(?P<np>{_PROXIMITY_NP})", False),
        ("group", rf"\baccording to\s+(?:the\s+|some\s+|many\s+)?(?P<np>{_GROUP_NP})\b", True),
        ("group", rf"\b(?P<np>{_GROUP_NP}){_PLACE_PP}{_APPOSITIVE}\s+{_VERB}", True),
        ("group", rf"\b(?P<np>{_QUANTIFIED_NP}){_APPOSITIVE}\s+{_VERB}", True),
        ("individual", rf"\b(?P<np>{_INDIVIDUAL_NP}){_APPOSITIVE}\s+{_VERB}", True),
        ("individual", rf"\b{_alt(lex.SOURCE_VERBS)}\s+(?P<np>{_INDIVIDUAL_NP})\b", True),
    )
)
# A group or individual tied to a named organisation is not vague: "officials at the Treasury".
# After "in" / "of" the capitalised name must look like an organisation, not a place:
# "diplomats in Cairo" stay vague. Lay groups ("residents of Teknaf") are vague whatever follows.
_ORG_AFTER = re.compile(
    rf"\s+(?P<link>{_alt(lex.ORGANISATION_LINKS)})\s+(?:the\s+)?(?P<name>[A-Z][\w&'\u2019.-]*(?:\s+(?:of\s+|for\s+|and\s+|&\s+)?[A-Z][\w&'\u2019.-]*){{0,5}})"
)
_ORG_HEADS = frozenset(lex.ORGANISATION_HEADS)
_LAY_GROUPS = re.compile(rf"(?:{_alt(lex.LAY_GROUPS)})$", re.I)
_PLACE_LINKS = frozenset({"in", "of"})


_LOWER_WORDS = re.compile(r"(?:\s+[a-z][\w-]*)+")
# Words that may stand between a group's name and its speech verb ("have", "also", "privately").
_VERB_LEAD = frozenset({"have", "has", "had", "also", "privately", "publicly", "now", "long", "would", "widely"})


def _names_a_place(text: str, name_end: int) -> bool:
    """Whether the capitalised name ending at ``name_end`` only qualifies the common nouns after it
    ("traders at the Corran fish market say", "workers at the Pell Road depot say"): a place, not
    an organisation, unless one of those nouns names an organisation ("the Treasury department")."""
    match = _LOWER_WORDS.match(text, name_end)
    if match is None:
        return False
    words = match.group(0).split()
    # "analysts at Daewon Securities in Seoul said": a name complete before a preposition or a verb
    if words[0] in _VERB_LEAD or words[0] in _SOURCE_VERB_WORDS or words[0] in english.FUNCTION_WORDS:
        return False
    nouns = []
    for word in words:
        if word in _VERB_LEAD or word in _SOURCE_VERB_WORDS:
            break
        nouns.append(word)
    return _ORG_HEADS.isdisjoint(nouns)


# A group word used as the title of the name right after it ("analysts Gartner", "according to
# consultants Ovum Research", "market researchers NPD said"): a named firm, never a vague source.
# Not a day or a month ("officials Monday said", US style), nor a word that opens a clause.
_NAME_RIGHT_AFTER = re.compile(
    r"\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
    r"July|August|September|October|November|December|The|A|An|In|On|At|But|And|It|This|That|I)\b)"
    r"[A-Z][\w&'\u2019./-]*"
)


def _tied_to_org(text: str, np_end: int, np_text: str) -> bool:
    """Whether the noun phrase ending at ``np_end`` belongs to a named organisation."""
    if _LAY_GROUPS.search(np_text):
        return False
    if _NAME_RIGHT_AFTER.match(text, np_end):
        return True  # "analysts Gartner": the title of a named firm
    match = _ORG_AFTER.match(text, np_end)
    if match is None:
        return False
    if _names_a_place(text, match.end()):
        return False
    if match.group("link").lower() not in _PLACE_LINKS:
        return True
    name_words = {w.lower().strip(".") for w in match.group("name").split()}
    return bool(name_words & _ORG_HEADS) or match.group("name").isupper()


# End-anchored look-backs read this many characters: searched from the sentence start they
# would retry at every position, for every match (quadratic on a long sentence of cues).
_LOOKBACK = 200
_NAMED_BEFORE = re.compile(r"(?:\b[A-Z][\w-]*(?:['\u2019]s?)?|['\u2019]s?)\s+$")
_NAMED_CUES = re.compile(rf"\b{_alt(lex.NAMED_ATTRIBUTION_CUES)}\b", re.I)


def _cue_first_words(cues: Sequence[str]) -> frozenset[str] | None:
    """The words a _NAMED_CUES match can begin with, or None when a cue's shape is not known.

    Each cue opens with a literal word or a ``(?:a|b)`` group of them, followed by a blank or
    a word boundary: a match starts at a whole word, which must be one of these.
    """
    out: set[str] = set()
    for cue in cues:
        head = re.match(r"\(\?:([a-z|]+)\)(?:\s|\\b| )|([a-z]+)(?: |\\b|$)", cue)
        if head is None:
            return None
        out.update((head.group(1) or head.group(2)).split("|"))
    return frozenset(out)


_NAMED_CUE_FIRST = _cue_first_words(lex.NAMED_ATTRIBUTION_CUES)
_WORD_RUN = re.compile(r"\w+")


def _may_have_named_cue(text: str) -> bool:
    """False only when _NAMED_CUES cannot match: an ASCII text none of whose words opens a cue.

    (Non-ASCII text goes to the regex, whose case-insensitive matching folds a few non-ASCII
    letters onto ASCII ones.)
    """
    if _NAMED_CUE_FIRST is None or not text.isascii():
        return True
    return not _NAMED_CUE_FIRST.isdisjoint(_WORD_RUN.findall(text.lower()))


def _named_cues(text: str) -> Iterator[re.Match[str]]:
    """What ``_NAMED_CUES.finditer(text)`` finds, tried only where a word that opens a cue starts.

    The pattern's 30-odd alternatives, tried at every character of every sentence, cost more
    than the rest of the hedge check; a match starts at a whole word of ``_NAMED_CUE_FIRST``
    (see ``_cue_first_words``), and the next is looked for after it, as ``finditer`` does. A
    word with a non-ASCII letter is tried too: case-insensitive matching folds a few of them
    onto ASCII letters ("ſ" onto "s").
    """
    if _NAMED_CUE_FIRST is None:
        yield from _NAMED_CUES.finditer(text)
        return
    end = 0
    for word in _WORD_RUN.finditer(text):
        if word.start() < end:
            continue
        letters = word.group(0)
        if letters.lower() in _NAMED_CUE_FIRST or not letters.isascii():
            match = _NAMED_CUES.match(text, word.start())
            if match is not None:
                yield match
                end = match.end()


_SPACE = re.compile(r"\s+")
_PASSIVE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:(?:\w+ly|also|now|still|even|already|often)\s+)?$", re.I
)
# "added" is an attribution cue only as a speech verb ("..., he added.", "added that"), not in
# "the weaker yen has added ¥40 billion to profit".
_SPEECH_ADDED = re.compile(r"\s*(?:[,.;:\"\u201d\u2019]|that\b|$)", re.I)
_TO_VERB = re.compile(rf"\s+to\s+{_NOT_A_VERB}\w+", re.I)


@dataclass(frozen=True, slots=True)
class Cue:
    label: str  # normalised cue text, used in the finding's rule
    confidence: float
    start: int = -1  # where the cue is in the text it was found in
    end: int = -1


@dataclass(frozen=True, slots=True)
class SentenceAttribution:
    """How one sentence is attributed. ``named`` and ``vague`` hold source names or cue labels."""

    named: tuple[str, ...] = ()
    vague: tuple[str, ...] = ()
    quoted: bool = False  # the sentence is mostly quoted speech
    via_context: bool = False  # the attribution comes from the quote's neighbouring sentence
    # Where a subordinate clause headed by a speech cue begins ("... shortly before the minister
    # announced ..."), as an offset into the sentence; 0 when there is none. The writer's own
    # statement is the text before it.
    clause_end: int = 0

    @property
    def attributed(self) -> bool:
        return bool(self.named or self.vague)


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.strip().lower())


# Words one of which each hedge pattern needs, in _HEDGES order (None: always run).
_HEDGE_TRIGGERS: tuple[frozenset[str] | None, ...] = (
    frozenset({"it"}),
    frozenset({"to"}),
    frozenset({"there"}),
    _words(lex.HEDGE_WEASEL_VERBS),
    frozenset({"it"}),
    frozenset({"reportedly", "allegedly", "purportedly", "reputedly", "supposedly", "rumoured", "rumored"}),
    frozenset({"appear", "appears", "appeared", "seem", "seems", "seemed"}),
    frozenset({"have"}),
    frozenset({"have"}),
    frozenset({"suspected", "responsible", "behind"}),
    frozenset({"indications", "signs", "speculation"}),
    frozenset({"unconfirmed", "alleged", "purported"}),
    _words(lex.HEDGE_ADVERBS),
)
assert len(_HEDGE_TRIGGERS) == len(_HEDGES)


# Word senses and readings in which a hedge word does not hedge a reported fact.
# "failed to appear to give samples", "did not appear in court": *appear* as show up.
_SHOW_UP_BEFORE = re.compile(
    r"(?:\b(?:fail(?:s|ed|ing)?|refus(?:e|es|ed|ing)|due|ordered|summoned|required|bailed|obliged) to|"
    r"\b(?:not|never)|n['\u2019]t)\s+$",
    re.I,
)
# "we already appear to be", "I seem to": the writer's own impression, not a reported fact.
_FIRST_PERSON_BEFORE = re.compile(r"\b(?:we|i|you)\s+(?:(?:already|all|now|still|just|also|really)\s+)?$", re.I)
# "will probably be", "could possibly": a forecast or a conditional, not a fact.
_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|might|may|shall|can|won['\u2019]t)\s+(?:\w+\s+){0,3}$", re.I)
_MODAL_AFTER = re.compile(r"\s+(?:will|would|won['\u2019]t|is going to|are going to)\b", re.I)
# "more likely to", "far less likely": a comparison of chances, not a hedge.
_COMPARISON_BEFORE = re.compile(r"\b(?:more|less|most|least|as|far|much|twice|times)\s+$", re.I)
# "is likely to be part of", "are unlikely to come": a forecast; "is likely to have died" hedges a fact.
# (a quotation may open after "to": 'are unlikely to "impose significant costs"')
_FORECAST_TO = re.compile(r"\s+to\s+[\"\u201c'\u2018]?(?!have\b)[a-z]+", re.I)
_IMPERSONAL_BEFORE = re.compile(r"\bit\s+(?:is|was|seems|looks)\s+$", re.I)
# "It is likely also that nuclear power will be needed", "it seems that the name is likely to be
# remembered": the impersonal hedge frames a forecast.
_FORECAST_CLAUSE_AFTER = re.compile(
    r"(?:\s+(?:also|now|still))?(?:\s+that)?\s+(?:[\w'\u2019,-]+\s+){0,6}?"
    r"(?:will|would|won['\u2019]t|(?:is|are)\s+(?:going|likely|unlikely|set|due)\s+to)\b",
    re.I,
)
# "tests show they are unlikely to be a danger": the word is part of what the evidence shows.
_EVIDENCE_BEFORE = re.compile(
    r"\b(?:show|shows|showed|shown|prove|proves|proved|proven|found|find|finds|confirm|confirms|confirmed|"
    r"conclude|concludes|concluded|demonstrate|demonstrates|demonstrated)\b(?:\s+that)?(?:\s+[\w'\u2019-]+){0,3}\s+$",
    re.I,
)
# "Labour may have abolished hunting - but that didn't stop ...": a concession, granted not hedged.
_CONCESSION_AFTER = re.compile(r"[^.;:]{0,80}?(?:\s[-\u2013\u2014]+\s*but\b|,\s*but\b)", re.I)
_CHANCE_WORDS = frozenset({"probably", "possibly", "likely", "unlikely", "perhaps", "conceivably", "presumably"})
# "so, understandably perhaps, believe ...", "perhaps unsurprisingly, the bill failed": the chance
# word tones down the writer's comment (the adverb beside it), not the reported fact.
_COMMENT_ADVERB = (
    r"(?:understandably|unsurprisingly|surprisingly|inevitably|predictably|ironically|naturally|"
    r"fittingly|tellingly|wisely|unwisely|mercifully|curiously|oddly|strangely|typically)"
)
_COMMENT_BEFORE = re.compile(rf"\b{_COMMENT_ADVERB},?\s+$", re.I)
_COMMENT_AFTER = re.compile(rf",?\s+{_COMMENT_ADVERB}\b", re.I)
_APPEARANCE = re.compile(r"(?:appear|seem)", re.I)


# Someone's own voice outside quotation marks: a first person ("My supplier did not tell me",
# "In our universities ...", "I'd probably remember") is a quote whose marks were lost, a reader's
# letter or the writer's own column: someone's account or view, not a claim the writer states or
# hedges. The generic "you" of an explainer ("lets you register your phone") is not.
# The pattern opens on a class of the letters every match starts with and looks behind from there
# (the boundary, "War I", "Phase I"): opening on look-behinds, it was tried at every character (18 us
# a sentence, 3 now). Same matches as ``(?<!War )(?<!Phase )\bI(?:['\u2019](?:m|ve|d|ll)\b|\s+[a-z])|
# \b(?:[Ww]e|[Oo]urs?|us|[Mm]y|me)\b`` on every corpus and 30,000 random strings.
_FIRST_PERSON = re.compile(
    r"[IWwOoMmu](?<!\w.)(?:(?<=I)(?<!War I)(?<!Phase I)(?:['\u2019](?:m|ve|d|ll)\b|\s+[a-z])"
    r"|(?<=[Ww])e\b|(?<=[Oo])urs?\b|(?<=u)s\b|(?<=[Mm])y\b|(?<=m)e\b)"
)
_QUOTED_SPAN = re.compile(r"\"[^\"]*\"?|\u201c[^\u201d]*\u201d?")


def unquoted(text: str) -> str:
    """``text`` with its quoted spans blanked out."""
    return _QUOTED_SPAN.sub(" ", text)


def first_person(text: str) -> bool:
    """Whether ``text``, outside its quotation marks, speaks in a first person."""
    return _FIRST_PERSON.search(unquoted(text)) is not None


def _hedges_a_forecast(text: str, cue: Cue) -> bool:
    """Whether the impersonal hedge ``cue`` frames a forecast ("it is likely that X will ...").

    The detectors' reading, not ``find_hedge``'s: a forecast is uncertain (WikiWeasel counts it),
    but what it forecasts has not happened, so there is no fact to check (the guide's NFS)."""
    impersonal = cue.label.startswith("it ") or _IMPERSONAL_BEFORE.search(text, max(0, cue.start - 12), cue.start)
    return bool(impersonal) and _FORECAST_CLAUSE_AFTER.match(text, cue.end) is not None


def _misfire(text: str, match: re.Match[str]) -> bool:
    """Whether a hedge-pattern match is another sense of the word, or not the writer's hedge of a fact."""
    start = match.start()
    before = text[max(0, start - 60) : start]
    word = match.group(0).split()[0].lower()
    if _EVIDENCE_BEFORE.search(before):
        return True
    if _APPEARANCE.match(word):
        return bool(_SHOW_UP_BEFORE.search(before) or _FIRST_PERSON_BEFORE.search(before))
    if word in _CHANCE_WORDS and (_COMMENT_BEFORE.search(before) or _COMMENT_AFTER.match(text, match.end())):
        return True
    if word in _CHANCE_WORDS or word == "it":
        if _MODAL_BEFORE.search(before) or _MODAL_AFTER.match(text, match.end()):
            return True
        if word in {"likely", "unlikely"} and (
            _COMPARISON_BEFORE.search(before) or _FORECAST_TO.match(text, match.end())
        ):
            return True
        return False
    if word in {"may", "might", "could", "must"}:
        return bool(_CONCESSION_AFTER.match(text, match.end()))
    return False


@lru_cache(maxsize=4096)
def find_hedge(text: str) -> Cue | None:
    """The strongest hedge cue in ``text`` that is used as a hedge, or None.

    A cue in another sense ("failed to appear to give samples"), in a forecast ("will probably
    be", "is likely to be"), in a comparison of chances ("more likely to"), in the writer's
    own impression ("we appear to be"), in what evidence shows ("tests show they are unlikely
    to be a danger") or in a concession ("X may have won - but ...") is skipped.
    """
    tokens = set(_TOKEN.findall(text.lower()))
    for (pattern, confidence), trigger in zip(_HEDGES, _HEDGE_TRIGGERS, strict=True):
        if trigger is not None and trigger.isdisjoint(tokens):
            continue
        for match in pattern.finditer(text):
            if not _misfire(text, match):
                return Cue(_norm(match.group(0)), confidence, match.start(), match.end())
    return None


@lru_cache(maxsize=4096)
def find_vague_sources(text: str) -> tuple[tuple[int, int, str], ...]:
    """Spans (start, end, cue) of unnamed-source attributions in ``text``."""
    tokens = set(_TOKEN.findall(text.lower()))
    spans: list[tuple[int, int, str]] = []
    for family, pattern, org_sensitive, needs in _VAGUE:
        if _TRIGGERS[family].isdisjoint(tokens) or (needs is not None and needs.isdisjoint(tokens)):
            continue
        for match in pattern.finditer(text):
            has_np = "np" in pattern.groupindex and match.group("np") is not None
            if org_sensitive and has_np:
                np_start, np_end = match.span("np")
                if _tied_to_org(text, np_end, match.group("np")) or (
                    np_start > 0 and _NAMED_BEFORE.search(text, max(0, np_start - _LOOKBACK), np_start)
                ):
                    continue
            cue = match.group("np") if has_np else match.group(0)
            spans.append((match.start(), match.end(), _norm(cue)))
    if not spans and not _PLURAL_SPEECH.isdisjoint(tokens):
        spans.extend(_bare_groups(text))
    return tuple(spans)


# A plural group that speaks with a plural verb and no name, whatever the group is: "Local
# shop owners say ...", "Ferry passengers in the harbour town complain ...". The verb must agree
# with a plural ("say", not "said"), which no firm's name does ("Reuters said"), and every word of
# the group is a common word (no determiner or pronoun), lower-case after the sentence's first:
# "The owners say" and "Its owners say" point back to someone named. A group at an institution
# ("engineers at the water company say") speaks for it, as "officials at the Treasury" do.
# The plural present of each speech verb: "say" (with "says"), "complain" (with "complains").
_PLURAL_SPEECH = frozenset(v for v in lex.SOURCE_VERBS if v.isalpha() and v + "s" in lex.SOURCE_VERBS)
_BARE_GROUP = re.compile(
    r"(?:^|[,;]\s+|\b(?:but|and)\s+)\s*[\"\u201c]?(?P<np>[A-Za-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2}?[^s\W]s)"
    r"(?P<pp>\s+(?:in|at|from|across|around|near|on|outside)(?:\s+(?:the|a|this|that))?(?:\s+[a-z][\w-]*){1,3}?)?"
    rf"\s+{_alt(sorted(_PLURAL_SPEECH))}\b"
)


def _bare_groups(text: str) -> list[tuple[int, int, str]]:
    """Spans (start, end, label) of unnamed plural groups speaking with a plural verb."""
    found: list[tuple[int, int, str]] = []
    for match in _BARE_GROUP.finditer(text):
        words = match.group("np").lower().split()
        if words[-1] in DOCUMENT_NOUNS:
            continue  # "government figures suggest": data, a document source
        if any(w in english.FUNCTION_WORDS or w in _SOURCE_VERB_WORDS or not english.is_word(w) for w in words):
            continue  # "said teenagers ...": a verb, not a group
        place = match.group("pp").lower().split()[1:] if match.group("pp") else []
        place = place[1:] if place and place[0] in ("the", "a", "this", "that") else place
        if any(w in english.FUNCTION_WORDS for w in place):
            continue  # "teenagers in the richest areas could expect": a modal, not a place
        if not _ORG_HEADS.isdisjoint(place):
            continue  # "forecasters at the weather agency": an institution's staff
        found.append((match.start("np"), match.end(), _norm(match.group("np"))))
    return found


_WEASEL = re.compile(
    rf"\b(?:{_alt(lex.WEASEL_QUANTIFIERS + lex.WEASEL_FREQUENCY + lex.WEASEL_PEACOCK + lex.WEASEL_EPISTEMIC)})\b"
    r"|\b(?:the|its|their|his|her) (?:most|least) \w+|\bone of the (?:most \w+|\w+est)\b",
    re.I,
)


@lru_cache(maxsize=4096)
def find_weasel(text: str) -> str | None:
    """A Wikipedia-style weasel or peacock cue ("many", "often", "renowned", "one of the most ..."), or None.

    For the sentence-level uncertainty figure (CoNLL-2010 WikiWeasel) only: these words are
    ordinary description in news copy, so the detectors never flag a sentence on them.
    """
    match = _WEASEL.search(text)
    return _norm(match.group(0)) if match else None


_QUOTE_REACH = 4  # sentences either side searched for the speaker of a multi-sentence quote
_QUOTE_MARK = re.compile(r"[\u201c\u201d\"\n]")


def _straight_quote_role(text: str, i: int) -> str:
    """Whether the straight quote at ``i`` opens, closes or cannot tell ("open", "close", "either").

    An opening mark is glued to the word after it ('said "We'), a closing one to the word or
    punctuation before it ('market."').
    """
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if (before.isspace() or before in "([{\u2014-") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}\u2014-"):
        return "close"
    return "either"


def quoted_regions(text: str) -> tuple[array[int], array[int]]:
    """Spans inside double quotation marks (curly or straight); a paragraph break closes one.

    A mark that can only open a quote, met while one is open, ends the open one just before
    it: news prints a quote running over several paragraphs with an opening mark on each and
    a closing mark only at the end, and once paragraph breaks are lost ('...market. "We
    knew...') pairing marks in turn would put every later quote out of step, quoting the
    narration between them. As two arrays, the starts and the ends, in order (the spans do not
    overlap): a text of 50,000 quoted lines would hold megabytes as a list of (start, end) tuples.
    """
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    opened: int | None = None
    for match in _QUOTE_MARK.finditer(text):
        i, ch = match.start(), match.group(0)
        role = "open" if ch == "\u201c" else "close" if ch == "\u201d" else "either"
        if ch == '"':
            role = _straight_quote_role(text, i)
        if opened is None:
            if ch != "\n" and role != "close":
                opened = i
        elif ch == "\n":
            starts.append(opened)
            ends.append(i)
            opened = None
        elif role == "open":
            starts.append(opened)
            ends.append(i)
            opened = i
        else:
            starts.append(opened)
            ends.append(i + 1)
            opened = None
    if opened is not None:
        starts.append(opened)
        ends.append(len(text))
    return starts, ends


def _overlapping(starts: Sequence[int], ends: Sequence[int], start: int, end: int) -> list[tuple[int, int]]:
    """The regions (``starts``/``ends``: in order, not overlapping each other) that overlap ``[start, end)``."""
    out: list[tuple[int, int]] = []
    for i in range(bisect_right(ends, start), len(starts)):
        if starts[i] >= end:
            break
        out.append((starts[i], ends[i]))
    return out


def _quoted_share(sentence: Sentence, starts: Sequence[int], ends: Sequence[int]) -> float:
    # Only the overlapping regions add anything: found by bisection, not a scan.
    regions = _overlapping(starts, ends, sentence.start, sentence.end)
    inside = sum(max(0, min(e, sentence.end) - max(s, sentence.start)) for s, e in regions)
    return inside / max(1, sentence.end - sentence.start)


def _same_paragraph(text: str, first: Sentence, second: Sentence) -> bool:
    return "\n" not in text[first.end : second.start]


# A sentence that opens by pointing back ("This has left ...", "They were charged ...") carries on
# the point before it, even in a new paragraph.
_POINTS_BACK = re.compile(r"\s*[\"\u201c]?(?:this|that|these|those|it|they|such)\b", re.I)


def _in_intro(text: str, sentence: Sentence) -> bool:
    """Whether ``sentence`` is in the text's first paragraph."""
    return "\n" not in text[: sentence.start].lstrip()


def _findings_by_sentence(document: Document, earlier: Sequence[Finding], kind: str) -> dict[int, list[Finding]]:
    out: dict[int, list[Finding]] = {}
    sentences = document.sentences
    ends = [s.end for s in sentences]  # in order: the overlapping sentences are found by bisection
    for finding in earlier:
        if finding.kind != kind:
            continue
        indexes: list[int] = []
        raw = finding.meta.get("sentence_index")
        if raw is not None and raw.isdigit() and int(raw) < len(sentences):
            indexes.append(int(raw))
        for i in range(bisect_right(ends, finding.start), len(sentences)):
            s = sentences[i]
            if s.start >= finding.end:
                break
            if s.index not in indexes:
                indexes.append(s.index)
        for index in indexes:
            out.setdefault(index, []).append(finding)
    return out


# A speech cue that opens a subordinate clause after a main clause: "X reclassified the
# spending shortly before the minister announced ...", "Shares fell after the firm said ...",
# "She won an order against two men who she claims followed her", "Rents are rising faster than
# the agency's figures suggest", "X is reported to have died, although police have not confirmed
# it", "Critics say the plan is doomed, with recent surveys showing support below 30%". The
# speaker vouches for their own clause only (in a comparison, for the yardstick; in a concession,
# for the caveat; after "with", for the circumstance); the main clause is the writer's statement.
# The speaker between the subordinator and the cue is a pronoun, "the" and a noun, or a name, so
# "the man who was arrested said" (a relative clause inside the subject) keeps its speaker. Not
# "as" ("..., as the minister said"): that credits the main clause.
_SUBORDINATE_SPEECH = re.compile(
    r"(?:^|[\s,;\u2013\u2014-])"
    r"(?:(?:shortly|just|soon|hours|days|weeks|months|moments|minutes|years|long)\s+)?"
    r"(?:before|after|until|since|when|while|whereas|who|whom|which|than|(?:even\s+)?though|although|even\s+if|with)\s+"
    r"(?:(?:he|she|they|it|we|I|you|the\s+[a-z]+|[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){0,3})\s+)?$"
)
_MAIN_CLAUSE_WORDS = 3  # words a main clause needs before the subordinate one


def _subordinate_clause(text: str, cue_start: int) -> int:
    """Where the subordinate clause the speech cue at ``cue_start`` of ``text`` (a sentence)
    heads begins, or 0 when the cue heads the sentence's main clause."""
    window = max(0, cue_start - 80)
    match = _SUBORDINATE_SPEECH.search(text, window, cue_start)
    if match is None or len(text[: match.start()].split()) < _MAIN_CLAUSE_WORDS:
        return 0
    return match.start()


# A capitalised word glued to another capitalised word: "United States", "Said Business School".
_CAPITALISED_BEFORE = re.compile(r"\b[A-Z][\w'\u2019.-]*\s+$")
_CAPITALISED_AFTER = re.compile(r"\s+[A-Z][a-z]")


def _in_name(text: str, match: re.Match[str]) -> bool:
    """Whether the one-word cue at ``match`` is capitalised inside a proper name, not a verb.

    (A document cue runs from its noun to its verb: "Research poll ... found" is one.)"""
    word = match.group(0)
    if not word[:1].isupper() or match.start() == 0 or not word.isalpha():
        return False
    return bool(
        _CAPITALISED_BEFORE.search(text, max(0, match.start() - 40), match.start())
        or _CAPITALISED_AFTER.match(text, match.end())
    )


def _own_attribution(sentence: Sentence, found: Sequence[Finding]) -> SentenceAttribution:
    vague_spans = find_vague_sources(sentence.text)
    named: list[str] = []
    vague: list[str] = [label for _, _, label in vague_spans]
    clause_end = 0
    for finding in found:
        source = finding.source
        name = source.name if source is not None else finding.rule
        rel_start, rel_end = finding.start - sentence.start, finding.end - sentence.start
        overlaps_vague = any(s < rel_end and rel_start < e for s, e, _ in vague_spans)
        if (source is not None and source.kind == "vague") or overlaps_vague:
            vague.append(_norm(name))
        elif clause := _subordinate_clause(sentence.text, rel_start):
            clause_end = min(clause_end or clause, clause)  # the speaker's own clause, not the sentence's claim
        else:
            named.append(name)
    if not found and not vague_spans:
        cue, clause_end = _named_cue(sentence.text)
        if cue:
            named.append(cue)
    if not named and not vague and not clause_end:
        return _UNATTRIBUTED  # shared: a text of many short sentences holds no empty record per sentence
    return SentenceAttribution(named=tuple(named), vague=tuple(dict.fromkeys(vague)), clause_end=clause_end)


@lru_cache(maxsize=4096)  # a pure function of the sentence's text, read again for every sentence seen before
def _named_cue(text: str) -> tuple[str, int]:
    """The first speech cue of an unattributed sentence with no vague source ("cue:said", "" for
    none) and where the earliest speaker's subordinate clause ends (0: none)."""
    clause_end = 0
    if not _may_have_named_cue(text):
        return "", 0
    for match in _named_cues(text):
        if clause := _subordinate_clause(text, match.start()):
            clause_end = min(clause_end or clause, clause)
            continue
        # "is said to have", "was reported to be": an epistemic passive, i.e. a hedge.
        if _PASSIVE_BEFORE.search(text, max(0, match.start() - _LOOKBACK), match.start()) and _TO_VERB.match(
            text, match.end()
        ):
            continue
        if match.group(0).lower() == "added" and not _SPEECH_ADDED.match(text, match.end()):
            continue
        if _in_name(text, match):
            continue  # "the United States", "Said Business School": part of a name, not a speech verb
        return f"cue:{_norm(match.group(0))}", clause_end
    return "", clause_end


_UNATTRIBUTED = SentenceAttribution()
_QUOTED_UNATTRIBUTED = SentenceAttribution(quoted=True)


def _checked(sentences: Sequence[Sentence]) -> Iterator[Sentence]:
    """The sentences, checking the time budget before each."""
    for sentence in sentences:
        check()
        yield sentence


def sentence_attributions(document: Document, earlier: Sequence[Finding]) -> tuple[SentenceAttribution, ...]:
    """One entry per sentence of ``document``, in order. Quoted speech inherits its speaker."""
    return _sentence_attributions(document, tuple(f for f in earlier if f.kind == "source_attribution"))


@lru_cache(maxsize=16)  # both claim detectors ask for the same document and attributions
def _sentence_attributions(document: Document, attributions: tuple[Finding, ...]) -> tuple[SentenceAttribution, ...]:
    by_sentence = _findings_by_sentence(document, attributions, "source_attribution")
    own = [_own_attribution(s, by_sentence.get(s.index, ())) for s in _checked(document.sentences)]
    region_starts, region_ends = quoted_regions(document.text)
    sentences = document.sentences
    # Numbers per sentence are kept in arrays (8 bytes each), not lists of int and float objects:
    # a text of 50,000 two-character lines would otherwise hold megabytes of them.
    shares = (
        array("d", [_quoted_share(s, region_starts, region_ends) for s in sentences])
        if region_starts
        else array("d", bytes(8 * len(sentences)))
    )
    # attributed_before[i]: how many of the first i sentences carry an attribution of their own.
    # A quote can only inherit from a neighbour that has one: none in reach, nothing to look for.
    attributed_before = array("q", [0])
    for mine in own:
        attributed_before.append(attributed_before[-1] + (1 if mine.attributed else 0))
    credits = [_credits_at_end(s, by_sentence.get(s.index, ())) for s in sentences]
    documents = _cited_documents(document, attributions)
    result: list[SentenceAttribution] = []
    for s in sentences:
        mine = own[s.index]
        if documents and not mine.attributed and (cited := _cited_document_speaks(s, documents)) is not None:
            result.append(cited)
            continue
        if shares[s.index] < 0.6:
            unnamed_data = not mine.named and all(_UNNAMED_DATA.search(v) for v in mine.vague)
            result.append(_from_neighbours(document, s, own, shares, credits) if unnamed_data else mine)
            continue
        if mine.named:
            result.append(SentenceAttribution(mine.named, mine.vague, quoted=True))
            continue
        reach_lo, reach_hi = max(0, s.index - _QUOTE_REACH), min(len(sentences), s.index + _QUOTE_REACH + 1)
        if attributed_before[reach_hi] - attributed_before[reach_lo] == (1 if mine.attributed else 0):
            outside = (
                _vague_outside_quotes(s, by_sentence.get(s.index, ()), region_starts, region_ends)
                if mine.attributed
                else ()
            )
            result.append(SentenceAttribution(vague=outside, quoted=True) if outside else _QUOTED_UNATTRIBUTED)
            continue
        # The quote's speaker: a nearby sentence sharing the quotation, or a quote-bearing neighbour.
        mine_regions = _overlapping(region_starts, region_ends, s.start, s.end)
        carriers: list[int] = []
        for other in sentences[max(0, s.index - _QUOTE_REACH) : s.index + _QUOTE_REACH + 1]:
            if other.index == s.index:
                continue
            in_same_quote = any(r[0] < other.end and other.start < r[1] for r in mine_regions)
            first, second = (other, s) if other.index < s.index else (s, other)
            neighbour = (
                second.index - first.index == 1
                and shares[other.index] > 0
                and _same_paragraph(document.text, first, second)
            )
            if in_same_quote or neighbour:
                carriers.append(other.index)
        named = tuple(n for i in carriers for n in own[i].named)
        # A vague source inside the quotation ('"...which some suggest will help."') is the
        # speaker's words, not the quote's source: only cues outside it name who speaks.
        vague = tuple(
            label
            for i in (s.index, *carriers)
            if own[i].vague
            for label in _vague_outside_quotes(sentences[i], by_sentence.get(i, ()), region_starts, region_ends)
        )
        # "Several districts reported ...", inside a named source's quote: the source vouches for it.
        result.append(SentenceAttribution(named, vague, quoted=True, via_context=bool(named or vague)))
    return tuple(result)


# "According to the lawsuit filed by X", "according to a dossier": the document an attribution cites.
_CITED_DOCUMENT = re.compile(
    r"\baccording\s+to\s+(?:the|a|an|its|their)\s+(?:[a-z][\w-]*\s+){0,2}?(?P<head>[a-z][\w-]*)"
    r"(?=\s+(?:filed|drawn|submitted|lodged|released|published|issued|prepared|compiled|seen|obtained|by|from|of)\b"
    r"|\s*[,.;:]|\s*$)",
    re.I,
)
# "The lawsuit names ...", "This dossier lists ...": a sentence whose subject is that document, which
# speaks again (not "The lawsuit was filed in May": a statement about it).
_DOCUMENT_SUBJECT = re.compile(
    r"\s*(?:The|This|That)\s+(?P<head>[a-z][\w-]*)\s+(?:also\s+)?(?!(?:is|was|were|are|has|have|had|will|would|"
    r"could|can|may|might|must|should|did|does|do|not)\b)[a-z]+s\b"
)


def _cited_documents(document: Document, attributions: Sequence[Finding]) -> dict[str, tuple[int, SentenceAttribution]]:
    """Documents the text's attributions cite ("according to the lawsuit filed by X"), by head noun:
    the sentence citing each first, and what a sentence it speaks in again is attributed to."""
    cited: dict[str, tuple[int, SentenceAttribution]] = {}
    for finding in attributions:
        if finding.source is None or "according" not in finding.quote.casefold():
            continue
        match = _CITED_DOCUMENT.search(finding.quote)
        if match is None:
            continue
        head = match.group("head").casefold()
        name = finding.source.name
        attribution = (
            SentenceAttribution(vague=(_norm(name),), via_context=True)
            if finding.source.kind == "vague"
            else SentenceAttribution(named=(name,), via_context=True)
        )
        index = next((s.index for s in document.sentences if s.start <= finding.start < s.end), -1)
        if head not in cited or index < cited[head][0]:
            cited[head] = (index, attribution)
    return cited


def _cited_document_speaks(
    sentence: Sentence, documents: dict[str, tuple[int, SentenceAttribution]]
) -> SentenceAttribution | None:
    """The attribution of a sentence whose subject is a document cited before ("The lawsuit names
    three managers" after "according to the lawsuit filed by X"): the document's source."""
    match = _DOCUMENT_SUBJECT.match(sentence.text)
    if match is None:
        return None
    cited = documents.get(match.group("head").casefold())
    if cited is None or cited[0] >= sentence.index:
        return None
    return cited[1]


def _vague_outside_quotes(
    sentence: Sentence, found: Sequence[Finding], starts: Sequence[int], ends: Sequence[int]
) -> tuple[str, ...]:
    """The vague-source labels of ``sentence`` whose cue lies outside every quotation, in order, once each."""
    regions = _overlapping(starts, ends, sentence.start, sentence.end)

    def outside(start: int, end: int) -> bool:
        return not any(r_start <= start and end <= r_end for r_start, r_end in regions)

    labels = [
        label
        for start, end, label in find_vague_sources(sentence.text)
        if outside(sentence.start + start, sentence.start + end)
    ]
    for finding in found:
        if finding.source is not None and finding.source.kind == "vague" and outside(finding.start, finding.end):
            labels.append(_norm(finding.source.name))
    return tuple(dict.fromkeys(labels))


# What may follow a closing credit: a time, a place, an appositive ("..., according to research by
# X, a mobile-data backup firm."), then the sentence's end.
_CREDIT_TAIL = re.compile(
    r"[\s,]*(?:(?:on|in|at|last|this|earlier|late|a|an)\b[^;:,]{0,50})?[.!?\"'\u201d\u2019)]*\s*$", re.I
)
_DOCUMENT_ANAPHOR = re.compile(
    rf"\s*(?:the|these|those|this|that|such)\s+(?:[\w'\u2019-]+\s+){{0,3}}?{_alt(sorted(DOCUMENT_NOUNS))}\b", re.I
)


# "according to a survey", "latest figures": data whose owner the next sentence may name.
_UNNAMED_DATA = re.compile(rf"\b{_alt(sorted(DOCUMENT_NOUNS))}$", re.I)


def _credits_at_end(sentence: Sentence, found: Sequence[Finding]) -> bool:
    """Whether a named attribution closes ``sentence`` ("..., the statistical office said.").

    Only the sentence's first named attribution can: one after another named speaker's cue ("X
    said that the agency had received a paper from the ministry.") is inside X's report, not a
    credit of what came before. An unnamed one before it ("Buyers expect prices to rise, the
    agent said.") is part of what the closing source reports."""
    first = min(
        (f.start for f in found if f.end <= sentence.end and f.source is not None and f.source.kind != "vague"),
        default=sentence.end,
    )
    for finding in found:
        if finding.source is None or finding.source.kind == "vague" or finding.end > sentence.end:
            continue
        if finding.start > first:
            continue
        if finding.start > sentence.start and _CREDIT_TAIL.match(sentence.text, finding.end - sentence.start):
            return True
    return False


def _from_neighbours(
    document: Document,
    sentence: Sentence,
    own: Sequence[SentenceAttribution],
    shares: Sequence[float],
    credits: Sequence[bool],
) -> SentenceAttribution:
    """The named source of an unattributed statement given in reach: the next sentence, or a lead-in.

    A reporter states a fact, then credits it: the next sentence either opens with the data
    that back it ("...fell to a 10-year low. The figures from the Bank of England showed...")
    or ends with a named source's credit ("GDP rose by 1.7% last year, the statistical office
    said."). A named source that opens the next sentence ("According to the league's
    statistics, Rovers have scored...", "A spokesperson said...") introduces a new statement
    and covers only its own; so does a sentence that quotes someone directly, whose credit is the
    quote's. A sentence ending in a colon with a named
    source ("The survey found:") covers the one after it; a statement crediting unnamed data
    ("according to a survey") takes the named source of the next sentence that does not quote,
    however it is placed, as the data's owner. Vague sources do not carry over: an
    unnamed source next door does not make this sentence vague, it stays unsourced.
    """
    index = sentence.index
    sentences = document.sentences
    if index + 1 < len(sentences) and own[index + 1].named and shares[index + 1] < 0.6:
        nxt = sentences[index + 1]
        # "..., according to a survey. The institute said its index fell...": a statement that
        # credits unnamed data announces its owner, whom the next sentence names.
        if own[index].vague and not shares[index + 1]:
            return SentenceAttribution(named=own[index + 1].named, via_context=True)
        # A closing credit after a direct quote ('"We will not give in," X said.') is the quote's own.
        # One in the next paragraph credits that paragraph's own point ("X was hurt and did not
        # return.\n\nAttendance was 4,000, the club said."), unless it points back to this one or
        # follows the intro, which news sources in the paragraph below it.
        closing = (
            credits[index + 1]
            and not shares[index + 1]
            and (
                _same_paragraph(document.text, sentence, nxt)
                or _in_intro(document.text, sentence)
                or _POINTS_BACK.match(nxt.text) is not None
            )
        )
        if closing or _DOCUMENT_ANAPHOR.match(nxt.text):
            return SentenceAttribution(named=own[index + 1].named, via_context=True)
    if index > 0 and own[index - 1].named and sentences[index - 1].text.rstrip().endswith(":"):
        return SentenceAttribution(named=own[index - 1].named, via_context=True)
    return own[index]


def _trivia(text: str) -> bool:
    return "trivia" in checkworthiness(text).features


def flagged_sentences(document: Document, earlier: Sequence[Finding]) -> set[int]:
    """Indexes of sentences that already carry an ``unverified_claim`` finding."""
    return set(_findings_by_sentence(document, earlier, "unverified_claim"))


def unflagged_sentences(
    document: Document, earlier: Sequence[Finding]
) -> Iterator[tuple[Sentence, SentenceAttribution]]:
    """The sentences no earlier detector flagged as unverified, each with its attribution, within
    the pipeline's time budget: what the hedge and unsourced detectors both walk."""
    attributions = sentence_attributions(document, earlier)
    done = flagged_sentences(document, earlier)
    for sentence in document.sentences:
        check()
        if sentence.index not in done:
            yield sentence, attributions[sentence.index]


# Forecast and expectation verbs: what vague sources "predict" or "expect" is an opinion
# about the future (NFS), not an unverified fact. The group may be defined by who asked it
# ("analysts polled by X had expected").
_FORECAST_CUE = re.compile(
    r"\b(?:analysts?|economists?|forecasters?|strategists?|experts?|observers?|sources?|officials?|they|who|some|many)"
    r"(?:\s+(?:polled|surveyed|questioned|consulted|asked)\s+by\s+(?:the\s+)?[\w&'\u2019.-]+(?:\s+[A-Z][\w&'\u2019.-]*){0,3})?"
    r"\s+(?:[a-z]+ly\s+|now\s+|also\s+|still\s+|had\s+|have\s+|are\s+)?"
    r"(?:predict|predicts|predicted|predicting|expect|expects|expected|expecting|forecast|forecasting|anticipate|anticipates)\b",
    re.I,
)
# Anyone's forecast: an expectation of a future act ("the consultant expects five more firms to
# cut jobs", "predicts that rates will fall") or a forecast issued ("the weather service has
# forecast heavy rain", "had expected revenue of $2bn"). What is forecast has not happened: there
# is nothing yet to check.
_EXPECTATION = re.compile(
    r"\b(?:expects?|expecting|predicts?|predicting|anticipates?|anticipating)\s+"
    r"(?:that\b|(?:[\w'\u2019,$.%-]+\s+){0,8}?to\s+(?!have\b)[a-z]+)"
    r"|\b(?:has|have|had)\s+(?:[a-z]+ly\s+|also\s+|now\s+)?(?:forecast|predicted|expected|projected|anticipated)\b",
    re.I,
)
# "Profits were higher than analysts had expected", "as predicted, rates rose": the outcome is
# the claim, measured against a forecast.
_AGAINST_FORECAST = re.compile(r"\b(?:than|as)\s+(?:[\w'\u2019-]+\s+){0,3}$", re.I)


# A group announcing its own intention: "protesters say they will march again", "saying they
# would ignore the ban". What a group means to do is not yet a fact.
_INTENTION = re.compile(
    rf"\b{_alt(lex.SOURCE_VERBS)}\s+(?:that\s+)?(?:they|we)\s+(?:will|would|shall|'ll|\u2019ll|intend|plan|want)\b",
    re.I,
)
_INTENTION_PRONOUNS = frozenset({"they", "we"})


# A named source calling what was just reported false: "The ministry said that was untrue",
# "The council denied the claims", "X dismissed the reports as baseless".
_REBUTTAL = re.compile(
    r"\b(?:said|says|insisted|insists|stated|states)\s+(?:that\s+)?(?:this|that|it|these|those|the\s+(?:claims?|reports?|"
    r"rumou?rs?|posts?|allegations?|suggestions?|story|stories))\s+(?:was|were|is|are)\s+(?:\w+ly\s+)?"
    r"(?:untrue|false|wrong|incorrect|inaccurate|baseless|unfounded|misleading|not\s+true|fake)\b"
    r"|\b(?:denied|denies|rejected|rejects|dismissed|dismisses|refuted|refutes)\s+(?:the|these|those|this|that|such)\s+"
    r"(?:\w+\s+)?(?:claims?|reports?|rumou?rs?|posts?|allegations?|suggestions?|story|stories)\b",
    re.I,
)


def _rebutted_next(document: Document, sentence: Sentence, earlier: Sequence[Finding]) -> bool:
    """Whether the next sentence has a named source call what ``sentence`` reports false."""
    following = sentence.index + 1
    if following >= len(document.sentences):
        return False
    nxt = document.sentences[following]
    return _REBUTTAL.search(nxt.text) is not None and bool(sentence_attributions(document, earlier)[following].named)


# An unnamed source's fear, warning, belief or estimate about what will or may happen ("analysts
# warned that growth may slow", "shareholders feared a takeover would force them out", "the
# firms estimate the service will launch in June"): a prediction, an opinion about the future
# (the guide's NFS), not an unverified fact. Only a verb of opinion or forecast carries it: what
# unnamed sources *say* will happen ("a deal could be signed this week, sources said") is the
# rumour a fact-checker follows. "may have", "could be" and "might be" hedge a present or past
# state ("ETA may be responsible", "may have died"): those stay claims.
_OPINION_OF_FUTURE = re.compile(
    r"\b(?:warn|warns|warned|warning|fear|fears|feared|fearing|worry|worries|worried|argue|argues|argued|"
    r"predicted|believe|believes|believed|think|thinks|thought|feel|feels|felt|reckon|reckons|reckoned|"
    r"estimate|estimates|estimated|speculate|speculates|speculated|caution|cautions|cautioned)\s+"
    r"(?:that\s+)?(?:[\w'\u2019$%.-]+,?\s+){0,10}?"
    r"(?:(?:will|shall|would)\s+(?!have\b)"
    r"|(?:won't|wouldn't|won\u2019t|wouldn\u2019t)\s+(?!have\b)"
    r"|(?-i:could|might|may)\s+(?!(?:not\s+|also\s+|well\s+|even\s+|still\s+)?(?:have|be)\b)"
    r"|(?:is|are)\s+(?:likely|unlikely|set|going|due|poised)\s+to\b)",
    re.I,
)
# A statistic in the same sentence, one the rules score high (``unsourced.RULE_STATISTIC``) or a
# measure told in the past tense, is a fact beside the prediction ("the rupee shed 0.1% ...
# analysts warned that shares could fall").
_STATISTIC_SCORE = 0.5
_MEASURES = frozenset({"percent", "proportion", "money", "trend"})
_PAST = frozenset({"past-action", "past-tense"})


# Whose every forecast is an opinion (the "forecasts attributed to analysts"): people
# paid to comment on markets and events. What they say will happen is their reading of it,
# whatever the speech verb ("shares could fall further, analysts said").
COMMENTATORS = frozenset(
    "analyst analysts economist economists strategist strategists forecaster forecasters trader traders "
    "investor investors expert experts observer observers commentator commentators pundit pundits".split()
)
# A forecast in any words: a modal of the future (a passive one too: "growth may be lost", "a deal
# could be signed"; not "may be responsible", a present state, nor "may have", a past one),
# "unlikely to", "is set to", "the odds favour".
_FORECAST_ANY = re.compile(
    r"\b(?:will|shall|would)\s+(?!have\b)"
    r"|\b(?:won't|wouldn't|won\u2019t|wouldn\u2019t)\s+(?!have\b)"
    r"|\b(?-i:could|might|may)\s+(?:not\s+|also\s+|well\s+|even\s+|still\s+)?"
    r"(?:(?!have\b|be\b)[a-z]+|be\s+(?:[a-z]+ly\s+)?(?:[a-z]+ed|lost|hit|cut|made|seen|given|taken|paid|sold|won|"
    r"shown|known|kept|held|set|put|left)\b)"
    r"|\b(?:is|are|was|were)\s+(?:likely|unlikely|set|going|due|poised)\s+to\b"
    r"|\bodds\s+(?:now\s+|still\s+)?(?:favour|favor)",
    re.I,
)


# An outcome measured against the forecast ("turnout was higher than most analysts had forecast")
# is the claim, whatever was speculated before it.
_OUTCOME_AGAINST_FORECAST = re.compile(
    r"\bthan\s+(?:[\w'\u2019-]+\s+){0,3}?(?:had\s+|have\s+)?(?:forecast|expected|predicted|anticipated|feared)\b", re.I
)


# The verbs every match of ``_OPINION_OF_FUTURE`` opens with, whole words: a sentence with none
# of them is not searched (the pattern is tried at every character).
_OPINION_VERBS = frozenset(
    """warn warns warned warning fear fears feared fearing worry worries worried argue argues argued predicted
    believe believes believed think thinks thought feel feels felt reckon reckons reckoned estimate estimates
    estimated speculate speculates speculated caution cautions cautioned""".split()
)


def vague_prediction(text: str, *, commentators: bool = False) -> bool:
    """Whether ``text`` gives someone's fear, warning or estimate of the future and states no statistic.

    With ``commentators`` (the unnamed source is analysts, economists, traders and the like) any
    forecast counts, whatever verb reports it."""
    if not commentators and word_set(text).isdisjoint(_OPINION_VERBS):
        return False
    pattern = _FORECAST_ANY if commentators else _OPINION_OF_FUTURE
    if pattern.search(text) is None or _OUTCOME_AGAINST_FORECAST.search(text) is not None:
        return False
    worth = checkworthiness(text)
    features = set(worth.features)
    return worth.score < _STATISTIC_SCORE and not (_MEASURES & features and _PAST & features)


# The verbs, whole words, of which every match of ``_FORECAST_CUE`` or ``_EXPECTATION`` holds one:
# a sentence with none of them is not searched (both patterns are tried at every character).
_FORECAST_VERBS = frozenset(
    """predict predicts predicted predicting expect expects expected expecting forecast forecasting anticipate
    anticipates anticipating anticipated projected""".split()
)


def forecast(text: str) -> bool:
    """Whether ``text`` states a forecast or an expectation of a future act, not an outcome."""
    if word_set(text).isdisjoint(_FORECAST_VERBS):
        return False
    for pattern in (_FORECAST_CUE, _EXPECTATION):
        for match in pattern.finditer(text):
            if not _AGAINST_FORECAST.search(text, max(0, match.start() - 60), match.start()):
                return True
    return False


# An epistemic passive: "it is understood (that)", "X is thought to", "are reported to have".
_PASSIVE_REPORT_CUE = re.compile(r"(?:it\s+)?(?:is|are|was|were|has been|have been|had been|being)\s", re.I)
_IMPERSONAL_LABEL = re.compile(r"it\s+(?:is|was|has been|had been)\s", re.I)


def _reported_passive(text: str, vague: Sequence[str]) -> Cue | None:
    """The hedge cue when the sentence's only "sources" are the writer's own epistemic passive.

    "Calloway is understood to have paid ...", "it is thought that ...", "Some tenants are
    believed to have left": nobody is cited, the writer reports what is said about the
    subject, a hedge. Every vague label must be that passive itself ("it is understood") or
    the passive's own subject (a label before the cue with no speech verb between them): "Critics
    say the firm is thought to ..." keeps its vague source, the critics.
    """
    cue = find_hedge(text)
    if cue is None or not _PASSIVE_REPORT_CUE.match(cue.label):
        return None
    lowered = text.lower()
    for label in vague:
        if _IMPERSONAL_LABEL.match(label):
            continue
        at = lowered.find(label)
        if at < 0 or at + len(label) > cue.start:
            return None
        between = set(_TOKEN.findall(lowered[at + len(label) : cue.start]))
        if not between.isdisjoint(_SOURCE_VERB_WORDS):
            return None
    return cue


def _inside_quote(text: str, cue: Cue) -> bool:
    starts, ends = quoted_regions(text)
    return cue.start >= 0 and any(s < cue.start and cue.end <= e for s, e in zip(starts, ends, strict=True))


def _is_claim_shaped(sentence: Sentence) -> bool:
    features = checkworthiness(sentence.text).features
    return not ({"fragment", "question", "first-person-opinion"} & set(features))


class HedgeDetector:
    """``unverified_claim`` findings with reason ``hedged`` or ``vague_source``."""

    name = "hedge"
    version = DETECTOR_VERSION
    # Its hedge and vague-source word lists are English.
    languages: frozenset[str] | None = ENGLISH_ONLY

    def detect(self, document: Document, context: AnalysisContext, earlier: Sequence[Finding]) -> list[Finding]:
        # (sentence, reason, rule, explanation) of each flag; the scores come in one batch at the end.
        flags: list[tuple[Sentence, UnverifiedReason, str, str]] = []
        for sentence, att in unflagged_sentences(document, earlier):
            if att.named or (att.quoted and not att.vague):
                continue  # the speaker's own hedge, or a quote with no speaker: not the writer's claim
            if not _is_claim_shaped(sentence) or _trivia(sentence.text):
                continue  # trivia (box office, rankings, copies sold) is not worth a check, however sourced
            if att.vague:
                commentators = any(label.split()[-1] in COMMENTATORS for label in att.vague if label)
                if (
                    forecast(sentence.text)
                    # (its every match has "they" or "we" as a whole word; most sentences have neither)
                    or (
                        not word_set(sentence.text).isdisjoint(_INTENTION_PRONOUNS) and _INTENTION.search(sentence.text)
                    )
                    or vague_prediction(sentence.text, commentators=commentators)
                ):
                    continue  # "analysts expect ...", "critics say it will ...": nothing has happened yet
                if _rebutted_next(document, sentence, earlier):
                    continue  # a rumour a named source answers at once: the report is the answer
                report = None if att.via_context else _reported_passive(sentence.text, att.vague)
                if report is not None:
                    explanation = f"The claim is hedged (\u201c{report.label}\u201d) and no source is given."
                    flags.append((sentence, "hedged", f"hedge:{report.label}", explanation))
                    continue
                explanation = (
                    "The quoted speaker is not named."
                    if att.via_context
                    else "The claim is attributed only to an unnamed or vague source."
                )
                flags.append((sentence, "vague_source", f"vague-source:{att.vague[0]}", explanation))
                continue
            # (A quoted sentence with no vague source was passed over above, before the claim-shape
            # test, whose check-worthiness features cost more than this test.)
            # A hedge inside a speaker's subordinate clause is the speaker's.
            claim = sentence.text[: att.clause_end] if att.clause_end else sentence.text
            hedge = find_hedge(claim)
            if hedge is not None and _inside_quote(claim, hedge):
                continue  # the quoted speaker's hedge, not the writer's
            if hedge is not None and _hedges_a_forecast(claim, hedge):
                continue  # "it is likely that X will ...": a forecast, hedged
            if hedge is not None and first_person(claim):
                continue  # "I'd probably remember ...": someone's own account, not the writer's report
            if hedge is not None:
                explanation = f"The claim is hedged (\u201c{hedge.label}\u201d) and no source is given."
                flags.append((sentence, "hedged", f"hedge:{hedge.label}", explanation))
        # One batch, and a sentence seen before is not scored again: a text of many flagged
        # sentences would otherwise run the model once per flag.
        scores = claim_checkworthiness_many([sentence.text for sentence, _, _, _ in flags])
        return [
            self._finding(document, sentence, reason, rule, explanation, score)
            for (sentence, reason, rule, explanation), score in zip(flags, scores, strict=True)
        ]

    def _finding(
        self,
        document: Document,
        sentence: Sentence,
        reason: UnverifiedReason,
        rule: str,
        explanation: str,
        score: float,
    ) -> Finding:
        """The finding carries the calibrated confidence of its check-worthiness ``score`` (``flag_value``)."""
        return sentence_finding(
            document,
            sentence,
            kind="unverified_claim",
            detector=f"{self.name}@{self.version}",
            rule=rule,
            confidence=flag_confidence(checkworthiness=score),
            explanation=explanation,
            reason=reason,
            checkworthiness=score,
        )
