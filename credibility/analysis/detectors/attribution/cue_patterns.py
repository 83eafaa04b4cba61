"""Cue shapes shared by the sentence pass and the cue readers: the cue verb forms, what follows a
speech verb, document nouns, impersonal and raised cues ("it is understood", "X is believed to"),
progressive and belief cues, research teams, the lead, and the hinge words that let the sentence
pass try each phrase pattern only near a word it needs (``_HINGES``, ``_hinged``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from credibility.analysis.detectors.attribution.grammar import _MOD, _PROPER_RUN, _WB, _alt
from credibility.analysis.lexicons import attribution as lex

# Cues.
_VERB_FORMS = sorted({f for forms in lex.CUE_VERBS.values() for f in forms})
_VERB_SET = frozenset(f.split()[0] for f in _VERB_FORMS)
_SPEECH_FOLLOW = re.compile(
    r"\s*(?:that\b|(?:whether|why|how|what)\b|[\u201c\"\u2018:,]|''|to\s+(?:having|being|\w+ing)\b|having\b|(?:he|she|it|they|we|there)\b|[a-z]+ly\b"
    # a clause with no "that": "agreed public spending would rise"
    r"|(?:[a-z][\w'\u2019-]*\s+){1,3}(?:would|will|could|should|must|might|may|can)\s)"
)
_CLOSING_CUE_TAIL = re.compile(
    r"(?:\s+(?:on|in|at|during|late|early|earlier|last|this|yesterday|today|overnight|again|too|privately|publicly)\b[^,;:\"\u201c\u201d]{0,40})?\s*[.!?]?[\"\u201d\u2019]?\s*$"
)
_DOC_NOUN = _alt(sorted(lex.DOCUMENT_NOUNS))
# Impersonal passives credit an unnamed source: "..., it is reported.", "it is widely expected that",
# "is estimated to have cost", "are believed to be". A label (kind ``vague``), with no speaker span.
_IMPERSONAL_ADVERBS = (
    "widely",
    "generally",
    "commonly",
    "now",
    "also",
    "often",
    "increasingly",
    "further",
    "previously",
)
_IMPERSONAL_ADVERB = rf"(?:(?:{'|'.join(_IMPERSONAL_ADVERBS)})\s+)?"
_IMPERSONAL_IT = re.compile(
    r"\b(?P<cue>it\s+(?:is|was|has\s+been|had\s+been)\s+"
    + _IMPERSONAL_ADVERB
    + r"(?P<verb>reported|understood|believed|thought|alleged|claimed|said|rumou?red|feared|estimated|expected"
    r"|suggested|predicted))\b(?=\s+that\b|\s+to\s+(?:be|have)\b|\s*[,.;:]|\s*$"
    r"|\s+(?:the|a|an|he|she|they|this|its|his|her|their)\b)",
    re.I,
)
_IMPERSONAL_RAISED = re.compile(
    r"\b(?P<cue>(?:is|are|was|were)\s+"
    + _IMPERSONAL_ADVERB
    + r"(?P<verb>estimated|believed|thought|said|reported|alleged|understood|rumou?red|known|feared))"
    r"\s+to\s+(?:have|be)\b",
    re.I,
)
# A cue in the progressive: "Trump is warning that ...", "she was stressing the cost".
_PROGRESSIVE_FORMS = sorted(
    lex.CUE_PARTICIPLES
    | frozenset(
        """stressing emphasizing emphasising demanding insisting blasting slamming attacking
        announcing complaining explaining repeating""".split()
    )
)
_PROGRESSIVE_CUE = re.compile(
    r"\b(?P<cue>(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+"
    r"(?:(?:also|now|still|again|once\s+again|increasingly|repeatedly|publicly|openly)\s+)?"
    rf"(?P<p>{_alt(_PROGRESSIVE_FORMS)}))\b",
    re.I,
)
# A stance stated as a state of mind, with its content: "Ann Bell was concerned that ...", "he is
# adamant that ...". The speaker is read before the verb like any cue's.
_BELIEF_ADJECTIVE = re.compile(
    r"\b(?P<cue>(?:is|was|are|were|remains|remained|has\s+been|had\s+been)\s+"
    r"(?:(?:very|so|quite|deeply|increasingly|also|still|now|clearly)\s+)?"
    r"(?P<adj>concerned|worried|convinced|adamant|confident|certain|hopeful|optimistic|insistent|fearful))"
    r"\s+that\b",
    re.I,
)
# Research teams as speakers: "A team of researchers at Larkfield University has shown", "Scientists
# from the Hale Institute found", "The research team, from X, said", "the researchers concluded".
# The institution named with them speaks; unnamed, the one named before (see ``_resolve``).
_RESEARCH_VERBS = (
    "found find finds discovered discover discovers shown showed show shows concluded conclude concludes "
    "suggest suggests suggested say says said believe believes believed reported report reports warn warns "
    "warned estimate estimates estimated predicted predict predicts calculated claim claims claimed argue "
    "argues argued identified"
).split()
_RESEARCH_NOUNS = "researchers scientists academics"
_RESEARCH_ORG = rf"(?:the\s+)?(?P<org>(?-i:{_PROPER_RUN}))(?:\s+in\s+(?-i:{_PROPER_RUN}))?"
_RESEARCH = re.compile(
    rf"{_WB}(?P<np>(?:(?:an?|the|one|this)\s+)?(?:{_MOD}\s+){{0,2}}?(?:(?:research|scientific)\s+)?"
    rf"(?:(?P<team>team|group)(?:\s+of\s+(?:{_MOD}\s+){{0,2}}?(?:{_alt(_RESEARCH_NOUNS.split())}))?"
    rf"|(?:{_alt(_RESEARCH_NOUNS.split())})))"
    rf"(?:\s+(?:at|from|of|based\s+at|led\s+by)\s+{_RESEARCH_ORG}"
    rf"|\s*,\s*(?:from|at|based\s+at|of)\s+{_RESEARCH_ORG.replace('org', 'org2')}\s*,)?"
    rf"\s+(?:(?:has|have|had)\s+)?(?:now\s+|also\s+)?(?P<verb>{_alt(_RESEARCH_VERBS)})\b",
    re.I,
)
_LEAD_SENTENCES = 2  # the lead: the first two sentences (a headline may be the first)

# The word each phrase pattern cannot match without, and how far around it the pattern reaches.
_HINGES: dict[str, tuple[re.Pattern[str], ...]] = {}
for _pattern, _words in (
    (_PROGRESSIVE_CUE, _PROGRESSIVE_FORMS),
    (
        _BELIEF_ADJECTIVE,
        "concerned worried convinced adamant confident certain hopeful optimistic insistent fearful".split(),
    ),
    (
        _IMPERSONAL_IT,
        "reported understood believed thought alleged claimed said rumoured rumored feared estimated expected suggested predicted".split(),
    ),
    (_RESEARCH, ["team", "group", *_RESEARCH_NOUNS.split()]),
    (
        _IMPERSONAL_RAISED,
        "estimated believed thought said reported alleged understood rumoured rumored known feared".split(),
    ),
):
    for _word in _words:
        _HINGES[_word] = (*_HINGES.get(_word, ()), _pattern)
_HINGE_BEFORE = 60  # characters before the hinge word a pattern may start ("it has been widely reported")
_HINGE_AFTER = 30  # and after its start it may end, look-ahead included ("concerned that", "thought to have")


# A sentence's hinge positions are kept by ``id(pattern)``, not by the pattern: a compiled pattern
# hashes its whole compiled code at every look-up (10 us for ``_RESEARCH``, never cached), which
# cost about 20 us per sentence. The patterns are module constants, so their ids never change.
_Hinges = dict[int, list[int]]


def _hinged(text: str, pattern: re.Pattern[str], hinges: _Hinges, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` around its hinge words in ``[lo, hi)``, each once, in order."""
    last = -1
    for at in hinges.get(id(pattern), ()):
        m = pattern.search(text, max(lo, at - _HINGE_BEFORE, last), min(hi, at + _HINGE_AFTER))
        if m is not None and m.start() >= last:
            last = m.end()
            yield m
