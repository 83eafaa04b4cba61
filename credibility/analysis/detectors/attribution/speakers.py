"""The speaker noun phrase next to a cue: the grammar of speaker phrases (proper names with their
descriptions and affiliations, role descriptors, spokespeople, vague and bare groups, pronouns), the
phrase ending just before the cue ("Ann Bell, the county's officer, said", ``_parse_end``), the one
starting just after it (after an inverted cue or a preposition, ``_parse_start``), the clause's
start, and a person named through the body they speak for.
"""

from __future__ import annotations

import re
from functools import lru_cache

from credibility.analysis.detectors.attribution.cue_patterns import _VERB_SET
from credibility.analysis.detectors.attribution.grammar import (
    _CAP,
    _CONNECTOR,
    _DESCRIBING_PARTICIPLE,
    _LINKING_ADVERBS,
    _MOD,
    _NAME_TOKEN,
    _NOT_MOD,
    _PROPER_RUN,
    _SPOKES_WORDS,
    _WB,
    _WORD,
    _alt,
    _norm,
)
from credibility.analysis.detectors.attribution.names import _BODY_WORDS, _clean_proper, _given_name_sex, _proper_kind
from credibility.analysis.detectors.attribution.state import _NP
from credibility.analysis.lexicons import attribution as lex

_PRONOUNS = frozenset("he she they it we i".split())
_SPOKES = r"(?:spokesperson|spokesman|spokeswoman|spokespeople|spokespersons|representative|press\s+officer|press\s+secretary|lawyer|attorney)"
_VAGUE_NOUN = _alt(sorted(lex.VAGUE_NOUNS))
_QUANT = _alt(sorted(lex.VAGUE_QUANTIFIERS | {"a few", "a number of", "one of the", "some of the"}))
_POSTMOD = _alt(lex.VAGUE_POSTMODIFIERS)
_HEADS = _alt(sorted(lex.SPEAKER_HEADS))
_DET = r"(?:the|a|an|its|their|his|her|our|this|that)"
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
# "Opposition leader Rui Costa": a capitalised modifier, a role word, then the name.
# ("said HPA regional director Ann Bell": lower-case words may qualify the role before the name)
_ROLE_THEN_NAME = re.compile(
    rf"\s+(?:[a-z][\w'\u2019-]*\s+){{0,2}}?"
    rf"(?:(?:{_alt(sorted(lex.PERSON_ROLES | lex.ORGANIZATION_DESCRIPTORS))})\s+){{1,2}}(?P<name>{_PROPER_RUN})"
)


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
    if end <= lo:
        return end, ""
    if text[end - 1] == "\n":  # (rare: "$" may match before the newline; the regex decides)
        m = _PRE_WORDS.search(text, _pre_words_start(text, lo, end), end)
        if not m:
            return end, ""
        m_start, pos = m.start(), m.end()
    else:
        # The words run back from ``end`` are the match ``_PRE_WORDS.search`` would find: it starts
        # where the reversed run ends and spans the rest to ``end`` (see ``_pre_words_start``).
        size = len(text)
        back = _PRE_WORDS_REVERSED.match(_reversed(text), size - end, size - lo)
        if back is None:
            return end, ""
        m_start, pos = size - back.end(), end
    return _descriptor_words(text, m_start, pos, end, limit)


def _descriptor_words(text: str, run_start: int, run_end: int, end: int, limit: int) -> tuple[int, str]:
    """Where the descriptor words at the end of the run ``text[run_start:run_end]`` begin (at most
    ``limit`` of them, and an article before them), and the text from there to ``end``."""
    start, pos, count = end, run_end, 0
    for word in reversed(text[run_start:run_end].split()):
        pos = text.rfind(word, run_start, pos)
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


_ROLE_FILLER = frozenset("a an the his her its their mr mrs ms miss mx".split())
_ROLE_WORDS = (lex.JOB_WORDS | lex.PERSON_ROLES | lex.TITLES) - lex.COURTESY_TITLES
# How far around a cue the speaker and phrase searches read. A clause or noun phrase in news
# copy is far shorter; without a window each cue would rescan the sentence so far, which is
# quadratic on a long sentence packed with cues ("he said he said ...", "according to ...").
_WINDOW = 400
