"""Source attributions: who is credited with a statement, and where the credit is given.

One ``source_attribution`` Finding per attribution cue. The span covers the cue as a reader
sees it (speaker + reporting verb, or the "according to ..." phrase); ``source`` holds the
canonical speaker. Invariants the downstream claim detectors rely on:

- ``meta["sentence_index"]`` is the index (as ``str``) of the sentence holding the cue;
- ``source.kind == "vague"`` exactly when the speaker is unnamed or a group ("officials",
  "people familiar with the matter", "a former colleague"), so a sentence whose only
  attributions are vague can be reported as ``vague_source``;
- at most one finding per speaker per sentence, and findings never overlap.

Rule-based and deterministic: speakers are noun phrases found next to a cue by a small
regex grammar (proper-name runs, role descriptors, vague groups, "the company"-style
back-references), so every finding can be explained by the rule that fired.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, insort
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice

from credibility.analysis import budget
from credibility.analysis.budget import check
from credibility.analysis.lexicons import attribution as lex
from credibility.analysis.lexicons import english, sourcing
from credibility.analysis.patterns import word_alternation
from credibility.analysis.types import (
    ENGLISH_ONLY,
    AnalysisContext,
    Document,
    Finding,
    KnownSource,
    Sentence,
    SourceKind,
    SourceRef,
)

DETECTOR_NAME = "attribution"
DETECTOR_VERSION = 1
_DETECTOR = f"{DETECTOR_NAME}@{DETECTOR_VERSION}"


def _alt(words: Sequence[str]) -> str:
    """A regex alternation of words and phrases (a space matches any run of spaces), longer ones
    first so that "spokeswoman" wins over "spokes"; written as a trie, which is faster."""
    return word_alternation(set(words), space=r"\s+")


# ---------------------------------------------------------------------------------------
# Noun-phrase grammar (module-level, compiled once)
# ---------------------------------------------------------------------------------------
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
_PRONOUNS = frozenset("he she they it we i".split())
_SPOKES = r"(?:spokesperson|spokesman|spokeswoman|spokespeople|spokespersons|representative|press\s+officer|press\s+secretary|lawyer|attorney)"
_VAGUE_NOUN = _alt(sorted(lex.VAGUE_NOUNS))
_QUANT = _alt(sorted(lex.VAGUE_QUANTIFIERS | {"a few", "a number of", "one of the", "some of the"}))
_POSTMOD = _alt(lex.VAGUE_POSTMODIFIERS)
_HEADS = _alt(sorted(lex.SPEAKER_HEADS))
_NOT_MOD = r"(?:of|for|from|with|to|in|on|at|by|and|or|but|that|which|who|whom|after|before|when|while|as|because|than|since|until|if|the|a|an|said|says|told)"
_MOD = rf"(?:(?!{_NOT_MOD}\b)[\w'\u2019-]+)"
_DET = r"(?:the|a|an|its|their|his|her|our|this|that)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
# A time phrase closing the text before a cue verb (searched in a short window, end-anchored).
_TIME_TAIL = re.compile(
    rf"\s+(?:(?:on\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|on\s+(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})"
    r"|(?:last|this|earlier\s+this|late\s+last|early\s+last)\s+(?:week|month|year|night|weekend|morning|afternoon|evening)"
    rf"|(?:last|this)\s+{_WEEKDAY}|at\s+the\s+time|at\s+one\s+point)\s*$"
)
_PAREN_TAIL = re.compile(r"\s*\((?:[A-Z][\w&.'\u2019-]*)(?:\s+[A-Z][\w&.'\u2019-]*){0,2}\)\s*$")
_ADDRESS = re.compile(r"\s*(?:of|from|in)\s+[A-Z\d]")
# An appositive description between a speaker and the verb: "a retired astronaut", "president of".
_DESCRIPTION = re.compile(
    rf"\s*(?:(?:a|an|the|his|her|its|their|one|former|then)\s+|(?:{_alt(sorted(lex.PERSON_ROLES | lex.TITLES))})\b|[a-z][\w-]*ing\b)",
    re.I,
)
# "Halifax chief economist", "Sanders's chief strategist": a short phrase headed by a job word
# between commas describes the name before it ("Martin Ellis, Halifax chief economist, said").
# A prepositional tail may follow the job word ("senior director for Asian affairs at the Council").
_ROLE_DESCRIPTION = re.compile(
    rf"\s*(?:[\w'\u2019&.-]+\s+){{0,4}}(?:{_alt(sorted(lex.JOB_WORDS))})s?"
    rf"(?:\s+(?:of|for|at|to|with|in|on)\s+[^,;:]{{1,80}}?)?\s*",
    re.I,
)
# "outstripping Microsoft's Xbox": a participle clause between commas describes, it does not speak.
_PARTICIPLE_CLAUSE = re.compile(r"\s*(?!including\b)[a-z][a-z-]*ing\s+(?!as\b)")
# "Wednesday's Budget", "June's vote" are no person ("April Ryan" may be one).
_CALENDAR_WORD = re.compile(rf"(?:{_WEEKDAY}(?:['\u2019]s?)?|{_MONTH}['\u2019]s?)$")
# After a stance verb, what shows it has no object: an adverb, a preposition, the clause's end.
_NO_OBJECT_FOLLOW = re.compile(
    r"\s*(?:[.,;:!?)]|$)|\s+(?:[a-z]+ly|well|badly|hard|deep|in|on|at|for|with|from|against|to|by|as|until|after|down|up|into|through|over|across|along|around|towards?|past|off|out|back)(?![\w-])"
)
_BY_AFTER = re.compile(r"\s+by\b")  # "the 47% forecast by analysts": a participle, the share is no speaker
_AS_BEFORE = re.compile(r"(?<![\w'\u2019])as\s+$", re.I)
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|at|for|from|with)\s+$", re.I)
_DASH_APPOSITIVE = re.compile(
    r"\s(?:--|[-\u2013\u2014])\s(?:(?!\s(?:--|[-\u2013\u2014])\s)[^\u201c\u201d\"]){3,100}?\s(?:--|[-\u2013\u2014])$"
)  # "--" too: US copy's dash ("Ann Bell -- a former judge -- said")
_AND_OR = re.compile(r"\s*(?:and|or)\s", re.I)  # ", and founder of X Ann Bell,": the name ends the segment
# An affiliation between commas after a name: "Ann Bell, of the Harbour Trust, said".
_AFFILIATION = re.compile(rf"\s*(?:of|from)\s+(?:the\s+)?[{_CAP}\d]")
# A description whose head no list holds, tied to a named body: "Ann Bell, regional organiser for the
# Harbour Trust, said", "Tom Ruiz, cathedral steward at St Mary's, said" (lower-case words, then the body).
_AFFILIATED_DESCRIPTION = re.compile(
    rf"\s*(?:[a-z][\w'\u2019-]*\s+){{1,4}}(?:of|for|at|with|to)\s+(?:the\s+)?[{_CAP}][^,;:]{{0,80}}"
)
_PAREN_AFTER_NAME = re.compile(r"(?<=\w)\s*\([^()]{1,20}\)\s*$")
# An aside between the speaker and the verb ("Ann Bell, in a statement on Monday, said", "Ann Bell,
# for her part, said"): a prepositional phrase or a linking adverb, skipped like a relative clause.
_ASIDE_PHRASE = re.compile(r"\s*(?:at|in|on|during|after|before|for|with|speaking\s+to)\s+[^,;:]{1,60}", re.I)
# Linking adverbs that stand as asides between a speaker and the verb (both aside readers use them).
_LINKING_ADVERBS = r"meanwhile|however|though|too|also|instead|likewise|moreover|of\s+course|in\s+turn"
_ASIDE_ADVERB = re.compile(rf"\s*(?:{_LINKING_ADVERBS}|separately|earlier|later)\s*", re.I)
_RELATIVE = re.compile(r"\s*(?:who|which|whose|whom|where|speaking|writing|talking|now|then|aged|\d)", re.I)

# End-anchored shapes: the noun phrase that ends right where a cue verb begins.
_END_SPOKES_FOR = re.compile(
    rf"{_WB}(?P<pre>(?:an?|the|one|two)\s+(?:[\w-]+\s+)?{_SPOKES}\s+(?:for|from|of|at|with)\s+)(?P<inner>[^,;:]+?)\s*$",
    re.I,
)
_END_SPOKES_PRE = re.compile(
    rf"{_WB}(?P<pre>(?:(?i:an?|the)\s+)?)(?P<inner>{_PROPER_RUN}|[\w'\u2019-]+)(?:['\u2019]s?)?\s+(?:[a-z-]+\s+)?{_SPOKES}\s*$"
)
_END_VAGUE = re.compile(
    rf"{_WB}(?P<np>(?:(?:(?:{_QUANT})\s+){{1,3}}(?:[a-z][\w-]*\s+){{0,2}}?|(?:(?:{_QUANT})\s+){{0,3}})(?P<head>{_VAGUE_NOUN})(?P<post>\s+(?:{_POSTMOD})\s+[^,;:\u201c\u201d\"]{{1,70}}?)?)\s*$",
    re.I,
)
_GROUP = _alt(sorted(lex.GROUP_PLURALS | lex.VAGUE_NOUNS))
_BARE_MOD = r"(?:[A-Za-z\u00c0-\u024f][\w'\u2019-]*)"
# The endings of plural nouns for people by what they do ("economists", "hoteliers", "tenants"): a bare
# one opening its clause is a group speaking, whether or not a list holds it.
_AGENT_PLURAL = r"(?:ists|ians|[a-z](?:ers|ors)|ants|ents)"
_AGENT_PLURAL_END = re.compile(rf"{_AGENT_PLURAL}$")
# In lower case, or capitalised with a place after it ("Innkeepers in Tarn say"): never a surname alone
# ("Sanders said", "Kim Vanders said").
_AGENT_GROUP = (
    rf"(?-i:[a-z]{{3,}}{_AGENT_PLURAL}|[A-Z][a-z]{{2,}}{_AGENT_PLURAL}(?=\s+(?:in|at|from|across|near|on)\s))"
)
_END_BARE_GROUP = re.compile(
    rf"{_WB}(?P<np>(?:{_BARE_MOD}\s+){{0,3}}?(?P<head>{_GROUP}|[a-z]{{3,}}(?:ists|ians)|{_AGENT_GROUP})(?P<post>\s+(?:in|at|from|across|near|on)\s+[^,;:\u201c\u201d\"]{{1,40}}?)?)\s*$",
    re.I,
)
# Necessary conditions for the two slowest end-anchored shapes, checked before searching: the
# head ends the segment (so the segment's last word is a head's last word) or a
# postmodifier starts close enough to the end (within the post's bounded length).
_GROUP_LAST = frozenset(re.findall(r"[a-z]+", w.casefold())[-1] for w in lex.GROUP_PLURALS | lex.VAGUE_NOUNS)
_VAGUE_LAST = frozenset(re.findall(r"[a-z]+", w.casefold())[-1] for w in lex.VAGUE_NOUNS)
_BARE_POST_AT = re.compile(r"\s(?:in|at|from|across|near|on)\s+", re.I)
_VAGUE_POST_AT = re.compile(rf"\s(?:{_POSTMOD})\s+", re.I)


def _post_near_end(pattern: re.Pattern[str], seg: str, reach: int) -> bool:
    """Whether ``pattern`` (a postmodifier's opening) ends within ``reach`` characters of the end of ``seg``."""
    return any(m.end() >= len(seg) - reach for m in pattern.finditer(seg))


_START_BARE_GROUP = re.compile(
    rf"(?P<np>(?:{_BARE_MOD}\s+){{0,3}}?(?P<head>{_alt(sorted(lex.GROUP_PLURALS))}|[a-z]{{3,}}(?:ists|ians))\b)",
    re.I,
)
_END_PROPER = re.compile(rf"{_WB}(?P<name>{_PROPER_RUN})\s*$")
# One blank-separated chunk that can sit whole inside a proper-name run: a name token, a connector, digits.
_RUN_CHUNK = re.compile(rf"{_NAME_TOKEN}|{_CONNECTOR}|\d+")
_RUN_CHUNKS_READ = 8


def _proper_run_from(seg: str) -> int:
    """The first position where ``_END_PROPER`` can match in ``seg`` (``seg`` ends in no blank).

    Every element of a proper run after its first is a whole blank-separated chunk (a name
    token, a connector or digits) and the first starts inside or at a chunk, so a run reaching
    the end starts at or after the last chunk that is none of these. Searching from there
    finds the same match as searching from 0, without retrying at every earlier position
    (an end-anchored search is otherwise the slowest step of a speech cue). The last
    ``_RUN_CHUNKS_READ`` chunks are read; a longer run of valid chunks searches from 0.
    """
    parts = seg.rsplit(None, _RUN_CHUNKS_READ)
    whole = len(parts) <= _RUN_CHUNKS_READ  # every chunk was split off (none left unread)
    pos = len(seg)
    for chunk in reversed(parts if whole else parts[1:]):
        at = seg.rfind(chunk, 0, pos)
        if not _RUN_CHUNK.fullmatch(chunk):
            return at
        pos = at
    return 0


_END_COMMON = re.compile(
    rf"{_WB}(?P<np>(?P<det>{_DET}\s+)?(?P<mods>(?:{_MOD}\s+){{0,3}}?)(?P<head>{_HEADS}))\s*$", re.I
)
# "the secretary of state said", "the former head of the agency said": a person's role with an
# "of" phrase of up to three words after its head (the head is a one-person role word).
_PERSON_HEADS_ALT = _alt(sorted(w for w, label in lex.SPEAKER_HEADS.items() if label == "person"))
_END_ROLE_OF = re.compile(
    rf"{_WB}(?P<np>(?P<det>the|a|an|its|his|her|their)\s+(?P<mods>(?:{_MOD}\s+){{0,3}}?)(?P<head>{_PERSON_HEADS_ALT})"
    rf"(?P<tail>\s+of\s+(?:the\s+)?(?:(?!{_NOT_MOD}\b)[\w.&'\u2019-]+\s+){{0,2}}(?!{_NOT_MOD}\b)[\w.&'\u2019-]+))\s*$",
    re.I,
)
# "the Finn said", "said the 31-year-old": a description standing for a person named before.
# "the 24-year-old", "the veteran", "the Finn", "the 31-year-old Australian": a person named before.
_DESCRIPTOR = (
    rf"the\s+(?:(?:\d{{1,3}}-year-old\s+)?(?:(?:{_alt(sorted(lex.PERSON_DESCRIPTOR_ANAPHORS))})\b"
    rf"|(?P<demonym>[{_CAP}][a-z\u00e0-\u00ff]+)\b)|\d{{1,3}}-year-old)"
)
# "the Leeds-based baker", "the state-owned carrier": a compound participle describes someone the story
# named (whatever the head noun), so the phrase refers back; it names no one itself.
_DESCRIBING_PARTICIPLE = r"(?:based|owned|listed|headquartered|registered|controlled|backed|run|funded)"
_DESCRIBING_TOKEN = re.compile(rf"[\w'\u2019.-]+-{_DESCRIBING_PARTICIPLE}", re.I)
_START_DESCRIBED = re.compile(
    rf"\s*(?:(?:the|a|an)\s+)?[\w'\u2019.-]+-{_DESCRIBING_PARTICIPLE}\s+(?=(?:[a-z][\w-]*\s+){{0,3}}[{_CAP}])", re.I
)
_END_DESCRIBED = re.compile(
    rf"{_WB}(?P<np>(?P<det>the)\s+(?P<mods>(?:[\w'\u2019]+\s+){{0,2}}?[\w'\u2019]+-{_DESCRIBING_PARTICIPLE}"
    rf"(?:\s+[a-z][\w-]*)?)\s+(?P<head>[a-z][a-z-]+))\s*$",
    re.I,
)
_END_DESCRIPTOR = re.compile(rf"{_WB}(?P<np>{_DESCRIPTOR})\s*$", re.I)
_START_DESCRIPTOR = re.compile(rf"(?P<np>{_DESCRIPTOR})(?!\s+[{_CAP}\d])", re.I)
_END_PRONOUN = re.compile(rf"{_WB}(?P<np>he|she|they|it|we|i)\s*$", re.I)

# Start-anchored shapes: the noun phrase right after an inverted cue ("..., said X"). ("told X" names
# the audience, never the speaker, so "told" is not inverted.)
_START_SPOKES_FOR = re.compile(
    rf"(?P<pre>(?:an?|the|one)\s+(?:[\w-]+\s+)?{_SPOKES}\s+(?:for|from|of|at|with)\s+)(?P<inner>[^,;:\u201c\u201d\"]+)",
    re.I,
)
_START_VAGUE = re.compile(
    rf"(?P<np>(?:(?:{_QUANT})\s+){{0,3}}(?:[a-z][\w-]*\s+){{0,3}}?(?P<head>{_VAGUE_NOUN})\b(?P<post>\s+(?:{_POSTMOD})\s+[^,;:\u201c\u201d\"]{{1,70}})?)",
    re.I,
)
# (a description never ends in a place or time preposition: "the authority in March" names no March)
_START_PROPER = re.compile(
    rf"(?P<desc>(?:(?:the|a|an)\s+)?(?:(?!(?:in|on|at|during|since|until|before|after)\s)[a-z][\w'\u2019-]*\s+){{0,3}}?)"
    rf"(?P<name>{_PROPER_RUN})"
)
_START_COMMON = re.compile(rf"(?P<np>(?P<det>{_DET}\s+)(?P<mods>(?:{_MOD}\s+){{0,3}}?)(?P<head>{_HEADS}))\b", re.I)
_START_PRONOUN = re.compile(r"(?P<np>he|she|they|it|we|i)\b", re.I)

# Cues.
_VERB_FORMS = sorted({f for forms in lex.CUE_VERBS.values() for f in forms})
# ("put it" is its own past tense: "As Ann Bell put it" needs no plural subject)
# ("read" is its own past tense: "the statement read" needs no plural subject)
_BASE_FORMS = frozenset(lemma for lemma, forms in lex.CUE_VERBS.items() if lemma in forms) - {"put it", "read"}
_VERB_SET = frozenset(f.split()[0] for f in _VERB_FORMS)
_PHRASAL_FIRST = frozenset(f.split()[0] for f in _VERB_FORMS if " " in f)
_SINGLE_FORMS = frozenset(f for f in _VERB_FORMS if " " not in f)
# What must follow the first word of a phrasal cue ("pointed" -> " out", " to"; "made" -> " clear", " it clear").
_PHRASAL_REST = {
    first: re.compile(
        r"\s+(?:"
        + "|".join(
            r"\s+".join(map(re.escape, f.split()[1:]))
            for f in sorted({f for f in _VERB_FORMS if f.split()[0] == first and " " in f}, key=len, reverse=True)
        )
        + r")\b",
        re.I,
    )
    for first in _PHRASAL_FIRST
}
_WORD = re.compile(r"[A-Za-z]+")
_WORD_GLUE = frozenset("-'\u2019") | frozenset("0123456789")
_SAYING_TAIL = re.compile(r",?\s*(?:saying|which\s+said|that\s+said|in\s+which\s+\w+\s+said)\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:an?|the|his|her|its|their)\s+$")
_FROM_AFTER = re.compile(r"\s+(?:from|by)\s+")
# "The data, released on Thursday by the health agency, puts ...": a document whose publisher its
# postmodifier names is that publisher's, whatever the verb after it.
_PUBLISHED_BY_AFTER = re.compile(
    r",?\s+(?:released|published|compiled|issued|produced|collected|gathered|commissioned|conducted|carried\s+out)"
    r"(?:\s+(?!by\b)[\w'\u2019-]+){0,4}?\s+by\s+",
    re.I,
)
_AUX_TAIL = re.compile(
    r"(?:\s+|^)(?:(?:has|have|had|will|would|shall|should|could|can|may|might|must|did|does|do|also|later|"
    r"previously|earlier|again|then|repeatedly|publicly|privately|recently|already|once|first|last|just|long|meanwhile|"
    r"further|separately|yesterday|today|not|never|often|always|reportedly|now|still|even|himself|herself|themselves|itself|"
    rf"{_LINKING_ADVERBS}|(?!(?:daily|weekly|monthly|yearly|quarterly|family|ally|rally|early|elderly|italy|assembly|supply)\b)[a-z]+ly|n['\u2019]t)\s*)+$"
)
_PASSIVE_AUX = re.compile(r"(?:^|\s)(?:is|are|was|were|be|been|being|get|got|gets)\s*$", re.I)
_MODAL_AUX = re.compile(r"\b(?:will|would|shall|should|could|can|may|might|must|did|does|do|to)\b", re.I)
_ADJECTIVAL_BEFORE = re.compile(
    r"(?:^|\s)(?:the|a|an|this|that|these|those|its|his|her|their|our|my|your|said|any|no|every)\s*$", re.I
)
_NOUNLIKE_FOLLOW = re.compile(
    r"\s*(?:that\b|(?-i:Mr|Mrs|Ms|Dr)\b|[\u201c\"\u2018:,]|(?:he|she|it|they|we|the|a|an|his|her|its|their|to|on|in|there|this)\b|[a-z]+ly\b)"
)
_POSSESSIVE_WORD_BEFORE = re.compile(r"\w['\u2019]s?\s+$")
_SPEECH_FOLLOW = re.compile(
    r"\s*(?:that\b|(?:whether|why|how|what)\b|[\u201c\"\u2018:,]|''|to\s+(?:having|being|\w+ing)\b|having\b|(?:he|she|it|they|we|there)\b|[a-z]+ly\b"
    # a clause with no "that": "agreed public spending would rise"
    r"|(?:[a-z][\w'\u2019-]*\s+){1,3}(?:would|will|could|should|must|might|may|can)\s)"
)
# What a dismissal as a stance dismisses: words, ideas and reports, or anything "as" something.
_DISMISSED_WHAT = re.compile(
    r"\s+(?:[\w'\u2019-]+\s+){0,3}?(?:claims?|talk|suggestions?|criticisms?|reports?|rumou?rs?|allegations?"
    r"|ideas?|notion|fears|concerns|speculation|comments?|remarks?|warnings?|calls|accusations?|attacks?|charges"
    r"|proposals?|theor(?:y|ies)|stor(?:y|ies)|complaints?|questions?|findings?|it|them|this|that)\b"
    r"|\s+(?:[\w'\u2019-]+\s+){1,4}?as\b",
    re.I,
)
# A commitment is reported speech with a to-infinitive for content ("pledged to cut fares").
# "put it" reports words only as a manner of saying: "As Ann Bell put it, ...", "she put it bluntly:",
# never "He put it on the table".
_PUT_IT_FORMS = frozenset({"put it", "puts it"})
_PUT_IT_FOLLOW = re.compile(
    r"\s*(?:[,:;.!?\u2014\u2013\"\u201d]|(?:this|that|another|the\s+following)\s+way\b|(?:more\s+)?(?:bluntly|simply|"
    r"succinctly|best|plainly|mildly|starkly|colorfully|colourfully)\b|$)",
    re.I,
)
# "posted" also reports a result: an amount after it within a few words ("posted a net profit of $5m").
_RESULT_FORMS = frozenset({"posted"})
_AMOUNT_AFTER = re.compile(
    r"(?:\s+(?![\u201c\"'])[^\s\d$\u00a3\u20ac\u00a5:]+){0,5}?\s+"
    r"(?:(?:[$\u00a3\u20ac\u00a5]|[A-Z]{1,3}\$)\d|\d[\d,.]*\s*(?:%|m\b|bn\b|million|billion|per\s*cent|percent))"
)
_COMMITMENT_FORMS = frozenset("promise promises promised pledge pledges pledged".split())
_TO_VERB = re.compile(r"\s+to\s+(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b)[a-z]+\b")
_APPOSITIVE_NAME_AFTER = re.compile(rf",\s*(?P<name>{_PROPER_RUN})\s*(?=[,.;:!?\u201d\"]|$)")
_RELATIVE_BEFORE = re.compile(r"\b(?:which|that|what)\s+$", re.I)
_CALL_FOLLOW = re.compile(r"\s+(?:it|them|this|that|him|her|these|those)\b|\s+for\b")
_NAMING_VERBS = frozenset("call called describe described dubbed branded labelled labeled termed hailed".split())
# (two apostrophes open a quotation in some copy: "called the plan ''a shambles''")
_NAMED_AS_QUOTE = re.compile(r"\s+(?:[\w'\u2019-]+\s+){1,5}?(?:as\s+)?(?:[\u201c\"\u2018]|'')")
_QUOTE_BEFORE_SENTENCE = re.compile(r"[?!.][\u201d\"\u2019']{1,2}\s*$")
# "asked the minister whether ...", "asks voters to ...": a question or a request put to someone.
_ASKING_FORMS = frozenset("asked asks".split())
_ASKED_WHAT = re.compile(
    rf"\s+(?:him|her|them|me|us|you|{_PROPER_RUN}|(?:the|a|an|his|her|their)\s+(?:[\w-]+\s+){{0,2}}?[\w-]+|[a-z]+s)"
    r"\s+(?:if|whether|why|what|how|when|where|who|to\s+[a-z]+)\b"
)
# "described the deal as a betrayal": a characterisation, the subject's stance on something named.
_DESCRIBING_FORMS = frozenset("described describes".split())
_DESCRIBED_AS = re.compile(r"(?:\s+(?!as\b)[\w'\u2019.-]+){1,6}?\s+as\s+(?!well\b|soon\b|much\b|many\b|long\b)")
# A short prepositional phrase between a verb and its "that"-clause: "conceded in an interview that".
_PHRASE_THEN_THAT = re.compile(r"\s+(?:on|in|at|during|to|before|after|over)\s+[^,;:.!?\u201c\u201d\"]{1,40}?\s+that\b")
_ADDRESS_VERBS = frozenset("asked asks questioned answered".split())
_ADDRESSEE_TAIL = re.compile(
    rf"\s+(?:him|her|them|me|us|you|(?:the|a|an|his|her|their)\s+(?:[\w-]+\s+){{0,3}}?[\w-]+|{_PROPER_RUN})(?=\s*[.!?,])"
)
_CLOSING_CUE_TAIL = re.compile(
    r"(?:\s+(?:on|in|at|during|late|early|earlier|last|this|yesterday|today|overnight|again|too|privately|publicly)\b[^,;:\"\u201c\u201d]{0,40})?\s*[.!?]?[\"\u201d\u2019]?\s*$"
)
# A time phrase between a cue verb and its content: "stated earlier this week that", "announced on
# Monday that".
_TIME_AFTER = re.compile(
    rf"\s+(?:(?:on\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?|yesterday|today|overnight"
    r"|(?:earlier|later)\s+(?:this|that|in\s+the)\s+(?:week|month|year|day)|(?:last|this)\s+(?:week|month|year|weekend)"
    rf"|on\s+(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH}))(?=\s|,)"
)


_SPEECH_AFTER_TIME = re.compile(r",?\s*(?:that\b|whether\b|[\u201c\"\u2018:])")


def _time_after(after: str) -> int:
    """Where the words after a cue verb begin once a time phrase opening them is skipped (0: none)."""
    m = _TIME_AFTER.match(after)
    return m.end() if m else len(after)


_INVERTIBLE = frozenset(
    """said says added wrote explained continued asked recalled noted insisted argued warned
    admitted acknowledged replied answered stated declared claimed remarked observed
    say warn argue insist claim""".split()
)
_ACCORDING = re.compile(r"\baccording\s+to\s+", re.I)
_THAT_AFTER = re.compile(r"\s+that\b", re.I)
_DOC_NOUN = _alt(sorted(lex.DOCUMENT_NOUNS))
_DOC_VERB_AFTER = re.compile(
    rf"\s+(?:(?:has|have|had)\s+)?(?:also\s+|now\s+)?(?:{_alt(sorted(lex.DOCUMENT_VERBS))})\b", re.I
)
# A document's postmodifier between it and its verb: "A poll released Friday found", "Exit polls
# taken in Ohio showed", "Records from the 2008 race show", "The survey, carried out by X, found".
# Up to eight words, none a clause word (a relative, a pronoun, a finite verb), so the verb after
# them is the document's own.
_POSTMOD_STOP = (
    r"(?:that|which|who|whom|whose|when|where|while|because|and|but|or|if|he|she|they|it|we|i|you|is|are|was|"
    r"were|has|have|had|will|would|can|could|may|might|said|says|say|told|not)"
)
_POSTMOD_WORD = rf"(?!{_POSTMOD_STOP}\b)[\w$%&'\u2019./-]+"
_DOC_POSTMOD_VERB = re.compile(
    rf"(?:\s+(?:released|conducted|taken|published|commissioned|compiled|issued|carried\s+out|obtained|filed|"
    rf"from|of|in|by|for|among|between|last|earlier)(?:\s+{_POSTMOD_WORD}){{0,7}}?"
    rf"(?:\s*,(?:\s+{_POSTMOD_WORD}){{1,14}}?\s*,)?"  # "A poll of 900 voters, commissioned by X, found"
    rf"|\s*,(?:\s+{_POSTMOD_WORD}){{1,14}}?\s*,)"
    rf"\s+(?:(?:has|have|had)\s+)?(?:also\s+|now\s+)?(?:{_alt(sorted(lex.DOCUMENT_VERBS))})\b",
    re.I,
)
# "with polls showing her ahead", "a survey suggesting that ...": the document's participle.
_DOC_PARTICIPLE_AFTER = re.compile(r"\s+(?:showing|suggesting|indicating)\b", re.I)
_DOC_BY = re.compile(
    rf"^(?:(?:an?|the|its|their)\s+)?(?:[\w'\u2019-]+\s+){{0,3}}?(?:{_DOC_NOUN}|{_alt(sorted(lex.SPEECH_NOUNS))})\s+"
    r"(?:(?:published|released|compiled|issued|commissioned|carried\s+out|produced|filed|lodged|submitted|prepared)\s+"
    # or any participle, a time or place between it and "by" ("an audit completed last week by")
    r"|[a-z]{3,}ed(?:\s+(?!by\b)[\w'\u2019-]+){0,4}?\s+(?=by\s))?"
    r"(?:by|from|of)\s+",
    re.I,
)
# "according to the indictment filed by prosecutors": a definite document, a source of its own
# whoever (unnamed) drew it up.
_DEFINITE_DOC_START = re.compile(
    rf"(?:the|this|that)\s+(?:(?-i:[a-z])[\w-]*\s+){{0,2}}?(?P<head>{_DOC_NOUN})\b(?!['\u2019-])", re.I
)
_PASSIVE_BY = re.compile(
    rf"\b(?:is|are|was|were|been|be|being)\s+(?:(?:[a-z]+ly|first|also|later|initially|previously|widely)\s+)?(?P<verb>{_alt(sorted(lex.PASSIVE_CUES))})\b"
    r"(?:\s+[\w'\u2019]+){0,5}?\s+by\s+",
    re.I,
)
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
_CALLING_FOR = re.compile(r"\s+(?:for|on)\b")
_PROGRESSIVE_NEED_CONTENT = frozenset(
    """writing telling asking describing adding explaining repeating announcing noting complaining
    questioning citing touting""".split()
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
# The word each phrase pattern cannot match without, and how far around it the pattern reaches.
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
_RESEARCH_HINGE_BEFORE = 40  # a research noun opens its phrase within a few words ("A small team of")
_RESEARCH_REACH = 8  # how many sentences back "the researchers" looks for the institution named with them
_RESEARCH_BODY_WORDS = frozenset(
    "university college institute institution laboratory laboratories lab centre center school hospital "
    "foundation observatory museum academy society council agency".split()
)

_ACADEMIC_WORDS = frozenset("university college institute laboratory school".split())
# A research lead ("A team of researchers has shown ...") names the institution after its method
# and first quotes: it is looked for a little further on than a lead's unnamed person.
_RESEARCH_LEAD_REACH = 6
_LEAD_SENTENCES = 2  # the lead: the first two sentences (a headline may be the first)
_LEAD_REACH = 4  # how many sentences after the lead the person is looked for

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


_TERMED = re.compile(
    r"\bwhat\s+(?P<np>[^,;:.]{1,60}?)\s+(?:(?:has|have|had)\s+)?(?P<verb>termed|called|described|dubbed|labelled|labeled|branded|characteri[sz]ed)\b(?:\s+as\b)?",
    re.I,
)
_CONTENT_PARTICIPLES = frozenset(
    "saying adding arguing claiming insisting noting stating suggesting explaining".split()
)
_PASSIVE_BEFORE_BY = re.compile(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:(?:\w+ly|often|also|still|now|sometimes)\s+)?\w+(?:ed|en|wn|ht)\s*$",
    re.I,
)
_MODAL_BEFORE_BY = re.compile(r"\b(?:will|would|can|could|may|might|must|should|shall|able\s+to)\b", re.I)
# ", saying ...", and "by saying ...": the clause's subject speaks through the participle.
_PARTICIPLE = re.compile(rf"(?:,\s*|\s+by\s+)(?P<p>{_alt(sorted(lex.CUE_PARTICIPLES))})\b", re.I)
_SHARE_PARTICIPLE = re.compile(r"(?<=\w)\s+(?P<p>saying|calling|describing)\b", re.I)
_WITH_SAYING = re.compile(rf"\bwith\s+(?P<np>[^,;:]{{1,60}}?)\s+(?P<p>{_alt(sorted(lex.CUE_PARTICIPLES))})\b", re.I)
_STATEMENT_PREFIX = re.compile(
    r"(?:^|(?<=[\s\u201c\"]))(?:in|on)\s+(?:a|an|his|her|its|their)\s+(?:[a-z]+\s+)?(?:statement|interview|post|tweet|letter|email|video)(?:\s+on\s+\w+)?,\s*$",
    re.I,
)
_STATEMENT_SUFFIX = re.compile(
    r"\s+(?:in\s+(?:a|an|the|his|her|its|their)\s+(?:[\w-]+\s+){0,2}?(?:statement|interview|post|blog\s+post|tweet|letter|email|video|speech|briefing|filing)"
    r"|on\s+(?:Facebook|X|Twitter|LinkedIn|Instagram|TikTok|Threads|Bluesky|Telegram|social\s+media))\b"
)
_DATELINE = re.compile(rf"^[{_CAP}][{_CAP}\s.,'\u2019-]+(?:,\s*[{_CAP}][\w\s]+)?\s*[\u2014\u2013-]+\s*")
# Possessive (nothing follows the run here, so the matches are the same): a greedy run keeps
# a backtracking record per name token, megabytes on a sentence of 7,000 initials ("A. A. A. ...").
_PROPER_ANYWHERE = re.compile(rf"{_WB}{_PROPER_RUN}+")
# "analysts at Barclays", "officials from the Treasury": a group inside a named organisation.
# The first such name wins: "analysts at Daewon Securities in Seoul" are Daewon's, and "in"
# ties only to a body ("officials in the Interior Ministry"), not to a place.
_TIED_TO_HEAD = re.compile(r"\s(?:at|from|for|of)\s+the\s+([a-z]+)$")
_TIED_TO_NAMED = re.compile(rf"\s(?P<prep>at|from|with|in|of)\s+(?:the\s+)?(?P<org>{_PROPER_RUN})")
# "Opposition leader Rui Costa": a capitalised modifier, a role word, then the name.
# ("said HPA regional director Ann Bell": lower-case words may qualify the role before the name)
_ROLE_THEN_NAME = re.compile(
    rf"\s+(?:[a-z][\w'\u2019-]*\s+){{0,2}}?"
    rf"(?:(?:{_alt(sorted(lex.PERSON_ROLES | lex.ORGANIZATION_DESCRIPTORS))})\s+){{1,2}}(?P<name>{_PROPER_RUN})"
)
_POSSESSIVE_TAIL = re.compile(r"['\u2019]s?$")
_POSSESSIVE_ENDS = ("'", "\u2019", "'s", "\u2019s")  # what _POSSESSIVE_TAIL finds at the end of a blank-free token


def _strip_possessive_tail(token: str) -> str:
    """``_POSSESSIVE_TAIL.sub("", token)`` for a token without blanks (so without a final newline)."""
    if token.endswith(("'s", "\u2019s")):
        return token[:-2]
    return token[:-1] if token.endswith(("'", "\u2019")) else token


_STRONG_BOUNDARY = re.compile(r"[;:\u201c\u201d\"(\u2014\u2013]|,(?=\s)")


_KIND_BY_LABEL: dict[str, SourceKind] = {
    "person": "person",
    "organization": "organization",
    "government_body": "government_body",
    "outlet": "outlet",
}


# ---------------------------------------------------------------------------------------
# Small value types
# ---------------------------------------------------------------------------------------
@dataclass(slots=True)
class _NP:
    """A speaker noun phrase as found in the text, before canonicalisation."""

    start: int
    end: int
    # proper | vague | common | pronoun | spokes | descriptor | document | portion | according-document | group
    # | definite ("the district": a body named by that word, else nobody)
    shape: str
    text: str  # the name part (proper run, vague phrase, or common noun phrase)
    head: str = ""
    desc: str = ""
    det: str = ""
    mods: str = ""
    kind_hint: str = ""  # from an appositive common noun: "the Estonian parliament, the Riigikogu"
    role: str = ""  # an appositive description of the speaker: "Mira Olsen, chief economist at X,"
    work: str = ""  # the title of a work the speaker is credited through: "Salt Roads, by Kemal Aydin, says"
    of_tail: str = ""  # a role's "of" phrase after its head: "the secretary of state" -> "of state"


@dataclass(slots=True)
class _Entity:
    pos: int
    name: str
    kind: SourceKind
    sentence: int


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int  # the cue as a reader sees it is text[start:end] (no copy held per candidate)
    rule: str
    np: _NP
    confidence: float
    sentence: Sentence
    statement: tuple[int, int] | None = None
    quoted: bool = False  # the cue lies inside a quotation: read after the cues outside it


@dataclass(slots=True)
class _RoleMention:
    """A named person and where the text names them, for the role words read around the name."""

    pos: int
    end: int
    name: str
    run: str
    desc: str
    sentence: Sentence
    words: frozenset[str] | None = None


@dataclass(slots=True)
class _DocState:
    text: str
    known: dict[str, KnownSource]
    persons: list[_Entity] = field(default_factory=list)  # strict person mentions, by position
    entities: list[_Entity] = field(default_factory=list)  # non-person entities, by position
    surnames: dict[str, set[str]] = field(default_factory=dict)
    subjects: dict[int, _Entity] = field(default_factory=dict)  # sentence index -> lead proper NP
    mentions: list[_Entity] = field(default_factory=list)  # possible people: loose runs, lone surnames
    speakers: list[_Entity] = field(default_factory=list)  # people credited so far, by position
    groups: list[_Entity] = field(default_factory=list)  # groups and bodies credited so far ("they" refers back)
    gender: dict[str, str] = field(default_factory=dict)  # name -> "m" / "f" where the text says
    # Look-up tables over the entity lists above, grown as the lists grow (they are only sorted
    # before the first look-up and appended to afterwards): see ``_in_sentence`` and ``_names``.
    tables: dict[int, tuple[int, dict[int, list[_Entity]], set[str]]] = field(default_factory=dict)
    # ``entities`` by key (see ``_entity_keys``) as indices into the list, and for the part the
    # pre-scan sorted by position (the first ``sorted_entities``) their positions: see ``_last_before``.
    sorted_entities: int = 0
    keyed_done: int = 0
    keyed: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    keyed_pos: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    subjects_by_first: dict[str, list[_Entity]] | None = None
    # People with the role words the article gave them ("Home Secretary Ann Bell", "Ann Bell, the
    # club's chairwoman,"), by position: "the home secretary said" refers back to the one named so.
    # Each read lazily (``_role_words``): only an article with a "the <role> said" needs them.
    roles: list[_RoleMention] = field(default_factory=list)
    role_index: dict[str, list[int]] | None = None  # role word -> indices into ``roles``: ``_role_index``
    acronyms: dict[str, SourceRef | None] = field(default_factory=dict)  # "FA" -> Football Association
    acronym_index: dict[str, list[tuple[str, int]]] | None = None
    # (sentence index, gender) -> the one person of that gender it names, "" for several, None for
    # none: the far fallback of "he said" (``_earlier_person``), read once per sentence.
    fallback: dict[tuple[int, str], str | None] = field(default_factory=dict)
    firms: frozenset[str] | None = None  # one-word names the text treats as businesses: ``_firm_names``
    # Names of two or more words that are no person, by their last word ("district" -> Marrangal Health
    # District), by position: "the district said" means the one named last before (``_named_by_head``).
    name_heads: dict[str, list[_Entity]] = field(default_factory=dict)
    # Documents whose owner the text names with them ("a complaint filed by the District Attorney's
    # Office", "a paper published in the Journal of X"), by the document's noun: "the complaint
    # alleges" later is its owner speaking (``_document_owner``).
    doc_owners: dict[str, list[tuple[int, SourceRef]]] = field(default_factory=dict)
    # The last cue read, when an unnamed spokesperson spoke for a body: (sentence index, the body, the
    # sex the head word gives or ""), so that "she added" just after "A Kovax spokeswoman said" is Kovax.
    spokesperson: tuple[int, SourceRef, str] | None = None
    # Names of unknown kind the text treats as a body ("Acme Mills has ..., saying its ..."): ``_called_its``.
    bodies: set[str] = field(default_factory=set)
    sentence_starts: list[int] = field(default_factory=list)  # each sentence's start, by index
    # Names whose sex in ``gender`` is only the given name's usual one (Census shares), not the text's.
    guessed_gender: set[str] = field(default_factory=set)
    # Capitalised words the typo check corrected, and how ("Servcie" -> "Service", "Okafer" -> "Okafor"):
    # a Source is named as the article means it, not as one slip spells it (``_respelled``).
    spelling: dict[str, str] = field(default_factory=dict)


def _name_spellings(earlier: Sequence[Finding]) -> dict[str, str]:
    """The one-word corrections of capitalised words among the typo findings before this detector."""
    spelling: dict[str, str] = {}
    for finding in earlier:
        fix = finding.suggestion or ""
        if finding.kind == "typo" and finding.quote[:1].isupper() and fix[:1].isupper() and fix.isalpha():
            spelling[finding.quote] = fix
    return spelling


def _respelled(state: _DocState, ref: SourceRef) -> SourceRef:
    """``ref`` with the misspelt words of its name corrected."""
    if not state.spelling or not any(word in state.spelling for word in ref.name.split()):
        return ref
    return replace(ref, name=" ".join(state.spelling.get(word, word) for word in ref.name.split()))


def _head_kind(head: str) -> SourceKind:
    """The kind of a body known only by its name's last word ("District", "Gallery")."""
    if head in lex.GOVERNMENT_WORDS:
        return "government_body"
    return "outlet" if head in lex.OUTLET_WORDS else "organization"


def _named_by_head(state: _DocState, head: str, pos: int) -> SourceRef | None:
    """The body named last before ``pos`` whose name ends in ``head``: "the district" after "the
    Marrangal Health District", "the gallery" after "the Halden Art Gallery"."""
    named = state.name_heads.get(head)
    if not named or not english.is_word(head):
        return None
    at = bisect_left(named, pos, key=lambda e: e.pos)  # the pre-scan keeps them in text order
    # "Tom Baker" is a person, no body "the baker" means (read here, not for every name in the pre-scan)
    body = next((e for e in reversed(named[:at]) if not english.is_given_name(e.name.split()[0].casefold())), None)
    if body is None:
        return None
    return _lookup_known(state, body.name) or SourceRef(name=body.name, kind=body.kind)


def _entity_keys(e: _Entity) -> list[tuple[str, str]]:
    words = e.name.split()
    keys = [("all", ""), ("kind", e.kind), ("name", e.name.casefold()), ("sentence", str(e.sentence))]
    if words:
        keys.append(("first", words[0].casefold()))
    keys.extend(("word", w) for w in {_norm(w) for w in words})
    return keys


def _keyed(state: _DocState, key: tuple[str, str]) -> list[int]:
    """Indices into ``state.entities`` of the entities with ``key``, in list order (kept up to date)."""
    entities = state.entities
    for i in range(state.keyed_done, len(entities)):
        e = entities[i]
        for k in _entity_keys(e):
            state.keyed.setdefault(k, []).append(i)
            if i < state.sorted_entities:
                state.keyed_pos.setdefault(k, []).append(e.pos)
    state.keyed_done = len(entities)
    return state.keyed.get(key, [])


def _last_before(
    state: _DocState, key: tuple[str, str], pos: int, kinds_not: frozenset[str] = frozenset()
) -> _Entity | None:
    """The last entity in list order with ``key``, a position before ``pos`` and a kind not in ``kinds_not``.

    What ``[e for e in state.entities if ...][-1]`` gives, without the scan: the entities
    appended while detecting (after the sorted pre-scan part) are read backwards, then the
    sorted part is bisected by position.
    """
    indices = _keyed(state, key)
    entities = state.entities
    k = len(indices)
    while k and indices[k - 1] >= state.sorted_entities:
        e = entities[indices[k - 1]]
        if e.pos < pos and e.kind not in kinds_not:
            return e
        k -= 1
    j = bisect_left(state.keyed_pos.get(key, []), pos, 0, k)
    while j:
        e = entities[indices[j - 1]]
        if e.kind not in kinds_not:
            return e
        j -= 1
    return None


def _recent(state: _DocState, first_sentence: int, last_sentence: int, pos: int) -> list[_Entity]:
    """``[e for e in state.entities if e.pos < pos and e.sentence >= first_sentence]`` for a cue in ``last_sentence``.

    Entities of later sentences lie after ``pos``, so only the sentences in between are read.
    """
    indices: list[int] = []
    for index in range(max(0, first_sentence), last_sentence + 1):
        indices.extend(_keyed(state, ("sentence", str(index))))
    return [e for e in (state.entities[i] for i in sorted(indices)) if e.pos < pos and e.sentence >= first_sentence]


def _table(state: _DocState, entities: list[_Entity]) -> tuple[dict[int, list[_Entity]], set[str]]:
    """``entities`` by sentence index (in list order) and their names, brought up to date incrementally."""
    done, by_sentence, names = state.tables.get(id(entities), (0, {}, set()))
    if done < len(entities):
        for e in entities[done:]:
            by_sentence.setdefault(e.sentence, []).append(e)
            names.add(e.name)
        state.tables[id(entities)] = (len(entities), by_sentence, names)
    return by_sentence, names


def _in_sentence(state: _DocState, entities: list[_Entity], index: int) -> list[_Entity]:
    """The members of ``entities`` in sentence ``index``, in list order (a scan of the whole list otherwise)."""
    return _table(state, entities)[0].get(index, [])


def _names(state: _DocState, entities: list[_Entity]) -> set[str]:
    """The names in ``entities``."""
    return _table(state, entities)[1]


# ---------------------------------------------------------------------------------------
# Name handling
# ---------------------------------------------------------------------------------------
def _norm(word: str) -> str:
    return word.casefold().strip(".'\u2019,")


def _fold(word: str) -> str:
    """Case- and accent-folded form: "Wróbel" and "Wrobel" are one surname."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return (
        "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("\u0142", "l").replace("\u00f8", "o")
    )


def _within_one_edit(a: str, b: str) -> bool:
    """Damerau distance <= 1: one letter dropped, added, changed, or two swapped."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1 :] == b[i + 1 :] or (a[i + 2 :] == b[i + 2 :] and a[i : i + 2] == b[i : i + 2][::-1])
    return (a[i + 1 :] == b[i:]) if la > lb else (a[i:] == b[i + 1 :])


def _surname_variants(state: _DocState, surname: str) -> set[str]:
    """Full names whose surname is ``surname`` up to accents or a one-letter slip.

    Articles misspell or de-accent names ("Zielinksi" for "Zielinski", "Wrobel" for
    "Wróbel"); a slip is accepted only for surnames of five letters or more and only
    when it points at a single registered surname.
    """
    key = _fold(_POSSESSIVE_TAIL.sub("", surname))
    exact = {name for k, names in state.surnames.items() if _fold(k) == key for name in names}
    if exact or len(key) < 5:
        return exact
    near = [k for k in state.surnames if len(k) >= 5 and k[0] == key[0] and _within_one_edit(_fold(k), key)]
    return set(state.surnames[near[0]]) if len(near) == 1 else set()


# "Attorney General Ada Moss": "general" closes a title only after these words.
_GENERAL_TITLES = frozenset("attorney solicitor secretary surgeon inspector auditor comptroller postmaster".split())


_COURTESY_TITLES = frozenset("mr mrs ms miss mx dr".split())
_POST_NOMINALS = frozenset("MP MEP MSP MLA QC KC OBE MBE CBE".split())


# Names recur, within an article and across a stream of them, and the two functions below are pure
# functions of their arguments: each result is remembered for names up to this length. A longer
# run (hostile text: a "name" of thousands of initials) is not kept alive by the memo. The memos
# are small so that a text of thousands of distinct names holds little more memory than prose.
_NAME_MEMO_CHARS = 80
_NAME_MEMO_SIZE = 256


def _clean_proper(run: str) -> tuple[str, bool]:
    """Canonical name for a proper-name run, and whether a title or role was stripped."""
    return _clean_proper_run(run) if len(run) > _NAME_MEMO_CHARS else _clean_proper_memo(run)


def _clean_proper_run(run: str) -> tuple[str, bool]:
    """``_clean_proper`` without the memo."""
    glued = _GLUED_CAPTION.match(run) if _GLUE_HINT.search(run) else None
    if glued:
        run = run[glued.end() :]
    tokens = run.split()
    while tokens and _norm(tokens[0]) in lex.NON_NAME_CAPS:
        tokens.pop(0)
    while tokens and _DESCRIBING_TOKEN.fullmatch(tokens[-1]):
        tokens.pop()  # "the Leeds-based": a modifier of what follows, no name's part
    # "Belarus' President Alexander Lukashenko": a possessor before a titled name is a modifier.
    for i, tok in enumerate(tokens[:-1]):
        if (
            tok.endswith(_POSSESSIVE_ENDS)
            and not tok.endswith(("'", "\u2019"))
            or (tok.endswith(("'", "\u2019")) and _norm(tokens[i + 1]) in lex.TITLES)
        ):
            rest = tokens[i + 1 :]
            if _norm(rest[0]) in lex.TITLES or (len(rest) >= 2 and not _org_or_gov(rest)):
                tokens = rest
                break
    titled = False
    while len(tokens) > 1 and _norm(tokens[0]) in lex.TITLES:
        if _norm(tokens[0]) == "general" and _org_or_gov(tokens[1:]):
            break  # "General Motors", "General Electric Company": a company's name, not a title
        tokens.pop(0)
        titled = True
    # "Broadcaster Chris Evans": a job word before a two- or three-word name is a role, not the name.
    if (
        len(tokens) in {3, 4}
        and _norm(tokens[0]) in lex.JOB_WORDS
        and not _org_or_gov(tokens[1:])
        and all(t[:1].isupper() for t in tokens[1:])
    ):
        tokens.pop(0)
        titled = True
    # "Secretary of Homeland Security Jeh Johnson", "Minister for Trade Ana de la Cruz": the
    # portfolio after the title is not part of the name; the name is the last two words
    # (with any particles or initials inside it).
    if titled and len(tokens) >= 4 and tokens[0].casefold() in {"of", "for"}:
        tokens = _name_after_portfolio(tokens)
    # "Commenting Mr Macklin", "California Mr Reyes": a courtesy title inside the run starts the
    # name (unless it follows "and": two people).
    for i in range(len(tokens) - 2, 0, -1):
        if (
            _norm(tokens[i]) in _COURTESY_TITLES
            and tokens[i - 1].casefold() not in {"and", "&"}
            and all(t[:1].isupper() for t in tokens[i + 1 :])
        ):
            tokens = tokens[i + 1 :]
            titled = True
            break
    # "Ann Bell MP", "Tom Reed QC": letters after a name are not part of it.
    if len(tokens) >= 3 and tokens[-1].rstrip(".") in _POST_NOMINALS:
        tokens.pop()
        titled = True
    # "Health Minister Olu Adebayo": a title inside the run ends a descriptor.
    for i in range(len(tokens) - 2, 0, -1):
        if _norm(tokens[i]) in lex.TITLES and (
            _norm(tokens[i]) not in {"state", "chair", "general"}
            or (_norm(tokens[i]) == "general" and _norm(tokens[i - 1]) in _GENERAL_TITLES)
        ):
            rest = tokens[i + 1 :]
            if len(rest) >= 2 and not _org_or_gov(rest) and all(t[:1].isupper() for t in rest):
                tokens = rest
                titled = True
            elif len(rest) >= 4 and rest[0].casefold() in {"of", "for"}:
                # "Provincial Minister of Forests and Lakes Jean-Paul Moreau": the name after the portfolio
                named = _name_after_portfolio(rest)
                if named is not rest:
                    tokens, titled = named, True
            break
    # "James Clyburn of South Carolina": a person's name stops before "of".
    lowered = [t.casefold() for t in tokens]
    if "of" in lowered:
        cut = lowered.index("of")
        head = tokens[:cut]
        if head and not _org_or_gov(head) and 2 <= len(head) <= 4:
            tokens = head
    if tokens:
        last = tokens[-1]
        last = _strip_possessive_tail(last) if len(tokens) > 1 or last.endswith(("'s", "\u2019s")) else last
        if last.endswith(".") and len(last.rstrip(".")) > 2 and not re.fullmatch(r"(?:[A-Z]\.)+", last):
            last = last.rstrip(".")
        tokens[-1] = last
    return " ".join([t for t in tokens if t]), titled


def _name_after_portfolio(tokens: list[str]) -> list[str]:
    """The name at the end of "of Homeland Security Jeh Johnson" (a title's portfolio, then the name):
    the last two words with any particles or initials inside; ``tokens`` itself when none is read."""
    tail = [tokens[-1]]
    i = len(tokens) - 2
    while i > 0 and (tokens[i].casefold() in _PARTICLES or re.fullmatch(r"[A-Z]\.", tokens[i])):
        tail.insert(0, tokens[i])
        i -= 1
    if i > 0 and tokens[i][:1].isupper() and _norm(tokens[i]) not in lex.TITLES:
        tail.insert(0, tokens[i])
    return tail if len(tail) >= 2 and not _org_or_gov(tail) else tokens


_clean_proper_memo = lru_cache(maxsize=_NAME_MEMO_SIZE)(_clean_proper_run)


# The words that make a run of capitals a body rather than a person: one set, built once (not per name).
_BODY_WORDS = lex.ORGANIZATION_WORDS | lex.GOVERNMENT_WORDS | lex.OUTLET_WORDS | lex.OUTLET_NAMES


def _org_or_gov(tokens: Sequence[str]) -> bool:
    return any(_norm(t) in _BODY_WORDS for t in tokens)


def _proper_kind(name: str, *, titled: bool, desc: str, courtesy: bool = False) -> SourceKind | None:
    """Kind of a proper name from its own words and the descriptor before it; None if unsure.

    ``courtesy``: the run opened with "Mr", "Ms", "Dr"...: a person, even when the name spells
    an outlet or a body ("Mr Fox" is not Fox News).
    """
    if len(name) + len(desc) > _NAME_MEMO_CHARS:
        return _name_kind(name, titled, desc, courtesy)
    return _name_kind_memo(name, titled, desc, courtesy)


def _name_kind(name: str, titled: bool, desc: str, courtesy: bool) -> SourceKind | None:
    """``_proper_kind`` without the memo."""
    tokens = name.split()
    if not tokens:
        return None
    if courtesy:
        return "person"
    words = [_norm(t) for t in tokens]
    last = words[-1]
    desc_words = {_norm(w) for w in desc.split()}
    if len(tokens) >= 2 and last in lex.NAMED_DOCUMENT_WORDS and not titled:
        return "document"  # "the Lambert Report", "the Hansen Survey": a document of its own name
    # "Liam Fox", "Chris Sky": a first name before an outlet's one-word name spells a person.
    personal = (
        len(tokens) == 2
        and last in lex.OUTLET_NAMES
        and tokens[1][1:].islower()
        and words[0] not in lex.OUTLET_NAMES
        and words[0] not in _BODY_WORDS
        and tokens[0][1:].islower()
        and desc_words != {"the"}
    )
    if not personal and (
        any(w in lex.OUTLET_NAMES for w in words)
        or (last in lex.OUTLET_WORDS and (len(words) >= 2 or desc_words == {"the"}))
    ):
        return "outlet"  # "the Herald Courier", "the Guardian"
    if titled or desc_words & lex.PERSON_ROLES:
        if not _org_or_gov(tokens):
            return "person"
    if desc_words == {"the"} and len(tokens) == 1 and tokens[0].endswith("s") and tokens[0][1:].islower():
        return "organization"  # "the Tories", "the Democrats": a party or a body, not a person
    if desc_words & lex.ORGANIZATION_DESCRIPTORS:
        return "organization"
    if last in lex.ORGANIZATION_WORDS:
        return "organization"
    if any(w in lex.GOVERNMENT_WORDS for w in words):
        return "government_body"
    if any(w in lex.ORGANIZATION_WORDS for w in words) or any(ch.isdigit() for ch in name):
        return "organization"
    if any(len(t) > 1 and t.replace(".", "").isupper() and len(t.replace(".", "")) > 1 for t in tokens):
        return "organization"
    if len(tokens) == 1 and re.search(r"[a-z][A-Z]", tokens[0]):
        return "organization"  # "MedRight", "TransValmora"
    if len(tokens) == 1 and (tokens[0].isupper() and len(tokens[0]) > 1):
        return "organization"  # acronyms: "NATO", "MedRight" is handled by the caller
    return None


_name_kind_memo = lru_cache(maxsize=_NAME_MEMO_SIZE)(_name_kind)


def _courtesy(run: str) -> bool:
    """Whether a proper-name run opens (after "the"-like words) with a courtesy title."""
    for token in run.split()[:3]:
        word = _norm(token)
        if word in lex.NON_NAME_CAPS:
            continue
        return word in lex.COURTESY_TITLES
    return False


_INDEFINITE = re.compile(r"(?:an?|one|another)\s", re.I)
# Words before a role that name no one ("a senior Tory MP", "a Labour councillor", "a French
# diplomat"); "a Daiwa Securities analyst" names the firm and keeps its own reading.
_AFFILIATION_WORDS = (
    lex.PARTY_NAMES
    | lex.DEMONYMS
    | frozenset({"former", "ex", "chief", "senior", "deputy", "acting", "interim", "assistant"})
    | frozenset("conservative liberal democrat democratic republican green labour".split())
)


def _vague_name(phrase: str) -> str:
    phrase = re.sub(r"\s+", " ", phrase.strip())
    phrase = re.sub(r",\s*who\b.*$", "", phrase)
    return phrase[0].lower() + phrase[1:] if phrase[:1].isupper() and not phrase[1:2].isupper() else phrase


# ---------------------------------------------------------------------------------------
# Noun-phrase parsing
# ---------------------------------------------------------------------------------------
_PRE_WORDS = re.compile(r"(?:[\w'\u2019-]+[ \t]+){1,4}$")
_DESC_EXTRA = frozenset({"former", "ex", "chief", "senior", "deputy", "acting", "interim", "assistant"})
_DESC_STOP = frozenset(
    {"said", "says", "told", "and", "or", "but", "that", "with", "by", "from", "to", "of", "for", "in", "on", "at"}
)


# _PRE_WORDS read backwards: up to four (blanks, word) pairs, over the reversed text.
_PRE_WORDS_REVERSED = re.compile(r"(?:[ \t]+[\w'\u2019-]+){1,4}")


@lru_cache(maxsize=4)
def _reversed(text: str) -> str:
    return text[::-1]


def _pre_words_start(text: str, lo: int, end: int) -> int:
    """Where ``_PRE_WORDS.search(text, lo, end)`` can first match: the fourth word run back from ``end``.

    A match is 1-4 (word, blanks) pairs ending at ``end``, so no earlier start can succeed;
    searching from here gives the same match without retrying (and backtracking) at every
    position of the window. ``$`` may also match before a final newline: that rare case (blanks,
    then the newline) is left to the regex.
    """
    if end <= lo:
        return lo
    if text[end - 1] == "\n":  # "$" before a final newline needs blanks before it; else no match
        return lo if end - 2 >= lo and text[end - 2] in " \t" else end
    size = len(text)
    back = _PRE_WORDS_REVERSED.match(_reversed(text), size - end, size - lo)
    return end if back is None else size - back.end()


def _words_before(text: str, end: int, limit: int) -> tuple[int, str]:
    """Descriptor words just before ``end`` (role words such as "chief executive")."""
    lo = max(0, end - 60)
    m = _PRE_WORDS.search(text, _pre_words_start(text, lo, end), end)
    if not m:
        return end, ""
    start = end
    pos = m.end()
    count = 0
    for word in reversed(m.group(0).split()):
        pos = text.rfind(word, m.start(), pos)
        low = word.casefold()
        if low in {"the", "a", "an"}:
            start = pos
            break
        if (
            count >= limit
            or low in lex.NON_NAME_CAPS
            or low in _DESC_STOP
            or low in _VERB_SET  # "The memoir claims Mr Hart said": "claims" is a cue of its own
            or not (
                word[:1].islower()
                or low in lex.PERSON_ROLES
                or low in lex.ORGANIZATION_DESCRIPTORS
                or low in lex.TITLES
                or low in _DESC_EXTRA
            )
        ):
            break
        start = pos
        count += 1
    return start, text[start:end].strip()


# A word of ``_WORD`` (ASCII letters) of seven letters or more ending in "ists" or "ians", in any
# case: what ``any(w.endswith(("ists", "ians")) and len(w) > 6 for w in words)`` finds, in one search.
_ISTS_IANS = re.compile(rf"(?-i:(?<![A-Za-z])[A-Za-z][a-z]{{2,}}{_AGENT_PLURAL})(?![A-Za-z])", re.I | re.A)


def _parse_end(text: str, lo: int, hi: int, *, full: bool, bare: bool = False) -> _NP | None:
    """The speaker NP ending at ``hi`` inside ``text[lo:hi]``; with ``full`` it must start at ``lo``.

    Only the last 120 characters are searched, and each shape runs only when the words it
    needs are present: end-anchored searches are otherwise quadratic in the clause length.
    """
    seg = text[lo:hi]
    stripped_lo = lo + (len(seg) - len(seg.lstrip()))
    seg_r = seg.rstrip()
    if not seg_r:  # (after rstrip, any character left is not a blank)
        return None
    if len(seg_r) > 120:
        if full:
            return None
        cut = seg_r.find(" ", len(seg_r) - 120)
        base = lo + cut
        seg_r = seg_r[cut:]
    else:
        base = lo
    words = [w.casefold() for w in _WORD.findall(seg_r)]
    if not words:
        return None
    last = words[-1]
    wordset = set(words)

    def ok(start: int) -> bool:
        return not full or start <= stripped_lo

    if wordset & _SPOKES_WORDS:
        m = _END_SPOKES_FOR.search(seg_r)
        if m:
            inner = _parse_end(text, base + m.start("inner"), base + m.end("inner"), full=True)
            if inner is not None and inner.shape in {"proper", "common"} and ok(base + m.start()):
                return _NP(
                    base + m.start(),
                    base + m.end("inner"),
                    "spokes",
                    inner.text,
                    inner.head,
                    inner.desc,
                    inner.det,
                    inner.mods,
                )
        m = _END_SPOKES_PRE.search(seg_r) if last in _SPOKES_WORDS else None
        if m and ok(base + m.start()):
            inner_text = m.group("inner")
            if inner_text[:1].isupper() and _norm(inner_text.split()[0]) not in lex.NON_NAME_CAPS:
                return _NP(base + m.start(), base + m.end(), "spokes", inner_text)
            if inner_text.casefold() in lex.ANAPHORIC_HEADS or inner_text.casefold() in lex.SPEAKER_HEADS:
                return _NP(base + m.start(), base + m.end(), "spokes", inner_text, inner_text.casefold(), det="the")
    if (wordset & lex.GROUP_PLURALS or _ISTS_IANS.search(seg_r)) and (
        last in _GROUP_LAST
        or (_AGENT_PLURAL_END.search(last) is not None and len(last) > 6)
        or _post_near_end(_BARE_POST_AT, seg_r, 40)
    ):
        # "Aid agencies", "Egyptian mediators", "Anglers in Nowy Brzeg": a bare plural group
        # that opens its clause. Its modifiers must be words, not determiners or names.
        m = _END_BARE_GROUP.search(seg_r)
        if m and base + m.start() <= stripped_lo + 0 and _bare_group_ok(m.group("np"), m.group("head")):
            return _NP(base + m.start(), base + m.end("np"), "vague", m.group("np"), m.group("head").casefold())
    if wordset & lex.VAGUE_NOUNS and (last in _VAGUE_LAST or _post_near_end(_VAGUE_POST_AT, seg_r, 70)):
        m = _END_VAGUE.search(seg_r)
        if m and ok(base + m.start()) and not _named_head(m):
            head = m.group("head").casefold()
            qualified = len(m.group("np").split()) > 1 or m.group("post")
            if qualified or head not in lex.VAGUE_NEEDS_QUALIFIER:
                return _NP(base + m.start(), base + m.end("np"), "vague", m.group("np"), head)
    if "the" in wordset:
        m = _END_DESCRIPTOR.search(seg_r)
        if m and ok(base + m.start()) and _is_descriptor(m):
            return _NP(base + m.start(), base + m.end("np"), "descriptor", m.group("np"))
    if seg_r[-1:].isalnum() or seg_r[-1:] in "'\u2019.":
        m = _END_PROPER.search(seg_r, _proper_run_from(seg_r))
        if m:
            name_start = base + m.start("name")
            run = m.group("name")
            name, _ = _clean_proper(run)
            if name and _norm(name.split()[0]) not in lex.NON_NAME_CAPS:
                d_start, desc = _words_before(text, name_start, 3)
                if d_start < stripped_lo:
                    d_start, desc = name_start, ""
                if ok(d_start):
                    return _NP(d_start, base + m.end("name"), "proper", run, desc=desc)
    if "of" in wordset and last not in lex.SPEAKER_HEADS:
        m = _END_ROLE_OF.search(seg_r, max(0, len(seg_r) - 80))
        if m and ok(base + m.start()):
            return _NP(
                base + m.start(),
                base + m.end("np"),
                "common",
                m.group("np"),
                m.group("head").casefold(),
                det=m.group("det").casefold(),
                mods=m.group("mods").strip(),
                of_tail=" ".join(m.group("tail").split()),
            )
    if "the" in wordset and "-" in seg_r:
        m = _END_DESCRIBED.search(seg_r, max(0, len(seg_r) - 80))
        if m and ok(base + m.start()) and m.group("head").islower():
            return _NP(
                base + m.start(),
                base + m.end("np"),
                "described",
                m.group("np"),
                m.group("head"),
                det="the",
                mods=m.group("mods"),
            )
    if last in lex.SPEAKER_HEADS:
        m = _END_COMMON.search(seg_r, max(0, len(seg_r) - 80))
        if m and ok(base + m.start()):
            det = (m.group("det") or "").strip().casefold()
            mods = m.group("mods").strip()
            head = m.group("head").casefold()
            if det or mods or bare or head in {"police", "prosecutors", "government"}:
                return _NP(base + m.start(), base + m.end(), "common", m.group("np"), head, det=det, mods=mods)
    if last in _PRONOUNS:
        m = _END_PRONOUN.search(seg_r)
        if m and ok(base + m.start()):
            return _NP(base + m.start(), base + m.end(), "pronoun", m.group("np").casefold())
    return None


_NAME_AFTER_ROLE = re.compile(rf"\s+(?P<name>{_PROPER_RUN})")


def _named_head(m: re.Match[str]) -> bool:
    """A capitalised "vague" head after a lower-case word is a name: "the Observer", "the Economist"."""
    head_at = m.start("head") - m.start()
    return m.group("head")[:1].isupper() and bool(re.search(r"\b[a-z]", m.group(0)[:head_at]))


def _is_descriptor(m: re.Match[str]) -> bool:
    """A capitalised word after "the" is a descriptor only when it names a nationality or party."""
    word = m.group("demonym")
    if word is None:
        return True
    low = word.casefold()
    if low in lex.DEMONYMS:
        return True
    if (
        low in lex.OUTLET_WORDS
        or low in lex.OUTLET_NAMES
        or low in lex.GOVERNMENT_WORDS
        or low in lex.ORGANIZATION_WORDS
    ):
        return False
    return low.endswith(lex.DEMONYM_SUFFIXES) and low not in lex.NOT_DEMONYMS


def _bare_group_ok(np_text: str, head: str) -> bool:
    """A bare group NP: modifiers are content words (no determiner, pronoun or verb form)."""
    words = np_text.split()
    mods = (
        words[: len(words) - len(head.split())]
        if not re.search(r"\s(?:in|at|from|across|near|on)\s", np_text)
        else words[: [w.casefold() for w in words].index(head.casefold())]
    )
    for w in mods:
        low = _norm(w)
        if low in lex.NON_NAME_CAPS or low in _VERB_SET or low in {"the", "a", "an", "said", "says", "told"}:
            return False
        if low in {"of", "for", "and", "or", "to", "with", "by", "which", "who", "that", "than", "not"}:
            return False
    return True


def _parse_start(text: str, lo: int, hi: int) -> _NP | None:
    """The speaker NP starting at ``lo`` (after an inverted cue or a preposition)."""
    described = _START_DESCRIBED.match(text, lo, hi)
    if described is not None:  # "by Leeds-based research firm Quarto": the name (and its description) after it
        lo = described.end()
    seg = text[lo:hi]
    lead = len(seg) - len(seg.lstrip())
    base = lo + lead
    seg = seg.lstrip()
    m = _START_SPOKES_FOR.match(seg)
    if m:
        inner = _parse_start(text, base + m.start("inner"), base + m.end("inner"))
        if inner is not None and inner.shape in {"proper", "common"}:
            return _NP(base, inner.end, "spokes", inner.text, inner.head, inner.desc, inner.det, inner.mods)
    m = _START_VAGUE.match(seg)
    if m and _named_head(m):
        m = None
    if m:
        named = _NAME_AFTER_ROLE.match(seg, m.end("head")) if not m.group("post") else None
        if named is not None and _clean_proper(named.group("name"))[0]:
            # "said Prebon Yamane economist Lena Komileva", "said market analysts Chart-Track":
            # a role word before a name describes the named speaker.
            return _NP(
                base, base + named.end("name"), "proper", named.group("name"), desc=seg[: named.start("name")].strip()
            )
        head = m.group("head").casefold()
        qualified = len(m.group("np").split()) > 1 or m.group("post")
        if not (head in lex.VAGUE_NEEDS_QUALIFIER and not qualified):
            np_text = m.group("np").rstrip(" .")
            return _NP(base, base + len(np_text), "vague", np_text, head)
    m = _START_BARE_GROUP.match(seg)
    if m and _bare_group_ok(m.group("np"), m.group("head")):
        return _NP(base, base + m.end("np"), "vague", m.group("np"), m.group("head").casefold())
    m = _START_DESCRIPTOR.match(seg)
    if m and _is_descriptor(m):
        return _NP(base, base + m.end("np"), "descriptor", m.group("np"))
    m = _START_PROPER.match(seg)
    if m:
        role = _ROLE_THEN_NAME.match(seg, m.end("name"))
        if role and _clean_proper(role.group("name"))[0]:
            return _NP(
                base, base + role.end("name"), "proper", role.group("name"), desc=seg[: role.start("name")].strip()
            )
        run = m.group("name")
        name, _ = _clean_proper(run)
        if name and _norm(name.split()[0]) not in lex.NON_NAME_CAPS:
            end = base + m.end("name")
            if run.endswith(".") and _clean_proper(run)[0] != run:
                end -= 1 if not re.search(r"\b[A-Z]\.$", run) else 0
            return _NP(base, end, "proper", run, desc=m.group("desc").strip())
    m = _START_COMMON.match(seg)
    if m:
        return _NP(
            base,
            base + m.end(),
            "common",
            m.group("np"),
            m.group("head").casefold(),
            det=(m.group("det") or "").strip().casefold(),
            mods=m.group("mods").strip(),
        )
    m = _START_PRONOUN.match(seg)
    if m and m.group("np").casefold() in {"he", "she"}:
        return _NP(base, base + m.end(), "pronoun", m.group("np").casefold())
    return None


_LEADING_CONJ = re.compile(r"\s*(?:but|and|while|whereas|though|although|yet|as|since|because|so|even\s+as)\s+", re.I)


_BOUNDARY_CHARS = tuple(';:\u201c\u201d"(\u2014\u2013')


def _clause_start(text: str, lo: int, hi: int) -> int:
    """Start of the clause that ends at ``hi``: after the last comma, quote, colon or dash.

    The end of the last ``_STRONG_BOUNDARY`` match in ``text[lo:hi]``, found by searching
    backwards from ``hi`` (a comma counts when a blank follows it inside the range).
    """
    last = max(text.rfind(ch, lo, hi) for ch in _BOUNDARY_CHARS)
    first = max(lo, last + 1)
    comma = text.rfind(",", first, hi - 1) if hi - 1 > first else -1
    while comma >= 0 and not text[comma + 1].isspace():
        comma = text.rfind(",", first, comma) if comma > first else -1
    last = max(last, comma)
    return lo if last < 0 else last + 1


def _speaker_before(text: str, lo: int, hi: int) -> _NP | None:
    """Speaker of a cue at ``hi``: "X said", "X, the county's officer, said", "“...,” X said".

    Only the last ``_WINDOW`` characters before the cue are read.
    """
    lo = max(lo, hi - _WINDOW)
    left = text[lo:hi].rstrip()
    if not left:
        return None
    dashed = _DASH_APPOSITIVE.search(text, max(lo, hi - 120), lo + len(left)) if left[-1] in "-\u2013\u2014" else None
    if dashed is not None:  # "Ann Bell - herself a former judge - said": the aside between dashes is left out
        np = _speaker_before(text, lo, dashed.start())
        if np is not None and _PREPOSITION_BEFORE.search(text, max(lo, np.start - 8), np.start):
            return None  # "Ann Bell, chief executive of Acme - a ... - said": the name is only the firm's
        if np is not None and np.shape in {"proper", "spokes", "common", "vague"}:
            return np
    if left.endswith(","):
        # Appositive or relative clause between speaker and verb; walk back over comma segments.
        segs: list[tuple[int, int]] = []
        end = lo + len(left) - 1
        pos = end
        for _ in range(4):
            cut = text.rfind(",", lo, pos)
            seg_lo = lo if cut < 0 else cut + 1
            paren = _PAREN_AFTER_NAME.search(text, seg_lo, pos)
            if paren is not None:  # "Sen. Ann Bell (D-Vt.), ...": the bracket after a name is left out
                pos = paren.start()
            quote = max(text.rfind(q, seg_lo, pos) for q in '\u201c\u201d";:(')
            if quote >= 0:
                seg_lo = quote + 1
            segs.append((seg_lo, pos))
            if cut < 0 or quote >= 0:
                break
            pos = cut
        found: list[_NP] = []
        described: list[str] = []
        skipped = False
        for i, (s_lo, s_hi) in enumerate(segs):
            if (
                _RELATIVE.match(text, s_lo)
                or (i > 0 and _ADDRESS.match(text, s_lo))
                or (i < len(segs) - 1 and _AFFILIATION.match(text, s_lo, s_hi))
                or _ASIDE_ADVERB.fullmatch(text, s_lo, s_hi)
                # a phrase only between commas: "After the ruling Ann Bell, ..., said" opens the clause
                or (i < len(segs) - 1 and _ASIDE_PHRASE.fullmatch(text, s_lo, s_hi))
            ):
                skipped = True
                continue
            np = _parse_end(text, s_lo, s_hi, full=True)
            if np is None and i == 0:
                np = _person_from_body(text, s_lo, s_hi)
            if np is not None and np.shape != "pronoun" and not _PARTICIPLE_CLAUSE.match(text, s_lo, s_hi):
                found.append(np)
                continue
            if (
                _DESCRIPTION.match(text, s_lo)
                or (_ROLE_DESCRIPTION.fullmatch(text, s_lo, s_hi) and not _AND_OR.match(text, s_lo, s_hi))
                or (_AFFILIATED_DESCRIPTION.fullmatch(text, s_lo, s_hi) and not _AND_OR.match(text, s_lo, s_hi))
            ) and i < len(segs) - 1:
                skipped = True
                described.append(text[s_lo:s_hi].strip())
                continue
            if skipped and not found:
                np = _parse_end(text, s_lo, s_hi, full=False)
                if np is not None and np.shape != "pronoun":
                    found.append(np)
            break
        if not found:
            return None
        # Prefer the proper name of an appositive pair; the farthest one heads the chain.
        # A named person beats the organisation a spokesperson or lawyer speaks for
        # ("Baeza's lawyer, Renata Villalobos, said": the lawyer is the speaker).
        proper = [np for np in found if np.shape in {"proper", "spokes"} or np.shape == "vague"]
        named = [np for np in found if np.shape == "proper"]
        chosen = (named or proper)[-1] if proper else found[-1]
        chosen_start = min(np.start for np in found)
        if len(found) >= 3 and found[0].shape == "proper" and found[1].shape == "common" and found[1].det == "the":
            # "..., Ann Bell, the returning officer, Tom Ruiz, announced": the name after the role is
            # the speaker; the one before belongs to the clause before
            chosen, chosen_start = found[0], found[1].start
        hint = next((lex.SPEAKER_HEADS.get(np.head, "") for np in found if np.shape == "common"), "")
        role = described[-1] if described and chosen.shape == "proper" else ""
        return _NP(
            chosen_start,
            chosen.end,
            chosen.shape,
            chosen.text,
            chosen.head,
            chosen.desc,
            chosen.det,
            chosen.mods,
            hint,
            role,
        )
    c_lo = _clause_start(text, lo, lo + len(left))
    conj = _LEADING_CONJ.match(text, c_lo, lo + len(left))
    if conj:  # "..., but engineers said": the clause opens after the conjunction
        c_lo = conj.end()
    np = _parse_end(text, c_lo, lo + len(left), full=False)
    if np is not None and np.shape != "pronoun" and np.start > c_lo:
        person = _person_from_body(text, c_lo, lo + len(left))
        if person is not None:
            return person  # "Ann Bell from the Harbour Trust told": she speaks, the trust is her affiliation
    if np is not None and np.start > c_lo and _a_persons(np):
        group = _GROUP_OF.fullmatch(text, c_lo, np.start)
        if group is not None and group.group("head").casefold() not in _BODY_WORDS:
            # "Supporters of the mayor say", "Friends of Ann Bell said": the group speaks, not the person
            phrase = text[group.start("np") : np.end]
            return _NP(group.start("np"), np.end, "vague", phrase, group.group("head").casefold())
    return np


# A person named in full with the body they come from: "Kirsten Vale from the Harbour Trust".
_PERSON_FROM_BODY = re.compile(
    r"\s*(?P<name>[A-Z][a-z]+(?:\s+[A-Z][\w'\u2019-]+){1,2})\s+(?:from|of|at)\s+(?:the\s+)?[A-Z][^,;:()\u201c\u201d\"]{1,60}?\s*"
)


def _person_from_body(text: str, lo: int, hi: int) -> _NP | None:
    """The person of "Ann Bell from the Harbour Trust" spanning ``text[lo:hi]``, when the first word is
    a given name of a known sex (never "Friends of the Earth"); None otherwise."""
    m = _PERSON_FROM_BODY.fullmatch(text, lo, hi)
    if m is None or not _given_name_sex(m.group("name").split()):
        return None
    return _NP(m.start("name"), m.end("name"), "proper", m.group("name"), desc=text[m.end("name") : hi].strip())


# A plural head and "of" opening the clause before a person's name: "Supporters of", "Some critics of".
_GROUP_OF = re.compile(
    r"\s*(?P<np>(?:(?:some|many|most|several|other|longtime|former)\s+)?(?P<head>[A-Za-z][a-z]+(?<!ss)s)\s+of\s+)"
)


def _a_persons(np: _NP) -> bool:
    """Whether ``np`` reads as one person: a name of no body's kind, or a person's role word."""
    if np.shape == "proper":
        name, titled = _clean_proper(np.text)
        return bool(name) and _proper_kind(name, titled=titled, desc=np.desc) in {None, "person"}
    return np.shape == "common" and lex.SPEAKER_HEADS.get(np.head) == "person"


# ---------------------------------------------------------------------------------------
# The detector
# ---------------------------------------------------------------------------------------
class AttributionDetector:
    """Finds "who said it" cues and resolves the speaker to a canonical name and kind."""

    name = DETECTOR_NAME
    version = DETECTOR_VERSION
    # Its cue verbs, name grammar and role words are English.
    languages: frozenset[str] | None = ENGLISH_ONLY

    def detect(self, document: Document, context: AnalysisContext, earlier: Sequence[Finding]) -> list[Finding]:
        text = document.text
        known: dict[str, KnownSource] = {}
        for source in context.sources:
            for alias in (source.name, *source.aliases):
                if alias.strip():
                    known.setdefault(alias.strip().casefold(), source)
        state = _DocState(text=text, known=known, spelling=_name_spellings(earlier))
        _prescan(state, document.sentences)
        # Each cue read (and the speaker resolved for it) is the detector's unit of work. Real news
        # needs at most about 8 per 1,000 characters (300 BBC and dev articles); a text made of cues
        # ("Aaa said Aab said ...", one every 9 characters) is not prose, and past this allowance
        # the rest of it is not read for attributions.
        cues = budget.allowance("the attribution check", text_length=len(text), floor=40, per_1000_chars=25)

        findings: list[Finding] = []
        for sentence in document.sentences:
            check()
            if cues.exhausted:
                break
            candidates = _sentence_candidates(text, sentence, cues)
            accepted: list[tuple[_Candidate, SourceRef]] = []
            # The accepted spans, sorted and disjoint, and their speakers: a candidate's overlap and
            # name tests are a bisection and a set look-up, not a scan (a sentence can hold thousands).
            starts: list[int] = []
            ends: list[int] = []
            names: dict[str, list[int]] = {}  # speaker -> starts of the cues crediting them, sorted
            stops: tuple[list[int], list[int]] | None = None  # the sentence's full stops, found when first needed
            has_empty = False
            nested_at: set[int] = set()
            for cand in sorted(candidates, key=lambda c: (c.quoted, -c.confidence, c.start)):
                nested = False
                if _overlaps_any(cand, starts, ends, accepted, has_empty):
                    # "Ann Bell, who insists she is innocent, said": the relative clause's cue lies
                    # inside the main one and is an attribution of its own (kept out of the sorted
                    # spans, which stay disjoint).
                    if not (cand.rule.startswith("relative-cue") and cand.start not in nested_at):
                        continue
                    j = bisect_left(starts, cand.start + 1) - 1
                    if j < 0 or not (starts[j] < cand.start and cand.end < ends[j]):
                        continue
                    nested = True
                ref = _resolve(state, cand.np, sentence)
                if ref is None:
                    continue
                ref = _respelled(state, ref)
                if cand.rule == "speaker-colon" and (ref.kind != "person" or len(ref.name.split()) < 2):
                    continue  # "Note: ...", "Poll: ...": only a person the article names in full speaks so
                role = _speaker_role(cand.np, ref)
                if role:
                    ref = replace(ref, role=role)
                if (
                    ref.name.casefold() in names
                    and not cand.rule.startswith(("coordinated-cue", "relative-cue"))
                    and not _apart(
                        stops or (stops := _full_stops(text, sentence)), names[ref.name.casefold()], cand.start
                    )
                    and (
                        cand.np.shape != "pronoun"
                        or _EMBEDDED_AFTER_CUE.search(text, max(0, cand.np.start - 30), cand.np.start)
                    )
                ):
                    continue
                accepted.append((cand, ref))
                state.spokesperson = _spokesperson_of(text, cand.np, ref, sentence)
                insort(names.setdefault(ref.name.casefold(), []), cand.start)
                if nested:
                    nested_at.add(cand.start)
                else:
                    has_empty = has_empty or cand.start >= cand.end
                    at = bisect_left(starts, cand.start)
                    starts.insert(at, cand.start)
                    ends.insert(at, cand.end)
                if ref.kind == "person":
                    state.persons.append(_Entity(cand.np.start, ref.name, ref.kind, sentence.index))
                    state.speakers.append(_Entity(cand.np.start, ref.name, ref.kind, sentence.index))
                    _register_surname(state, ref.name)
                    if cand.np.shape == "pronoun":
                        state.gender.setdefault(ref.name, "f" if cand.np.text == "she" else "m")
                elif ref.kind != "vague" and ref.name.casefold() not in lex.GENERIC_ORG_ANAPHORS:
                    # (a bare head, "firm", that named nobody is no body for a later "the firm" to mean)
                    state.entities.append(_Entity(cand.np.start, ref.name, ref.kind, sentence.index))
                if ref.kind != "person" and cand.np.shape != "pronoun":
                    state.groups.append(_Entity(cand.np.start, ref.name, ref.kind, sentence.index))
                if cand.np.work:  # "It claims ..." after "Salt Roads, by Kemal Aydin, says": the book
                    state.entities.append(_Entity(cand.np.start, cand.np.work, "document", sentence.index))
            # Each candidate is let go as its finding is made: a sentence of thousands of cues
            # would otherwise hold every candidate and every finding at once.
            del candidates
            ordered = sorted(accepted, key=lambda pair: pair[0].start)
            ordered.reverse()
            accepted.clear()
            while ordered:  # in text order (the sorted list, reversed, popped from its end)
                cand, ref = ordered.pop()
                findings.append(_to_finding(text, cand, ref))
        _name_lead_speakers(findings, document.sentences)
        return findings


# A news lead credits someone unnamed ("..., a clergyman has said.", "A senior Tory MP has
# criticised ...") and names them in the paragraphs after it. Heads that stay anonymous by design
# ("a source said", "an official said") are never named so.
_LEAD_SCAN = 16  # and how many findings after the lead's: a text made of cues stays linear
_INDEFINITE_SPEAKER = re.compile(r"(?:an?|one)\s", re.I)
_ANONYMOUS_HEADS = frozenset(
    """source sources insider insiders official officials aide aides witness witnesses resident
    residents person man woman boy girl people member members spokesman spokeswoman spokesperson
    representative""".split()
)


def _name_lead_speakers(findings: list[Finding], sentences: Sequence[Sentence]) -> None:
    """A lead's indefinite speaker ("a clergyman") becomes the first person credited by name in the
    few sentences after it, when no other cue credits anyone in between. One pass over the findings."""
    if not sentences:
        return
    lead_end = sentences[min(_LEAD_SENTENCES, len(sentences)) - 1].index
    for i, f in enumerate(findings):
        index = int(f.meta.get("sentence_index", "-1"))
        if index > lead_end:
            break
        if f.source is None or f.source.named or f.rule.startswith("relative-cue"):
            continue
        speaker = f.meta.get("speaker_text", "")
        words = speaker.casefold().split()
        if (
            f.source.kind not in {"person", "vague"}
            or not _INDEFINITE_SPEAKER.match(speaker)
            or not words
            or words[-1] in _ANONYMOUS_HEADS
            or not (words[-1] in _ROLE_WORDS or lex.SPEAKER_HEADS.get(words[-1]) == "person")
        ):
            continue  # only someone described by a job ("a survey", "an official" stay as they are)
        for later in islice(findings, i + 1, i + 1 + _LEAD_SCAN):
            later_index = int(later.meta.get("sentence_index", "-1"))
            if later_index <= index:
                continue
            if later_index > index + _LEAD_REACH or later.source is None:
                break
            if later.source.kind not in {"person", "vague"} and later.source.named:
                continue  # a body's statement in between ("The audit office said ... But Mr X said")
            if later.source.kind == "person" and later.source.named and len(later.source.name.split()) >= 2:
                ref = replace(later.source, role=f.source.role or speaker)
                findings[i] = replace(
                    f,
                    source=ref,
                    explanation=f'Statement attributed to {ref.name} ({ref.role}) by "{f.quote}"',
                )
            break


# A verb (or preposition) right before a noun-like cue's subject makes the noun its object.
_OBJECT_OF_VERB = re.compile(
    rf"\b(?:{_alt(_VERB_FORMS)}|dismissed|rejected|disputed|of|about|over|against|to|with|by)\s+(?:the\s+)?$", re.I
)
# What before "they" shows the clause is embedded: a relative word, a conjunction of content, a cue.
_THEY_EMBEDDED = re.compile(
    rf"\b(?:who|whom|what|which|that|whether|if|{_alt(sorted(lex.CUE_PARTICIPLES))}|{_alt(_VERB_FORMS)})\s+$", re.I
)
# "X said he thought ...": a pronoun cue right after the speaker's own cue is the content of it.
_EMBEDDED_AFTER_CUE = re.compile(rf"\b(?:{_alt(_VERB_FORMS)})(?:\s+that)?\s+$", re.I)
_FULL_STOP_INSIDE = re.compile(
    r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bGen)(?<!\bJr)(?<!\bSr)"
    r"(?<![A-Z])[.?!][\u201d\"'\u2019]*\s+[\u201c\"'\u2018]*[A-Z]"
)


def _full_stops(text: str, sentence: Sentence) -> tuple[list[int], list[int]]:
    """The starts and ends of the full stops (``_FULL_STOP_INSIDE``) inside ``sentence``, in order."""
    spans = [m.span() for m in _FULL_STOP_INSIDE.finditer(text, sentence.start, sentence.end)]
    return [a for a, _ in spans], [b for _, b in spans]


def _apart(stops: tuple[list[int], list[int]], starts: list[int], start: int) -> bool:
    """Whether a full stop lies between ``start`` and every cue at ``starts`` (sorted): two sentences
    the segmenter left joined ("''...,'' he said. ''...,'' he said."), each with its own cue.

    ``stops`` is the sentence's ``_full_stops``, found once: a search per cue pair read ever longer
    stretches, quadratic on a sentence of thousands of cues. Only the nearest cue on each side can
    fail where a farther one holds (a stop between the nearest and ``start`` lies between every
    farther one and ``start`` too)."""
    i = bisect_left(starts, start)
    if i < len(starts) and starts[i] == start:
        return False
    stop_starts, stop_ends = stops
    for at in ([starts[i - 1]] if i else []) + ([starts[i]] if i < len(starts) else []):
        lo, hi = min(at, start), max(at, start)
        k = bisect_left(stop_starts, lo)  # the first stop from ``lo`` on; it must end by ``hi``
        if k == len(stop_starts) or stop_ends[k] > hi:
            return False
    return True


def _overlaps_any(
    cand: _Candidate, starts: list[int], ends: list[int], accepted: list[tuple[_Candidate, SourceRef]], has_empty: bool
) -> bool:
    """Whether ``cand`` overlaps an accepted span (``starts``/``ends``: those spans sorted, pairwise disjoint).

    The spans starting before ``cand`` ends are a prefix of the sorted list, and their ends
    are sorted too, so only the last of them can reach past ``cand.start``. Empty spans can
    break that order: with one among them (never seen in practice) the plain scan decides.
    """
    if has_empty or cand.start >= cand.end:
        return any(cand.start < a.end and a.start < cand.end for a, _ in accepted)
    j = bisect_left(starts, cand.end)
    return j > 0 and ends[j - 1] > cand.start


_ROLE_FILLER = frozenset("a an the his her its their mr mrs ms miss mx".split())
_ROLE_WORDS = (lex.JOB_WORDS | lex.PERSON_ROLES | lex.TITLES) - lex.COURTESY_TITLES


def _speaker_role(np: _NP, ref: SourceRef) -> str:
    """The job words and titles the text put before a person's name ("broadcaster", "Clinic
    director"), which the canonical name leaves out; "" when none."""
    if ref.kind != "person" or np.shape not in {"proper", "spokes"}:
        return ""
    at = np.text.find(ref.name)
    words = (np.desc + " " + (np.text[:at] if at > 0 else "")).split()
    words = [w.strip(",") for w in words if _norm(w) not in _ROLE_FILLER]
    if not any(_norm(w) in _ROLE_WORDS for w in words):
        words = []  # "which Mr Bez", "And ILO-based": no job word, no role
    # "Mira Olsen, chief economist at Harbour Bank, said": the appositive is the role.
    appositive = np.role.split()
    if appositive and _norm(appositive[0]) in _ROLE_FILLER:
        appositive = appositive[1:]
    if appositive and any(_norm(w) in _ROLE_WORDS for w in appositive):
        words = words or appositive
    return " ".join(w for w in words if w)


def _to_finding(text: str, cand: _Candidate, ref: SourceRef) -> Finding:
    confidence = cand.confidence
    if cand.np.shape in {"pronoun", "descriptor"}:
        confidence -= 0.1
    confidence = max(0.05, min(0.99, confidence))
    meta = {"sentence_index": str(cand.sentence.index), "speaker_text": text[cand.np.start : cand.np.end]}
    if cand.statement is not None and cand.statement[1] > cand.statement[0]:
        meta["statement_start"] = str(cand.statement[0])
        meta["statement_end"] = str(cand.statement[1])
    return Finding(
        kind="source_attribution",
        start=cand.start,
        end=cand.end,
        quote=text[cand.start : cand.end],
        detector=_DETECTOR,
        rule=cand.rule,
        confidence=round(confidence, 3),
        # The role stripped from the name ("broadcaster") stays on the annotation, in its explanation.
        explanation=f"Statement attributed to {ref.name}{f' ({ref.role})' if ref.role else ''} by "
        f'"{text[cand.start : cand.end]}"',
        source=ref,
        meta=meta,
    )


# ---------------------------------------------------------------------------------------
# Document pre-scan: people and organisations named anywhere, for back-references
# ---------------------------------------------------------------------------------------
def _register_surname(state: _DocState, name: str) -> None:
    tokens = name.split()
    if len(tokens) >= 2:
        state.surnames.setdefault(_POSSESSIVE_TAIL.sub("", tokens[-1]).casefold(), set()).add(name)


# "Getty Images" / "Reuters" glued to the next word by a lost line break: "ReutersThe", "ImagesMédecins".
_GLUED_CAPTION = re.compile(rf"^(?:[\w'\u2019&./-]+\s+)*?(?:{_alt(sorted(lex.CAPTION_WORDS))})(?=[{_CAP}])", re.I)
_GLUE_HINT = re.compile(rf"[a-z\u00df-\u00ff][{_CAP}]")
# "A local campaign group, River Watch Bystra," / "The caretaker Taoiseach, Declan Moriarty,".
_APPOSITIVE_BEFORE = re.compile(
    r"(?:^|(?<=[\s\u201c\"(]))(?:the|a|an|its|his|her|their)\s+(?:[\w'\u2019-]+\s+){0,4}?(?P<head>[\w-]+),\s*$", re.I
)
# "Sakura Precision, a Japanese maker of ...": an organisation described right after its name.
_APPOSITIVE_AFTER = re.compile(
    r",\s*(?:an?|the|its)\s+(?:[\w'\u2019-]+\s+){0,3}?(?P<head>[a-z][\w-]*)\b(?=\s+(?:of|for|in|that|which|based|,)|,)"
)
_HAS_LETTER = re.compile(r"[^\W\d_]")
# A name opening its sentence that the sentence then calls "its" ("Acme Mills has cut prices, saying
# its costs fell"), with no person's pronoun first: a body's name, whatever its words.
_ITS_AFTER_SUBJECT = re.compile(r"[^;\u201c\"]*?\b(?:(?P<its>its)|he|she|his|her|him)\b", re.I)
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|to|near|across|into|outside|of|via)\s+(?:the\s+)?$")
_MALE = frozenset("mr sir lord king prince father brother he".split())
_FEMALE = frozenset("mrs ms miss dame lady queen princess mother sister madam".split())


def _gender_of(run: str, desc: str) -> str:
    """ "m"/"f" from a courtesy title or a gendered role word before the name, else ""."""
    words = [_norm(w) for w in (desc.split() + run.split()[:2])]
    for w in words:
        if w in _MALE or (w.endswith("man") and w[:-3] in _GENDERED_ROLE_STEMS):
            return "m"
        if w in _FEMALE or (w.endswith("woman") and w[:-5] in _GENDERED_ROLE_STEMS):
            return "f"
    return ""


def _given_name_sex(tokens: Sequence[str]) -> str:
    """ "m"/"f" from the given name of a person named in full ("Sandra Paradis" f, "Terry McAuliffe"
    m), by the Census lists; "" for a one-word name, an initial, or a name given to both sexes."""
    if len(tokens) < 2 or len(tokens[0]) < 2 or not tokens[0].isalpha():
        return ""
    return english.given_name_sex(tokens[0].casefold())


_GENDERED_ROLE_STEMS = frozenset("spokes chair congress business sales police council fisher country ombuds".split())


_ROLE_STOP = frozenset("the a an of for and in at on to from with by its his her their our then now".split())
_ROLE_QUALIFIERS = frozenset("deputy vice former shadow assistant acting junior ex associate interim under".split())
_APPOSITIVE_ROLE_AFTER = re.compile(
    r",\s*(?P<role>(?:the|an?|its|his|her|their)\s+[^,.;:()\u201c\u201d\"]{1,80}?)\s*(?:,|\.(?:\s|$))"
)
_ROLE_WORD = re.compile(r"[\w-]+")


_EX_PREFIX = re.compile(r"\bex-", re.I)  # "ex-Labour chancellor": a former one


def _role_word_set(phrase: str) -> frozenset[str]:
    """The role words of ``phrase``, an abbreviated title standing for its words ("Sen." -> senator)."""
    phrase = _EX_PREFIX.sub("ex ", _POSSESSIVE_TAIL.sub("", phrase))
    words: set[str] = set()
    for word in (_norm(x) for x in _ROLE_WORD.findall(phrase)):
        if word not in _ROLE_STOP:
            words |= lex.TITLE_ABBREVIATIONS.get(word, {word})
    return frozenset(words)


_NOUN_MARKERS = frozenset("of the a an".split())


def _has_cue_verb(words: Sequence[str]) -> bool:
    """A cue verb among ``words`` read as a verb: "state" in "the secretary of state" is a noun."""
    return any(
        w.casefold() in _VERB_SET and (i == 0 or words[i - 1].casefold() not in _NOUN_MARKERS)
        for i, w in enumerate(words)
    )


def _role_words_around(
    text: str, sentence: Sentence, start: int, end: int, run: str, name: str, desc: str
) -> frozenset[str]:
    """The role words the text gives a named person: before the name ("Tory leader", "Home
    Secretary"), in the run ahead of it, or in an appositive on either side ("the Bishop of X,
    the Rev Ann Bell", "Ann Bell, the club's chairwoman,"). Empty unless one of them is a job
    word or title: a role, not any description."""
    # The words just before the name that name a role or qualify one ("Tory leader Ann Bell"),
    # back to any other lower-case word ("A spokesman said Ann Bell": no role of hers).
    near_words: list[str] = []
    for word in reversed(re.findall(r"[\w'\u2019-]+|[^\w\s]", text[max(sentence.start, start - 50) : start])[-3:]):
        if not (word[:1].isupper() or _norm(word) in _ROLE_WORDS or _norm(word) in _DESC_EXTRA):
            break
        near_words.insert(0, word)
    parts = [desc, " ".join(near_words)]
    at = run.find(name)
    if at > 0:
        parts.append(run[:at])
    lead = text[max(sentence.start, start - 100) : start]
    lead = re.sub(r"(?:\b(?:the|a|an)\s+)?(?:[A-Z][\w.]*\s+)*$", "", lead) if lead.endswith(" ") else lead
    if lead.rstrip().endswith(","):
        seg = lead.rstrip()[:-1]
        cut = max(seg.rfind(ch) for ch in ',;:.\u201c\u201d"(')
        seg = seg[cut + 1 :]
        if len(seg.split()) <= 8:
            parts.append(seg)
    after = _APPOSITIVE_ROLE_AFTER.match(text, end, sentence.end)
    if after is not None and len(after.group("role").split()) <= 8 and not _has_cue_verb(after.group("role").split()):
        parts.append(after.group("role"))
    words = _role_word_set(" ".join(parts))
    return words if words & _ROLE_WORDS else frozenset()


_ACRONYM = re.compile(r"[A-Z]{2,6}")
_INITIAL_SKIP = frozenset("of for and the on in de la du des".split())
_NON_BLANK = re.compile(r"\S+")


def _acronym_index(state: _DocState) -> dict[str, list[tuple[str, int]]]:
    """Every run of two to six capitalised words in the article ("Football Association"), by its
    initials, with where it ends: built once, on the first acronym read, in one pass (linear)."""
    if state.acronym_index is None:
        index: dict[str, list[tuple[str, int]]] = {}
        for m in _PROPER_ANYWHERE.finditer(state.text):
            check()
            run_text = m.group(0)
            if len(run_text.split(maxsplit=1)) < 2:
                continue  # one word (most runs): no initials to index
            words = [
                (w.start(), w.end())
                for w in _NON_BLANK.finditer(run_text)
                if w.group(0).casefold() not in _INITIAL_SKIP
            ]
            # A run of two to six words, each a capital before a lower-case letter ("Football
            # Association", not "FA Cup"): from each word, grown a word at a time until one is not.
            cased = [run_text[b + 1 : b + 2].islower() for b, _ in words]
            for i, (first, _) in enumerate(words):
                initials = run_text[first]
                for j in range(i + 1, min(i + 6, len(words))):
                    if not (cased[i] and cased[j]):
                        break
                    initials += run_text[words[j][0]]
                    run = run_text[first : words[j][1]].rstrip(".")
                    index.setdefault(initials, []).append((run, m.start() + first + len(run)))
        state.acronym_index = index
    return state.acronym_index


def _expand_acronym(state: _DocState, acronym: str) -> SourceRef | None:
    """The one body the article names in full whose initials spell ``acronym`` ("Football
    Association" for "FA", "International Labour Organisation" for "ILO"); ``None`` if none or several.
    Read once per acronym and article."""
    if acronym in state.acronyms:
        return state.acronyms[acronym]
    found: dict[str, SourceRef] = {}
    for run, end in _acronym_index(state).get(acronym, ())[:_SPEAKER_SCAN]:
        kind = _proper_kind(run, titled=False, desc="")
        if kind is None and (len(acronym) >= 3 or state.text.startswith(f" ({acronym})", end)):
            # Three initials matched in order, or "Avions de Transport Regional (ATR)": its name.
            kind = "organization"
        if kind is not None and kind != "person":  # "Under Secretary" is no "US"
            found.setdefault(run, SourceRef(name=run, kind=kind))
    state.acronyms[acronym] = next(iter(found.values())) if len(found) == 1 else None
    return state.acronyms[acronym]


def _resolve_role(state: _DocState, phrase: str, pos: int) -> SourceRef | None:
    """ "the home secretary", "the Bishop": the last person before ``pos`` whom the article gave
    every one of those role words, else the only one it names so later; ``None`` otherwise.

    Only the mentions holding the rarest of those words can fit (``_role_index``); of them, the
    ones before ``pos`` are read first, nearest first, and the later ones only when none fits.
    Reading every mention on each call was quadratic on a text of thousands of "Home Secretary
    Ann X ... the home secretary said"."""
    wanted = _role_word_set(phrase)
    if not wanted or not wanted & _ROLE_WORDS:
        return None
    roles = state.roles
    index = _role_index(state)
    holding = min((index.get(word, []) for word in wanted), key=len)  # in text order
    split = bisect_left(holding, pos, key=lambda i: roles[i].pos)  # holding[:split] lie before ``pos``
    for k in range(split - 1, -1, -1):
        key = _role_holder(state, roles[holding[k]], wanted)
        if key is not None:
            return _lookup_known(state, key) or SourceRef(name=key, kind="person")
    later = {
        key for k in range(split, len(holding)) if (key := _role_holder(state, roles[holding[k]], wanted)) is not None
    }
    if len(later) == 1:  # a lead that gives the role before the name ("The home secretary said ...")
        key = later.pop()
        return _lookup_known(state, key) or SourceRef(name=key, kind="person")
    return None


def _role_index(state: _DocState) -> dict[str, list[int]]:
    """Each role word to the mentions (indices into ``state.roles``, in text order) the article gave
    it: read once per article, on the first "the <role> said"."""
    if state.role_index is None:
        index: dict[str, list[int]] = {}
        for i, mention in enumerate(state.roles):
            check()
            for word in _mention_role_words(state, mention):
                index.setdefault(word, []).append(i)
        state.role_index = index
    return state.role_index


def _mention_role_words(state: _DocState, mention: _RoleMention) -> frozenset[str]:
    if mention.words is None:
        mention.words = _role_words_around(
            state.text, mention.sentence, mention.pos, mention.end, mention.run, mention.name, mention.desc
        )
    return mention.words


def _role_holder(state: _DocState, mention: _RoleMention, wanted: frozenset[str]) -> str | None:
    """The person of ``mention`` when the article gave them every role word in ``wanted``, else None."""
    words = _mention_role_words(state, mention)
    # "the prime minister" is not the deputy prime minister, nor "the minister" a former one.
    if wanted <= words and not (words & _ROLE_QUALIFIERS) - wanted:
        return _person_key(state, mention.name)
    return None


def _owner_of(owned: re.Match[str]) -> SourceRef | None:
    """The body an owned document belongs to: who filed or published it ("by the Council"), or the
    journal or outlet it was published in (a place it was filed in, a court, is no owner)."""
    org = _SENTENCE_END.split(owned.group("org"), maxsplit=1)[0]
    name, titled = _clean_proper(org)
    if not name or _norm(name.split()[0]) in lex.NON_NAME_CAPS:
        return None
    noun_after = _WORD_AFTER.match(owned.string, owned.start("org") + len(org))
    if noun_after is not None and english.pos_tag(noun_after.group(1)).startswith("NN"):
        return None  # "released by the Sanders campaign": the name only modifies its owner
    kind = _proper_kind(name, titled=titled, desc="")
    if owned.group("prep") == "in":
        head = _norm(name.split(" of ")[0].split()[-1])  # "Journal of Southern Herpetology": a journal
        return SourceRef(name=name, kind="outlet") if kind == "outlet" or head in lex.OUTLET_WORDS else None
    return SourceRef(name=name, kind=kind or "organization")


_SENTENCE_END = re.compile(r"[.!?]\s")
_WORD_AFTER = re.compile(r"\s+([a-z]+)\b")
_THE_OWNER = re.compile(r"the\s+([a-z]+)['\u2019]s?\s")


def _owned_document_source(state: _DocState, np: _NP, sentence: Sentence) -> SourceRef | None:
    """Who speaks through a document: its owner named with it ("a complaint filed by the Office"),
    the owner of the same document named before ("The complaint alleges" after that), or a body
    owning it by a possessive ("the gallery's records": the gallery the article named)."""
    owned = next(_owned_documents(state.text, np.start, np.end), None)
    if owned is not None:
        return _owner_of(owned[2])
    low = np.text.casefold().split()
    if len(low) == 2 and low[0] in {"the", "this", "that"} and low[1] in state.doc_owners:
        owners = state.doc_owners[low[1]]  # in text order
        at = bisect_left(owners, np.start, key=lambda owned: owned[0])
        if at:
            return owners[at - 1][1]
    possessive = _THE_OWNER.match(np.text)
    if possessive is not None:
        head = possessive.group(1)
        return _named_by_head(state, head, np.start) or (
            _resolve_anaphor(state, head, np.start, sentence) if head in lex.ANAPHORIC_HEADS else None
        )
    return None


def _called_its(text: str, name: str, end: int, hi: int) -> bool:
    """Whether the sentence opened by ``name`` (ending at ``end``) calls it "its" before any person's
    pronoun; never for a name with a given name first ("Tom Hale sold the firm and its land")."""
    words = name.split()
    if english.is_given_name(words[0].casefold()) or (len(words) == 1 and english.pos_tag(name.casefold())):
        return False  # (a common word opening its sentence, "Revenue rose ... on its platform", is no name)
    pronoun = _ITS_AFTER_SUBJECT.match(text, end, hi)
    if pronoun is None or pronoun.group("its") is None:
        return False
    # "X said it was the firm's right to guard its interests": an "its" in what X said is not X
    return not any(w.casefold() in _PLAIN_SPEECH for w in _WORD.findall(pronoun.group(0)))


def _prescan(state: _DocState, sentences: Sequence[Sentence]) -> None:
    text = state.text
    state.sentence_starts = [sentence.start for sentence in sentences]
    inner_names: set[str] = set()  # names seen inside a sentence, not opening it
    common_openers: list[int] = []  # sentences whose subject is one common word ("Revenue", "Contrary")
    for sentence in sentences:
        check()
        lead = _DATELINE.match(sentence.text)
        lead_at = sentence.start + (lead.end() if lead else 0)
        for m in _PROPER_ANYWHERE.finditer(text, sentence.start, sentence.end):
            check()
            m_start = m.start()
            run = m.group(0)
            glued = _GLUED_CAPTION.match(run) if _GLUE_HINT.search(run) else None
            if glued:  # "Getty ImagesMédecins Sans Frontières": a caption credit glued to prose
                m_start += glued.end()
                run = run[glued.end() :]
            name, titled = _clean_proper(run)
            if not name or _norm(name.split()[0]) in lex.NON_NAME_CAPS or not _HAS_LETTER.search(name):
                continue
            if text[m_start - 1 : m_start] in "#@" and m_start > 0:
                continue  # hashtags and handles are not names
            d_start, desc = _words_before(text, m_start, 3)
            kind = _proper_kind(name, titled=titled, desc=desc, courtesy=_courtesy(run))
            tokens = name.split()
            appos = None
            if kind is None and text[m_start - 2 : m_start] == ", ":
                appos = _APPOSITIVE_BEFORE.search(text, max(sentence.start, m_start - 80), m_start)
            after = (
                _APPOSITIVE_AFTER.match(text, m.end()) if kind is None and text[m.end() : m.end() + 1] == "," else None
            )
            if after is not None:
                head = after.group("head").casefold()
                if head in lex.ORGANIZATION_DESCRIPTORS or lex.SPEAKER_HEADS.get(head) in {
                    "organization",
                    "government_body",
                    "outlet",
                }:
                    kind = _KIND_BY_LABEL.get(lex.SPEAKER_HEADS.get(head, ""), "organization")
            if appos is not None:
                head = appos.group("head").casefold()
                if head in lex.ORGANIZATION_DESCRIPTORS or lex.SPEAKER_HEADS.get(head) in {
                    "organization",
                    "government_body",
                    "outlet",
                }:
                    kind = _KIND_BY_LABEL.get(lex.SPEAKER_HEADS.get(head, ""), "organization")
                elif (head in lex.PERSON_ROLES or head in lex.TITLES or appos.group(0)[:1].isupper()) and 2 <= len(
                    tokens
                ) <= 4:
                    kind = "person"  # "The caretaker Taoiseach, Declan Moriarty,"
            if kind is None and m.start() == lead_at and _called_its(text, name, m.end(), sentence.end):
                kind = "organization"
                state.bodies.add(name)
            strict_person = kind == "person"
            stated = _gender_of(run, desc)
            gender = stated or (_given_name_sex(tokens) if strict_person or kind is None else "")
            if gender and (strict_person or kind is None) and name not in state.gender:
                state.gender[name] = gender
                if not stated:
                    state.guessed_gender.add(name)
            if strict_person or (kind is None and 2 <= len(tokens) <= 3):
                state.roles.append(_RoleMention(m_start, m.end(), name, run, desc, sentence))
            if strict_person:
                state.persons.append(_Entity(m_start, name, "person", sentence.index))
                _register_surname(state, name)
            elif (
                kind is None
                and 2 <= len(tokens) <= 3
                and all(t[:1].isupper() for t in tokens)
                and not _CALENDAR_WORD.match(tokens[0])
            ):
                _register_surname(state, name)  # loose: only used to expand a lone surname
                if not _PLACE_BEFORE.search(text, max(sentence.start, m_start - 12), m_start):
                    state.mentions.append(_Entity(m_start, name, "person", sentence.index))
            elif kind is None and len(tokens) == 1:
                state.mentions.append(_Entity(m_start, name, "person", sentence.index))
            elif kind is not None:
                state.entities.append(_Entity(m_start, name, kind, sentence.index))
            if (
                not strict_person
                and len(tokens) >= 2
                and kind in {None, "organization", "government_body", "outlet"}
                and tokens[-1][:1].isupper()
            ):
                head = _norm(tokens[-1])
                if head not in _ROLE_WORDS:  # "Home Secretary": a title, no body (see ``_named_by_head``)
                    state.name_heads.setdefault(head, []).append(
                        _Entity(m_start, name, kind or _head_kind(head), sentence.index)
                    )
            if m.start() != lead_at:
                inner_names.add(name)
            elif sentence.index not in state.subjects and not strict_person:
                state.subjects[sentence.index] = _Entity(m.start(), name, kind or "organization", sentence.index)
                if kind is None and len(tokens) == 1 and english.pos_tag(name.casefold()):
                    common_openers.append(sentence.index)
    owned = _owned_documents(text, 0, len(text)) if any(word in text for word in _OWNING_WORDS) else ()
    for noun, at, owning in owned:
        check()
        ref = _owner_of(owning)
        if ref is not None:
            state.doc_owners.setdefault(noun, []).append((at, ref))
    for index in common_openers:
        # "Revenue slipped 3%, the company said": a common word capitalised only because it opens
        # its sentence is no subject for "the company" to mean, unless the text names it elsewhere.
        if state.subjects[index].name not in inner_names:
            del state.subjects[index]
    state.persons.sort(key=lambda e: e.pos)
    state.entities.sort(key=lambda e: e.pos)
    state.mentions.sort(key=lambda e: e.pos)
    state.roles.sort(key=lambda r: r.pos)
    state.sorted_entities = len(state.entities)


# ---------------------------------------------------------------------------------------
# Candidate cues in one sentence
# ---------------------------------------------------------------------------------------
# Words the per-word pass acts on; any other word is skipped before its context is read.
_CUE_WORDS = _VERB_SET | frozenset(lex.DOCUMENT_NOUNS) | lex.EVIDENCE_NOUNS | frozenset(lex.SPEECH_NOUNS)


# Each word the sentence pass stops at: whether it is a cue word, and the phrase patterns it hinges.
_WORD_INDEX: dict[str, tuple[bool, tuple[re.Pattern[str], ...]]] = {
    w: (w in _CUE_WORDS, _HINGES.get(w, ())) for w in _CUE_WORDS | _HINGES.keys()
}
_SPEAKER_COLON = re.compile(rf"[\s\u201c\"(]*(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN})?):\s")
_QUOTE_SPAN = 600  # how far back a signed quotation's opening mark is looked for
_DASHES = ("\u2015", "\u2014", "\u2013")
_CLOSING_QUOTES = frozenset('\u201d"')
_QUOTE_DASH_NAME = re.compile(rf"[\u2015\u2014\u2013]\s*(?P<name>{_PROPER_RUN})")


def _title_word(text: str, lo: int, at: int, word: str) -> bool:
    """A capitalised document noun inside a sentence, before another capitalised word, that is no
    document's own name ("voted Record Of The Year"): a word of a title, not a document."""
    return (
        text[at : at + 1].isupper()
        and word not in lex.NAMED_DOCUMENT_WORDS
        and _LOWER_WORD.search(text, lo, at) is not None  # prose before it, not a headline's Title Case
        and not _SENTENCE_OPENS.search(text, lo, at)
        and _CAPITAL_AFTER.match(text, at + len(word)) is not None
    )


_CAPITAL_AFTER = re.compile(rf"\s+[{_CAP}]")
_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")


def _sentence_candidates(text: str, sentence: Sentence, cues: budget.Allowance) -> list[_Candidate]:
    """The sentence's candidate cues, each read spending one of ``cues`` (none once it is used up)."""
    lo, hi = sentence.start, sentence.end
    out: list[_Candidate] = []

    lower = sentence.text.casefold()
    for m in _ACCORDING.finditer(text, lo, hi) if "according" in lower else ():
        check()
        if not cues.take(m.start()):
            return out
        cand = _according(text, sentence, m)
        if cand is not None:
            out.append(cand)

    # '"...” ― Ann Bell': a quotation signed with a dash and the speaker's name.
    for m in _QUOTE_DASH_NAME.finditer(text, lo, hi) if any(d in sentence.text for d in _DASHES) else ():
        if text[max(0, m.start() - 3) : m.start()].rstrip()[-1:] not in _CLOSING_QUOTES:
            continue
        if not cues.take(m.start()):
            return out
        name, _ = _clean_proper(m.group("name"))
        if len(name.split()) < 2 or _org_or_gov(name.split()):
            continue  # a person's full name signs a quotation; one capitalised word may start the next
        signer = _NP(m.start("name"), m.start("name") + len(m.group("name")), "proper", m.group("name"))
        close = text.rfind(text[max(0, m.start() - 3) : m.start()].rstrip()[-1], max(0, m.start() - 3), m.start())
        opening = max(
            text.rfind("\u201c", max(0, close - _QUOTE_SPAN), close),
            text.rfind('"', max(0, close - _QUOTE_SPAN), close),
        )
        quote = (opening + 1, close) if 0 <= opening < close else None
        out.append(_Candidate(m.start(), signer.end, "quote-dash", signer, 0.85, sentence, quote))

    # A transcript's or headline's speaker: 'PENCE: Well, ...', 'Hale: We will win' (kept only when
    # the name is a person the article names in full; see ``detect``).
    colon = _SPEAKER_COLON.match(text, lo, hi) if ":" in sentence.text[:40] else None
    if colon is not None and cues.take(colon.start()):
        named = _NP(colon.start("name"), colon.end("name"), "proper", colon.group("name"))
        out.append(
            _Candidate(
                colon.start("name"), colon.end("name") + 1, "speaker-colon", named, 0.8, sentence, (colon.end(), hi)
            )
        )

    # One pass over the words: reporting verbs, "X's data show", "a tweet from X".
    # The words the phrase patterns below hinge on ("is warning", "was concerned that", "it is
    # reported"), noted in this one pass: each pattern then reads a few words around each, not
    # every position of the sentence.
    hinges: _Hinges = {}
    for m in _WORD.finditer(text, lo, hi):
        word = m.group(0).casefold()
        entry = _WORD_INDEX.get(word)  # one look-up for the many words that are neither
        if entry is None:
            continue
        is_cue, patterns = entry
        for pattern in patterns:
            hinges.setdefault(id(pattern), []).append(m.start())
        if not is_cue:
            continue
        check()
        w_start, w_end = m.start(), m.end()
        if not cues.take(w_start):
            return out
        if text[w_end : w_end + 1] in _WORD_GLUE or text[w_start - 1 : w_start] in _WORD_GLUE:
            continue
        if word in _VERB_SET:
            v_end = w_end
            if word in _PHRASAL_FIRST:
                rest = _PHRASAL_REST[word].match(text, w_end, hi)
                if rest is not None:
                    v_end = rest.end()
                elif word not in _SINGLE_FORMS:
                    continue
            cand = _cue_verb(text, sentence, w_start, v_end)
            if cand is not None:
                out.append(cand)
        from_cand: _Candidate | None = None
        if word in lex.SPEECH_NOUNS or word in lex.DOCUMENT_NOUNS:  # "a tweet from X", "figures from X"
            frm = _FROM_AFTER.match(text, w_end, hi) or (
                _PUBLISHED_BY_AFTER.match(text, w_end, hi) if word in lex.DOCUMENT_NOUNS else None
            )
            if frm:
                from_cand = _speech_from(text, sentence, w_start, frm.end(), word)
        if word in lex.EVIDENCE_NOUNS and not _title_word(text, lo, w_start, word):
            show = _DOC_VERB_AFTER.match(text, w_end, hi)
            cand = _doc_show(text, sentence, w_start, w_end, show.end()) if show else None
            if cand is not None:
                out.append(cand)
        if word in lex.DOCUMENT_NOUNS and not _title_word(text, lo, w_start, word):
            participle = _DOC_PARTICIPLE_AFTER.match(text, w_end, hi)
            show = _DOC_VERB_AFTER.match(text, w_end, hi) or participle
            if show is None and from_cand is None:  # "figures from the ONS showed" credit the ONS
                show = _DOC_POSTMOD_VERB.match(text, w_end, min(hi, w_end + 160))
            if show:
                cand = _doc_show(text, sentence, w_start, w_end, show.end(), participle=show is participle)
                if cand is not None:
                    out.append(cand)
        if from_cand is not None:
            out.append(from_cand)

    for m in _PASSIVE_BY.finditer(text, lo, hi) if " by " in lower else ():
        if not cues.take(m.start()):
            return out
        np = _parse_start(text, m.end(), _bounded(text, m.end(), hi))
        if np is None or np.shape == "pronoun":
            continue
        verb_start = m.start("verb")
        out.append(
            _Candidate(
                verb_start,
                np.end,
                f"passive-by:{m.group('verb').casefold()}",
                np,
                0.8,
                sentence,
            )
        )

    for m in _hinged(text, _BELIEF_ADJECTIVE, hinges, lo, hi):
        if not cues.take(m.start()):
            return out
        np = _speaker_before(text, lo, m.start())
        if np is None or (np.shape == "pronoun" and np.text not in {"he", "she"}) or np.shape == "document":
            continue
        if np.text.strip().casefold() in lex.NON_SOURCES:
            continue
        rule = f"belief-adjective:{m.group('adj').casefold()}"
        out.append(_Candidate(np.start, m.end("cue"), rule, np, 0.6, sentence, (m.end(), hi)))

    for m in _hinged(text, _PROGRESSIVE_CUE, hinges, lo, hi):
        if not cues.take(m.start()):
            return out
        form = m.group("p").casefold()
        if form == "calling" and not _CALLING_FOR.match(text, m.end(), hi):
            continue  # "customers are calling on the move": a phone call
        if form in _PROGRESSIVE_NEED_CONTENT and not _SPEECH_FOLLOW.match(text[m.end() : min(hi, m.end() + 40)]):
            continue  # "is writing an episode": no reported content
        np = _speaker_before(text, lo, m.start())
        if np is None or (np.shape == "pronoun" and np.text not in {"he", "she"}) or np.shape == "document":
            continue
        if np.text.strip().casefold() in lex.NON_SOURCES:
            continue
        rule = f"progressive:{form}"
        out.append(_Candidate(np.start, m.end("cue"), rule, np, 0.7, sentence, (m.end(), hi)))

    research_end = -1
    for at in hinges.get(id(_RESEARCH), ()):
        if at < research_end:
            continue
        found = _RESEARCH.search(text, max(lo, at - _RESEARCH_HINGE_BEFORE), min(hi, at + 200))
        if found is None or not (found.start("np") <= at < found.end("np")) or not cues.take(found.start()):
            continue
        m = found
        research_end = m.end()
        if m.group("team") and not (
            re.search(r"research|scientific|researchers|scientists|academics", m.group("np"), re.I)
            or m.group("org")
            or m.group("org2")
        ):
            continue  # "the team said": a sports side or a campaign, read by the other shapes
        org = m.group("org") or m.group("org2")
        if org and re.search(r"\bled\s+by\s", m.group(0)):  # "A team led by Ann Bell found": she speaks
            np = _NP(m.start("np"), m.end("np"), "proper", org)
        elif org:
            np = _NP(m.start("np"), m.end("np"), "research", m.group("np"), kind_hint=org)
        else:
            np = _NP(m.start("np"), m.end("np"), "research", m.group("np"))
        rule = f"research:{m.group('verb').casefold()}"
        out.append(_Candidate(m.start("np"), m.end("verb"), rule, np, 0.92, sentence, (m.end(), hi)))

    impersonal_at: set[int] = set()
    for pattern in (_IMPERSONAL_IT, _IMPERSONAL_RAISED):
        for m in _hinged(text, pattern, hinges, lo, hi):
            if m.end("cue") in impersonal_at or not cues.take(m.start()):
                continue
            impersonal_at.add(m.end("cue"))
            # One label for both forms: "are widely thought" -> "it is widely thought".
            words = m.group("cue").casefold().split()
            tense = "it was" if {"was", "were"} & set(words) else "it is"
            adverb = [w for w in words[:-1] if w in _IMPERSONAL_ADVERBS]
            phrase = " ".join([tense, *adverb, m.group("verb").casefold()])
            np = _NP(m.start("cue"), m.start("cue"), "impersonal", phrase)
            out.append(
                _Candidate(m.start("cue"), m.end("cue"), f"impersonal:{m.group('verb').casefold()}", np, 0.6, sentence)
            )

    for m in _TERMED.finditer(text, lo, hi) if "what " in lower else ():
        if not cues.take(m.start()):
            return out
        np = _parse_end(text, m.start("np"), m.end("np"), full=True)
        if np is None or np.shape == "pronoun":
            continue
        out.append(
            _Candidate(
                m.start(),
                m.end(),
                f"what-termed:{m.group('verb').casefold()}",
                np,
                0.75,
                sentence,
            )
        )

    # A coordinated cue ("... and warned") shares the subject of the nearest cue before it in the
    # sentence, where there is one: its speaker as read there, not a parse of the sentence's opening.
    for c in out:
        if c.rule.startswith("coordinated-cue"):
            before = [p for p in out if p.end <= c.start and not p.rule.startswith("coordinated-cue")]
            if before:
                c.np = max(before, key=lambda p: p.end).np
    out = [c for c in out if c.np.shape != "pending"]
    # A cue inside a quotation ('"... and he would say, 'fine,' ...," Ann Bell said') reports the
    # quoted speaker's story: the cue outside the quote goes first when both credit one speaker.
    for c in out:
        c.quoted = _inside_quotation(text, lo, c.start)
    covered = [(c.start, c.end) for c in out]
    for m in _PARTICIPLE.finditer(text, lo, hi) if "ing" in lower and ("," in lower or " by " in lower) else ():
        if any(s < m.start() for s, _ in covered):
            continue
        if m.group(0)[:1] != "," and (
            _PASSIVE_BEFORE_BY.search(text, max(lo, m.start() - 40), m.start())
            or _MODAL_BEFORE_BY.search(text, max(lo, m.start() - 200), m.start())
        ):
            # "the ban is justified by arguing": a passive; "users can find a song by saying its
            # name": what anyone could do. Neither reports anything said.
            continue
        cand = _participle(text, sentence, m)
        if cand is not None:
            out.append(cand)
    # "with 30 percent of voters saying they ...": a poll share's participle, no comma before it.
    for m in (
        _SHARE_PARTICIPLE.finditer(text, lo, hi) if ("%" in lower or "percent" in lower or " in " in lower) else ()
    ):
        if any(s <= m.start() < e for s, e in covered):
            continue
        portion = _PORTION_TAIL.search(text, max(lo, m.start() - 90), m.start())
        if portion is None or len(portion.group("np").split()) > 7:
            continue  # "24% of voters put a priority on choosing": a clause, not a share's words
        np = _NP(portion.start("np"), portion.end("np"), "portion", portion.group("np"), "respondents")
        out.append(
            _Candidate(np.start, m.end(), f"participle:{m.group('p').casefold()}", np, 0.7, sentence, (m.end(), hi))
        )
    for m in _WITH_SAYING.finditer(text, lo, hi) if "with " in lower else ():
        np = _parse_end(text, m.start("np"), m.end("np"), full=True)
        if np is None or np.shape == "pronoun":
            continue
        out.append(_Candidate(np.start, m.end(), f"participle:{m.group('p').casefold()}", np, 0.7, sentence))
    return out


_BOUND = re.compile(r"[,;:\u201c\u201d\"(\u2014\u2013]|\.(?=\s|$)")
# How far around a cue the speaker and phrase searches read. A clause or noun phrase in news
# copy is far shorter; without a window each cue would rescan the sentence so far, which is
# quadratic on a long sentence packed with cues ("he said he said ...", "according to ...").
_WINDOW = 400
_ABBREV_BEFORE = re.compile(
    r"(?:\b(?:[A-Z]|Dr|Mr|Mrs|Ms|Prof|St|Sr|Jr|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|Hon|Supt|Insp|Det|Inc|Ltd|Co|Corp)|(?:[A-Z]\.)+[A-Z])$"
)


def _speech_from(text: str, sentence: Sentence, n_start: int, from_end: int, noun: str) -> _Candidate | None:
    lo, hi = sentence.start, sentence.end
    np = _parse_start(text, from_end, _bounded(text, from_end, hi))
    if np is None or np.shape == "pronoun":
        return None
    if (
        noun in lex.DOCUMENT_NOUNS
        and np.shape == "common"
        and (np.head not in lex.SPEAKER_HEADS or np.det in {"a", "an"})
    ):
        return None  # "figures from the past", "figures from a dodgy government"
    end = np.end
    tail = _SAYING_TAIL.match(text, end, hi)
    if tail:
        end = tail.end()
    article = _ARTICLE_BEFORE.search(text, max(lo, n_start - 8), n_start)
    start = article.start() if article else n_start
    return _Candidate(start, end, f"speech-from:{noun}", np, 0.8, sentence)


def _bounded(text: str, lo: int, hi: int) -> int:
    """End of the phrase starting at ``lo``: the next clause punctuation or sentence stop.

    Read through ``_WINDOW`` characters: a phrase with no punctuation for longer ends there.
    """
    end = hi
    limit = min(hi, lo + _WINDOW)
    if limit < hi:
        end = limit
    # One character past the window so that the stop's look-ahead sees the real next character.
    for m in _BOUND.finditer(text, lo, min(hi, limit + 1)):
        if m.start() >= limit:
            break
        if m.group(0) == "." and _ABBREV_BEFORE.search(text, max(lo, m.start() - 6), m.start()):
            continue
        end = m.start()
        break
    if end == hi and text[hi - 1 : hi] in ".!?":
        end = hi - 1
    return end


def _statement_span(sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """The reported content: the rest of the sentence on whichever side of the cue holds more."""
    before = (sentence.start, start)
    after = (end, sentence.end)
    chosen = before if (start - sentence.start) > (sentence.end - end) else after
    a, b = chosen
    # What lstrip/rstrip of the chunk would remove, read in place (no copy of half the sentence per cue).
    chunk, offset = sentence.text, sentence.start
    i, j = a - offset, b - offset
    while i < j and chunk[i] in ' ,:\u201c\u201d"':
        i += 1
    lead = i - (a - offset)
    i = a - offset
    while j > i and chunk[j - 1] in ' ,.:\u201c\u201d"':
        j -= 1
    trail = (b - offset) - j
    return a + lead, b - trail


def _tail_from(s: str, reach: int) -> int:
    """Where a match of an end-anchored pattern spanning at most ``reach`` characters before the
    trailing blanks of ``s`` can begin (searching from there finds the same match as from 0)."""
    return max(0, len(s.rstrip()) - reach)


# What ``_AUX_TAIL`` can span: lowercase letters, apostrophes and blanks (no flags, so no capitals).
_NOT_AUX_CHAR = re.compile(r"[^a-z'\u2019\s]")


def _aux_from(before: str) -> int:
    """Where ``_AUX_TAIL`` can begin in ``before``: after the last character it cannot span."""
    m = _NOT_AUX_CHAR.search(before[::-1])
    return 0 if m is None else len(before) - m.start()


def _ends_with_comma(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` ends in a comma and blanks (what ``_STATEMENT_PREFIX`` needs)."""
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi > lo and text[hi - 1] == ","


# "cue-verb:said" and the like, one string per verb form (the forms are the lexicon's: a bounded
# set), shared by every candidate and finding instead of one copy per cue.
_CUE_RULES: dict[str, str] = {}


# A verb right after the noun of an inverted cue ("..., said ministers should expect"): the noun
# is the subject of the reported content, not the speaker.
_INVERTED_TAIL = re.compile(
    r"\s+(?:should|would|will|could|can|may|might|must|had|has|have|was|were|is|are|need|needed|did|do|does)\b"
    r"|\s+(?:not|never)\b"
    # a negated auxiliary or a past tense ("said the mayor couldn't recall", "said Gates described")
    r"|\s+\w+n['\u2019]t\b|\s+(?-i:[a-z]+ed)\b(?!\s+(?:in|on|with|by|to|at|for|from|about|of)\b)",
    re.I,
)
_AFTER_NAME_END = re.compile(r"\s*(?:[,.;:]|$)|\s+(?:in|at|on|from|for|of|and|who)\b")
_ROLE_THEN_OWNED_NAME = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){0,4}[a-z][\w-]*,?\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][\w'\u2019-]+){1,2})(?=\s*(?:[,.;:]|$))"
)
# What may follow an inverted pronoun speaker ('"...," said he.'): a pause or the end, never a verb
# ("said he hadn't thought": the pronoun opens the content).
_PRONOUN_SPEAKER_END = re.compile(r"\s*(?:[,.;:!?\u201d\"]|$)")
# "Analysts surveyed by Bellwether Data", "economists polled by Reuters": the group polled is the
# source of an expectation, not the pollster (searched end-anchored in a short window).
_SURVEYED_TAIL = re.compile(
    rf"(?P<np>{_WB}(?P<head>{_alt(sorted(lex.GROUP_PLURALS | lex.VAGUE_NOUNS))})\s+(?:surveyed|polled|questioned|interviewed|canvassed)"
    rf"\s+by\s+{_PROPER_RUN})(?:\s+(?:had|have|has))?\s*$",
    re.I,
)


_NP_STOP = re.compile(r"[a-z]+ed|of|to|for|from|with|by|in|on|at|among|than|that|and|or|but")


_NP_REACH = 200


def _noun_phrase_start(text: str, lo: int, end: int) -> int:
    """Where the noun phrase that ends at ``end`` begins, read back over at most five words: it
    stops after a verb or a preposition ("Obama rebuked critics" -> "critics").

    Only the last ``_NP_REACH`` characters are read (the whole clause was, once per cue: quadratic
    on a sentence of thousands of "a man who said")."""
    lo = max(lo, end - _NP_REACH)
    words = list(re.finditer(r"[\w'\u2019.-]+", text[lo:end]))[-5:]
    start = lo + words[0].start() if words else lo
    for w in reversed(words):
        word = w.group(0)
        if word.casefold() in _VERB_SET or _NP_STOP.fullmatch(word):
            return lo + w.end()
        start = lo + w.start()
    return start


_SMALL_NUMBER = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)"
_TENS = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
)
_PORTION = (
    rf"(?:(?:\d+(?:\.\d+)?|{_TENS})\s*(?:%|percent\b|per\s+cent\b)"
    rf"|{_SMALL_NUMBER}\s+(?:in|out\s+of)\s+{_SMALL_NUMBER}\b"
    r"|(?:a|one|two)\s+(?:thirds?|quarters?|fifths?)\b|two-thirds\b|three-quarters\b|half\b|a\s+majority\b"
    # the respondents as a whole ("those surveyed said")
    r"|those\s+(?:surveyed|polled|questioned|interviewed)\b)"
)
# A share of those polled as the subject of a cue: "58 percent of voters", "nearly one in five".
_PORTION_TAIL = re.compile(
    rf"(?:^|(?<=[\s\u201c\"(]))(?P<np>(?:(?:some|nearly|almost|about|around|roughly|only|just|over|under|more\s+than|"
    rf"fewer\s+than|less\s+than)\s+){{0,2}}{_PORTION}(?:\s+of\s+[^,;:\u201c\u201d\"]{{1,50}}?)?)"
    # the share restated as a figure between commas ("about two-thirds, 64 percent, say")
    r"(?:,\s*\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent),)?"
    r"(?:\s+(?:also|still|now))?\s*$",
    re.I,
)


_QUOTE_REACH = 400


def _in_quotation(text: str, lo: int, hi: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation of its sentence ``text[lo:hi]``, one opened before it
    there or one opened in an earlier sentence and closed after it (an odd count of quote marks).

    Read within ``_QUOTE_REACH`` characters each side: a sentence of thousands of cues would
    otherwise be counted through once per cue."""
    marks = '\u201c\u201d"'
    start, end = max(lo, pos - _QUOTE_REACH), min(hi, pos + _QUOTE_REACH)
    before = sum(text.count(m, start, pos) for m in marks)
    after = sum(text.count(m, pos, end) for m in marks)
    return before % 2 == 1 or after % 2 == 1


# An indefinite person before "who": "a British man", "an architect", "one local farmer".
_SOMEONE_BEFORE = re.compile(
    r"(?<![\w'\u2019-])(?P<np>(?:an?|one|another)\s+(?:[\w'\u2019-]+\s+){0,2}?(?P<head>[a-z][a-z-]+))\s*$"
)
_RELATIVE_WHO_TAIL = re.compile(r"(?:,\s*|\s+)(?P<who>who|which)(?:\s+(?:also|then|later|now))?\s*$", re.I)
# "... and said", "..., but insisted", "and later added": a verb coordinated with the one before it.
# A restrictive who-clause between a subject and its cue verb ("traders who attended the meeting said").
_WHO_CLAUSE_TAIL = re.compile(r"\s+who\s+(?!said\b|says\b)[^,;:\"\u201c\u201d()]{3,100}$")
_COORD_TAIL = re.compile(r"(?:^|[\s,])(?:and|but)(?:\s+(?:also|then|later|again|yet))?\s*$", re.I)
# An opening phrase before a sentence's subject: "Speaking on radio, ", "In a statement on Monday, ".
_OPENING_PHRASE = re.compile(
    r"\s*(?:(?:In|On|At|After|Before|During|Asked|Earlier|Later|Last|Speaking|Writing|Talking|Meanwhile|There|Here|Then|"
    r"Instead|Separately|Previously|Still|Again)\b"
    r"|[A-Z][a-z]+ing\b)[^,;:\"\u201c\u201d]{0,80},\s*"
)
# What follows a subject: its verb (lower case), possibly after an adverb or an appositive.
# (a bracketed party and state may follow the name: "Rep. Ann Bell (D-Ohio) reacted ..., saying")
_PREDICATE_AFTER = re.compile(r"(?:\s*\([^()\n]{1,30}\))?(?:\s*,[^,;:\"\u201c\u201d]{1,80},)?\s+[a-z]")


_FIRST_PERSON = re.compile(r"(?:I|We)(?:['\u2019]\w+)?$", re.I)
_OPEN_QUOTE = re.compile(r"[\u201c\"]|(?<!\w)'")


def _inside_quotation(text: str, lo: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation opened after ``lo`` (curly or straight quotes)."""
    window = text[max(lo, pos - _WINDOW) : pos]
    return window.rfind("\u201c") > window.rfind("\u201d") or window.count('"') % 2 == 1


_START_THE_NOUN = re.compile(r"(?i:the)\s+([a-z]+)\b")


def _clause_subject(text: str, lo: int, end: int, *, definite: bool = False) -> _NP | None:
    """The subject of the sentence that starts at ``lo``, read before ``end``: "But Ann Bell",
    "Speaking on radio, he". ``None`` unless a lower-case word (the first verb) follows it. With
    ``definite``, "the <noun>" too, for a body whose name ends in that noun ("The gallery")."""
    start = lo
    conj = _LEADING_CONJ.match(text, start, end)
    if conj:
        start = conj.end()
    opening = _OPENING_PHRASE.match(text, start, end)
    if opening:
        start = opening.end()
    np = _parse_start(text, start, _bounded(text, start, end))
    if np is None and definite:
        the_noun = _START_THE_NOUN.match(text, start, end)
        if the_noun is not None:  # "The gallery did not ..., but said": the body named so (``_resolve``)
            np = _NP(start, the_noun.end(), "definite", the_noun.group(0), the_noun.group(1), det="the")
    if np is None or np.end >= end or not _PREDICATE_AFTER.match(text, np.end, end):
        return None
    if np.shape == "descriptor" or _FIRST_PERSON.match(np.text) or _OPEN_QUOTE.search(text, lo, np.start):
        return None  # "I've", a subject inside a quotation
    after = _WORD.match(text, np.end + 1) if text[np.end : np.end + 1] == " " else None
    if after is not None and (after.group(0) in _ROLE_WORDS or after.group(0) in lex.SPEAKER_HEADS):
        # "Former Blackburn boss Roy Hodgson says": the capitals only modify; the name, if any, follows.
        np = _parse_start(text, after.start(), _bounded(text, after.start(), end))
        if np is None or np.shape != "proper" or not _PREDICATE_AFTER.match(text, np.end, end):
            return None
    if np.text.strip().casefold() in lex.NON_SOURCES:
        return None
    return np


_SUBORDINATOR = re.compile(r"\s*(?:when|after|before|once|until|if|as|while|because|since|though|although)\s+", re.I)


def _subordinate_subject(text: str, lo: int, end: int) -> _NP | None:
    """The subject of the clause (opened by a comma and a conjunction or subordinator) that ends at
    ``end``: "..., and when Ann Bell thanked the crowd and said" -> Ann Bell."""
    c_lo = _clause_start(text, lo, end)
    if c_lo <= lo:
        return None
    conj = _LEADING_CONJ.match(text, c_lo, end)
    start = conj.end() if conj else c_lo
    sub = _SUBORDINATOR.match(text, start, end)
    if sub is None and conj is None:
        return None
    return _clause_subject(text, sub.end() if sub else start, end)


# A clause's subject of any head, read only when no speaker shape above matched: at most
# ``_GENERIC_WORDS`` words opened by a determiner, a quantifier, a possessive or a capital, with no
# verb, clause word or object pronoun inside ("the two men who", "On Monday Trump" are no subject).
_GENERIC_WORDS = 8
# Without a known speaker shape, a verb other than "say" or "tell" must open reported content:
# "The film tells the story", "the habit explains the rise", "The pound added 0.5%" report none.
_PLAIN_SPEECH = frozenset("say says said tell tells told".split())
# Cue verbs with a common sense that reports nothing ("The pound added 0.5%", "the habit explains the
# rise", "The list acknowledges key influences", "The red carpet boasted dancers"): after a subject of
# unknown head they must open content. Unambiguous ones ("alleges", "noted", "insisted") need not.
_OTHER_SENSES = (
    frozenset(
        """add adds added explain explains explained boast boasts boasted acknowledge acknowledges acknowledged
    offer offers offered challenge challenged attack attacked echo echoed highlight highlighted signal signalled
    signaled project projected forecast forecasts estimate estimates estimated express expresses expressed
    mention mentioned cite cites cited describe describes described reveal reveals revealed indicate indicates
    indicated suggest suggests suggested show shows showed find finds found predict predicts predicted call
    calls called continue continued repeat repeated reflect reflects reject rejects rejected oppose opposed
    propose proposed defend defends defended rule rules ruled question questioned state states stated
    report reports reported note notes""".split()
    )
    | lex.WEAK_CUE_FORMS
)
_TELLS_A_STORY = re.compile(r"\s+(?:the|a|an|its|his|her|their)\s+(?:\w+\s+)?(?:story|stories|tale|tales)\b", re.I)
_BELIEF_FORMS = frozenset(
    "believe believes believed think thinks thought fear fears feared expect expects suggest suggests suggested"
    " indicate indicates indicated".split()
)
_CLAUSE_FOLLOW = re.compile(rf"\s+(?:the|a|an|this|these|those|more|most|many|some|it|he|she|they|we|there|[{_CAP}])\b")
_LEADING_TIME = re.compile(
    rf"(?:(?:last|this|next|earlier\s+this|later\s+this)\s+(?:week|month|year|weekend|morning|night)|{_WEEKDAY}"
    r"|yesterday|today|earlier|later)\s+",
    re.I,
)
_SAID_TO_BE = re.compile(r"\s+to\s+(?:be|have)\b")  # "the plan said to be costing millions": no speaker
_GENERIC_OPENERS = frozenset(
    """the a an this that these those his her its their our my your some many most few several both
    all each every other others another one two three four five six seven eight nine ten dozens
    hundreds thousands half none neither either no""".split()
)
_GENERIC_STOP = (
    frozenset(
        """is are was were be been being am has have had having will would shall should can could may might
    must do does did not that which who whom whose what when where while whether if because as after
    before since until unless although though so than but yet him them me us it i you we he she they
    there here then now also just only still even how why said says say told tells""".split()
    )
    | _VERB_SET
)
_GENERIC_LAST_STOP = frozenset(
    "of for to at in on from with by about against over into under among between and or the a an".split()
)
# Heads that stand for several speakers without an -s: "many said", "both have promised".
_PLURAL_QUANTIFIERS = frozenset("many few both most some several all others those these dozens".split())
# Openers of a phrase naming part of a group ("Several Democratic operatives", "Many Republicans"), and of
# a definite group described by a common noun ("the authorities", "those voters"): vague speakers.
_GROUP_QUANTIFIERS = frozenset("many few most some several other dozens hundreds thousands".split())
_DEFINITE_GROUP_OPENERS = frozenset("the those these".split())
# What a definite phrase opens with: it refers back to someone named (kept out of the vague sources).
_DEFINITE_OPENERS = frozenset("the this that these those his her its their our my your both".split())
# Heads of texts that speak as documents: "the statement said", "the letter says", "the ad claims".
_TEXT_HEADS = (
    (lex.DOCUMENT_NOUNS - frozenset({"figure", "record", "count", "review"}))  # "a leading industry figure"
    | lex.WORK_NOUNS
    | lex.SPEECH_NOUNS
    | lex.EVIDENCE_NOUNS
    | frozenset(
        """opinion opinions ad ads advert advertisement email e-mail emails lawsuit lawsuits complaint petition
        article editorial column section guidance guidelines memo website site release filing document bill
        law sign note notice page manifesto platform order verdict decision motion brief""".split()
    )
)
# A document and who filed or published it: "a complaint filed by the Office", "a paper published on
# Monday in the Journal of X". Read from the verb (a handful of words, cheap to find), then the
# document noun just before it.
_OWNING_VERB = re.compile(
    r"(?<![\w-])(?:filed|published|released|issued|commissioned|conducted|prepared|compiled|produced|carried\s+out)"
    rf"\s+(?:(?:on|last|this|earlier|in)\s+(?:[A-Z]?[a-z]+\s+){{1,2}}?)?(?P<prep>by|in)\s+(?:the\s+)?(?P<org>{_PROPER_RUN})"
)
_OWNED_NOUN_BEFORE = re.compile(rf"{_WB}(?P<doc>{_alt(sorted(_TEXT_HEADS))})\s+(?:[a-z]+\s+)?$")


# Every match of ``_OWNING_VERB`` (case-sensitive) holds one of these words: a whole text holding
# none (most news) is not scanned (the pattern opens with a look-behind, tried at every character).
_OWNING_WORDS = tuple(
    "filed published released issued commissioned conducted prepared compiled produced carried".split()
)


def _owned_documents(text: str, lo: int, hi: int) -> Iterator[tuple[str, int, re.Match[str]]]:
    """Each (document noun, its position, the owning verb's match) in ``text[lo:hi]``."""
    for owning in _OWNING_VERB.finditer(text, lo, hi):
        noun = _OWNED_NOUN_BEFORE.search(text, max(lo, owning.start() - 40), owning.start())
        if noun is not None:
            yield noun.group("doc").casefold(), noun.start(), owning


_PERSON_HEADS = (
    lex.PERSON_ROLES | lex.JOB_WORDS | frozenset("champion holder winner star veteran".split())
) - frozenset("head member chair partner".split())
_NAME_AND_HIS = re.compile(rf"(?P<name>{_PROPER_RUN})\s+and\s+(?:his|her|their|its|other)\s")
_HEAD_TAIL_PREPOSITIONS = frozenset("of on from in by for about at with to".split())
# Heads that speak for the body named before them ("the AFI jury", "the House of Commons authorities");
# "LSE shareholders" or "Opec members" do not.
_SPEAKS_FOR_BODY = _SPOKES_WORDS | frozenset(
    """officials authorities leadership management executives staff team panel committee jury board council
    bosses chiefs officers spokespeople founders leaders partners lawyers attorneys owners directors managers
    aides advisers advisors strategists""".split()
)
_CLAUSE_OPENS_SENTENCE = re.compile(
    r"(?:^|[.!?][\u201d\"'\u2019]?\s+|\b(?:but|and|yet|so|while|though|although|because)\s+)$", re.I
)
_GENERIC_TOKEN = re.compile(r"[\w'\u2019&.$%-]+")
_GENERIC_ASIDE = re.compile(
    rf"\s*,\s*(?:{_LINKING_ADVERBS}|similarly|in\s+fact"
    r"|for\s+(?:instance|example|their\s+part|its\s+part)|on\s+the\s+other\s+hand|by\s+contrast|in\s+contrast"
    r"|(?:who|which)\s[^,;:\"\u201c\u201d]{1,120}|(?:speaking|writing)\s[^,;:\"\u201c\u201d]{1,80}"
    r"|when\s+asked\s[^,;:\"\u201c\u201d]{1,80}|many\s+of\s+them\s[^,;:\"\u201c\u201d]{1,60})\s*,\s*$",
    re.I,
)


def _head_before_tail(low: Sequence[str], tails: tuple[str, ...]) -> str:
    """A noun phrase's head: the word before its first prepositional tail ("proponents" in
    "proponents of the new bill"), else its last word."""
    return next((low[i - 1] for i in range(1, len(low)) if low[i] in tails), low[-1])


def _generic_subject(text: str, lo: int, end: int, *, aside: bool = False) -> _NP | None:
    """The noun phrase that opens the clause ending at ``end`` (before a cue verb), any head.

    ``aside``: the cue closes its sentence or clause (", donors said.", ", union members say, is"), so
    a bare lower-case plural after a comma may speak too, as a vague group."""
    sentence_lo = lo
    lo = max(lo, end - _WINDOW)
    aside_between = _GENERIC_ASIDE.search(text, max(lo, end - 200), end)
    if aside_between is not None and aside_between.start() > lo:
        # "Cement makers, for instance, argue", "The complaint, which was filed in May, alleged": the
        # aside between the subject and its verb is left out, as ``_speaker_before`` leaves it out.
        end = aside_between.start()
    c_lo = _clause_start(text, lo, end)
    conj = _LEADING_CONJ.match(text, c_lo, end)
    if conj:
        c_lo = conj.end()
    timed = _LEADING_TIME.match(text, c_lo + len(text[c_lo:end]) - len(text[c_lo:end].lstrip()), end)
    if timed:  # "Last month her lawyers said": the time phrase is no part of the speaker
        c_lo = timed.end()
    tokens = list(_GENERIC_TOKEN.finditer(text, c_lo, end))
    if not tokens or len(tokens) > _GENERIC_WORDS or text[c_lo : tokens[0].start()].strip():
        return None
    if text[tokens[-1].end() : end].strip():
        return None  # punctuation between the phrase and the verb
    words = [t.group(0) for t in tokens]
    low = [w.casefold().rstrip(".") for w in words]
    first = words[0]
    head_word = _head_before_tail(low, ("of", "for", "to"))
    if not (
        low[0] in _GENERIC_OPENERS
        or first[:1].isupper()
        or first[:1].isdigit()
        or (aside and _PLURAL_HEAD.search(head_word) and (conj is not None or text[lo:c_lo].rstrip().endswith(",")))
    ):
        return None
    if low[0] in _GENERIC_LAST_STOP - {"the", "a", "an"} or low[-1] in _GENERIC_LAST_STOP:
        return None
    if any(w in _GENERIC_STOP for w in low) or low[-1].endswith("ly"):
        return None
    bare_group = aside and first[:1].islower() and low[0] not in _GENERIC_OPENERS
    if len(words) == 1 and low[0] not in _PLURAL_QUANTIFIERS and not bare_group:
        return None  # one word that no shape above read ("Next said": a company or a common word)
    if any(
        a == "to" and b[:1].islower() and b not in {"the", "a", "an", "his", "her", "its", "their"}
        for a, b in zip(low[:-1], words[1:], strict=True)
    ):
        return None  # "a sequencer designed to let people": an infinitive, so a clause, not a noun phrase
    if _BY_AFTER.match(text, end):
        return None
    if " ".join(low) in lex.NON_SOURCES or low[0] in {"no", "neither", "none", "every"}:
        return None  # "No one said", "None of them", "Every voter": no one credited
    if _OPEN_QUOTE.search(text, c_lo, tokens[0].start()) or _in_quotation(text, lo, end, tokens[0].start()):
        return None
    start, stop = tokens[0].start(), tokens[-1].end()
    phrase = text[start:stop]
    # The head is the last word before a prepositional tail ("Proponents of the new bill": proponents).
    head = _head_before_tail(low, ("of", "for"))
    if head in _PLURAL_QUANTIFIERS:
        head = "others"
    if (
        len(words) == 1
        and not bare_group
        and c_lo > lo
        and _CLAUSE_OPENS_SENTENCE.search(text[max(lo, c_lo - 12) : c_lo]) is None
    ):
        return None  # "..., particularly among phone firms, all suggests": a lone quantifier opens a sentence
    np = _phrase_source(phrase, start, stop, head)
    if (
        np is None
        and low[0] in _LABEL_OPENERS
        and len(words) >= 2
        and not _PLURAL_HEAD.search(head)
        and words[-1][:1].islower()
        and _QUOTE_CLOSES_BEFORE.search(text, max(0, min(sentence_lo, start) - 6), start)
        and (start > sentence_lo or not text[sentence_lo:start].strip())
    ):
        # '"...," the moderator said': a definite phrase that credits the quotation just closed is
        # someone the article describes, a label (no Source row), unless a role resolves it to a name;
        # a job word ('"...," the British actor said') stands for the person named before.
        return _NP(start, stop, "label", phrase, head)
    if np is None and len(words) == 2 and low[0] == "the" and words[1].isalpha() and words[1].islower():
        # "the district said": the body whose name ends in that word, if the article named one
        # (``_resolve``); nobody otherwise.
        return _NP(start, stop, "definite", phrase, low[1], det="the")
    return np


_LABEL_OPENERS = frozenset("the his her their its this that".split())
_PLURAL_HEAD = re.compile(r"(?<!s)s$|(?:men|women|people|children|staff|police)$")
_QUOTE_CLOSES_BEFORE = re.compile(r"[,?!.\u2014-]\s*[\u201d\"\u2019']{1,2}\s*$")


_PERSON_NOUNS = frozenset("man woman boy girl mother father voter supporter resident worker owner".split())


def _generic_after(text: str, lo: int, hi: int) -> _NP | None:
    """The noun phrase of any head after an inverted cue ("said one adviser to the mayor"), up to
    the clause's end or a relative word; typed as ``_phrase_source`` types a clause's subject."""
    tokens = []
    for m in _GENERIC_TOKEN.finditer(text, lo, hi):
        if m.group(0).casefold() in {"who", "whom", "whose", "which", "that"}:
            break
        tokens.append(m)
    if not tokens or len(tokens) > _GENERIC_WORDS + 2 or text[lo : tokens[0].start()].strip():
        return None
    words = [t.group(0) for t in tokens]
    low = [w.casefold().rstrip(".") for w in words]
    if not (low[0] in _GENERIC_OPENERS or words[0][:1].isupper()) or low[0] in {"no", "none", "every", "neither"}:
        return None
    if any(w in _GENERIC_STOP for w in low) or low[-1] in _GENERIC_LAST_STOP or len(words) < 2:
        return None
    start, stop = tokens[0].start(), tokens[-1].end()
    phrase = text[start:stop]
    if low[0] == "the" and len(low) == 2 and low[1] in _PERSON_NOUNS | _PERSON_HEADS:
        return _NP(start, stop, "descriptor", phrase, low[1])  # "said the woman": the person named before
    return _phrase_source(phrase, start, stop, low[-1])


def _lower_tail(words: Sequence[str]) -> bool:
    """Whether a prepositional tail is common nouns: its first word after any article is lower case."""
    rest = [w for w in words if w.casefold() not in {"the", "a", "an"}]
    return bool(rest) and rest[0][:1].islower()


def _phrase_source(phrase: str, start: int, stop: int, head: str) -> _NP | None:
    """A speaker read from a whole noun phrase (a clause's subject, what follows "according to"):
    a text is a document, a body named as a modifier speaks ("the House of Commons authorities", "a
    Sony representative"), an indefinite or bare phrase is vague, and a definite one is left out."""
    low = [w.casefold().rstrip(".,") for w in phrase.split()]
    # The head: the last word before a prepositional tail ("the section on murder": section).
    raw = phrase.split()
    cut = next(
        (
            i
            for i, w in enumerate(low)
            if i
            and w in _HEAD_TAIL_PREPOSITIONS
            # not inside a name ("Ministry of Defence lawyers")
            and not (raw[i - 1][:1].isupper() and i + 1 < len(raw) and raw[i + 1][:1].isupper())
        ),
        len(low),
    )
    while cut > 1 and low[cut - 1].endswith(
        ("ed", "able", "ible")
    ):  # "the figures published by", "data available from"
        cut -= 1
    text_head = low[cut - 1]
    if text_head in _TEXT_HEADS:
        # "the unsigned opinion said", "Wednesday's statement said": a text speaks, a document
        return _NP(start, stop, "according-document", phrase, text_head)
    joined = _NAME_AND_HIS.match(phrase)
    if joined is not None and _clean_proper(joined.group("name"))[0]:
        # "Bush and his rivals have said", "Ann Bell and her lawyers said": the named one speaks for them
        return _NP(start, stop, "proper", joined.group("name"))
    # The capital of an opener or of a sentence's first word ("Many reporters", "Social conservatives")
    # opens no name; one followed by another capital ("Harbour Board staff") does.
    skip = (
        phrase[:1].isupper()
        and (
            low[0] in _GENERIC_OPENERS
            or (
                len(low) > 1
                and phrase.split()[1][:1].islower()
                and low[1] not in _PARTICLES | {"of", "for", "and", "the"}
            )
            # "Supporters of abortion rights", "Proponents of the new bill": a common noun opening the
            # sentence, its tail in lower case (not "Ministry of Defence")
            or (len(raw) > 2 and low[1] in {"of", "for"} and low[0] not in _SPEAKS_FOR_BODY and _lower_tail(raw[2:]))
        )
    )
    body = _PROPER_ANYWHERE.search(phrase, len(phrase.split()[0]) if skip else 0)
    tail_at = len(" ".join(phrase.split()[:cut]))  # where a prepositional tail begins ("adviser to X")
    if body is not None and body.start() > tail_at and low[0] not in _DEFINITE_OPENERS:
        body = None  # "one adviser to Bill Clinton", "a lawyer for the Hale family": an unnamed one, vague
    if body is not None:
        name, titled = _clean_proper(body.group(0))
        kind = _proper_kind(name, titled=titled, desc="") if name else None
        modifier = (
            body.end() < len(phrase)
            and phrase[body.end() : body.end() + 1] == " "
            and not _POSSESSIVE_TAIL.search(body.group(0))
            and text_head in _SPEAKS_FOR_BODY
        )
        if name and modifier and kind in {"organization", "government_body", "outlet"}:
            return _NP(start, stop, "proper", name)
        if name and modifier and kind is None and text_head in _SPOKES_WORDS:
            return _NP(start, stop, "spokes", name)  # "A Sony representative said": Sony speaks
        if low[0] in _GROUP_QUANTIFIERS and _PLURAL_HEAD.search(text_head):
            # "Several Democratic operatives said", "Many Republicans say": an unnamed share of a group
            return _NP(start, stop, "vague", phrase, head)
        return None  # "premium phone regulator Icstis", "Romney's associates": a name the rules above read
    if low[0] == "the" and head in _PERSON_HEADS and len(low) > 2:
        # "the marathon world record holder said", "the British actor said": the person named before
        return _NP(start, stop, "descriptor", phrase, head)
    if low[0] in _DEFINITE_GROUP_OPENERS and len(low) > 1 and _PLURAL_HEAD.search(text_head) and raw[-1].islower():
        # "the judges said", "those voters said": a group the article described, referred back to; a
        # lower-case label, no vague source ("officials", "some critics" are)
        return _NP(start, stop, "group", phrase, head)
    if low[0] in _DEFINITE_OPENERS:
        # "The global sports giant said", "his agent said": someone the article has named, who is
        # no vague source; left to the shapes that resolve back-references.
        return None
    return _NP(start, stop, "vague", phrase, head)


def _after_quote(text: str, lo: int, at: int) -> bool:
    """Whether ``text[lo:at]`` ends with a closing quote (and a comma): '"...," they said'."""
    head = text[max(lo, at - 4) : at].rstrip().rstrip(",")
    return bool(head) and head[-1] in "\u201d\"'\u2019"


# A subject after a comma, with its determiner: "..., the agency reports.", "..., the report states."
_COMMA_SUBJECT_BEFORE = re.compile(r",\s+(?:the|a|an|its|their|this|one)\s+(?:[\w'\u2019-]+\s+){0,3}$", re.I)


def _closing_credit(text: str, before: str, v_end: int, hi: int) -> bool:
    """Whether a noun-like form ("reports", "states", "estimates") closes the sentence after a
    comma and its subject: "Sales fell by 8%, the agency reports." is a credit, not "agency reports"."""
    return bool(_COMMA_SUBJECT_BEFORE.search(before, _tail_from(before, 60))) and bool(
        _CLOSING_CUE_TAIL.match(text, v_end, hi)
    )


_PLURAL_AUX = re.compile(r"\b(?:have|are|were|do)\b", re.I)
# "Proponents, including the Conference of Mayors, have urged": a group that names its members.
_NAMED_MEMBERS = re.compile(r",\s+(?:including|such\s+as|among\s+them|led\s+by)\s+(?:the\s+)?[A-Z]")


def _singular(plural: str) -> str:
    """A plural's singular by the regular rules ("midwives" -> "midwife", "lorries" -> "lorry")."""
    if plural.endswith("ies"):
        return plural[:-3] + "y"
    if plural.endswith("ves"):
        return plural[:-3] + "fe"
    if plural.endswith("men"):
        return plural[:-3] + "man"
    return plural[:-1] if plural.endswith("s") and not plural.endswith("ss") else plural


def _plural_common_noun_at_start(text: str, lo: int, start: int, word: str) -> bool:
    """Whether ``word`` at ``start``, the first word of the sentence beginning at ``lo``, is a
    plural common noun capitalised only by its place ("Beekeepers say", "Teachers' unions have
    warned"), not a one-word name ("Barclays", "Reuters"): its singular is an English word and
    no person's name, it is no party, demonym or outlet, and the text never capitalises it
    anywhere else than at a sentence start, as it would a name."""
    if text[lo:start].strip(" \"'\u201c\u2018") or not word[:1].isupper() or not word[1:].islower():
        return False
    low = word.casefold()
    singular = _singular(low)
    if (
        singular == low
        or low in lex.PARTY_NAMES
        or low in lex.OUTLET_NAMES
        or singular in lex.DEMONYMS
        or not english.in_vocabulary(singular)
        or english.is_surname(singular)
        or english.is_given_name(singular)
    ):
        return False
    for m in re.finditer(rf"\b{re.escape(word)}\b", text):
        before = text[max(0, m.start() - 3) : m.start()].rstrip(" \"'\u201c\u2018")
        if before and before[-1] not in ".!?\n":
            return False  # capitalised mid-sentence: a name
    return True


def _cue_verb(text: str, sentence: Sentence, v_start: int, v_end: int) -> _Candidate | None:
    lo, hi = sentence.start, sentence.end
    verb = text[v_start:v_end]
    verb_l = verb.casefold()
    if not verb_l.isalpha():
        verb_l = re.sub(r"\s+", " ", verb_l)
    # Left context is read through a short window: the "$"-anchored patterns below would
    # otherwise rescan the whole sentence for every verb. Each starts where its longest match
    # can begin ("(^|\s)" and a word of at most five letters; "\w's" and blanks).
    before = text[max(lo, v_start - 80) : v_start]
    if _ADJECTIVAL_BEFORE.search(before, _tail_from(before, 6)):
        return None
    if (
        verb[:1].isupper()
        and (verb_l in lex.NAMED_DOCUMENT_WORDS or verb_l == "states")
        and v_start > lo
        and before.rstrip()[-1:].isalpha()
    ):
        return None  # "The Hollis Report found", "the United States": a name, not "Hollis reported"
    after = text[v_end : min(hi, v_end + 40)]
    # A noun-like form ("reports", "estimates") is a verb when content follows it or when it closes
    # the sentence as a credit; otherwise it is a noun ("the agency reports were late").
    noun_like = verb_l in lex.NOUN_LIKE_FORMS and not _closing_credit(text, before, v_end, hi)
    if noun_like and not _NOUNLIKE_FOLLOW.match(after):
        return None
    if verb_l in lex.STANCE_CUE_FORMS and (_NO_OBJECT_FOLLOW.match(after) or _AS_BEFORE.search(before)):
        return None  # "Wales defended well", "as opposed to": no stance taken on anything
    if verb_l in {"dismissed", "dismisses"} and not _DISMISSED_WHAT.match(after):
        return None  # "dismissed two players": a firing; "dismissed the claims as ...": a stance
    if _POSSESSIVE_WORD_BEFORE.search(before, _tail_from(before, 3)):
        return None  # "the Kremlin's continued assault": a participle used as an adjective
    if verb_l in _PUT_IT_FORMS and not _PUT_IT_FOLLOW.match(after):
        return None
    if verb_l in _RESULT_FORMS and _AMOUNT_AFTER.match(after):
        return None  # "posted a profit of $2m", "posted 3% growth": a result, not a post
    weak = (
        verb_l in lex.WEAK_CUE_FORMS
        and not _SPEECH_FOLLOW.match(after)
        and not _SPEECH_AFTER_TIME.match(after, _time_after(after))  # "stated earlier this week that"
        and not (verb_l in _COMMITMENT_FORMS and _TO_VERB.match(after))  # "promised to publish the accounts"
        and not (verb_l in _NAMING_VERBS and (_NAMED_AS_QUOTE.match(after) or _CALL_FOLLOW.match(after)))
        and not (verb_l in _ASKING_FORMS and _ASKED_WHAT.match(text, v_end, hi))  # "asked Ann Bell whether"
        and not (verb_l in _DESCRIBING_FORMS and _DESCRIBED_AS.match(text, v_end, hi))  # "described the plan as"
        # "admitted in court that", "revealed on air that" (not "continued in the job that he loved")
        and not (verb_l != "continued" and _PHRASE_THEN_THAT.match(text, v_end, hi))
    )  # "called the plan “a shambles”", "critics call it a giveaway"
    # "..., the board admitted on Thursday.": a cue closing the sentence reports what precedes it.
    closing = bool(_CLOSING_CUE_TAIL.match(text, v_end, hi))
    aux = _AUX_TAIL.search(before, _aux_from(before))
    aux_start = v_start - (len(aux.group(0)) if aux else 0)
    if aux and aux.group(0).strip() == "":
        aux_start = v_start
    aux_text = text[aux_start:v_start]
    window = text[max(lo, aux_start - 20) : aux_start]
    if _PASSIVE_AUX.search(window, _tail_from(window, 6)) or _PASSIVE_AUX.search(before, _tail_from(before, 6)):
        return None
    # "The Electoral Commission on Thursday said": a time phrase between subject and verb is skipped.
    time_tail = _TIME_TAIL.search(text, max(lo, aux_start - 40), aux_start)
    if time_tail:
        aux_start = time_tail.start()
    # "The Northern Examinations Board (NEB) said": the bracketed acronym is skipped.
    paren = _PAREN_TAIL.search(text, max(lo, aux_start - 40), aux_start)
    speaker_end = paren.start() if paren else aux_start
    surveyed = _SURVEYED_TAIL.search(text, max(lo, speaker_end - 120), speaker_end) if " by " in before else None
    np: _NP | None
    if surveyed is not None:  # "Analysts surveyed by Bellwether Data had expected": the polled group
        np = _NP(
            surveyed.start("np"), surveyed.end("np"), "vague", surveyed.group("np"), surveyed.group("head").casefold()
        )
        weak = False
    else:
        np = (
            _work_before(text, lo, speaker_end)
            or _speaker_before(text, lo, speaker_end)
            or _definite_document(text, lo, speaker_end)
        )
    coordinated = False
    coord_start = v_start
    relative = _RELATIVE_WHO_TAIL.search(text, max(lo, speaker_end - 12), speaker_end) if np is None else None
    if relative is not None:
        # "Ann Bell, who said ...", "voters who say ...": the relative pronoun's antecedent speaks.
        ante_end = relative.start()
        ante_lo = _clause_start(text, lo, ante_end)
        if not relative.group(0).lstrip().startswith(","):
            ante_lo = _noun_phrase_start(text, ante_lo, ante_end)  # "critics who say", not "X rebuked critics"
        np = _parse_end(text, ante_lo, ante_end, full=False)
        if np is not None and np.shape == "vague" and relative.group("who").casefold() == "which":
            # "members of the Saudi government, which denied": "which" is the body, not its people
            of_at = text.rfind(" of ", np.start, ante_end)
            np = _parse_end(text, of_at + 4, ante_end, full=False) if of_at >= 0 else np
        if (
            np is not None
            and relative.group("who").casefold() == "which"
            and not (np.shape == "proper" or (np.shape == "common" and np.det.strip().casefold() == "the"))
        ):
            np = None  # "a company which believes": no body named or referred back to
        if np is None and relative.group("who").casefold() == "who" and not _in_quotation(text, lo, hi, v_start):
            # "a British man who said", "an architect who said": someone unnamed, a vague label
            person = _SOMEONE_BEFORE.search(text, max(ante_lo, ante_end - 60), ante_end)
            if person is not None:
                np = _NP(person.start("np"), person.end("np"), "vague", person.group("np"), person.group("head"))
            portion = _PORTION_TAIL.search(text, max(lo, ante_end - 90), ante_end) if person is None else None
            if portion is not None:  # "compared with 30 percent who say ...": the poll's share
                np = _NP(portion.start("np"), portion.end("np"), "portion", portion.group("np"), "respondents")
        if np is not None and np.shape != "pronoun":
            # The speaker as written is the pronoun; its antecedent gives the name.
            np.start, np.end = relative.start("who"), relative.end("who")
            coordinated, coord_start = True, relative.start("who")
        else:
            np = None
    if np is None and surveyed is None and not _in_quotation(text, lo, hi, v_start):
        # "Local traders who attended the meeting said": the subject before a restrictive who-clause
        restricted = _WHO_CLAUSE_TAIL.search(text, max(lo, speaker_end - 120), speaker_end)
        if restricted is not None and not re.search(r"\b(?:and|but|or)\b", restricted.group(0)):
            # (with "and" the verb is the who-clause's own: "the man who lacks experience and has attacked")
            ante_end = restricted.start()
            ante_lo = _noun_phrase_start(text, _clause_start(text, lo, ante_end), ante_end)
            np = _parse_end(text, ante_lo, ante_end, full=False)
            if np is not None and np.shape not in {"proper", "vague", "common", "spokes"}:
                np = None
    if np is None and surveyed is None:
        portion = _PORTION_TAIL.search(text, max(lo, speaker_end - 90), speaker_end)
        if portion is not None and not _BY_AFTER.match(after):  # "Sixty percent said", "one in four say"
            np = _NP(portion.start("np"), portion.end("np"), "portion", portion.group("np"), "respondents")
    if np is None and surveyed is None:
        # "Ann Bell criticised the plan and said ...": a second verb shares the clause's subject.
        coord = _COORD_TAIL.search(text, max(lo, speaker_end - 24), speaker_end)
        if coord is not None:
            coord_start = coord.end() - len(coord.group(0).lstrip(" \t\n,"))
            # Without a subject read here, the cue still waits for the one of an earlier cue in
            # the sentence (see ``_sentence_candidates``), which it is dropped without.
            np = (
                _clause_subject(text, lo, coord.start())
                or _subordinate_subject(text, lo, coord.start())
                or _clause_subject(text, lo, coord.start(), definite=True)
                or _NP(coord_start, coord_start, "pending", "")
            )
            coordinated = True
    if (
        np is not None
        and np.shape == "proper"
        and (verb_l in _BASE_FORMS or _PLURAL_AUX.search(aux_text))
        and _plural_common_noun_at_start(text, lo, np.start, text[np.start : np.end])
        and not _NAMED_MEMBERS.match(text, np.end, hi)
    ):
        # "Beekeepers say", "Lifeguards have warned": an unnamed group (plural verb), not a name.
        np = _NP(np.start, np.end, "vague", text[np.start : np.end], text[np.start : np.end].casefold())
    if (
        paren is not None
        and np is not None
        and np.shape == "proper"
        and not np.kind_hint
        and re.fullmatch(r"\s*\([A-Z][A-Za-z&.]*[A-Z]\)\s*", paren.group(0))
    ):
        np.kind_hint = "organization"  # a name that carries an acronym is a body, not a person
    rule = _CUE_RULES.get(verb_l) or _CUE_RULES.setdefault(verb_l, f"cue-verb:{verb_l}")
    confidence = 0.9
    if coordinated:
        kind_of = "relative-cue" if relative is not None else "coordinated-cue"
        rule, confidence = f"{kind_of}:{verb_l}", 0.8
    inverted = False
    # The left context as one string only when an inverted cue is possible (a copy per cue otherwise).
    left = text[max(lo, speaker_end - _WINDOW) : speaker_end].rstrip() if np is None and verb_l in _INVERTIBLE else ""
    if (
        np is None
        and verb_l in _INVERTIBLE
        and (not left or left[-1] in ",\u201d\"'\u2019" or left.endswith(("\u2014", "\u2013")))
    ):
        # "argue that imports from X grew": what follows "that" is the content, never the speaker
        np = None if _THAT_AFTER.match(text, v_end, hi) else _parse_start(text, v_end, _bounded(text, v_end, hi))
        if np is None and verb_l in _PLAIN_SPEECH | {"added", "tweeted", "wrote", "asked", "explained", "recalled"}:
            # '"...," said one longtime adviser to the mayor', 'said the woman, who ...'
            np = _generic_after(text, v_end, _bounded(text, v_end, hi))
        if np is not None and (
            _INVERTED_TAIL.match(text, np.end, hi)
            or (np.shape == "pronoun" and not _PRONOUN_SPEAKER_END.match(text, np.end, hi))
        ):
            np = None  # "..., said ministers should expect": the noun opens the content, it does not speak
        if (
            np is not None
            and _POSSESSIVE_TAIL.search(np.text)
            and not _AFTER_NAME_END.match(text, np.end, hi)  # "said David Wyss of Standard & Poor's in New York"
        ):
            # "said Clinton's top aide Jake Sullivan": the named holder of the role; "said Ali's death
            # is painful": content
            owned = _ROLE_THEN_OWNED_NAME.match(text, np.end, hi)
            np = (
                _NP(
                    np.start,
                    owned.end("name"),
                    "proper",
                    owned.group("name"),
                    desc=text[np.start : owned.start("name")].strip(),
                )
                if owned
                else None
            )
        inverted = np is not None
        if np is not None and np.shape in {"common", "descriptor", "vague"}:
            appos = _APPOSITIVE_NAME_AFTER.match(text, np.end, hi)
            if appos:  # "said the minister, Lars Holm": the name that follows is the speaker
                named = _parse_start(text, appos.start("name"), appos.end("name"))
                if named is not None and named.shape == "proper":
                    np = _NP(np.start, named.end, "proper", named.text, desc=text[np.start : appos.start("name")])
        if inverted:
            rule = (
                "quote-speaker-after"
                if re.search(r"[\u201d\"'\u2019]\s*$|[\u201d\"'\u2019],?\s*$", left)
                else f"cue-verb-inverted:{verb_l}"
            )
    if np is None and not weak and not inverted and not noun_like:
        # "Both candidates said", "Most of the candidates say", "the unsigned opinion said", "His wife
        # had warned": a noun phrase that opens its clause speaks, even with a head no list holds.
        np = _generic_subject(text, lo, speaker_end, aside=closing or after[:1] == "," or verb_l in _PLAIN_SPEECH)
        if (
            np is not None
            and (
                _SAID_TO_BE.match(text, v_end, hi)
                or not (
                    (verb_l in _PLAIN_SPEECH and not _TELLS_A_STORY.match(after))
                    or (verb_l not in _PLAIN_SPEECH and verb_l not in _OTHER_SENSES)
                    or _SPEECH_FOLLOW.match(after)
                    or (verb_l in _BELIEF_FORMS and _CLAUSE_FOLLOW.match(after))
                    # "..., a survey suggests.": the cue closes the sentence and reports what precedes it
                    or (closing and text[max(lo, np.start - _WINDOW) : np.start].rstrip()[-1:] in {",", '"', "\u201d"})
                )
            )
        ):
            np = None
        if np is not None:
            rule, confidence = f"subject-cue:{verb_l}", 0.75
    if (
        weak
        and np is not None
        and verb_l in _NAMING_VERBS
        and _RELATIVE_BEFORE.search(text, max(lo, np.start - 12), np.start)
    ):
        weak = False  # "the plan, which critics call a giveaway": the object is the relative pronoun
    if weak and np is not None and not inverted and not closing and verb_l in _ADDRESS_VERBS:
        # '"Is it over?" Ann Bell asked the minister.': the one asked closes the sentence
        addressee = _ADDRESSEE_TAIL.match(text, v_end, hi)
        closing = addressee is not None and bool(_CLOSING_CUE_TAIL.match(text, addressee.end(), hi))
    if weak and closing and np is not None and not inverted:
        # (a closing "''" or "\u2019" too: copy that quotes with two apostrophes or single quotes)
        weak = not text[max(lo, np.start - _WINDOW) : np.start].rstrip().endswith((",", "\u201d", '"', "'", "\u2019"))
        if weak and not text[lo : np.start].strip():
            # '"Is it over?" Ann Bell asked.': a quotation ending in ?/!/. closes a sentence of its
            # own, and the cue opening the next one credits it.
            weak = not _QUOTE_BEFORE_SENTENCE.search(text, max(0, lo - 4), lo)
    if weak and not closing and np is not None and not inverted and np.shape in {"proper", "pronoun"}:
        # '"...," Ann Bell admitted during an interview for ...': the quotation closed just before the
        # speaker is what the cue reports, however long the sentence runs on after it
        weak = not _QUOTE_CLOSES_BEFORE.search(text, max(lo, np.start - 6), np.start)
    if np is None or (weak and not inverted):
        return None
    if (
        verb_l in lex.NOUN_LIKE_FORMS
        and not inverted
        and _OBJECT_OF_VERB.search(text, max(lo, np.start - 40), np.start)
    ):
        return None  # "Ann Bell denied Labour claims that ...": the noun is the object of a cue before it
    if verb_l in {"expect", "fear", "hope"} and not inverted and _MODAL_AUX.search(aux_text):
        return None  # "said farmers should expect lower payments": a prediction about them, not their words
    if np.text.strip().casefold() in lex.NON_SOURCES:
        return None  # "Nobody told the staff", "People said": no one is credited
    if verb_l in _BASE_FORMS and not inverted and not _MODAL_AUX.search(aux_text):
        plural = (
            np.shape in {"vague", "common", "portion", "group"}
            and (np.head.endswith("s") or np.head in lex.COLLECTIVE_PLURALS)
            or (np.shape == "pronoun" and np.text in {"they", "we", "i"})
            or (np.shape == "proper" and np.text.split()[-1].endswith("s"))
            # "Some Harbour Board staff say", "GOP strategists say": a body's people, the phrase's own head
            or (np.shape == "proper" and _PLURAL_HEAD.search(text[np.start : np.end].split()[-1]) is not None)
            or (np.shape == "proper" and np.text.split()[-1].casefold() in lex.COLLECTIVE_PLURALS)
            or np.head == "police"
            # "Mr. Dahl and Mr. Berg say": two named people
            or (np.shape == "proper" and " and " in np.text and not np.text.endswith(" I"))
        )
        if not plural:
            return None
    if np.shape == "pronoun" and np.text not in {"he", "she", "it", "they"}:
        return None
    if np.text == "they" and np.shape == "pronoun" and not _after_quote(text, lo, np.start):
        # "They say ..." speaks for the group or body credited just before (``_resolve_they``), but
        # not inside a quotation, a relative clause ("who they say they are") or another cue's
        # content ("12% saying they had posted").
        if _OPEN_QUOTE.search(text, lo, np.start) or _THEY_EMBEDDED.search(text, max(lo, np.start - 20), np.start):
            return None
    if verb_l in {
        "believe",
        "believes",
        "believed",
        "think",
        "thinks",
        "thought",
        "fear",
        "fears",
        "feared",
        "hope",
        "hopes",
        "worry",
        "worries",
        "worried",
        "agree",
        "agrees",
        "agreed",
    }:
        confidence -= 0.1
    if np.shape in {"vague", "common", "portion", "group"}:
        confidence -= 0.1
    if inverted:
        start, end = v_start, np.end
    elif coordinated:  # the cue is "and said": the subject's mention belongs to the first verb
        start, end = coord_start, v_end
    else:
        start, end = np.start, v_end
    suffix = _STATEMENT_SUFFIX.match(text, end, hi)
    if suffix:
        end = suffix.end()
        if "statement" in suffix.group(0).casefold():
            rule = "in-a-statement"
    prefix_lo = max(lo, start - 60)
    prefix = _STATEMENT_PREFIX.search(text[prefix_lo:start]) if _ends_with_comma(text, prefix_lo, start) else None
    if prefix:
        start = prefix_lo + prefix.start()
        rule = "in-a-statement" if "statement" in prefix.group(0).casefold() else rule
    if np.shape == "spokes" and rule.startswith("cue-verb"):
        rule = "spokesperson-for"
    return _Candidate(start, end, rule, np, confidence, sentence, _statement_span(sentence, start, end))


# A body known by its type alone after a document's "by": "published by the regional statistics bureau".
_UNNAMED_BODY = re.compile(
    rf"\s*(?P<np>(?P<det>the|a|an)\s+(?P<mods>(?:[a-z][\w-]*\s+){{0,3}}?)(?P<head>{_alt(sorted(_BODY_WORDS))}))\b"
)


_TIED_TO_UNNAMED_BODY = re.compile(
    rf"\s(?:at|from|of|with)\s+the\s+(?P<mods>(?:[a-z][\w-]*\s+){{1,3}}?)(?P<head>{_alt(sorted(_BODY_WORDS))})\s*$"
)


def _unnamed_body(text: str, lo: int, hi: int) -> _NP | None:
    m = _UNNAMED_BODY.match(text, lo, hi)
    if m is None:
        return None
    return _NP(
        m.start("np"),
        m.end("np"),
        "common",
        m.group("np"),
        m.group("head"),
        det=m.group("det"),
        mods=m.group("mods").strip(),
    )


def _according(text: str, sentence: Sentence, m: re.Match[str]) -> _Candidate | None:
    lo, hi = m.end(), _bounded(text, m.end(), sentence.end)
    if hi <= lo:
        return None
    phrase = text[lo:hi]
    np: _NP | None = None
    by = _DOC_BY.match(phrase)
    if by:
        np = _parse_start(text, lo + by.end(), hi) or _unnamed_body(text, lo + by.end(), hi)
        definite = _DEFINITE_DOC_START.match(phrase) if np is not None and np.shape == "vague" else None
        if definite is not None:
            # "the indictment filed by prosecutors": the document itself, not its unnamed filers
            np = _NP(lo, lo + definite.end(), "document", definite.group(0), definite.group("head").casefold())
    if np is None:
        np = _doc_owner(text, lo, hi) or _definite_document(text, lo, hi)
    unnamed: re.Match[str] | None = None
    if np is None:
        np = _parse_start(text, lo, hi)
        if np is not None and np.shape == "pronoun":
            np = None
    if np is None:
        # "according to a survey", "according to statistics": data nobody is named for.
        unnamed = _UNNAMED_DOC.match(phrase)
        if unnamed is not None:
            np = _NP(lo, lo + unnamed.end("np"), "vague", unnamed.group("np"), unnamed.group("head").casefold())
    if np is None:
        np = _according_phrase(text, lo, hi)
        if np is not None:
            return _Candidate(
                m.start(), np.end, "according-to", np, 0.7, sentence, _statement_span(sentence, m.start(), np.end)
            )
    if np is None:
        return None
    end = np.end if unnamed is not None else max(np.end, hi if hi - np.end < 40 else np.end)
    return _Candidate(
        m.start(),
        end,
        "according-to",
        np,
        0.85 if np.shape != "vague" else 0.75,
        sentence,
        _statement_span(sentence, m.start(), end),
    )


# "according to the most recent data available", "according to his biography", "according to
# early returns": whatever noun phrase follows "according to" is the source the statement is
# credited to (a document, a record, a group), when none of the shapes above reads it. Only a
# plan or a rule that is followed is no source ("went according to plan").
_ACCORDING_PHRASE = re.compile(
    r"(?P<np>(?!(?:him|her|them|me|us|you|it|how|what|whether|where|when|why|who|which)\b)"
    r"[\w'\u2019$%-]+(?:\s+(?!(?:that|which|who|whom|whose|when|while|because|if|as|he|she|they|it|we|i)\b)"
    r"[\w'\u2019&$%.-]+){0,11})",
    re.I,
)
# A source is credited by a sentence adverbial: "According to X, ...", "..., according to X." Right
# after a verb or a noun, "according to" tells how ("operate according to a code", "rewarded
# according to sales").
_ACCORDING_ADVERBIAL_BEFORE = re.compile(r"(?:^|[,;:(\u2014\u2013\u201c\"]|--|[.!?][\u201d\"'\u2019]?)\s*$")
_NOT_A_SOURCE_AFTER_ACCORDING = frozenset("plan plans schedule script taste tradition custom form".split())


def _according_phrase(text: str, lo: int, hi: int) -> _NP | None:
    """The noun phrase after "according to" (``lo``) up to the clause's end (``hi``), read as a
    source of its own (``_resolve`` names a body it is tied to, else labels it)."""
    m = _ACCORDING_PHRASE.match(text, lo, hi)
    if m is None:
        return None
    opening = text.rfind("ccording", max(0, lo - 16), lo) - 1  # the "a" of "according to"
    if not _ACCORDING_ADVERBIAL_BEFORE.search(text, max(0, opening - 4), max(0, opening)):
        return None
    phrase = m.group("np").rstrip(" .")
    words = phrase.split()
    if not words or {w.casefold() for w in words} & _NOT_A_SOURCE_AFTER_ACCORDING:
        return None
    np = _phrase_source(phrase, lo, lo + len(phrase), words[-1].casefold())
    low = [w.casefold().strip(",.") for w in words]
    if (
        (np is None or np.shape == "group")
        and low[0] in {"the", "this", "that", "these", "those", "its", "their"}
        and len(low) > 1
        and words[1][:1].islower()
        and low[-1] not in _PERSON_HEADS | _PERSON_NOUNS
    ):
        # "according to the summary", "according to the results": a text or record referred back to,
        # an unnamed document (a label); a person ("according to the officer") is left to the rules above
        return _NP(lo, lo + len(phrase), "according-document", phrase, low[-1])
    return np


_UNNAMED_DOC = re.compile(
    rf"(?P<np>(?:(?:a|an|some|one|recent|new|official|several|other)\s+)*(?:[a-z][\w-]*\s+){{0,2}}?(?P<head>{_DOC_NOUN}))\b(?!['\u2019-])",
    re.I,
)
_NAMED_OWNER = re.compile(rf"(?:the\s+)?(?P<name>{_PROPER_RUN})['\u2019]s?\s")
_DEFINITE_DOC = re.compile(
    rf"{_WB}(?P<np>(?:(?:the|this|that|these|those|its|their)\s+(?:(?!(?:{_NOT_MOD})\b)(?-i:[a-z])[\w-]*\s+){{0,3}}?"
    # no determiner before a plural that opens its clause: "..., new figures show", "Official data suggest"
    rf"|(?:(?<=[,;:]\s)|(?<=^)|(?<=\.\s))(?:new|latest|fresh|official|recent|provisional|preliminary)\s+"
    rf"(?:(?!(?:{_NOT_MOD})\b)(?-i:[a-z])[\w-]*\s+){{0,2}}?(?=\w+s\b))(?:{_DOC_NOUN}))\s*$",
    re.I,
)
# How many sentences back a definite document ("the survey found") looks for the body it belongs to.
_DOCUMENT_REACH = 6


# A book or film that speaks ("The memoir claims", "Mr Hale's book claimed", "the documentary
# suggests"): its author when named with a possessive, else the work itself, a document.
_WORK_BEFORE = re.compile(
    rf"(?:(?P<owner>{_PROPER_RUN})['\u2019]s?\s+(?:(?-i:[a-z])[\w-]*\s+){{0,2}}?"
    rf"|{_WB}(?P<det>the|this|that|his|her|their|its|a|an)\s+(?:(?!(?:{_NOT_MOD})\b)(?-i:[a-z])[\w-]*\s+){{0,2}}?)"
    rf"(?P<head>{_alt(sorted(lex.WORK_NOUNS))})\s*$",
    re.I,
)


# "Long Shadows, by Ann Lamb, says": a title with its author in an appositive speaks for the author.
_TITLE_BY_AUTHOR = re.compile(rf"{_WB}(?P<title>{_PROPER_RUN}),\s+by\s+(?P<owner>{_PROPER_RUN}),\s*$")


_LAST_WORD = re.compile(r"([A-Za-z]+)\s*$")


def _work_before(text: str, lo: int, hi: int) -> _NP | None:
    if text[max(lo, hi - 2) : hi].rstrip().endswith(","):
        by = _TITLE_BY_AUTHOR.search(text, max(lo, hi - 120), hi)
        if by is not None:
            title = _clean_proper(by.group("title"))[0]
            return _NP(by.start("owner"), by.end("owner"), "proper", by.group("owner"), work=title)
    # The search below tries every start in its window: only run it when a work noun ends the span.
    last = _LAST_WORD.search(text, max(lo, hi - 24), hi)
    if last is None or last.group(1).casefold() not in lex.WORK_NOUNS:
        return None
    m = _WORK_BEFORE.search(text, max(lo, hi - 80), hi)
    if m is None:
        return None
    if m.group("owner"):
        owner = m.group("owner")
        return _NP(m.start("owner"), m.start("owner") + len(owner), "proper", owner)
    return _NP(
        m.start("det"), m.end("head"), "document", text[m.start("det") : m.end("head")], m.group("head").casefold()
    )


def _definite_document(text: str, lo: int, hi: int) -> _NP | None:
    """ "the survey", "the latest figures" ending at ``hi``: a document named earlier, resolved to its owner."""
    m = _DEFINITE_DOC.search(text, max(lo, hi - 80), hi)
    if m is None:
        return None
    return _NP(m.start("np"), m.end("np"), "document", m.group("np"))


# (only the last word in any case: "Quarto Research poll" is Quarto Research's poll)
_DOC_TAIL = re.compile(rf"(?:\s+(?-i:{_DOC_NOUN}))*\s+(?:{_DOC_NOUN})\s*$", re.I)
_DOC_WORD = re.compile(_DOC_NOUN, re.I)  # the document nouns are single words (see _doc_owner)
assert all(" " not in noun for noun in lex.DOCUMENT_NOUNS)


# How many lower-case words may stand between a document's owner and its noun ("Acme's annual tax
# transparency report").
_DOC_MODIFIERS = 4


def _doc_owner(text: str, lo: int, hi: int) -> _NP | None:
    """Owner of a document phrase ending at ``hi``: "the league's official statistics" -> the league.

    Only the last ``_WINDOW`` characters are read (the tail search is end-anchored).
    """
    lo = max(lo, hi - _WINDOW)
    seg = text[lo:hi].rstrip()
    # The tail ends in a document noun, a word of its own: when the last word is none, the
    # end-anchored search (a retry at every position of the window) cannot match.
    if not seg or not _DOC_WORD.fullmatch(seg.rsplit(None, 1)[-1]):
        return None
    tail = _DOC_TAIL.search(" " + seg)
    if not tail:
        return None
    end = lo + len(seg) - (len(tail.group(0)) - 1)
    words = list(re.finditer(r"[\w'\u2019-]+", text[lo:end]))
    stripped = 0
    while words and stripped < _DOC_MODIFIERS:
        w = words[-1].group(0)
        low = w.casefold()
        if _POSSESSIVE_TAIL.search(w) or low in lex.SPEAKER_HEADS or w[:1].isupper() or low in {"the", "a", "an"}:
            break
        if text[lo + words[-1].end() : end].strip():
            break  # a comma or a bracket: the modifiers stop there ("... handsets, research suggests")
        end = lo + words[-1].start()
        words.pop()
        stripped += 1
    if not words:
        return None
    end = lo + words[-1].end()
    owner_end = end
    last = text[lo:end]
    poss = re.search(r"['\u2019]s?$", last)
    if poss:
        owner_end = end - len(poss.group(0))
    np = _parse_end(text, lo, owner_end, full=False, bare=True)
    if np is None or np.shape == "pronoun":
        return None
    doc_words = text[end:hi].split()
    if (
        np.shape == "proper"
        and not poss
        and len(doc_words) == 1
        and doc_words[0][:1].isupper()
        and doc_words[0].casefold() in lex.NAMED_DOCUMENT_WORDS
    ):
        # "The Hollis Report found": the capitalised document word ends a document's own name.
        return _NP(np.start, hi, "proper", text[np.start : hi].strip(), np.head, np.desc, np.det, np.mods)
    if np.shape == "common" and np.head not in lex.SPEAKER_HEADS:
        return None
    if np.shape == "proper" and _norm(np.text) in sourcing.DOCUMENT_MODIFIERS:
        # "Recent housing market surveys have indicated", "Leaked documents have suggested": a
        # capitalised first word, not an owner; nobody is named.
        return _NP(np.start, hi, "vague", text[np.start : hi].strip(), "")
    return _NP(np.start, hi, np.shape, np.text, np.head, np.desc, np.det, np.mods)


_DOCUMENT_PHRASE_WORDS = frozenset("the a an its their his her our this that these those".split())


def _plain_document_phrase(words_before: str) -> bool:
    """The words before a document noun are its owner's name, a determiner or a document modifier
    ("Gallup's", "the latest", "its"), not a clause of their own."""
    return all(
        w[:1].isupper() or w.casefold() in _DOCUMENT_PHRASE_WORDS or w.casefold() in sourcing.DOCUMENT_MODIFIERS
        for w in re.findall(r"[\w'\u2019-]+", words_before)
    )


_WITH_DOCUMENT = re.compile(r"(?<![\w-])(?:with|despite|amid)\s+(?P<mods>(?:[a-z][\w-]*\s+){0,2})$", re.I)


def _doc_show(
    text: str, sentence: Sentence, d_start: int, d_end: int, end: int, *, participle: bool = False
) -> _Candidate | None:
    with_phrase = _WITH_DOCUMENT.search(text, max(sentence.start, d_start - 40), d_start) if participle else None
    if with_phrase is not None:  # "with recent polls showing ...": the polls, unnamed
        at = with_phrase.start("mods")
        np: _NP | None = _NP(at, d_end, "according-document", text[at:d_end], text[d_start:d_end].casefold())
    else:
        np = _doc_owner(text, sentence.start, d_end) or _definite_document(text, sentence.start, d_end)
    if np is None:
        # "One poll shows", "A poll last month found", "Polls show that": an unnamed one, a document
        np = _generic_subject(text, sentence.start, d_end)
        opening = _clause_start(text, max(sentence.start, d_start - _WINDOW), d_start)
        conj = _LEADING_CONJ.match(text, opening, d_start)
        if np is None and not text[conj.end() if conj else opening : d_start].strip():
            np = _NP(d_start, d_end, "according-document", text[d_start:d_end], text[d_start:d_end].casefold())
        if np is None or np.shape != "according-document":
            return None
    if participle and with_phrase is None and not _plain_document_phrase(text[np.start : d_start]):
        return None  # "colleagues keep email records showing ...": the records are an object
    start = np.start
    doc = text[d_start:d_end].casefold()
    return _Candidate(start, end, f"data-show:{doc}", np, 0.8, sentence, _statement_span(sentence, start, end))


_PREP_INTRO = re.compile(
    r"^(?:at|in|on|during|after|before|speaking|asked|when|while|earlier|later|last|this|meanwhile|however|yesterday|today)\b[^,]{0,80},\s*",
    re.I,
)


# "He rejected the offer, saying ...": a personal pronoun subject speaks too (resolved as any
# pronoun speaker); "It rained all day, adding to ..." is no speech.
_PARTICIPLE_PRONOUNS = frozenset({"he", "she", "they"})


_PARTICLE_PARTICIPLES = frozenset({"referring", "pointing"})
_PARTICLE_AFTER = re.compile(r"\s+(?:to|out)\b", re.I)


def _participle(text: str, sentence: Sentence, m: re.Match[str]) -> _Candidate | None:
    lo = sentence.start
    if m.group("p").casefold() in _PARTICLE_PARTICIPLES and not _PARTICLE_AFTER.match(text, m.end(), sentence.end):
        return None  # "referring to the vote", "pointing out that"; never "referring the issue to its lawyers"
    # Every piece below reads a bounded window: the sentence start is the same for each
    # ", saying" of a sentence, and rereading all of it for each one would be quadratic.
    body = text[lo : min(m.start(), lo + _WINDOW)]
    dl = _DATELINE.match(body)
    start = lo + (dl.end() if dl else 0)
    intro = _PREP_INTRO.match(text[start : min(m.start(), start + _WINDOW)])
    if intro:
        start += intro.end()
    np = _parse_start(text, start, min(m.start(), start + _WINDOW))
    if np is None or (np.shape == "pronoun" and np.text.casefold() not in _PARTICIPLE_PRONOUNS):
        return None
    # The subject's verb follows it, possibly after an appositive ("Ann Bell, a lawyer, hit out at ...").
    if not _PREDICATE_AFTER.match(text, np.end, min(m.start(), np.end + _WINDOW)):
        return None
    end = m.end()
    # the one addressed ("telling reporters", "urging the council"), never what is said ("saying the plan ...")
    obj = (
        re.match(
            r"\s+(?:colleagues|reporters|journalists|the\s+\w+|him|her|them|supporters|residents)\b",
            text[end : sentence.end],
        )
        if m.group("p").casefold() not in _CONTENT_PARTICIPLES | lex.STANCE_PARTICIPLES
        else None
    )
    if obj:
        end += obj.end()
    return _Candidate(
        np.start,
        end,
        f"participle:{m.group('p').casefold()}",
        np,
        0.7,
        sentence,
        _statement_span(sentence, np.start, end),
    )


# ---------------------------------------------------------------------------------------
# Resolution: canonical name and kind
# ---------------------------------------------------------------------------------------
def _lookup_known(state: _DocState, *names: str) -> SourceRef | None:
    for name in names:
        key = name.strip().casefold()
        if not key:
            continue
        for variant in (key, key[3:].lstrip() if key.startswith("the") and key[3:4].isspace() else key):
            source = state.known.get(variant)
            if source is not None:
                return SourceRef(name=source.name, kind=source.kind)
    return None


# What only a business has: "Nadira's shares", "Nadira's chief executive", "shares in Nadira".
_FIRM_SIGN = re.compile(
    # The look-behind lets a name start only where a run of name characters does: one try per run.
    rf"(?<![\w'\u2019&.-])(?P<a>{_NAME_TOKEN})['\u2019]s?\s+"
    r"(?:(?:annual|quarterly|pre-tax|net|operating|full-year|first-half)\s+)?"
    r"(?:shares|share\s+price|profits?|sales|revenues?|earnings|customers|shareholders|stores|subsidiary|"
    r"headquarters|chief\s+executive|chief\s+financial\s+officer)\b"
    rf"|\b[Ss]hares\s+in\s+(?P<b>{_NAME_TOKEN})"
)


# Every match of ``_FIRM_SIGN`` (case-sensitive) holds one of these: a text holding none is not scanned.
_FIRM_WORDS = tuple("share hares profit sales revenue earnings customers stores subsidiary headquarters chief".split())


def _firm_names(state: _DocState) -> frozenset[str]:
    """One-word names the article treats as businesses (casefolded), read once per article."""
    if state.firms is None:
        found = set()
        scanned = _FIRM_SIGN.finditer(state.text) if any(word in state.text for word in _FIRM_WORDS) else ()
        for m in scanned:
            word = _POSSESSIVE_TAIL.sub("", m.group("a") or m.group("b") or "")
            if word:
                found.add(word.casefold())
        state.firms = frozenset(found)
    return state.firms


def _office_label(tokens: Sequence[str]) -> SourceRef | None:
    """ "Director of Public Prosecutions", "Minister for Rural Affairs": an office, no one's name;
    a label (lower case), not a Source row. ``None`` for a name."""
    if len(tokens) < 3 or not any(t.casefold() in {"of", "for"} for t in tokens[1:]):
        return None
    first = _norm(tokens[0])
    words = " ".join(tokens)
    if first in lex.JOB_WORDS or first in lex.TITLES:
        if _org_or_gov(tokens[:1]):
            return None
        return SourceRef(name=words.casefold(), kind="person")
    return None


def _resolve(state: _DocState, np: _NP, sentence: Sentence) -> SourceRef | None:
    surface = state.text[np.start : np.end]
    if np.shape == "impersonal":  # "it is reported": nobody named, a label
        return SourceRef(name=np.text, kind="vague")
    if np.shape == "vague":
        known = _lookup_known(state, np.text)
        if known:
            return known
        owner = _NAMED_OWNER.match(np.text)
        if owner is not None and _plural_common_noun_at_start(
            state.text, sentence.start, np.start, owner.group("name")
        ):
            owner = None  # "Teachers' unions have warned": unnamed bodies, not a named one's
        if owner is not None:  # "Defra's lawyers", "Gartner's analysts": they speak for a named body
            owner_name, owner_titled = _clean_proper(owner.group("name"))
            if owner_name and _norm(owner_name.split()[0]) not in lex.NON_NAME_CAPS:
                owner_kind: SourceKind = _proper_kind(owner_name, titled=owner_titled, desc="") or (
                    "person" if owner_name in _names(state, state.persons) else "organization"
                )
                return _lookup_known(state, owner_name) or SourceRef(name=owner_name, kind=owner_kind)
        tied_head = _TIED_TO_HEAD.search(np.text) if np.head in _SPOKES_WORDS else None
        if tied_head is not None:
            named = _named_by_head(state, tied_head.group(1), np.start)
            if named is not None:  # "a spokesman for the district": the body whose name ends so
                return named
        for tied in _TIED_TO_NAMED.finditer(np.text):
            name, titled = _clean_proper(tied.group("org"))
            if not name or _norm(name.split()[0]) in lex.NON_NAME_CAPS:
                continue
            known = _lookup_known(state, name)
            if known:
                return known
            kind = _proper_kind(name, titled=False, desc="")
            if tied.group("prep") in {"in", "of"} and kind not in {"government_body", "organization"}:
                continue
            kind = kind or "organization"
            if kind != "person":
                return SourceRef(name=name, kind=kind)
            break
        tied_body = _TIED_TO_UNNAMED_BODY.search(np.text)
        if tied_body is not None:
            # "forecasters at the state weather agency": the agency speaks through them, named by type
            head = tied_body.group("head")
            return SourceRef(name=f"{tied_body.group('mods')}{head}", kind=_head_kind(head.casefold()))
        return SourceRef(name=_vague_name(np.text), kind="vague")
    if np.shape == "according-document":  # "according to the latest figures from the FBI"
        owned_by = _owned_document_source(state, np, sentence)
        if owned_by is not None:
            return owned_by
        linked = _resolve(state, replace(np, shape="vague"), sentence)
        if linked is not None and linked.kind != "vague":
            return linked
        if np.text.split()[0].casefold() in {"a", "an", "one"}:  # "a survey suggests": an unnamed one
            return SourceRef(name=" ".join(np.text.casefold().split()), kind="document")
        return SourceRef(name=_document_name(np.text), kind="document")
    if np.shape == "research":
        return _resolve_research(state, np, sentence)
    if np.shape == "described":  # "the Leeds-based baker": the body just named, else nobody
        if lex.SPEAKER_HEADS.get(np.head) == "person" or np.head in lex.JOB_WORDS:
            return _resolve_pronoun(state, replace(np, shape="descriptor"), sentence)
        return _described_body(state, np, sentence)
    if np.shape == "group":
        # "the judges said": the group described before, a lower-case label like '"...," the moderator
        # said' (no Source row, and no vague source for the unverified detectors to flag)
        return SourceRef(name=" ".join(np.text.casefold().split()), kind="person")
    if np.shape == "label":
        # '"...," the moderator said': the person introduced with those role words, else a label
        words = np.text.split()[1:]
        named = _resolve_role(state, " ".join(words), np.start)
        if named is None and np.text.split()[0].casefold() == "the" and np.head in _PERSON_HEADS:
            # '"...," the British actor said': a job word stands for the person named before
            named = _resolve_pronoun(state, replace(np, shape="descriptor"), sentence)
        return named or SourceRef(name=" ".join(w.casefold() for w in words), kind="person")
    if np.shape in {"pronoun", "descriptor"}:
        return _resolve_pronoun(state, np, sentence)
    if np.shape == "portion":
        # "58 percent of voters said": a poll's finding, sourced by the poll (named or not), so a
        # document like "the survey found", never an unnamed speaker (lower case: a label, no row).
        return SourceRef(name=" ".join(np.text.casefold().split()), kind="document")
    if np.shape == "document" and np.head in lex.WORK_NOUNS:
        return SourceRef(name=_document_name(np.text), kind="document")  # "the book says": no owner guessed
    if np.shape == "document":
        owned_by = _owned_document_source(state, np, sentence)
        if owned_by is not None:
            return owned_by
        introduced = _document_introducer(state, np, sentence)
        if introduced is not None:  # "The report said" after "The Audit Office criticised X in a report"
            return introduced
        # "The survey found": the survey of the body named last, if one is named close by.
        body = _last_before(state, ("all", ""), np.start, frozenset({"person", "vague", "document"}))
        if body is None or body.sentence < sentence.index - _DOCUMENT_REACH:
            # Nobody is named for it: the document itself is the source ("the report"), an
            # unnamed one (lower case), which is sourcing but not a Source row of its own.
            return SourceRef(name=_document_name(np.text), kind="document")
        return SourceRef(name=body.name, kind=body.kind)
    if np.shape in {"proper", "spokes"} and np.text[:1].isupper():
        name, titled = _clean_proper(np.text)
        if not name:
            return None
        if np.shape == "spokes" and surface[:4].casefold() == "the ":
            named = _resolve_role(state, surface[4:], np.start)
            if named is not None:  # "The Tory spokesman said" after "Tory spokesman Ann Bell": her
                return named
        known = _lookup_known(state, name, np.text, surface)
        if known:
            return known
        party = lex.PARTY_FULL_NAMES.get(name.casefold())
        if party is not None:  # "the Lib Dems said": the party, by the name it goes by in full
            return _lookup_known(state, party) or SourceRef(name=party, kind="organization")
        tokens = name.split()
        office = _office_label(tokens)
        if office is not None:
            return office
        conjuncts = re.split(r"\s+(?:and|&)\s+", name)
        if len(conjuncts) == 2 and all(len(c.split()) == 1 for c in conjuncts) and not _courtesy(np.text):
            # "Airbus and Boeing accuse": two one-word names are bodies unless the article knows both
            # as people's surnames ("Hale and Ruiz", after "Ann Hale" and "Tom Ruiz").
            if not all(_POSSESSIVE_TAIL.sub("", c).casefold() in state.surnames for c in conjuncts):
                return SourceRef(name=name, kind="organization")
        if _ACRONYM.fullmatch(name):
            expanded = _expand_acronym(state, name)
            if expanded is not None:  # "an FA spokesman" after "the Football Association": one body
                return _lookup_known(state, expanded.name) or expanded
        if (
            _norm(tokens[-1]) in lex.PERSON_ROLES
            and _INDEFINITE.match(surface)
            and all(_norm(t) in _AFFILIATION_WORDS for t in tokens[:-1])
        ):
            # "A senior Tory MP has criticised": someone unnamed, described by a role (no Source row)
            return SourceRef(name=_vague_name(surface), kind="vague")
        if _norm(tokens[-1]) in _ROLE_WORDS and re.match(r"the\s", surface, re.I):
            named = _resolve_role(state, name, np.start)
            if named is not None:  # "the Foreign Secretary said": the person introduced with that role
                return named
            if (_norm(tokens[-1]) in lex.PERSON_ROLES or _norm(tokens[-1]) in lex.TITLES) and not _org_or_gov(tokens):
                # No one was named with that role: "the Tory leader" is a role, a label like "the
                # minister", never a Source row called "Tory leader".
                return SourceRef(name=name.casefold(), kind="person")
        if len(tokens) == 1:
            full = state.surnames.get(_POSSESSIVE_TAIL.sub("", tokens[0]).casefold()) or _surname_variants(
                state, tokens[0]
            )
            if full and len(full) > 1:
                # Prefer people the pre-scan is sure of over loosely captured capitalised runs.
                sure = _names(state, state.persons) & full
                full = sure or full
            if full and len(full) == 1:
                (full_name,) = tuple(full)
                return _lookup_known(state, full_name) or SourceRef(name=full_name, kind="person")
            if full and len(full) > 1:
                # Several people share the surname: keep the surname, spelt as they spell it.
                lasts = {n.split()[-1] for n in full}
                return SourceRef(name=lasts.pop() if len(lasts) == 1 else name, kind="person")
        kind = _proper_kind(name, titled=titled, desc=np.desc, courtesy=_courtesy(np.text))
        if kind is None and np.kind_hint in _KIND_BY_LABEL:
            kind = _KIND_BY_LABEL[np.kind_hint]
        if kind is None:
            if np.shape == "spokes":
                kind = "organization"
            elif len(tokens) == 1:
                key = name.casefold()
                prior = _last_before(state, ("name", key), np.start)
                if prior is not None:
                    return SourceRef(name=prior.name, kind=prior.kind)
                lead = _last_before(state, ("first", key), np.start, frozenset({"person"})) or _last_subject(
                    state, key, np.start
                )
                if lead is not None:
                    return SourceRef(name=lead.name, kind=lead.kind)
                # "Labour said": a party; "Nadira said" where the text speaks of "Nadira's shares": a firm
                kind = "organization" if key in lex.PARTY_NAMES or key in _firm_names(state) else "person"
            else:
                # a body when the pre-scan read it as one ("Acme Mills has ..., saying its ...")
                kind = "organization" if name in state.bodies else "person"
        if np.shape == "spokes" and kind == "person":
            kind = "organization"
        return SourceRef(name=name, kind=kind)
    # Common noun phrase: "the company", "the county health department", "council".
    head = np.head
    if head in state.doc_owners:
        owned_by = _owned_document_source(state, np, sentence)
        if owned_by is not None:  # "the paper reports" after "a paper published in the Journal of X"
            return owned_by
    known = _lookup_known(state, np.text, re.sub(r"^\w+\s+", "", np.text))
    if known:
        return known
    generic_mods = not np.mods or np.mods.casefold() in {"same", "local", "national", "state"}
    singular = lex.PLURAL_ANAPHORS.get(head)
    if singular is not None:
        # "the companies said": the organisations named just before, together; else a group.
        if generic_mods and np.det in {"the", "both", "all"}:
            ref = _resolve_plural(state, singular, np.start, sentence)
            if ref is not None:
                return ref
        if not np.det:
            return None  # "Rival teams have complained": not a back-reference
        return SourceRef(name=_vague_name(state.text[np.start : np.end]), kind="vague")
    if head in lex.ANAPHORIC_HEADS and generic_mods and np.det in {"the", "its", "their", ""}:
        ref = _resolve_anaphor(state, head, np.start, sentence)
        if ref is not None:
            return ref
    elif np.det == "the" and generic_mods:
        ref = _nearest_body(state, head, np.start, sentence)
        if ref is not None:  # "the utility said": a body of that type the story named
            return ref
    if np.det == "the" and not generic_mods and np.mods.islower() and lex.SPEAKER_HEADS.get(head) == "organization":
        ref = _described_body(state, np, sentence)
        if ref is not None:  # "the cloud software company said" just after "Acme Inc."
            return ref
    if np.det == "the" and not np.mods and head not in lex.SPEAKER_HEADS:
        ref = _named_by_head(state, head, np.start)
        if ref is not None:  # "the district said": the body whose name ends so
            return ref
    if np.shape == "definite":
        return None  # "the ball said": no body of that name, nobody credited
    phrase = " ".join(w for w in [np.mods, head, np.of_tail] if w)
    if not phrase:
        return None
    if head in _SPOKES_WORDS and np.det in {"a", "an"} and not np.mods and not np.of_tail:
        spoken_for = _body_spoken_for(state, np.start, sentence)
        if spoken_for is not None:  # "..., the council has not ..., a spokesperson said": the council's
            return spoken_for
    if np.shape == "common" and np.det == "the" and head in _ROLE_WORDS and head not in _BODY_WORDS:
        named = _resolve_role(state, phrase, np.start)
        if named is not None:  # "the chief executive said": the one the article introduced so
            return named
    kind = _KIND_BY_LABEL.get(lex.SPEAKER_HEADS.get(head, ""), _head_kind(head))
    if kind == "person":
        # A role nobody was named with ("the Tory leader", "the England coach"): a label in lower
        # case, like "spokesman", never a Source row with a job word for a name.
        return SourceRef(name=phrase.casefold(), kind="person")
    return SourceRef(name=phrase, kind=kind)


_BODY_MENTION = re.compile(rf"\b(?:the|its)\s+({_alt(sorted(lex.ANAPHORIC_HEADS))})\b", re.I)


def _body_spoken_for(state: _DocState, pos: int, sentence: Sentence) -> SourceRef | None:
    """Whom an unnamed spokesperson ("a spokesperson said") speaks for: the body the sentence
    mentions before the cue, outside any quotation ("the council has not ...", "Acme has not ..."); no
    one when it mentions none (the label stays: a body named sentences before is too often another)."""
    lo = max(sentence.start, pos - _WINDOW)  # (a sentence of thousands of cues is read near each one only)
    mentions = list(_BODY_MENTION.finditer(state.text, lo, pos))
    for mention in reversed(mentions):
        if _in_quotation(state.text, sentence.start, sentence.end, mention.start()):
            continue
        ref = _resolve_anaphor(state, mention.group(1).casefold(), mention.start(), sentence)
        if ref is not None and ref.kind in {"organization", "government_body"}:
            return ref
    body = _last_before(
        state, ("sentence", str(sentence.index)), pos, frozenset({"person", "vague", "document", "outlet"})
    )
    if body is None or body.pos < lo or _in_quotation(state.text, sentence.start, sentence.end, body.pos):
        return None
    return SourceRef(name=body.name, kind=body.kind)


def _resolve_research(state: _DocState, np: _NP, sentence: Sentence) -> SourceRef:
    """A research team speaks as the institution named with it ("researchers at Larkfield
    University"); unnamed ("the researchers"), as the research body named in the few sentences
    before; else it is an unnamed group, a vague label."""
    if np.kind_hint:
        name, _ = _clean_proper(np.kind_hint)
        if name:
            kind = _proper_kind(name, titled=False, desc="")
            return _lookup_known(state, name) or SourceRef(
                name=name, kind=kind if kind in {"government_body", "outlet"} else "organization"
            )
    words = np.text.split()
    if words and words[0].casefold() in {"the", "this"}:
        for word in sorted(_RESEARCH_BODY_WORDS):
            body = _last_before(state, ("word", word), np.start)
            if body is not None and body.sentence >= sentence.index - _RESEARCH_REACH and body.kind != "person":
                return SourceRef(name=body.name, kind=body.kind)
    elif sentence.index < _LEAD_SENTENCES:
        # A lead's "A team of researchers has shown" names its institution in the sentences after it.
        at = bisect_left(state.entities, np.end, hi=state.sorted_entities, key=lambda e: e.pos)
        for e in state.entities[at : state.sorted_entities]:
            if e.sentence > sentence.index + _RESEARCH_LEAD_REACH:
                break
            if e.kind != "person" and {_norm(w) for w in e.name.split()} & _ACADEMIC_WORDS:
                return SourceRef(name=e.name, kind=e.kind)
    if words and words[0].casefold() in {"the", "this", "a", "an", "one"}:
        words = words[1:]
    return SourceRef(name=" ".join(w.casefold() for w in words), kind="vague")


def _document_introducer(state: _DocState, np: _NP, sentence: Sentence) -> SourceRef | None:
    """Who brought out "the report" that now speaks: the body opening the sentence that introduced a
    report ("The Audit Office faulted the council in a report on Monday"), within a few sentences."""
    words = np.text.casefold().split()
    if words[0] not in {"the", "this"}:
        return None
    head = np.head or words[-1]
    lo = state.sentence_starts[max(0, sentence.index - _DOCUMENT_REACH)]
    mention = max(_INTRODUCED_DOCUMENT.finditer(state.text, lo, sentence.start), key=lambda m: m.start(), default=None)
    if mention is None or mention.group("head").casefold().rstrip("s") != head.rstrip("s"):
        return None
    index = bisect_left(state.sentence_starts, mention.start() + 1) - 1
    subject = state.subjects.get(index)
    if subject is None or subject.kind == "person" or subject.name in state.surnames:
        return None
    return SourceRef(name=subject.name, kind=subject.kind)


# (the subject's own document: "... in a report", "published a survey"; never "according to a survey")
_INTRODUCED_DOCUMENT = re.compile(
    rf"\b(?:in|published|released|issued|produced|commissioned)\s+(?:an?|its|their)\s+(?:[a-z][\w-]*\s+){{0,2}}"
    rf"(?P<head>{_DOC_NOUN})\b",
    re.I,
)


def _document_name(phrase: str) -> str:
    """ "The latest figures", "this report" -> "the latest figures", "the report": how an unnamed
    document is labelled (never a proper name, so never a Source row of its own)."""
    words = phrase.split()
    if words and words[0].casefold() in {"the", "this", "that", "these", "those", "its", "their"}:
        words = words[1:]
    return " ".join(["the", *(w.casefold() for w in words)])


def _last_subject(state: _DocState, first: str, pos: int) -> _Entity | None:
    """The last sentence subject (in sentence order) whose name starts with ``first`` and lies before ``pos``."""
    if state.subjects_by_first is None:  # the subjects are all known once the pre-scan is done
        state.subjects_by_first = {}
        for e in state.subjects.values():
            state.subjects_by_first.setdefault(e.name.split()[0].casefold(), []).append(e)
    found = [e for e in state.subjects_by_first.get(first, ()) if e.pos < pos]
    return found[-1] if found else None


def _resolve_plural(state: _DocState, singular: str, pos: int, sentence: Sentence) -> SourceRef | None:
    label = lex.SPEAKER_HEADS.get(singular, "organization")
    kinds = {"organization"} if label == "organization" else {label, "organization"}
    recent = [e for e in _recent(state, sentence.index - 3, sentence.index, pos) if e.kind in kinds]
    names = list(dict.fromkeys(e.name for e in recent))
    if len(names) == 1 and " and " in names[0]:
        return SourceRef(name=names[0], kind=_KIND_BY_LABEL.get(label, "organization"))  # "Acme Corp and Birch Ltd"
    if len(names) < 2:
        return None
    names = names[-3:] if len(names) <= 3 else names[-2:]
    joined = ", ".join(names[:-1]) + " and " + names[-1]
    return SourceRef(name=joined, kind=_KIND_BY_LABEL.get(label, "organization"))


def _resolve_anaphor(state: _DocState, head: str, pos: int, sentence: Sentence) -> SourceRef | None:
    label = lex.SPEAKER_HEADS.get(head, "organization")
    # Each "last entity before pos such that ..." is a keyed look-up (``_last_before``), not a
    # scan of every entity in the article for every cue.
    named = _last_before(state, ("word", head), pos)
    if named is not None:
        return SourceRef(name=named.name, kind=named.kind)
    # A lead sentence may name the body only in the next one ("..., the board admitted.").
    if _last_before(state, ("all", ""), pos) is None:
        ahead = [
            e
            for e in state.entities
            if e.pos > pos and e.sentence <= sentence.index + 1 and head in {_norm(w) for w in e.name.split()}
        ]
        if ahead:
            return SourceRef(name=ahead[0].name, kind=ahead[0].kind)
    if head in lex.GENERIC_ORG_ANAPHORS:
        subject = state.subjects.get(sentence.index)
        if subject is not None and subject.pos < pos:
            return SourceRef(name=subject.name, kind="organization")
        org = _last_before(state, ("kind", "organization"), pos)
        if org is not None:
            return SourceRef(name=org.name, kind="organization")
        topic = _topic_body(state)
        if topic is not None and topic.pos < pos:  # "the company" of a story about one company
            return SourceRef(name=topic.name, kind="organization")
        for index in range(sentence.index - 1, max(-1, sentence.index - 4), -1):
            subject = state.subjects.get(index)
            if subject is not None:
                return SourceRef(name=subject.name, kind="organization")
    if label == "outlet":
        outlet = _last_before(state, ("kind", "outlet"), pos)
        if outlet is not None:
            return SourceRef(name=outlet.name, kind="outlet")
    # "the watchdog said" after "The Police Standards Office said": a type word for the body that
    # just spoke, when no name holds the word (a league is no club named before it: only a speaker)
    credited = [e for e in state.groups if e.pos < pos and e.sentence >= sentence.index - _BODY_REACH]
    if credited and credited[-1].kind == lex.SPEAKER_HEADS.get(head) and _descriptive_head(state, head):
        return SourceRef(name=credited[-1].name, kind=credited[-1].kind)
    return None


# How many sentences back "the watchdog said" may look for the body of its kind named just before it.
_BODY_REACH = 1


def _nearest_body(state: _DocState, head: str, pos: int, sentence: Sentence) -> SourceRef | None:
    """A body described by its type, not its name ("the watchdog said" just after "The Police Standards
    Office said"; "the utility said" in a story whose lead is about Kopano Power): the body of the head's
    kind named in the sentence or the one before, else the non-person subject of the lead.

    Only when no name in the article ends in or holds the head word (then that body is meant, and the
    callers found it already), and never for a person's head."""
    label = lex.SPEAKER_HEADS.get(head, "")
    if label not in {"organization", "government_body"} or not _descriptive_head(state, head):
        return None
    kind: SourceKind = "government_body" if label == "government_body" else "organization"
    close = _close_body(state, frozenset({kind}), pos, sentence)
    if close is not None:
        return close
    topic = _topic_body(state) if kind == "organization" else None  # ("the court": not any body of the story)
    if topic is not None and topic.pos < pos and topic.kind == kind:
        return SourceRef(name=topic.name, kind=topic.kind)
    return None


def _descriptive_head(state: _DocState, head: str) -> bool:
    """Whether "the <head>" describes a body rather than naming its type: a head no name in the article
    holds and that bodies are not named with ("watchdog", not "council" or "league", whose "the council"
    is a council of its own), never a plural like "police"."""
    return not (
        head in lex.COLLECTIVE_PLURALS
        or head in _BODY_WORDS
        or state.name_heads.get(head)
        or _keyed(state, ("word", head))
    )


def _close_body(state: _DocState, kinds: frozenset[str], pos: int, sentence: Sentence) -> SourceRef | None:
    """The last body of one of ``kinds`` named in the sentence before ``pos`` (outside a quotation) or in
    the sentence before it."""
    close = [
        e
        for e in _recent(state, sentence.index - _BODY_REACH, sentence.index, pos)
        if e.kind in kinds
        and e.name[:1].isupper()
        and not (e.pos >= sentence.start and _in_quotation(state.text, sentence.start, pos, e.pos))
    ]
    return SourceRef(name=close[-1].name, kind=close[-1].kind) if close else None


# Modifiers that set a body apart from the one just named ("the rival company", "its parent firm").
_CONTRAST_MODS = frozenset(
    "other another rival parent former new old second third first last previous sister larger smaller bigger".split()
)


def _described_body(state: _DocState, np: _NP, sentence: Sentence) -> SourceRef | None:
    """A body described, not named, just after its name: "Acme Inc. jumped after the cloud software
    company reported", "the Leeds-based baker said" (the body of the sentence or the one before, else
    the story's lead subject). ``None`` for a person's head or a modifier that contrasts."""
    if {w.casefold() for w in np.mods.split()} & _CONTRAST_MODS:
        return None
    label = lex.SPEAKER_HEADS.get(np.head, "")
    if label in {"person", "outlet"} or np.head in lex.JOB_WORDS or np.head in lex.PERSON_ROLES:
        return None
    kinds = frozenset({label}) if label else frozenset({"organization", "government_body"})
    close = _close_body(state, kinds, np.start, sentence)
    if close is not None:
        return close
    topic = _topic_body(state)
    if topic is not None and topic.pos < np.start and topic.kind in kinds:
        return SourceRef(name=topic.name, kind=topic.kind)
    return None


def _topic_body(state: _DocState) -> _Entity | None:
    """The body a news story is about: the subject of its lead (the first sentence that opens with a
    name, among the first two) when that name is no person's ("Kopano Power has suspended ...")."""
    for index in range(_LEAD_SENTENCES):
        subject = state.subjects.get(index)
        if subject is None:
            continue
        words = subject.name.split()
        if (
            subject.name in _names(state, state.persons)
            or english.is_given_name(words[0].casefold())
            or subject.name.casefold() in state.surnames
        ):
            return None
        return subject
    return None


_SPOKES_SEX = {"spokeswoman": "f", "spokesman": "m"}


def _spokesperson_of(text: str, np: _NP, ref: SourceRef, sentence: Sentence) -> tuple[int, SourceRef, str] | None:
    """What ``_DocState.spokesperson`` keeps for a cue credited to ``ref`` by the phrase ``np``."""
    if ref.kind in {"person", "vague"} or not (np.shape == "spokes" or np.head in _SPOKES_WORDS):
        return None
    words = text[np.start : np.end].casefold().split()
    if not words or words[0] not in {"a", "an"}:
        return None  # "The Tory spokesman ... he said": a known one, maybe named before; left to the rules for he/she
    return (sentence.index, ref, next((_SPOKES_SEX[w] for w in words if w in _SPOKES_SEX), ""))


def _resolve_pronoun(state: _DocState, np: _NP, sentence: Sentence) -> SourceRef | None:
    if np.text == "it":
        return _resolve_it(state, np, sentence)
    if np.text == "they":
        return _resolve_they(state, np, sentence)
    if np.text not in {"he", "she"} and np.shape != "descriptor":
        return None
    want = {"she": "f", "he": "m"}.get(np.text, "")
    spoke = state.spokesperson
    if spoke is not None and sentence.index - spoke[0] <= 1 and spoke[2] in {"", want}:
        return spoke[1]  # "A Kovax spokeswoman said ... She added": the spokeswoman, for Kovax
    # A trailing cue ("..., he said.", "“...,” she said") reports the person quoted just
    # before; names inside the quoted content are not the speaker.
    head = state.text[sentence.start : np.start].rstrip()
    trailing = bool(head) and head[-1] in ",\u201d\"'\u2019"
    for index in range(sentence.index, max(-1, sentence.index - 4), -1):
        here = _people_in(state, index, np.start)
        if not here:
            lone = _lone_surname_subject(state, index) if index < sentence.index else None
            if lone is not None:
                # "Roddick broke a racket. ... he said": the nearest subject is someone named by a
                # surname alone, no full name expanding it: that person, unless the article gave
                # them the other sex; no one further back is guessed.
                if not want or state.gender.get(lone, want) == want:
                    return _lookup_known(state, lone) or SourceRef(name=lone, kind="person")
                return None
            continue
        speakers = [name for name in _names_of(state, state.speakers, index, np.start) if name in here]
        if index == sentence.index and trailing and not speakers:
            earlier = next(
                (
                    _names_of(state, state.speakers, k, np.start)
                    for k in range(index - 1, max(-1, index - 3), -1)
                    if _people_in(state, k, np.start)
                ),
                [],
            )
            earlier = [n for n in dict.fromkeys(earlier) if not want or state.gender.get(n, want) == want]
            if len(earlier) == 1:
                return _lookup_known(state, earlier[0]) or SourceRef(name=earlier[0], kind="person")
        fitting = [n for n in here if not want or state.gender.get(n, want) == want]
        if not fitting and trailing and index == sentence.index - 1 and len(set(speakers)) == 1:
            # '"...," she said' right after "Jess Ames said ...": the writer's pronoun over the usual
            # sex of the given name, when the one speaker just quoted is known by that alone
            (only,) = set(speakers)
            if only in state.guessed_gender:
                return _lookup_known(state, only) or SourceRef(name=only, kind="person")
        speakers = [n for n in dict.fromkeys(speakers) if n in fitting]
        if (
            len(fitting) == 1
            and len(here) > 1
            and fitting[0] not in state.gender
            and fitting[0] not in _names(state, state.persons)
        ):
            # The other sex ruled out everyone else, and what is left is a loose capitalised run of
            # no known sex ("Anton Dolin founded the Festival Ballet. ... she said"): no guess.
            return None
        if len(fitting) == 1:
            chosen = fitting[0]
        elif len(speakers) == 1:
            chosen = speakers[0]
        elif fitting:
            # Several people fit: the one named first in that sentence, its subject as a rule
            # ("Ann Bell met Tom Ruiz and Eve Lam. ... she said": Ann Bell), among those sure to be
            # people (a loose capitalised run may be a film, a band or a firm); none: no guess.
            # A given name of the pronoun's sex makes a person sure too ("Dan Fishman" beside "New
            # England" for "he").
            persons = _names(state, state.persons)
            sure = [n for n in fitting if n in persons or (want and state.gender.get(n) == want)]
            if not sure:
                return None
            first = _first_positions(state, set(sure), index)
            chosen = min(sure, key=lambda n: first.get(n, len(state.text)))
        else:
            continue
        return _lookup_known(state, chosen) or SourceRef(name=chosen, kind="person")
    chosen_speaker = _last_speaker(state, want, np.start, sentence.index)
    if chosen_speaker is None:
        chosen_speaker = _earlier_person(state, want, sentence.index - 4)
    if chosen_speaker is not None:
        return _lookup_known(state, chosen_speaker) or SourceRef(name=chosen_speaker, kind="person")
    return None


_SENTENCE_OPENS = re.compile(r"(?:^|[.!?][\u201d\"'\u2019]?\s+|\n\s*)$")


def _lone_surname_subject(state: _DocState, index: int) -> str | None:
    """The one capitalised word opening sentence ``index`` when it is a surname and no common word
    ("Roddick broke ..."), a person the article never names in full; else None."""
    for entities in (state.persons, state.mentions):
        for e in _in_sentence(state, entities, index):
            word = _POSSESSIVE_TAIL.sub("", e.name)
            if (
                " " not in word
                and _SENTENCE_OPENS.search(state.text, max(0, e.pos - 4), e.pos)
                and english.is_surname(word.casefold())
                and not english.is_word(word.casefold())
                and _person_key(state, word) == word
            ):
                return word
    return None


# How far back (sentences) "he said" looks for a person when none was named or credited close by:
# news copy may name a speaker once in the lead and say "he" paragraphs later.
_PERSON_REACH = 30


def _earlier_person(state: _DocState, want: str, index: int) -> str | None:
    """The person a he/she refers to when no one is named in the sentences just before it: the
    nearest earlier sentence (within ``_PERSON_REACH``) naming exactly one person of that gender
    fits; a sentence naming several of them is ambiguous and ends the search.

    Each sentence's answer is kept (``state.fallback``), so many pronouns read each sentence once.
    """
    for k in range(index, max(-1, index - _PERSON_REACH), -1):
        key = (k, want)
        if key not in state.fallback:
            # Only a person the pre-scan is sure of ("Mr X", a role before the name) is taken this far
            # back; a loose capitalised run ("Sri Lanka", "planner Ruth Olsen") beside it makes the
            # sentence ambiguous, and ends the search.
            sure = set(_names_of(state, state.persons, k, len(state.text)))
            people = _people_in(state, k, len(state.text))
            fitting = [n for n in people if not want or state.gender.get(n, want) == want]
            if len(fitting) == 1 and fitting[0] in sure:
                state.fallback[key] = fitting[0]
            else:
                state.fallback[key] = "" if fitting else None
        found = state.fallback[key]
        if found is not None:
            return found or None
    return None


# How far back (sentences) and how many credited speakers a pronoun's fallback reads: a quote
# runs over a few paragraphs in news copy, and the bound keeps a cue-packed text linear.
_SPEAKER_REACH = 10
_SPEAKER_SCAN = 32


def _last_speaker(state: _DocState, want: str, pos: int, index: int) -> str | None:
    """The person credited last before ``pos`` within ``_SPEAKER_REACH`` sentences, gender permitting.

    The fallback when no person is named in the few sentences before a pronoun: in news copy
    "he said" after a run of quotes continues the speaker already being quoted.
    """
    for e in state.speakers[-1 : -_SPEAKER_SCAN - 1 : -1]:
        if e.pos >= pos:
            continue
        if e.sentence < index - _SPEAKER_REACH:
            return None
        name = _person_key(state, e.name)
        if not want or state.gender.get(name, state.gender.get(e.name, want)) == want:
            return name
    return None


def _first_positions(state: _DocState, names: set[str], index: int) -> dict[str, int]:
    """Where sentence ``index`` first names each of ``names`` (a person, or a loose mention expanding
    to it); absent: not named there. One pass over the sentence's people, whatever the number of
    names (a pass per name was quadratic on a sentence of thousands of "Aaa said Aab said")."""
    first: dict[str, int] = {}
    for entities in (state.persons, state.mentions):
        for e in _in_sentence(state, entities, index):
            for key in {e.name, _person_key(state, e.name)} & names:
                if e.pos < first.get(key, e.pos + 1):
                    first[key] = e.pos
    return first


def _names_of(state: _DocState, entities: list[_Entity], index: int, before: int) -> list[str]:
    return [_person_key(state, e.name) for e in _in_sentence(state, entities, index) if e.pos < before]


def _people_in(state: _DocState, index: int, before: int) -> list[str]:
    """Distinct people named in sentence ``index`` before ``before``, lone surnames expanded."""
    names = _names_of(state, state.persons, index, before)
    for e in _in_sentence(state, state.mentions, index):
        if e.pos >= before:
            continue
        key = _person_key(state, e.name)
        if len(key.split()) >= 2 and (len(e.name.split()) >= 2 or key != e.name):
            names.append(key)
    entity_names = _names(state, state.entities)
    return [n for n in dict.fromkeys(names) if n not in entity_names]


_ASIDE_BEFORE_THEY = re.compile(r",\s*$")
_ASIDE_CUE_AFTER_THEY = re.compile(r"\s+(?:[a-z]+\s+)?[a-z]+(?:\s+(?:on|in|last|this)\s+\w+)?\s*(?:,|[.;!?]|$)")


def _resolve_they(state: _DocState, np: _NP, sentence: Sentence) -> SourceRef | None:
    """ "“...,” they said": the group or body credited last, within the two sentences before.

    A "they" that opens its own statement ("They say ...") takes only a named body or party: after
    a vague group ("opposition parties said ... They accused him") the sentence would turn from
    unsourced to vaguely sourced on a guess."""
    quoted = _after_quote(state.text, sentence.start, np.start) or bool(
        # "..., they said, could ...", "..., they say.": an aside or a closing cue credits the
        # clause around it, whoever was credited just before (a vague group too)
        _ASIDE_BEFORE_THEY.search(state.text, max(sentence.start, np.start - 3), np.start)
        and _ASIDE_CUE_AFTER_THEY.match(state.text, np.end, sentence.end)
    )
    for e in state.groups[-1 : -_SPEAKER_SCAN - 1 : -1]:
        if e.pos >= np.start:
            continue
        if e.sentence < sentence.index - 2 or (e.kind == "vague" and not quoted):
            break
        return SourceRef(name=e.name, kind=e.kind)
    return None


def _quote_open_before(text: str, pos: int) -> bool:
    """Whether the last quotation mark before ``pos`` in its paragraph opens a quotation (a curly
    opening mark, or a straight one with a blank before it and none after): one unclosed quotation
    earlier in the paragraph, as copy often leaves one, does not put the rest inside a quotation."""
    para = max(text.rfind("\n", max(0, pos - _WINDOW), pos) + 1, pos - _WINDOW, 0)
    mark = max(text.rfind('"', para, pos), text.rfind("\u201c", para, pos), text.rfind("\u201d", para, pos))
    if mark < 0 or text[mark] == "\u201d":
        return False
    return text[mark] == "\u201c" or (
        (mark == para or text[mark - 1] in " \t(:\u2014") and not text[mark + 1 : mark + 2].isspace()
    )


def _resolve_it(state: _DocState, np: _NP, sentence: Sentence) -> SourceRef | None:
    """ "it said": the nearest organisation named before it, outlets only when nothing else is."""
    if _quote_open_before(state.text, np.start) and not state.text[: np.start].rstrip().endswith(","):
        # '"We welcome the report. It acknowledges ...": a body quoted says "we", not "it" (but
        # "..., it said." after a comma closes the quotation, even one left unclosed)
        return None
    recent = [e for e in _recent(state, sentence.index - 2, sentence.index, np.start) if e.kind != "vague"]
    if not recent:
        return None
    bodies = [e for e in recent if e.kind != "outlet"]
    e = (bodies or recent)[-1]
    return SourceRef(name=e.name, kind=e.kind)


def _person_key(state: _DocState, name: str) -> str:
    tokens = name.split()
    if len(tokens) == 1:
        full = state.surnames.get(_POSSESSIVE_TAIL.sub("", tokens[0]).casefold()) or _surname_variants(state, tokens[0])
        if full and len(full) > 1:
            full = _names(state, state.persons) & full or full
        if full and len(full) == 1:
            return next(iter(full))
    return name
