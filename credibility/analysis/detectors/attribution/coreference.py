"""A speaker noun phrase resolved to a canonical ``SourceRef``: a name through its earlier mentions
and the known sources, a role or acronym through the article's roles, "he", "she", "they", "it",
"the company" and research teams through the entities before them, a document through its owner.
``_resolve`` is the entry point; ``None`` means the phrase credits no one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from credibility.analysis.detectors.attribution.cue_patterns import _DOC_NOUN, _LEAD_SENTENCES
from credibility.analysis.detectors.attribution.documents import _owner_of
from credibility.analysis.detectors.attribution.entities import (
    _SPEAKER_SCAN,
    _head_kind,
    _in_sentence,
    _keyed,
    _last_before,
    _lookup_known,
    _named_by_head,
    _names,
    _person_key,
    _recent,
    _surname_variants,
)
from credibility.analysis.detectors.attribution.grammar import (
    _CAP,
    _NAME_TOKEN,
    _POSSESSIVE_TAIL,
    _PROPER_RUN,
    _SPOKES_WORDS,
    _alt,
    _norm,
)
from credibility.analysis.detectors.attribution.names import (
    _BODY_WORDS,
    _KIND_BY_LABEL,
    _clean_proper,
    _courtesy,
    _org_or_gov,
    _proper_kind,
    _vague_name,
)
from credibility.analysis.detectors.attribution.roles import _expand_acronym, _resolve_role
from credibility.analysis.detectors.attribution.speakers import _ROLE_WORDS, _WINDOW
from credibility.analysis.detectors.attribution.state import _NP, _DocState, _Entity
from credibility.analysis.detectors.attribution.subjects import (
    _PERSON_HEADS,
    _after_quote,
    _in_quotation,
    _owned_documents,
    _plural_common_noun_at_start,
)
from credibility.analysis.lexicons import attribution as lex
from credibility.analysis.lexicons import english
from credibility.analysis.types import Sentence, SourceKind, SourceRef

_RESEARCH_REACH = 8  # how many sentences back "the researchers" looks for the institution named with them
_RESEARCH_BODY_WORDS = frozenset(
    "university college institute institution laboratory laboratories lab centre center school hospital "
    "foundation observatory museum academy society council agency".split()
)

_ACADEMIC_WORDS = frozenset("university college institute laboratory school".split())
# A research lead ("A team of researchers has shown ...") names the institution after its method
# and first quotes: it is looked for a little further on than a lead's unnamed person.
_RESEARCH_LEAD_REACH = 6
# "analysts at Barclays", "officials from the Treasury": a group inside a named organisation.
# The first such name wins: "analysts at Daewon Securities in Seoul" are Daewon's, and "in"
# ties only to a body ("officials in the Interior Ministry"), not to a place.
_TIED_TO_HEAD = re.compile(r"\s(?:at|from|for|of)\s+the\s+([a-z]+)$")
_TIED_TO_NAMED = re.compile(rf"\s(?P<prep>at|from|with|in|of)\s+(?:the\s+)?(?P<org>{_PROPER_RUN})")


_INDEFINITE = re.compile(r"(?:an?|one|another)\s", re.I)
# Words before a role that name no one ("a senior Tory MP", "a Labour councillor", "a French
# diplomat"); "a Daiwa Securities analyst" names the firm and keeps its own reading.
_AFFILIATION_WORDS = (
    lex.PARTY_NAMES
    | lex.DEMONYMS
    | frozenset({"former", "ex", "chief", "senior", "deputy", "acting", "interim", "assistant"})
    | frozenset("conservative liberal democrat democratic republican green labour".split())
)


_ACRONYM = re.compile(r"[A-Z]{2,6}")
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


_TIED_TO_UNNAMED_BODY = re.compile(
    rf"\s(?:at|from|of|with)\s+the\s+(?P<mods>(?:[a-z][\w-]*\s+){{1,3}}?)(?P<head>{_alt(sorted(_BODY_WORDS))})\s*$"
)
_NAMED_OWNER = re.compile(rf"(?:the\s+)?(?P<name>{_PROPER_RUN})['\u2019]s?\s")
# How many sentences back a definite document ("the survey found") looks for the body it belongs to.
_DOCUMENT_REACH = 6


# What only a business has: "Nadira's shares", "Nadira's chief executive", "shares in Nadira".
_FIRM_SIGN = re.compile(
    # A name starts only where a run of name characters does; each branch opens on its first
    # character and looks back from there (a leading look-behind would be tried at every character).
    rf"(?P<a>[{_CAP}](?<![\w'\u2019&.-].)[\w'\u2019&.-]*)['\u2019]s?\s+"
    r"(?:(?:annual|quarterly|pre-tax|net|operating|full-year|first-half)\s+)?"
    r"(?:shares|share\s+price|profits?|sales|revenues?|earnings|customers|shareholders|stores|subsidiary|"
    r"headquarters|chief\s+executive|chief\s+financial\s+officer)\b"
    rf"|[Ss](?<!\w.)hares\s+in\s+(?P<b>{_NAME_TOKEN})"
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
