"""Names spelt two ways in one article (rule ``name-variant-of:<Name>``).

A capitalised form is compared with the forms the article uses more often, or introduces with a
first name or title; double-barrelled names are compared whole and part by part. The indexes keep
the comparison linear in the number of forms, not quadratic.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache

from credibility.analysis import budget
from credibility.analysis.budget import check
from credibility.analysis.detectors.typos.capitalised import (
    _ALWAYS_CAPITALISED,
    _TITLES,
    _TWO_EDIT_NAME_LENGTH,
    _suffixed,
)
from credibility.analysis.detectors.typos.findings import _typo_finding
from credibility.analysis.detectors.typos.real_words import _DETERMINERS
from credibility.analysis.detectors.typos.tokens import _WORD, _Token
from credibility.analysis.detectors.typos.vocabulary import _strip_possessive
from credibility.analysis.lexicons import english as lexicon
from credibility.analysis.types import AnalysisContext, Document, Finding, KnownSource

# Interchangeable name endings: "Brodie"/"Brody", "Katie"/"Katy", "Lindsey"/"Lindsay".
_NAME_ENDING = re.compile(r"(?:ie|ey|ay|y|i)$")

# Lower-case particles inside personal names ("Osama bin Laden", "Ludwig van Beethoven").
_NAME_PARTICLES = frozenset("bin ibn bint al el abu de da di del della der den van von le la du dos das ter".split())

# A double-barrelled name: "Holm-Okafor", "O'Brien-Kelly", "McNeil-Shaw", "Jean-Luc".
_NAME_PART = r"(?:[A-Z\u00c0-\u00de]['\u2019])?[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]+(?:[A-Z][a-z\u00df-\u00ff]+)?"

# The first part opens with its capital and looks behind it from there (a leading look-behind had the
# pattern tried at every character); "O'" before the capital, as in ``_NAME_PART``, is matched after it.
_COMPOUND_NAME = re.compile(
    r"[A-Z\u00c0-\u00de](?<![\w'\u2019-][A-Z\u00c0-\u00de])(?:['\u2019][A-Z\u00c0-\u00de])?"
    rf"[a-z\u00df-\u00ff]+(?:[A-Z][a-z\u00df-\u00ff]+)?(?:-{_NAME_PART})+(?![\w-])"
)

# What every double-barrelled name holds: a part's last (lower-case) letter, a hyphen, a capital.
# Most articles have none, and are not scanned for names.
_COMPOUND_JOIN = re.compile(r"-(?<=[a-z\u00df-\u00ff]-)[A-Z\u00c0-\u00de]")

# One mention each of two spellings: the one the web uses at least this often (about one in 30
# million words) is the name, when the web has never seen the other ("McIlroy"/"McIlory").
_WEB_KNOWN_NAME_ZIPF = 1.5

# Surnames with a capital inside ("McIlroy", "MacLeod", "O'Neill"): compared like any other name.
_PREFIXED_NAME = re.compile(r"(?:Mc|Mac|O['\u2019])[A-Z][a-z]{2,}")

_SIC = re.compile(r"\W{0,3}[\[(]sic[\])]", re.IGNORECASE)


@dataclass(slots=True)
class _NameForm:
    form: str
    count: int = 0
    introduced: bool = False  # preceded by a first name or title at least once
    # The first names or titles seen before it; the shared empty frozenset until one is seen, so
    # that a text of thousands of distinct names does not hold an empty set for each.
    introducers: frozenset[str] = frozenset()
    first_position: int = 1 << 30
    sentence_initial_only: bool = True
    occurrences: list[_Token] = field(default_factory=list)


def _name_variant_finding(
    text: str,
    token: _Token,
    variant: _NameForm,
    canonical: _NameForm,
    confidence: float,
    rules: dict[str, str] | None = None,
) -> Finding:
    """One occurrence of a name spelt unlike the article's usual spelling of it.

    ``rules`` holds the rule strings made so far, one per canonical name, shared by its findings.
    """
    rule = f"name-variant-of:{canonical.form}" if rules is None else rules.get(canonical.form)
    if rule is None and rules is not None:
        rule = rules[canonical.form] = f"name-variant-of:{canonical.form}"
    assert rule is not None
    return _typo_finding(
        text,
        token.start,
        token.end,
        rule=rule,
        confidence=confidence,
        explanation=f'"{variant.form}" looks like a misspelling of "{canonical.form}", '
        f"the spelling used elsewhere in the article.",
        suggestion=canonical.form,
    )


def _name_variants(document: Document, context: AnalysisContext, tokens: list[_Token]) -> Iterable[Finding]:
    text = document.text
    forms: dict[str, _NameForm] = {}
    singles: dict[str, frozenset[str]] = {}  # see ``_with``
    rules: dict[str, str] = {}  # see ``_name_variant_finding``
    lowercase_words = {t.text for t in tokens if t.text.islower()}
    compounds, inside = _compound_names(text, tokens)
    # Each distinct capitalised form is indexed and compared. Real news has at most 84 in one
    # article (300 BBC and the dev and held-out articles, up to 7,800 characters), all within
    # the floor; the rate leaves long reads room. A text of thousands of distinct names has the
    # rest left out (at 40 per 1,000, 'Mr Aaaa, Mr Aaab, ...' held 1.9x the memory of prose).
    distinct = budget.allowance("the spelling check of names", text_length=len(text), floor=200, per_1000_chars=15)
    marked_sic = "sic" in text.lower()
    for token in tokens:
        word = token.text
        if (
            not word[0].isupper()  # most tokens: the one test they need
            or token.skip
            or (token.compound and not token.initial)
            or inside[token.start]
            or len(word) < 4
            or len(word) > lexicon.MAX_WORD_LENGTH
            or not (word[1:].islower() and word.isalpha() or _PREFIXED_NAME.fullmatch(word) is not None)
        ):
            continue
        if marked_sic and _SIC.match(text, token.end + (2 if token.possessive else 0)):
            continue  # reproduced as written ("Correy's [sic]"): neither a slip to flag nor a spelling to follow
        entry = forms.get(word)
        if entry is None:
            if not distinct.take(token.start):
                continue
            entry = forms[word] = _NameForm(form=word)
        entry.count += 1
        entry.first_position = min(entry.first_position, token.start)
        entry.occurrences.append(token)
        if not token.initial:
            entry.sentence_initial_only = False
        if _introduced(token) and token.prev is not None:
            entry.introduced = True
            entry.introducers = _with(entry.introducers, token.prev.text.lower(), singles)
        elif token.prev is None and (title := _dotted_title(text, token)) is not None:
            entry.introduced = True
            entry.introducers = _with(entry.introducers, title, singles)
    for compound in compounds.values():  # each part is evidence for a name used alone ("Okafor said")
        for part in compound.form.split("-"):
            if len(part) >= 4 and part[1:].islower() and part.isalpha():
                entry = forms.setdefault(part, _NameForm(form=part))
                entry.count += compound.count
                entry.first_position = min(entry.first_position, compound.first_position)
                entry.sentence_initial_only = entry.sentence_initial_only and compound.sentence_initial_only
                entry.introduced = entry.introduced or compound.introduced
                entry.introducers |= compound.introducers
    if document.title:
        for match in _WORD.finditer(document.title):
            word, _ = _strip_possessive(match.group(0))
            if word in forms:
                forms[word].count += 1
        for match in _COMPOUND_NAME.finditer(document.title):
            if match.group(0) in compounds:
                compounds[match.group(0)].count += 1
    known = _known_source_forms(context.sources)
    protected = known.protected
    # Only the known sources' names that could be the canonical form of a name here (sharing a
    # deletion key with one, or a compound's part) take part: the same answers as adding every
    # one of them, without building an index over the whole source table for each article.
    relevant = (
        {name for form in forms for key in _FormIndex._keys(form.lower()) for name in known.by_key.get(key, ())}
        if known.by_key
        else set()
    )  # no known source: no key to look up (and no keys to build)
    relevant |= {part for compound in compounds for part in compound.split("-")} & known.names
    for word in known.words:
        if word in relevant:
            entry = forms.setdefault(word, _NameForm(form=word))
            entry.count += 2
            entry.introduced = True
            entry.sentence_initial_only = False
    index = _FormIndex(forms, text_length=len(text))
    for variant in forms.values():
        check()
        if not variant.occurrences or variant.form.lower() in protected:
            continue
        best = _canonical_for(variant, forms, lowercase_words, index)
        if best is None:
            continue
        canonical, confidence = best
        if (
            lexicon.in_vocabulary(variant.form.lower())
            and lexicon.in_vocabulary(canonical.form.lower())
            and not _surname(canonical)
        ):
            continue  # a known word or place is never "corrected" into another
        # A first name before the surname its canonical spelling comes before too is that
        # person's name mistyped ("Meygn Kelly" beside "Megyn Kelly").
        followers = _names_after(canonical)
        for token in variant.occurrences:
            if (
                token.next is not None
                and token.next.text not in followers
                and (
                    token.next.text[:1].isupper()
                    or (
                        token.next.text in _NAME_PARTICLES
                        and token.next.next is not None
                        and token.next.next.text[:1].isupper()
                    )
                )
            ):
                continue  # a first name or part of a longer name ("Osama bin Laden"): another person or place
            if token.initial and lexicon.zipf(variant.form.lower()) >= 3.5 and not token.possessive:
                continue  # a common word that happens to start the sentence
            if _in_list_of_names(text, token):
                continue  # side by side, as in a line-up ("Kearney, Kearny"): two people
            yield _name_variant_finding(text, token, variant, canonical, confidence, rules)
    compound_index = _CompoundIndex(compounds)
    for variant in compounds.values():
        check()
        best = _compound_canonical(variant, compounds, forms, lowercase_words, protected, compound_index)
        if best is None:
            continue
        canonical, confidence = best
        surnames = {t.next.text for t in canonical.occurrences if t.next is not None}
        for token in variant.occurrences:
            if token.next is not None and token.next.text[:1].isupper() and token.next.text not in surnames:
                continue  # "Jean-Marc Ayrault" beside "Jean-Marie Le Pen": a first name of someone else
            yield _name_variant_finding(text, token, variant, canonical, confidence, rules)


def _compound_names(text: str, tokens: list[_Token]) -> tuple[dict[str, _NameForm], bytearray]:
    """Double-barrelled names as whole forms, and the starts of the tokens they are made of
    (a mark per character: ``inside[start]`` is 1).

    Each occurrence is one token spanning the whole name, linked to the word before it
    (a first name or title introduces it: "Ingrid Holm-Okafor"). The tokens are in text
    order, so a match's first token is found by bisection: no table over every token.
    """
    compounds: dict[str, _NameForm] = {}
    singles: dict[str, frozenset[str]] = {}  # see ``_with``
    inside = bytearray(len(text) + 1)
    if not _COMPOUND_JOIN.search(text):
        return compounds, inside
    starts = [token.start for token in tokens]
    # Each distinct compound is compared with the others and may become a finding. Real news
    # has at most about 1.5 per 1,000 characters (300 BBC and dev articles); a text of
    # thousands of them ("Dr. Aaa-Dr. Aab-...") has the rest marked but not compared.
    distinct = budget.allowance(
        "the spelling check of hyphenated names", text_length=len(text), floor=10, per_1000_chars=3
    )
    for match in _COMPOUND_NAME.finditer(text):
        first = bisect_right(starts, match.start()) - 1  # the last token starting there
        if first < 0 or starts[first] != match.start():
            continue
        last_part = first  # the tokens are in text order: stop at the first one past the match
        while last_part < len(tokens) and tokens[last_part].start < match.end():
            last_part += 1
        parts = tokens[first:last_part]
        if any(t.skip for t in parts) or len(parts) != match.group(0).count("-") + 1:
            continue
        for part in parts:
            inside[part.start] = 1
        name = match.group(0)  # one string for both fields (a copy each otherwise)
        if name not in compounds and not distinct.take(match.start()):
            continue
        head, last = parts[0], parts[-1]
        occurrence = _Token(
            start=match.start(),
            end=match.end(),
            text=name,
            sentence=head.sentence,
            initial=head.initial,
            possessive=last.possessive,
            compound=name,
        )
        before = tokens[first - 1] if first else None
        if (
            before is not None
            and before.sentence == head.sentence
            and text[before.end + (2 if before.possessive else 0) : head.start] == " "
        ):
            occurrence.prev = before
        after = tokens[first + len(parts)] if first + len(parts) < len(tokens) else None
        if (
            after is not None
            and after.sentence == head.sentence
            and not last.possessive
            and text[last.end : after.start] == " "
        ):
            occurrence.next = after
        entry = compounds.get(name)
        if entry is None:
            entry = compounds[name] = _NameForm(form=name)
        entry.count += 1
        entry.first_position = min(entry.first_position, match.start())
        entry.occurrences.append(occurrence)
        if not head.initial:
            entry.sentence_initial_only = False
        if _introduced(occurrence) and occurrence.prev is not None:
            entry.introduced = True
            entry.introducers = _with(entry.introducers, occurrence.prev.text.lower(), singles)
    return compounds, inside


def _compound_canonical(
    variant: _NameForm,
    compounds: dict[str, _NameForm],
    forms: dict[str, _NameForm],
    lowercase_words: set[str],
    protected: AbstractSet[str],
    index: _CompoundIndex | None = None,
) -> tuple[_NameForm, float] | None:
    """The double-barrelled name ``variant`` misspells: one part one slip away, the rest identical.

    The part must pass the checks for single names (same first letter, not a demonym or
    plural ending, not a name or word the article uses on its own), and the whole name the
    checks on counts and introductions in ``_canonical_for``.
    """
    parts = variant.form.split("-")
    options: list[tuple[int, _NameForm, float]] = []
    for other in compounds.values() if index is None else index.near(variant):
        if other is variant or other.count < 2:
            continue
        # ``_canonical_for`` below keeps ``other`` only if these tests on counts pass: cheaper first.
        if (
            (variant.count >= 2 and other.count < 3 * variant.count)
            or other.count < variant.count
            or (
                other.count == variant.count
                and not (other.introduced and not variant.introduced and other.first_position < variant.first_position)
            )
        ):
            continue
        other_parts = other.form.split("-")
        if len(other_parts) != len(parts):
            continue
        differing = [(a, b) for a, b in zip(parts, other_parts, strict=True) if a != b]
        if len(differing) != 1:
            continue
        v_part, c_part = differing[0]
        v, c = v_part.lower(), c_part.lower()
        alone = forms.get(v_part)
        if (
            v in protected
            or v in lowercase_words
            or c in lowercase_words
            or (alone and alone.occurrences)
            or _fold(v[0]) != _fold(c[0])
            or min(len(v), len(c)) < 3
        ):
            continue  # the part is a name or word of its own in the article
        if _suffixed(v, c):
            continue  # "Franco-Russian" and "Franco-Russia" are both right
        distance = lexicon.damerau_levenshtein(_fold(v), _fold(c)) if _fold(v) != _fold(c) else 1
        if distance > (2 if min(len(v), len(c)) >= 8 else 1):
            continue
        if (
            lexicon.zipf(v) >= 4.0
            and not (abs(len(v) - len(c)) == 1 and v not in _ALWAYS_CAPITALISED)
            and _sound_key(v) != _sound_key(c)
        ):
            # A common word in a name ("Baker", "Young") differs only by a letter dropped or
            # doubled, or as the name spelt by ear ("Holt-White" for "Holt-Whyte").
            continue
        best = _canonical_for(variant, {variant.form: variant, other.form: other}, set())
        if best is not None:
            options.append((other.count, *best))
    if not options:
        return None
    options.sort(key=lambda item: item[0], reverse=True)
    return options[0][1], options[0][2]


def _canonical_for(
    variant: _NameForm, forms: dict[str, _NameForm], lowercase_words: set[str], index: _FormIndex | None = None
) -> tuple[_NameForm, float] | None:
    v = variant.form.lower()
    v_zipf = lexicon.zipf(v)
    stray_word = v_zipf >= 4.0
    if v in lowercase_words or (stray_word and (variant.count > 1 or variant.sentence_initial_only or len(v) < 5)):
        return None
    # Mentioned once, alone, never introduced: a stray spelling rather than another person.
    lone = (
        variant.count == 1
        and not variant.introduced
        and all(
            t.prev is None or not (t.prev.text[:1].isupper() or t.prev.text.lower() in _DETERMINERS)
            for t in variant.occurrences
        )
    )
    # An ordinary word capitalised mid-sentence ("when Stand attacked") is a name, and a
    # slip when the article names someone one letter away; it must not start the sentence.
    if stray_word and not lone:
        return None
    options: list[tuple[int, int, _NameForm, float]] = []
    for other in forms.values() if index is None else index.near(variant):
        c = other.form.lower()
        if (
            other is variant
            or (c[0] != v[0] and _fold(c[0]) != _fold(v[0]))
            or abs(len(c) - len(v)) > 2
            or c in lowercase_words
        ):
            continue
        # The tests on counts alone (repeated below, where they always stood) first: cheaper than a distance.
        if variant.count >= 2 and not (other.count >= 3 * variant.count and v_zipf < 3.0):
            continue
        if other.count < variant.count or (
            other.count == variant.count
            and not (other.introduced and not variant.introduced and other.first_position < variant.first_position)
            and not (v_zipf == 0.0 and lexicon.zipf(c) >= _WEB_KNOWN_NAME_ZIPF)
            and not _refers_back(variant, other)
        ):
            continue
        if other.sentence_initial_only and lexicon.zipf(c) >= 3.5 and not _same_name_after(variant, other):
            continue  # an ordinary word at a sentence start, not a name
        shortest = min(len(c), len(v))
        if shortest < 4:
            continue
        # A surname introduced with a first name and used again is one person; a lone rare
        # form one vowel shorter or longer is that name with a letter lost ("Baez"/"Baeza"),
        # not a demonym or a feminine form, which would be introduced or common words.
        if _suffixed(v, c) and not (
            lone and v_zipf < 3.0 and any(c == v + s or v == c + s for s in "aeio") and _surname(other)
        ):
            continue
        if stray_word and not (
            abs(len(c) - len(v)) == 1
            and v not in _ALWAYS_CAPITALISED
            and _surname(other)
            and lexicon.damerau_levenshtein(v, c) == 1
        ):
            continue  # only a letter dropped or doubled: "March" next to "Marsh" is the month
        # Two slips in a long name only where a title or first name says it is a person's
        # ("Dr Thornbery") or the web knows the name the article spells twice: two names the
        # web has never seen two letters apart are mostly two places ("Kilmore", "Kelmare").
        allowed = 2 if shortest >= 8 and (variant.introduced or lexicon.zipf(c) >= _WEB_KNOWN_NAME_ZIPF) else 1
        distance = lexicon.damerau_levenshtein(v, c)
        if distance > allowed and shortest >= 5 and _NAME_ENDING.sub("y", v) == _NAME_ENDING.sub("y", c):
            distance = 1
        if distance > allowed:
            continue
        if variant.introduced and not (variant.introducers & other.introducers) and not _refers_back(variant, other):
            continue  # "Jacques Santer" is someone, not a slip for "Santa"
        if (
            shortest == 4
            and not (c.startswith(v) or v.startswith(c))
            and _fold(c) != _fold(v)
            and not (_sound_key(v) == _sound_key(c) and _refers_back(variant, other))
        ):
            continue  # "John"/"Joan", "Iran"/"Iraq": short names differ by a letter legitimately
        if variant.count >= 2 and not (other.count >= 3 * variant.count and v_zipf < 3.0):
            continue
        if other.count < variant.count:
            continue
        if other.count == variant.count:
            # One mention each: trust the one introduced with a first name or title, if it came
            # first, or the one the web knows when it has never seen the other ("McIlroy").
            if not (
                (other.introduced and not variant.introduced and other.first_position < variant.first_position)
                or (v_zipf == 0.0 and lexicon.zipf(c) >= _WEB_KNOWN_NAME_ZIPF and distance == 1)
                or (_refers_back(variant, other) and distance == 1)
            ):
                continue
            if v_zipf >= _WEB_KNOWN_NAME_ZIPF and lexicon.zipf(c) == 0.0:
                continue  # never "correct" a spelling the web knows into one it has never seen
        if v_zipf >= 3.0 and ((c[:-1] == v and c[-1] in "aeio") or (v[:-1] == c and v[-1] in "aeio")):
            continue  # a common word a final vowel off another: "Latin"/"Latino", "Paul"/"Paula"
        if v_zipf >= 3.0 and v_zipf >= lexicon.zipf(c) + 1.5:
            continue  # the web knows this spelling far better ("Corey" beside "Correy"): a name of its own
        both_common = v_zipf >= 3.0 and lexicon.zipf(c) >= 3.0
        if both_common and not (other.introduced and other.count >= 2):
            continue
        confidence = 0.8 if other.count >= 2 * variant.count and not both_common else 0.65
        options.append((other.count, -distance, other, confidence))
    if not options:
        return None
    options.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return options[0][2], options[0][3]


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_FORM_INDEX_FROM = 200


def _may_be_canonical(form: _NameForm) -> bool:
    """Seen twice, introduced with a first name or title, or a spelling the web knows."""
    return form.count >= 2 or form.introduced or lexicon.zipf(form.form.lower()) >= _WEB_KNOWN_NAME_ZIPF


class _FormIndex:
    """The name forms that can pass ``_canonical_for``'s distance test against a form, without comparing every pair.

    A form is within the allowed edit distance (one, or two for names of eight letters or
    more; adjacent swaps count one) of another only if both share a string left after
    deleting up to that many letters from each; and the name-ending rule ("Brodie"/"Brody")
    needs equal normalised endings. ``near`` returns the forms sharing such a key, in the
    order of ``forms`` (the order the full scan used, which breaks ties), so the result is
    the scan's (up to the index's allowance of keys, which no real article comes near). Cost
    is linear in the number of forms instead of quadratic.
    """

    def __init__(self, forms: dict[str, _NameForm], *, text_length: int) -> None:
        self.forms = forms
        self.order = {name: i for i, name in enumerate(forms)}
        # Only a form seen twice, introduced or known to the web can be the canonical one:
        # ``_canonical_for`` wants at least the variant's count, and when both are seen once the
        # introduction or the web's knowledge; for an introduced variant or one seen twice, a
        # form seen more often (``repeated``).
        self.eligible = [form for form in forms.values() if _may_be_canonical(form)]
        # A news article has a few dozen such forms: scanning them beats building the index.
        self.indexed = len(self.eligible) > _FORM_INDEX_FROM
        # The scan passes over every form whose first letter differs from the variant's once
        # accents are folded (most pairs of an article's names): the eligible forms by that
        # letter, each list in the order of ``forms``, are the ones it keeps.
        self.by_initial: dict[str, list[_NameForm]] = {}
        self.repeated_by_initial: dict[str, list[_NameForm]] = {}
        for form in () if self.indexed else self.eligible:
            initial = _initial(form)
            self.by_initial.setdefault(initial, []).append(form)
            if form.count >= 2:
                self.repeated_by_initial.setdefault(initial, []).append(form)
        # Most keys belong to one form: that form's name is stored alone, not in a list of one
        # (a list per key was most of the index's memory on a text of many distinct names).
        self.by_key: dict[str, str | list[str]] = {}
        self.repeated: dict[str, str | list[str]] = {}
        # A name of 8-20 letters has about 80 keys (its two-letter deletions). No single article of
        # the 300 BBC and dev ones has enough forms to build the index at all; 100,000 characters of
        # them joined needed 8,200 keys, 200,000 17,800. Thousands of distinct long names ("Mr
        # Aaaaaaaaaaaa. Mr Aaaaaaaaaaab. ...") held 3.4x the memory of prose before this allowance;
        # past it, the later forms are not indexed (no variant is matched to them).
        keys_allowed = budget.allowance(
            "the spelling check of names (index)", text_length=text_length, floor=2_000, per_1000_chars=100
        )
        for name, form in forms.items() if self.indexed else ():
            if not _may_be_canonical(form):
                continue
            keys = self._keys(name.lower())
            if not keys_allowed.take(form.first_position, amount=len(keys)):
                break  # the first refusal ends the indexing: the later forms stay out
            for key in keys:
                _add_name(self.by_key, key, name)
                if form.count >= 2:
                    _add_name(self.repeated, key, name)

    @staticmethod
    def _keys(lower: str) -> set[str]:
        ones = _deletes(lower)
        keys = {"d" + lower} | {"d" + d for d in ones} | {"e" + _NAME_ENDING.sub("y", lower)}
        if 8 <= len(lower) <= _TWO_EDIT_NAME_LENGTH:
            keys |= {"d" + d2 for d in ones for d2 in _deletes(d)}
        return keys

    def near(self, variant: _NameForm) -> list[_NameForm]:
        # A form seen once after a courtesy title ("Mr Barker") may refer back to a name given in
        # full once (``_refers_back``): it is compared with every eligible form, not only repeated
        # ones. So is a form introduced once that the web has never seen: "Carly Fioirna" beside
        # "Carly Fiorina" (``_canonical_for`` then wants the same first name or title, one edit,
        # and a spelling the web knows).
        repeated_only = variant.count >= 2 or (
            variant.introduced and not _courtesy_only(variant) and lexicon.zipf(variant.form.lower()) > 0.0
        )
        if not self.indexed:
            return (self.repeated_by_initial if repeated_only else self.by_initial).get(_initial(variant), [])
        table = self.repeated if repeated_only else self.by_key
        names = {name for key in self._keys(variant.form.lower()) for name in _names_at(table, key)}
        return [self.forms[name] for name in sorted(names, key=self.order.__getitem__)]


def _initial(form: _NameForm) -> str:
    """The form's first letter as ``_canonical_for`` compares it: lower-case, accents folded."""
    return _fold(form.form.lower()[0])


@dataclass(frozen=True)
class _KnownSourceForms:
    """What the known sources contribute to name checking, derived once per set of sources."""

    protected: frozenset[str]  # every word of every name and alias, lower-cased: never a misspelling
    words: tuple[str, ...]  # the words that can be a canonical name form, in order, with repeats
    names: frozenset[str]
    by_key: dict[str, frozenset[str]]  # _FormIndex key -> the words having it


# The last sources seen and what they contribute: a worker analyses article after article against
# the same tuple (``known_sources`` keeps it while the sources do not change).
_known_forms_cache: tuple[tuple[KnownSource, ...], _KnownSourceForms] | None = None


def _known_source_forms(sources: tuple[KnownSource, ...]) -> _KnownSourceForms:
    global _known_forms_cache
    cached = _known_forms_cache
    if cached is not None and cached[0] is sources:
        return cached[1]
    protected: set[str] = set()
    words: list[str] = []
    for source in sources:
        for alias in (source.name, *source.aliases):
            for match in _WORD.finditer(alias):
                word, _ = _strip_possessive(match.group(0))
                protected.add(word.lower())
                if len(word) >= 6 and word[0].isupper() and word[1:].islower():
                    words.append(word)
    by_key: dict[str, set[str]] = {}
    for word in set(words):
        for key in _FormIndex._keys(word.lower()):
            by_key.setdefault(key, set()).add(word)
    forms = _KnownSourceForms(
        protected=frozenset(protected),
        words=tuple(words),
        names=frozenset(words),
        by_key={key: frozenset(names) for key, names in by_key.items()},
    )
    _known_forms_cache = (sources, forms)
    return forms


class _CompoundIndex:
    """The compound names that could differ from one in exactly one part, by a slip, without comparing every pair.

    ``_compound_canonical`` wants the other parts identical and the differing part within one
    edit (two for parts of eight letters or more) once accents are folded. So each name is
    keyed by its other parts plus the folded differing part with up to one (or two) letters
    deleted: two names that pass share a key. Only names seen twice can be canonical, and a
    canonical name needs at least the variant's count. ``near`` returns the candidates in
    the order of ``compounds`` (the full scan's order), so the result is the scan's.
    """

    def __init__(self, compounds: dict[str, _NameForm]) -> None:
        self.compounds = compounds
        self.order = {name: i for i, name in enumerate(compounds)}
        self.by_key: dict[tuple[str, ...], list[str]] = {}
        for name, form in compounds.items():
            if form.count < 2:  # ``_compound_canonical`` never takes a name seen once as the canonical one
                continue
            for key in self._keys(name):
                self.by_key.setdefault(key, []).append(name)

    @staticmethod
    def _keys(form: str) -> set[tuple[str, ...]]:
        parts = form.split("-")
        keys: set[tuple[str, ...]] = set()
        for i, part in enumerate(parts):
            folded = _fold(part.lower())
            variants = {folded} | _deletes(folded)
            if 7 <= len(folded) <= _TWO_EDIT_NAME_LENGTH:
                variants |= {d2 for d in _deletes(folded) for d2 in _deletes(d)}
            # The differing parts must also start with the same letter once folded.
            rest = (*parts[:i], "\x00", *parts[i + 1 :], _fold(part[:1].lower()))
            keys.update((*rest, variant) for variant in variants)
        return keys

    def near(self, variant: _NameForm) -> list[_NameForm]:
        names = {
            name
            for key in self._keys(variant.form)
            for name in self.by_key.get(key, ())
            if self.compounds[name].count >= variant.count
        }  # ``_canonical_for`` wants at least the variant's count
        return [self.compounds[name] for name in sorted(names, key=self.order.__getitem__)]


def _with(words: frozenset[str], word: str, singles: dict[str, frozenset[str]] | None = None) -> frozenset[str]:
    """``words`` with ``word``: a new set only when the word is new (a form has few introducers).

    ``singles`` holds the one-word sets made so far: the forms introduced by one word ("Mr")
    share one set, not one each (thousands of distinct "Mr X" would otherwise hold thousands).
    """
    if word in words:
        return words
    if not words and singles is not None:
        single = singles.get(word)
        if single is None:
            single = singles[word] = frozenset((word,))
        return single
    return words | {word}


def _add_name(table: dict[str, str | list[str]], key: str, name: str) -> None:
    """Add ``name`` under ``key``: the name itself while it is the only one, a list from the second on."""
    held = table.get(key)
    if held is None:
        table[key] = name
    elif isinstance(held, str):
        table[key] = [held, name]
    else:
        held.append(name)


def _names_at(table: dict[str, str | list[str]], key: str) -> Sequence[str]:
    """The names under ``key`` in ``table`` (see ``_add_name``), in the order added."""
    held = table.get(key)
    if held is None:
        return ()
    return (held,) if isinstance(held, str) else held


# Courtesy titles: "Mr Barker" after "Anne Barker" is the news convention of naming someone in full
# once, then by title and surname.
_COURTESY_TITLES = frozenset(("mr", "mrs", "ms", "miss", "dr"))


def _courtesy_only(form: _NameForm) -> bool:
    """Introduced, and only ever by a courtesy title ("Mr", "Dr")."""
    return bool(form.introducers) and form.introducers <= _COURTESY_TITLES


def _refers_back(variant: _NameForm, other: _NameForm) -> bool:
    """``variant`` only ever follows a courtesy title, and ``other`` was named earlier with a first name.

    That is how news copy refers back to a person named in full ("Jacques Barker ... Mr Barker"),
    so the two agree although they share no introducer; unless the variant is a listed surname
    that sounds different ("Mrs Barlow" after "Jacques Barrow" is someone else). A listed surname
    that sounds the same is the name spelt by ear ("Mr Dunne" after "Colm Dunn", "Ms Reade" after
    "Ellen Reid").
    """
    variant_lower = variant.form.lower()
    return (
        _courtesy_only(variant)
        and other.first_position < variant.first_position
        and not other.introducers <= _TITLES  # a first name among them
        # the dictionary look-ups last: this runs for every pair of names an article compares
        and (not lexicon.is_surname(variant_lower) or _sound_key(variant_lower) == _sound_key(other.form.lower()))
    )


_DOUBLED_LETTER = re.compile(r"(.)\1")

_VOWEL_RUN = re.compile(r"[aeiouy]+")


def _sound_key(word: str) -> str:
    """A crude key of how a lower-case name sounds: a final silent "e" dropped, doubled letters
    single, every run of vowels (and "y") one vowel. "kyle"/"kile", "kearns"/"kerns" and
    "baines"/"baynes" share one; "barlow"/"barrow" and "horan"/"horgan" do not."""
    return _VOWEL_RUN.sub("a", _DOUBLED_LETTER.sub(r"\1", word.removesuffix("e") if len(word) > 3 else word))


# A courtesy title with a full stop before a name ("Ms. Reid"): tokens link across one blank
# only, so the title is read from the text.
_DOTTED_TITLE_BEFORE = re.compile(r"(?:^|(?<=[\s(\"\u201c]))(Mr|Mrs|Ms|Dr)\. $")


def _dotted_title(text: str, token: _Token) -> str | None:
    """The courtesy title, lower-case, written with a full stop right before ``token``; None if there is none."""
    match = _DOTTED_TITLE_BEFORE.search(text, max(0, token.start - 6), token.start)
    return match.group(1).lower() if match is not None else None


def _names_after(form: _NameForm) -> set[str]:
    """The capitalised words right after the form's occurrences (the surnames a first name comes before)."""
    return {t.next.text for t in form.occurrences if t.next is not None and t.next.text[:1].isupper()}


def _same_name_after(variant: _NameForm, other: _NameForm) -> bool:
    """Both forms come before the same capitalised word: one person's first name, wherever it stands."""
    return bool(_names_after(variant) & _names_after(other))


def _surname(form: _NameForm) -> bool:
    """Used at least twice and introduced with a first name, not only a title."""
    return form.count >= 2 and any(word not in _TITLES for word in form.introducers)


@lru_cache(maxsize=4096)
def _fold(word: str) -> str:
    """The word without accents, lower-cased ("Özil" -> "ozil"): a lost diacritic is a slip, not a new name."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch)).lower()


def _introduced(token: _Token) -> bool:
    """Preceded by a first name or a title ("Dr. Amara Lindqvist", "President Lukashenko")."""
    previous = token.prev
    if previous is None or not previous.text[:1].isupper() or previous.text.lower() in lexicon.FUNCTION_WORDS:
        return False
    if previous.text.lower().rstrip(".") in _TITLES:
        return True
    before = previous.text.lower()
    if lexicon.is_given_name(before):
        return True  # "Jim Horan" opening a sentence or a headline is introduced all the same
    if previous.initial and lexicon.zipf(before) >= 4.0:
        return False  # "Despite Lukashenko", "Why Is Belarus": a capitalised ordinary word
    return not (token.initial and previous.initial and lexicon.zipf(before) >= 4.0)


# A name in a list: a comma or semicolon, maybe an initial ("S Kearney, B Walsh"), then a capital.
_LIST_AFTER = re.compile(r"['\u2019]?s?\s*[,;]\s*[A-Z]")

_LIST_BEFORE = re.compile(r"[A-Za-z\u00c0-\u024f'\u2019]\s*[,;]\s*(?:[A-Z]\.?\s+)?$")


def _in_list_of_names(text: str, token: _Token) -> bool:
    """The token is one item of a list of names (a line-up, a cast): its neighbours are other people.

    Lists separate their items by commas or semicolons; the item after or before this one is
    capitalised ("Dunne, Kearny, Walsh", "S Kearney, B Walsh").
    """
    if _LIST_AFTER.match(text, token.end):
        return True
    head = text[max(0, token.start - 40) : token.start]
    match = _LIST_BEFORE.search(head)
    if match is None:
        return False
    before = head[: match.start() + 1].split()
    return bool(before) and before[-1][:1].isupper()
