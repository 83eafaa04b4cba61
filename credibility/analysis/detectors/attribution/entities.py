"""The article's record of entities (``_DocState``): look-ups by key, the last one before a
position, the recent ones, a surname and its spelling variants (``_register_surname`` records one),
a name among the caller's known sources, and the person a lone surname stands for.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from credibility.analysis.detectors.attribution.grammar import _POSSESSIVE_TAIL, _fold, _norm
from credibility.analysis.detectors.attribution.state import _DocState, _Entity
from credibility.analysis.lexicons import attribution as lex
from credibility.analysis.lexicons import english
from credibility.analysis.types import Finding, SourceKind, SourceRef


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


def _register_surname(state: _DocState, name: str) -> None:
    tokens = name.split()
    if len(tokens) >= 2:
        state.surnames.setdefault(_POSSESSIVE_TAIL.sub("", tokens[-1]).casefold(), set()).add(name)


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


_SPEAKER_SCAN = 32


def _person_key(state: _DocState, name: str) -> str:
    tokens = name.split()
    if len(tokens) == 1:
        full = state.surnames.get(_POSSESSIVE_TAIL.sub("", tokens[0]).casefold()) or _surname_variants(state, tokens[0])
        if full and len(full) > 1:
            full = _names(state, state.persons) & full or full
        if full and len(full) == 1:
            return next(iter(full))
    return name
