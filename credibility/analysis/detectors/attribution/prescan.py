"""One pass over the article before any cue is read (``_prescan``): the people, bodies, surnames,
roles and documents it names, so that a later "Ms Bell", "the firm" or "the report" resolves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from credibility.analysis.budget import check
from credibility.analysis.detectors.attribution.documents import _owner_of
from credibility.analysis.detectors.attribution.entities import _head_kind, _register_surname
from credibility.analysis.detectors.attribution.grammar import (
    _DATELINE,
    _MONTH,
    _PROPER_ANYWHERE,
    _WEEKDAY,
    _WORD,
    _norm,
)
from credibility.analysis.detectors.attribution.names import (
    _GLUE_HINT,
    _GLUED_CAPTION,
    _KIND_BY_LABEL,
    _clean_proper,
    _courtesy,
    _gender_of,
    _given_name_sex,
    _proper_kind,
)
from credibility.analysis.detectors.attribution.speakers import _ROLE_WORDS, _words_before
from credibility.analysis.detectors.attribution.state import _DocState, _Entity, _RoleMention
from credibility.analysis.detectors.attribution.subjects import _PLAIN_SPEECH, _owned_documents
from credibility.analysis.lexicons import attribution as lex
from credibility.analysis.lexicons import english
from credibility.analysis.types import Sentence, SourceKind

# "Wednesday's Budget", "June's vote" are no person ("April Ryan" may be one).
_CALENDAR_WORD = re.compile(rf"(?:{_WEEKDAY}(?:['\u2019]s?)?|{_MONTH}['\u2019]s?)$")
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


def _called_its(text: str, name: str, end: int, hi: int) -> bool:
    """Whether the sentence opened by ``name`` (ending at ``end``) calls it "its" before any person's
    pronoun; never for a name with a given name first ("Tom Hale sold the firm and its land")."""
    words = name.split()
    if english.is_given_name(words[0].casefold()) or (len(words) == 1 and english.pos_tag(name.casefold())):
        return False  # (a common word opening its sentence, "Revenue rose ... on its platform", is no name)
    rest = text[end:hi].casefold()
    if "its" not in rest and "\u0131" not in rest and "\u0307" not in rest:
        return False  # no "its" (nor a dotless or dotted i, which the case-blind pattern reads as "i")
    pronoun = _ITS_AFTER_SUBJECT.match(text, end, hi)
    if pronoun is None or pronoun.group("its") is None:
        return False
    # "X said it was the firm's right to guard its interests": an "its" in what X said is not X
    return not any(w.casefold() in _PLAIN_SPEECH for w in _WORD.findall(pronoun.group(0)))


def _body_kind(head: str) -> SourceKind | None:
    """The kind of body an appositive's head word names ("Quillby Mills, the retailer,"; "the
    regulator, Ofwat,"), or None when it names no organisation, government body or outlet."""
    label = lex.SPEAKER_HEADS.get(head)
    if head in lex.ORGANIZATION_DESCRIPTORS or label in {"organization", "government_body", "outlet"}:
        return _KIND_BY_LABEL.get(label or "", "organization")
    return None


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
            if after is not None and (body := _body_kind(after.group("head").casefold())) is not None:
                kind = body
            if appos is not None:
                head = appos.group("head").casefold()
                if (body := _body_kind(head)) is not None:
                    kind = body
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


# Every match of ``_OWNING_VERB`` (case-sensitive) holds one of these words: a whole text holding
# none (most news) is not scanned (the pattern opens with a look-behind, tried at every character).
_OWNING_WORDS = tuple(
    "filed published released issued commissioned conducted prepared compiled produced carried".split()
)
