"""Capitalised words, read with the name model.

A capitalised word is a name, never flagged, when the dictionary, the known sources or the article
vouch for it. It is a misspelling only when a far more frequent word is an edit away, its capital
is explained (a sentence opener, a weekday or month, a title, a title-case name of ordinary words)
and, mid-sentence, the correction fits its neighbours; or when it is one slip from a name the web
knows well (rule ``name-misspelling``). Names spelt two ways in one article are ``name_variants``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from itertools import chain

from credibility.analysis.detectors.typos.candidates import (
    _best_correction,
    _edit_bonus,
    _keyboard_slips_undone,
    _listed_correction,
    _pair_supported,
    _shifted_doubles_undone,
    _slip_cost,
    _slips_from,
)
from credibility.analysis.detectors.typos.tokens import _WORD, _Token
from credibility.analysis.detectors.typos.vocabulary import (
    _from_vocabulary,
    _is_derived,
    _match_case,
    _strip_possessive,
    _suffixed_vocabulary,
    _word_or_name,
)
from credibility.analysis.lexicons import english as lexicon

_TITLES = frozenset(
    """mr mrs ms dr prof professor sir dame lord lady judge justice president minister chancellor
    senator sen rep governor gov mayor councillor commissioner chief inspector sergeant officer
    captain general colonel major king queen prince princess pope bishop father rev reverend
    coach manager chairman chairwoman chair ceo director spokesman spokeswoman""".split()
)

# A name and its demonym, plural or adjective ("Russia"/"Russian", "Iraq"/"Iraqi") are not variants.
_NAME_SUFFIXES = (
    "s",
    "es",
    "n",
    "an",
    "ns",
    "ans",
    "i",
    "is",
    "ese",
    "ian",
    "ians",
    "ish",
    "ic",
    "ite",
    "ites",
    "ia",
    "a",
    "y",  # "Normandy"/"Norman"
)

_NAME_SUFFIX_SET = frozenset(_NAME_SUFFIXES)


def _suffixed(a: str, b: str) -> bool:
    """One of the two is the other plus a name suffix ("Russia"/"Russian"): a test, not a concatenation per suffix."""
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return longer.startswith(shorter) and longer[len(shorter) :] in _NAME_SUFFIX_SET


# Ordinary words English always capitalises (a capital mid-sentence says nothing about them).
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())

# "May" is left out of the months a slip is read towards: it is a verb and a name as often.
_MONTHS = frozenset("january february march april june july august september october november december".split())

_ALWAYS_CAPITALISED = _WEEKDAYS | _MONTHS | frozenset("may christmas easter god internet english".split())

# A pair the bigram list counts this often (log10) is a set phrase ("minister for", "united states").
_SET_PHRASE_BIGRAM = 7.0

# A capitalised word this common is what the writer meant: its correction would have to be a
# function word (Zipf >= 5.5), and names are not made of those.
_NAME_WORD_SLIP_MAX_ZIPF = 4.0

# Lower-case words inside a title-case name of ordinary words ("Department of Health").
_NAME_CONNECTORS = frozenset(("of", "for", "on"))


def _real_word_in_name(token: _Token) -> tuple[str, str, str, float] | None:
    """A real word typed for a far commoner one inside a capitalised name ("the Minster for Transport",
    "the Untied States", "Pubic Health England").

    The correction is one usual slip away (a letter left out, two swapped, a wrong vowel), at
    least 1.5 Zipf points commoner, and makes a set phrase with the word after or before it that
    the written word never makes (the bigram list has "minister for", no "minster for"), or is a
    title where a title stands, before a first name. The token stands in a run of capitals or
    before "for"/"of" and a capital; a surname that is also a word ("Minster") only after "the"
    or as a title.
    """
    lower = token.text.lower()
    own = lexicon.zipf(lower)
    if own >= _NAME_WORD_SLIP_MAX_ZIPF:
        return None  # "Government", "Bank": no word 1.5 points commoner is one slip away
    previous, following = token.prev, token.next
    after = following.text.lower() if following is not None else ""
    before = previous.text.lower() if previous is not None else ""
    in_name = (following is not None and following.text[:1].isupper()) or (
        after in _NAME_CONNECTORS
        and following is not None
        and following.next is not None
        and following.next.text[:1].isupper()
    )
    if not in_name:
        return None
    # A title's place: before a first name, after nothing or an ordinary word ("Trade Minster
    # Paul Hay"); a surname there is a slip of the title only.
    titled = (
        following is not None
        and lexicon.is_given_name(after)
        and (previous is None or not previous.text[:1].isupper() or _ordinary_capital(previous))
    )
    named = lexicon.is_surname(lower) or lexicon.is_given_name(lower)
    if named and before != "the" and not titled:
        return None
    for candidate, distance in lexicon.common_near_words(lower):
        if (
            distance != 1
            or candidate[0] != lower[0]  # a title's pun changes the first letter ("Faking It"); a slip seldom does
            or lexicon.zipf(candidate) - own < 1.5
            or _edit_bonus(lower, candidate) <= 0.0
        ):
            continue
        if titled and candidate in _TITLES:
            shown = _match_case(candidate, token.text)
            explanation = f'"{token.text}" is a real word, but before the name the title is "{shown}".'
            return "confusable-context", candidate, explanation, 0.4
        if named and before != "the":
            continue
        by_after = (
            bool(after) and lexicon.bigram(candidate, after) >= _SET_PHRASE_BIGRAM and not lexicon.bigram(lower, after)
        )
        by_before = (
            previous is not None
            and previous.text[:1].isupper()
            and lexicon.bigram(before, candidate) >= _SET_PHRASE_BIGRAM
            and not lexicon.bigram(before, lower)
        )
        if by_after or by_before:
            shown = _match_case(candidate, token.text)
            explanation = f'"{token.text}" is a real word, but in this name the word is "{shown}".'
            return "confusable-context", candidate, explanation, 0.4
    return None


def _beside_capital(token: _Token) -> bool:
    """The word before or after, in the same sentence, is capitalised: the token is part of a longer name."""
    return any(
        neighbour is not None and neighbour.sentence == token.sentence and neighbour.text[:1].isupper()
        for neighbour in (token.prev, token.next)
    )


def _function_word_swap(token: _Token, listed: str) -> tuple[_Token, str, str, str, float] | None:
    """A three-letter token that is a very common function word with its letters jumbled ("teh", "adn").

    Shorter tokens are skipped by the dictionary checks (most are abbreviations or names), but
    a jumble of "the" or "and" that codespell lists (``listed``: the word it stands for,
    ``lexicon.jumbled_function_words``), and the clean dictionary lacks, is a slip whatever the
    web makes of it. Lower-case, or capitalised as a sentence opener.
    """
    word = token.text
    if not (word.islower() or (token.initial and word[0].isupper() and word[1:].islower())):
        return None
    shown = _match_case(listed, word)
    return token, "known-misspelling", listed, f'"{word}" is a common misspelling of "{shown}".', 0.85


# Two edits from a capitalised word only as two usual slips (``_slip_cost``: letters left out,
# swapped, a wrong vowel or neighbouring key): a place name two unusual letters from a word is a
# name of its own ("Wardale" is no "Warble").
_TWO_SLIPS_IN_NAME_COST = 1.0


def _capitalised_correction(word: str, previous: str, following: str) -> tuple[str, bool] | None:
    """(correction, supported by the context) for a capitalised non-word (see ``_capitalised``).

    The candidates are frequent words (Zipf >= 3.5) one edit away, or two for a word of seven
    letters or more the web has never seen, starting with the same letter (names differ from
    words mostly there: "Corney"/"Corner") and at least two Zipf points more frequent than the
    token. A candidate that makes a common pair with a neighbour is supported by the context
    and ranked up; the best must lead the next by a clear margin, and be two usual slips away
    when it is two edits away.
    """
    own = lexicon.zipf(word)
    scored: list[tuple[float, str, bool, int]] = []
    for candidate, distance in lexicon.common_near_words(word, two=own == 0.0 and len(word) >= 7):
        frequency = lexicon.zipf(candidate)
        if (
            frequency < 3.5
            or frequency - own < 2.0
            or candidate[0] != word[0]
            or (distance == 2 and (len(word) < 7 or own > 0.0))
        ):
            continue
        supported = _pair_supported(previous, candidate, following)
        score = frequency + _edit_bonus(word, candidate) - (distance - 1) * 1.0 + (1.0 if supported else 0.0)
        scored.append((score, candidate, supported, distance))
    if not scored:
        return None
    scored.sort(key=lambda item: (-item[0], item[1]))
    score, candidate, supported, distance = scored[0]
    if len(scored) > 1 and score - scored[1][0] < 0.75:
        return None
    if distance == 2 and _slip_cost(word, candidate) > _TWO_SLIPS_IN_NAME_COST:
        return None  # the winner, not a candidate: dropping a rival would let a weaker winner through
    return candidate, supported


# The costliest slip (``_slip_cost``) that a capitalised word beside a name may be: one letter
# left out, two swapped, a wrong vowel or a neighbouring key.
_WORD_IN_NAME_SLIP_COST = 0.4


def _word_slip_beside_name(token: _Token) -> tuple[str, str, str, float] | None:
    """A capitalised word beside a name that is one usual slip from a frequent ordinary word.

    Organisations and titles are built of ordinary words around a name ("the Kelbury Metropolitn
    Council", "Secretray Ana Ruiz"), so a name beside the token does not make it one. The token
    must be unknown everywhere (no web use, no census name, no suffixed dictionary word), six
    letters or more, with a single clear correction (``_capitalised_correction``: frequent, the
    same first letter) one usual slip away that is no census name itself: a name one slip from
    a name is a namesake ("Mercere", "Mercer").
    """
    lower = token.text.lower()
    if len(lower) < 6 or lexicon.zipf(lower) > 0.0 or _word_or_name(lower):
        return None
    if _suffixed_vocabulary(lower) or _is_derived(lower):
        return None  # a prefix is not ruled out: a slip can start like one and leave a rare word after it
    previous, following = token.prev, token.next
    best = _capitalised_correction(
        lower,
        previous.text.lower() if previous is not None else "",
        following.text.lower() if following is not None else "",
    )
    if best is None:
        return None
    candidate = best[0]
    if (
        lexicon.is_surname(candidate)
        or lexicon.is_given_name(candidate)
        or _slip_cost(lower, candidate) > _WORD_IN_NAME_SLIP_COST
    ):
        return None
    shown = _match_case(candidate, token.text)
    return "non-word", candidate, f'"{token.text}" is not a word; it looks like a misspelling of "{shown}".', 0.65


# A common surname: among the Census list's first 5,000 (of 88,799).
_COMMON_SURNAME_RANK = 5000

# Two-letter slips are looked for in names up to this long (the deletion index grows with the square).
_TWO_EDIT_NAME_LENGTH = 20


def _swapped_surname(word: str) -> tuple[str, str, str, float] | None:
    """A capitalised non-name that is a common surname with two neighbouring letters swapped."""
    lower = word.lower()
    if len(lower) > _TWO_EDIT_NAME_LENGTH:
        return None  # each swap copies the word: no surname is this long
    for swapped in lexicon.adjacent_swaps(lower):
        if lexicon.surname_rank(swapped) < _COMMON_SURNAME_RANK:
            shown = _match_case(swapped, word)
            return "non-word", shown, f'"{word}" looks like the surname "{shown}" with two letters swapped.', 0.65
    return None


# A name the web knows well enough to correct another into: about three uses in ten million words
# (rarer names have too many real namesakes a letter away: "Girin"/"Girvin", "Terie"/"Terrie").
_KNOWN_NAME_ZIPF = 2.5

_NAME_SLIP_MIN_LENGTH = 5

# A name known well enough that a doubled or neighbouring key in it is a slip: about one use in a
# million words ("Hillary", "Bernie"; not "Horgan", which "Horan" is a letter from).
_WELL_KNOWN_NAME_ZIPF = 3.0

# Five-letter surnames are too often a key from a famous one ("Chyen", "Chen"); first names are not.
_KEYBOARD_SLIP_MIN_LENGTH = 6

# A name a slip of the rarer, telltale kinds below may be corrected into: about one use in ten
# million words, or a surname in the Census list right after a first name.
_TELLTALE_NAME_ZIPF = 2.0


@lru_cache(maxsize=4096)
def _name_slip(
    word: str, *, after_given_name: bool = False, ends_name: bool = False
) -> tuple[str, str, str, float] | None:
    """A capitalised word the web has never seen that is one typing slip from a name it knows well.

    The slip is a vowel or one of a double letter left out of the name, or two of its
    neighbouring letters swapped (the commonest typing slips in names). A letter changed or
    added only as a keyboard slip (doubled, or a neighbouring key) of a very well-known first
    name, or surname right after a first name: rare names are mostly a known name with a letter
    more or another ("Horan" and "Horgan", "Petersen" and "Peterson" are different people), and
    a final "e" more is a namesake's spelling, never a slip ("Browne", "Clarke"). The
    first letter must stay in place. The word must be unknown everywhere (no dictionary, census
    or web use), and exactly one such name within reach, itself a name rather than an ordinary word.
    """
    lower = word.lower()
    if len(lower) < _NAME_SLIP_MIN_LENGTH or len(lower) > _TWO_EDIT_NAME_LENGTH or not lower.isalpha():
        return None
    if lexicon.zipf(lower) > 0.0 or lexicon.is_surname(lower) or lexicon.is_given_name(lower):
        return None
    found = {
        candidate
        for candidate in chain(
            lexicon.adjacent_swaps(lower),
            # a vowel left out, or one of a double letter ("Atwod" for "Atwood")
            (lower[:i] + letter + lower[i:] for i in range(1, len(lower) + 1) for letter in {*"aeiouy", lower[i - 1]}),
        )
        if candidate[0] == lower[0] and lexicon.web_frequent(candidate, _KNOWN_NAME_ZIPF)
    } | {
        # Typing slips of a name everybody writes: a letter doubled or a key's neighbour struck
        # with it or instead of it ("Hillarry", "Clinrton", "Bernoe"). Rare names differ by such
        # letters too, so only a very well-known name is corrected into.
        candidate
        for candidate in _keyboard_slips_undone(lower)
        if candidate[0] == lower[0]
        and candidate + "e" != lower
        and lexicon.web_frequent(candidate, _WELL_KNOWN_NAME_ZIPF)
        # a first name, or a surname of six letters or more right after one: "Woest" is no slip
        # of "worst", "Chyen" none of "Chen"
        and (
            lexicon.is_given_name(candidate)
            or (after_given_name and len(lower) >= _KEYBOARD_SLIP_MIN_LENGTH and lexicon.is_surname(candidate))
        )
    }
    if not found:
        # The telltale slips: a doubled letter shifted to its neighbour, or (right after a first
        # name, ending the name: a middle name is often a family name of its own) a vowel left
        # out of a surname the Census lists. A rarer name may be corrected
        # into, since few real names differ from a known one in these ways alone.
        found = {
            candidate
            for candidate in _shifted_doubles_undone(lower)
            if lexicon.web_frequent(candidate, _TELLTALE_NAME_ZIPF)
        }
        if after_given_name and ends_name and not found:
            found = {
                lower[:i] + vowel + lower[i:]
                for i in range(2, len(lower) + 1)
                for vowel in "aeiou"
                if lexicon.is_surname(lower[:i] + vowel + lower[i:])
            }
    found = {
        candidate
        for candidate in found
        if lexicon.is_surname(candidate) or lexicon.is_given_name(candidate) or not lexicon.in_vocabulary(candidate)
    }
    if len(found) != 1:
        return None
    shown = _match_case(found.pop(), word)
    return "name-misspelling", shown, f'"{word}" looks like a misspelling of the name "{shown}".', 0.55


_ALWAYS_CAPITALISED_BY_INITIAL: dict[str, tuple[str, ...]] = {}


def _near_always_capitalised(word: str) -> bool:
    """Within two edits of a word English always capitalises (with the same first letter)."""
    if not _ALWAYS_CAPITALISED_BY_INITIAL:
        for known in sorted(_ALWAYS_CAPITALISED):
            _ALWAYS_CAPITALISED_BY_INITIAL[known[0]] = (*_ALWAYS_CAPITALISED_BY_INITIAL.get(known[0], ()), known)
    return any(
        abs(len(known) - len(word)) <= 2 and lexicon.damerau_levenshtein(known, word) <= 2
        for known in _ALWAYS_CAPITALISED_BY_INITIAL.get(word[:1], ())
    )


def _ordinary_capital(token: _Token) -> bool:
    """A capitalised word that is a frequent dictionary word ("Consumer", "Health"), so it says little about names."""
    lower = token.text.lower()
    # Short words count only where the sentence capitalises them ("On Thursday"): mid-sentence,
    # "Ko" or "Li" is a name.
    return (len(lower) >= 3 or token.initial) and lexicon.in_vocabulary(lower) and lexicon.zipf(lower) >= 4.0


# Words that put a weekday or month where it stands: "on Monday", "last March", "Monday night",
# "Friday's vote", "March 3", "3 March", "March 2015".
_CALENDAR_BEFORE = frozenset(
    "on last next this every until till by since from early late before after through during of in "
    "and or between beginning starting".split()
)

_CALENDAR_AFTER = frozenset("morning afternoon evening night and or".split())

# A weekday or month is used about 100,000 times as often as this.
_CALENDAR_SLIP_MAX_ZIPF = 2.5

# US copy dates a report by its verb: "said Monday", "told reporters Friday".
_CALENDAR_VERBS = frozenset("said says announced reported told confirmed added".split())

_WORD_BEFORE = re.compile(r"([A-Za-z]+|\d+)(?:st|nd|rd|th)?,?\s+$")

_WORD_AFTER = re.compile(r"^(?:['\u2019]s)?,?\s+([A-Za-z]+|\d+)")


def _calendar_slip(token: _Token, text: str) -> tuple[str, str, str, float] | None:
    """A capitalised non-word one slip from a weekday or month, where a date stands ("on Sinday").

    The set is closed and its words are frequent, so one edit (two in a word of eight letters
    or more) with the first letter kept decides, whatever the length, once the context says a
    date: a preposition or "last"/"next" before, "morning"/"night" or a number after, or a
    number before a month. The word must be no dictionary word or census name, and rare on the
    web (the commonest slips, "Agust", are seen there).
    """
    lower = token.text.lower()
    if lexicon.zipf(lower) >= _CALENDAR_SLIP_MAX_ZIPF or _word_or_name(lower):
        return None
    distances = _slips_from(lower, _WEEKDAYS | _MONTHS)
    closest = min(distances.values(), default=None)
    near = [known for known, distance in distances.items() if distance == closest]
    if len(near) != 1:
        return None  # none, or as close to two ("Thusday": Tuesday or Thursday)
    known = near[0]
    # Read from the text, not the token chain: numbers are no tokens ("on 22 Aprli").
    found_before = _WORD_BEFORE.search(text, max(0, token.start - 24), token.start)
    found_after = _WORD_AFTER.search(text[token.end : token.end + 24])
    before = found_before.group(1).lower() if found_before else ""
    after = found_after.group(1).lower() if found_after else ""
    month = known in _MONTHS
    dated = (
        before in _CALENDAR_BEFORE
        or before in _CALENDAR_VERBS
        or after in _CALENDAR_AFTER
        or token.possessive
        or (month and (before.isdigit() or after.isdigit()))
    )
    if not dated:
        return None
    shown = _match_case(known, token.text)
    return "non-word", shown, f'"{token.text}" is not a word; it looks like a misspelling of "{shown}".', 0.8


# Titles long enough that one slip in them is no other word: "Preesident", "Governior".
_SLIPPABLE_TITLES = frozenset(t for t in _TITLES if len(t) >= 6)


def _title_slip(token: _Token) -> tuple[str, str, str, float] | None:
    """A capitalised non-word one slip from a title, before a capitalised name ("Governior Bush").

    The name after it explains the capital; the word must be unknown everywhere, no census
    name, and one edit (two from eight letters) from exactly one title, with its first letter.
    """
    following = token.next
    if following is None or not following.text[:1].isupper():
        return None
    lower = token.text.lower()
    if len(lower) < 6 or lexicon.zipf(lower) > 0.0 or _word_or_name(lower):
        return None
    near = _slips_from(lower, _SLIPPABLE_TITLES)
    if len(near) != 1:
        return None
    shown = _match_case(next(iter(near)), token.text)
    return "non-word", shown, f'"{token.text}" is not a word; it looks like a misspelling of the title "{shown}".', 0.75


# Words that get run into the name before them ("Kowalskiand"): three letters or more, so that
# a name's own ending ("Clinton", "Boston") is not read as one.
_NAME_GLUE_WORDS = ("and", "the", "was", "said", "says", "has", "had", "who", "for", "with", "from", "but", "not")


def _name_run_together(word: str, text: str, after_given_name: bool = False) -> tuple[str, str, str, float] | None:
    """A name run into the next word ("Kowalskiand" where the article also writes "Kowalski").

    The head must stand on its own somewhere in the article, or the token be a form the web has
    never seen and no listed surname ("Rand", "Garland" and "Sutherland" are) that follows a given
    name ("Steve Ditkoand") or whose head is a common surname ("Paul Fletcherand"); the whole
    token is no dictionary word. The article, the name before it or the census shows where the
    space belongs.
    """
    lower = word.lower()
    unseen = lexicon.zipf(lower) == 0.0 and not lexicon.is_surname(lower)
    for glue in _NAME_GLUE_WORDS:
        head = word[: -len(glue)]
        if (
            lower.endswith(glue)
            and len(head) >= 3
            and (
                (unseen and (after_given_name or lexicon.surname_rank(head.lower()) < _COMMON_SURNAME_RANK))
                or _stands_alone(text, head)
            )
        ):
            split = f"{head} {glue}"
            return "run-together", split, f'"{word}" looks like a name run into the next word: "{split}".', 0.75
    return None


def _stands_alone(text: str, word: str) -> bool:
    """``word`` occurs in ``text`` as a whole word (no letter on either side); str.find, not a regex."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalpha()) and (end == len(text) or not text[end].isalpha()):
            return True
        at = text.find(word, at + 1)
    return False


def _capital_counts(tokens: Sequence[_Token], title: str) -> dict[str, int]:
    """How often each word occurs in the article and its title, whatever its case, under its lower-case form."""
    counts: dict[str, int] = {}
    for word in chain((t.text for t in tokens), (_strip_possessive(m.group(0))[0] for m in _WORD.finditer(title))):
        lower = word.lower()
        counts[lower] = counts.get(lower, 0) + 1
    return counts


def _capitalised(
    token: _Token,
    text: str,
    protected_names: AbstractSet[str],
    search_allowed: Callable[[], bool] = lambda: True,
) -> tuple[str, str, str, float] | None:
    """A capitalised word read with a name model: (rule, suggestion, explanation, confidence) or None.

    The word is a name, never flagged, when it is a dictionary word or place (the clean
    vocabulary holds the common ones), a known source's name, repeated in the article in
    any case (the caller checks this last: a slip is seldom made twice the same way), after
    a title, or beside a capitalised word that is not a frequent dictionary word ("Ana
    Corney", "Serie A"). Otherwise it is a misspelling when codespell lists it, or when a
    frequent word is one edit away (two for long unseen words), and the position explains
    the capital: a sentence opener (checked as an ordinary word unless the article uses it
    mid-sentence as a name; the caller checks that and the length), a word English always
    capitalises (a weekday), or a word inside a title-case name of ordinary words
    ("Natinal Trust", "Departmant of Health"). Mid-sentence, the
    correction must make a common pair with a neighbour; a lone capitalised word that
    is unlike any frequent word is a name.
    """
    word = token.text
    lower = word.lower()
    if lower in protected_names:
        return None
    if lexicon.is_word(lower):
        return _real_word_in_name(token)
    if (lexicon.is_surname(lower) or lexicon.is_given_name(lower)) and not (
        token.initial and lexicon.known_misspelling(lower)
    ):
        return None  # a personal name ("Schott", "Bovard"); a sentence opener codespell lists stays a slip
    previous, following = token.prev, token.next
    calendar = _calendar_slip(token, text)
    if calendar is not None:
        return calendar  # before the name model: "in Reno on Sinday" is no place name "Reno on ..."
    if previous is not None and previous.text.lower().rstrip(".") in _TITLES:
        return None
    title = _title_slip(token)
    if title is not None:
        return title
    listed = _listed_correction(lower) if _beside_capital(token) else None
    if listed is not None and lexicon.zipf(listed.split()[0]) >= 3.0:
        # A listed misspelling of a common word is no name, even beside one: the words of an
        # organisation's name are ordinary words ("Harwick Independants", "Acme Technolgy").
        # A lone capital stays a brand ("a bottle of Absolut").
        shown = _match_case(listed, word)
        return "known-misspelling", listed, f'"{word}" is a common misspelling of "{shown}".', 0.8
    phrase = False  # inside a title-case name of ordinary words
    for neighbour, beyond in (
        (previous, previous.prev if previous is not None else None),
        (following, following.next if following is not None else None),
    ):
        if neighbour is None:
            continue
        if neighbour.text in _NAME_CONNECTORS and beyond is not None and beyond.text[:1].isupper():
            neighbour = beyond
        elif not neighbour.text[:1].isupper():
            continue
        if lexicon.is_given_name(neighbour.text.lower()):
            # Beside a first name ("Peter" is a common word too) the word is a name: after one,
            # a slip only as two letters swapped in a common surname ("Anna Thomspon") or as a
            # typing slip of a name the web knows well; before one, also a slip of a word
            # that titles a person ("Secretray Helen Ames").
            if neighbour is previous:
                ends_name = following is None or not following.text[:1].isupper()
                return _swapped_surname(word) or _name_slip(word, after_given_name=True, ends_name=ends_name)
            return _name_slip(word) or _word_slip_beside_name(token)
        if not _ordinary_capital(neighbour):
            # A name beside a name, unless it is a slip of a well-known one or of a frequent
            # word the name is built with ("the Kelbury Metropolitn Council").
            return _name_slip(word) or _word_slip_beside_name(token)
        phrase = True
    if not token.initial and not phrase and not _near_always_capitalised(lower):
        return None  # a lone capitalised word mid-sentence can only be a slip for a weekday or the like
    found = _capitalised_slip(token, phrase, search_allowed)
    # Beside an ordinary capital ("A Qunnipiac poll"), a typing slip of a well-known name too.
    return found if found is not None or not phrase else _name_slip(word)


def _capitalised_slip(
    token: _Token, phrase: bool, search_allowed: Callable[[], bool] = lambda: True
) -> tuple[str, str, str, float] | None:
    """The word as a slip for a frequent word (``_capitalised`` decides where that is allowed)."""
    word = token.text
    lower = word.lower()
    previous, following = token.prev, token.next
    before = previous.text.lower() if previous is not None else ""
    after = following.text.lower() if following is not None else ""
    own = lexicon.zipf(lower)
    listed = lexicon.known_misspelling(lower) or lexicon.inflected_misspelling(lower)
    if listed and lexicon.zipf(listed.split()[0]) - own >= 1.5:
        candidate, supported, rule, confidence = (
            listed,
            _pair_supported(before, listed, after),
            "known-misspelling",
            0.85,
        )
    elif len(word) < (5 if token.initial and not phrase else 6) or _from_vocabulary(lower) or _is_derived(lower):
        return None  # a short capital mid-sentence is mostly a name; a sentence opener is checked from five letters
    else:
        best = _capitalised_correction(lower, before, after)
        # ``search_allowed`` last: it spends the run's allowance of this search (see ``_non_words``).
        if best is None and token.initial and not phrase and own == 0.0 and search_allowed():
            # A sentence opener the web has never seen is checked as an ordinary word, so a
            # rare but real correction is reachable ("Reisurance firms" -> "Reinsurance").
            ordinary = _best_correction(lower, False, lambda: False, (before, after))
            best = (ordinary[0], _pair_supported(before, ordinary[0], after)) if ordinary else None
        if best is None:
            return None
        candidate, supported = best
        rule, confidence = "non-word", 0.75 if supported else 0.65
    if token.initial:
        fits = rule == "known-misspelling" or supported or own == 0.0
    elif candidate in _ALWAYS_CAPITALISED:
        fits = supported or own == 0.0
    else:
        # Inside a title-case name of ordinary words, a token the web has never seen needs no
        # pair to back it when codespell lists it ("National Agricultre Council") or its
        # correction is a frequent word ("Regional Transprot Authority"): the bigram list
        # lacks many names' pairs ("wall street").
        fits = phrase and (
            supported or (own == 0.0 and (rule == "known-misspelling" or lexicon.zipf(candidate) >= 4.0))
        )
    if not fits:
        return None
    shown = _match_case(candidate, word)
    if rule == "known-misspelling":
        return rule, candidate, f'"{word}" is a common misspelling of "{shown}".', confidence
    explanation = f'"{word}" is not a name used elsewhere in the article; it looks like a misspelling of "{shown}".'
    return rule, candidate, explanation, confidence
