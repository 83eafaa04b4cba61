""" "According to ..." cues: the phrase after it read as a speaker, and the unnamed bodies it may
credit ("according to the ministry").
"""

from __future__ import annotations

import re

from credibility.analysis.detectors.attribution.cue_patterns import _DOC_NOUN
from credibility.analysis.detectors.attribution.documents import _definite_document, _doc_owner
from credibility.analysis.detectors.attribution.grammar import _alt
from credibility.analysis.detectors.attribution.names import _BODY_WORDS
from credibility.analysis.detectors.attribution.speakers import _parse_start
from credibility.analysis.detectors.attribution.state import _NP, _Candidate
from credibility.analysis.detectors.attribution.statements import _bounded, _statement_span
from credibility.analysis.detectors.attribution.subjects import _PERSON_HEADS, _PERSON_NOUNS, _phrase_source
from credibility.analysis.lexicons import attribution as lex
from credibility.analysis.types import Sentence

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


# A body known by its type alone after a document's "by": "published by the regional statistics bureau".
_UNNAMED_BODY = re.compile(
    rf"\s*(?P<np>(?P<det>the|a|an)\s+(?P<mods>(?:[a-z][\w-]*\s+){{0,3}}?)(?P<head>{_alt(sorted(_BODY_WORDS))}))\b"
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
