"""Proper names cleaned and classified: captions, titles, post-nominals and possessives stripped off
a capitalised run (``_clean_proper``), a name's kind (person, organisation, government body,
outlet: ``_proper_kind``), courtesy titles and gender, vague phrases. ``_clean_proper_memo`` and
``_name_kind_memo`` are per-word memos; the hostile benchmark clears them between runs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from credibility.analysis.detectors.attribution.grammar import _CAP, _DESCRIBING_PARTICIPLE, _PARTICLES, _alt, _norm
from credibility.analysis.lexicons import attribution as lex
from credibility.analysis.lexicons import english
from credibility.analysis.types import SourceKind

_DESCRIBING_TOKEN = re.compile(rf"[\w'\u2019.-]+-{_DESCRIBING_PARTICIPLE}", re.I)
_POSSESSIVE_ENDS = ("'", "\u2019", "'s", "\u2019s")  # what _POSSESSIVE_TAIL finds at the end of a blank-free token


def _strip_possessive_tail(token: str) -> str:
    """``_POSSESSIVE_TAIL.sub("", token)`` for a token without blanks (so without a final newline)."""
    if token.endswith(("'s", "\u2019s")):
        return token[:-2]
    return token[:-1] if token.endswith(("'", "\u2019")) else token


_KIND_BY_LABEL: dict[str, SourceKind] = {
    "person": "person",
    "organization": "organization",
    "government_body": "government_body",
    "outlet": "outlet",
}


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


def _vague_name(phrase: str) -> str:
    phrase = re.sub(r"\s+", " ", phrase.strip())
    phrase = re.sub(r",\s*who\b.*$", "", phrase)
    return phrase[0].lower() + phrase[1:] if phrase[:1].isupper() and not phrase[1:2].isupper() else phrase


# "Getty Images" / "Reuters" glued to the next word by a lost line break: "ReutersThe", "ImagesMédecins".
_GLUED_CAPTION = re.compile(rf"^(?:[\w'\u2019&./-]+\s+)*?(?:{_alt(sorted(lex.CAPTION_WORDS))})(?=[{_CAP}])", re.I)
_GLUE_HINT = re.compile(rf"[a-z\u00df-\u00ff][{_CAP}]")
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
