"""Documents, polls and data as sources: the owner named with a report, study or poll ("a report by
the Office", ``_owner_of``), a definite document the article named before, a titled work and its
author, what a document shows, and participle cues ("citing figures from ...").
"""

from __future__ import annotations

import re

from credibility.analysis.detectors.attribution.cue_patterns import _DOC_NOUN
from credibility.analysis.detectors.attribution.grammar import (
    _DATELINE,
    _NOT_MOD,
    _POSSESSIVE_TAIL,
    _PROPER_RUN,
    _WB,
    _alt,
    _norm,
)
from credibility.analysis.detectors.attribution.names import _clean_proper, _proper_kind
from credibility.analysis.detectors.attribution.speakers import (
    _LEADING_CONJ,
    _WINDOW,
    _clause_start,
    _parse_end,
    _parse_start,
)
from credibility.analysis.detectors.attribution.state import _NP, _Candidate
from credibility.analysis.detectors.attribution.statements import _statement_span
from credibility.analysis.detectors.attribution.subjects import _PREDICATE_AFTER, _generic_subject
from credibility.analysis.lexicons import attribution as lex
from credibility.analysis.lexicons import english, sourcing
from credibility.analysis.types import Sentence, SourceRef

_CONTENT_PARTICIPLES = frozenset(
    "saying adding arguing claiming insisting noting stating suggesting explaining".split()
)


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
_DEFINITE_DOC = re.compile(
    rf"{_WB}(?P<np>(?:(?:the|this|that|these|those|its|their)\s+(?:(?!(?:{_NOT_MOD})\b)(?-i:[a-z])[\w-]*\s+){{0,3}}?"
    # no determiner before a plural that opens its clause: "..., new figures show", "Official data suggest"
    rf"|(?:(?<=[,;:]\s)|(?<=^)|(?<=\.\s))(?:new|latest|fresh|official|recent|provisional|preliminary)\s+"
    rf"(?:(?!(?:{_NOT_MOD})\b)(?-i:[a-z])[\w-]*\s+){{0,2}}?(?=\w+s\b))(?:{_DOC_NOUN}))\s*$",
    re.I,
)


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
