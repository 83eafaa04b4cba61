"""The value types of one ``detect`` call: the speaker noun phrase found next to a cue (``_NP``), a
candidate cue (``_Candidate``), an entity the article names (``_Entity``), a role mention, and
``_DocState``, the mutable record of the article read so far. Nothing here outlives the call.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from credibility.analysis.types import KnownSource, Sentence, SourceKind, SourceRef


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
