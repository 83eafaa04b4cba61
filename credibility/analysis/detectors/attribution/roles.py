"""Role words and acronyms: the roles an article gives each person ("the home secretary", "the
Bishop"), who holds a role at a later mention, and initials expanded to the body they stand for.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from credibility.analysis.budget import check
from credibility.analysis.detectors.attribution.cue_patterns import _VERB_SET
from credibility.analysis.detectors.attribution.entities import _SPEAKER_SCAN, _lookup_known, _person_key
from credibility.analysis.detectors.attribution.grammar import _POSSESSIVE_TAIL, _PROPER_ANYWHERE, _norm
from credibility.analysis.detectors.attribution.names import _proper_kind
from credibility.analysis.detectors.attribution.speakers import _DESC_EXTRA, _ROLE_WORDS
from credibility.analysis.detectors.attribution.state import _DocState, _RoleMention
from credibility.analysis.lexicons import attribution as lex
from credibility.analysis.types import Sentence, SourceRef

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
