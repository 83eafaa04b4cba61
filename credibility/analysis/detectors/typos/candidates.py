"""Candidate generation and ranking for a word the lexicon does not know.

Candidates are lexicon words one or two edits away; a noisy channel ranks them: the cost of the
slip (a neighbouring key, a doubled or left-out letter, a swapped ending: ``_slip_cost``) against
how much more frequent the candidate is, with bigrams of the neighbours as support. codespell's
list of common misspellings is read first (``_listed_correction``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet

from credibility.analysis.detectors.typos.tokens import _Token
from credibility.analysis.detectors.typos.vocabulary import _from_vocabulary, _inflection_of_seen, _plural_of_vocabulary
from credibility.analysis.lexicons import english as lexicon

_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")

# Keys next to each other on a QWERTY keyboard, in a row or diagonally.
_NEIGHBOUR_KEYS: dict[str, frozenset[str]] = {
    letter: frozenset(
        other
        for other_row in range(max(0, row - 1), min(len(_KEYBOARD_ROWS), row + 2))
        for other_column, other in enumerate(_KEYBOARD_ROWS[other_row])
        if other != letter and abs(other_column + (other_row - row) * 0.5 - column) <= 1.0
    )
    for row, keys in enumerate(_KEYBOARD_ROWS)
    for column, letter in enumerate(keys)
}


def _edit_bonus(word: str, candidate: str) -> float:
    """A crude channel model on the Zipf scale: dropped letters and swaps are the usual slips."""
    if len(candidate) == len(word) + 1:
        for i in range(1, len(candidate)):
            if candidate[i] == candidate[i - 1] and candidate[:i] + candidate[i + 1 :] == word:
                return 1.5  # one of a double left out ("mistep", "ocasion"): the commonest slip of all
        return 0.3  # a letter left out
    if len(candidate) == len(word) and sorted(candidate) == sorted(word):
        return 0.3  # two letters swapped
    if len(candidate) == len(word):
        diff = [(a, b) for a, b in zip(word, candidate, strict=True) if a != b]
        if len(diff) == 1 and diff[0][0] in "aeiouy" and diff[0][1] in "aeiouy":
            return 0.5  # the wrong vowel: spelled by ear
        if len(diff) == 1 and diff[0][1] in _NEIGHBOUR_KEYS.get(diff[0][0], frozenset()):
            return 0.1  # the key next to the right one ("symptons"): less usual than a letter left out
    if len(candidate) + 1 == len(word):
        for i in range(1, len(word)):
            if word[i] == word[i - 1] and word[:i] + word[i + 1 :] == candidate:
                return 0.2  # a doubled letter
    return 0.0


def _seen_slip(word: str, own: float, near: tuple[tuple[str, int], ...]) -> tuple[str, float] | None:
    """A web-seen token (Zipf >= 1) the clean English dictionary lacks, one typical slip from a common word.

    wordfreq keeps frequent web misspellings ("tournement", "goverments") and foreign words
    ("medecine", "ennemies") at Zipf 1-3, like rare real words. The clean dictionary tells them
    apart from English, and the slip must be a usual one (wrong vowel, letter dropped, doubled
    or swapped) inside the word: changed endings are mostly foreign inflections ("severo",
    "causa") and added letters mostly other words ("polje", "bundlers"). One candidate must be
    clearly ahead of every other word one edit away.
    """
    if own < 1.0 or len(word) < 5 or lexicon.in_vocabulary(word) or _from_vocabulary(word):
        return None
    # A rare but real correction ("hundredth", Zipf 2.8): only a letter left out inside a long
    # word, the one dictionary word that near, and far more frequent than the token.
    rare = [c for c, distance in near if distance == 1 and lexicon.zipf(c) >= 2.0 and lexicon.in_vocabulary(c)]
    if len(word) >= 7 and len(rare) == 1 and _letter_left_out(word, rare[0]) and lexicon.zipf(rare[0]) - own >= 1.5:
        return rare[0], 0.6
    ranked = sorted(
        (
            (lexicon.zipf(c) + _edit_bonus(word, c), c)
            for c, distance in near
            if distance == 1 and lexicon.zipf(c) >= 3.0
        ),
        reverse=True,
    )
    if not ranked:
        return None
    score, candidate = ranked[0]
    frequency = lexicon.zipf(candidate)
    if (
        frequency < 3.5
        or frequency - own < 2.5
        or candidate[0] != word[0]
        or candidate[-1] != word[-1]
        or _edit_bonus(word, candidate) <= 0.0
        or (len(ranked) > 1 and score - ranked[1][0] < 1.0)
    ):
        return None
    return candidate, 0.6


def _letter_left_out(word: str, candidate: str) -> bool:
    """``candidate`` is ``word`` with one letter put back inside it (not the first or the last)."""
    return (
        len(candidate) == len(word) + 1
        and candidate[0] == word[0]
        and candidate[-1] == word[-1]
        and any(candidate[:i] + candidate[i + 1 :] == word for i in range(1, len(candidate) - 1))
    )


# The least frequent correction an unseen token can get (Zipf 2 is about one in 10 million words).
RARE_CANDIDATE_ZIPF = 2.0

# Endings that make one inflection of a word into another ("trailblazed"/"trailblazer").
_INFLECTION_TAILS = frozenset(("", "s", "d", "r", "n", "e", "y", "ed", "er", "es", "en", "st"))


def _ending_swap(word: str, candidate: str) -> bool:
    """The two differ only in an inflectional ending: another form of the same (rare) word, not a slip.

    The token must have an ending of its own: a bare stem the web has never seen, of a word
    the dictionary holds ("recyclabl" for "recyclable"), is the word with its last letter lost,
    as a real base form is seen wherever its inflections are.
    """
    shared = 0
    for a, b in zip(word, candidate, strict=False):
        if a != b:
            break
        shared += 1
    tail = word[shared:]
    return bool(tail) and tail in _INFLECTION_TAILS and candidate[shared:] in _INFLECTION_TAILS


def _derived_slip(word: str) -> tuple[str, float] | None:
    """A slip that happens to parse as an affixed word ("learnd" as learn + d) when a frequent word is one typical slip away.

    Only for a token the web has (almost) never seen: a real derived word of a real stem is
    seen there. The correction must be frequent (Zipf >= 4.5), keep the first letter, be a
    usual slip (a letter dropped, doubled or swapped, or the wrong vowel) and win clearly.
    """
    if lexicon.zipf(word) >= 1.0 or _plural_of_vocabulary(word):
        return None  # a plural or third person of a dictionary word ("winnows") is a form of its own
    ranked = sorted(
        (
            (lexicon.zipf(c) + _edit_bonus(word, c), c)
            for c, distance in lexicon.near_words(word)
            # Not the stem itself, and only words that keep the first letter: one that does not
            # ("cleared" for "leared") could never win, so it does not crowd the winner either.
            if distance == 1 and lexicon.zipf(c) >= 3.0 and not word.startswith(c) and c[0] == word[0]
        ),
        reverse=True,
    )
    if not ranked:
        return None
    score, candidate = ranked[0]
    if (
        lexicon.zipf(candidate) < 4.5
        or candidate[0] != word[0]
        or _edit_bonus(word, candidate) <= 0.0
        or (len(ranked) > 1 and score - ranked[1][0] < 1.0)
    ):
        return None
    return candidate, 0.6


def _best_correction(
    word: str,
    seen_slip: bool = False,
    far_allowed: Callable[[], bool] = lambda: True,
    neighbours: tuple[str, str] = ("", ""),
) -> tuple[str, float] | None:
    """(correction, confidence) when a far more frequent word is one edit away.

    The candidates one edit away are ranked by frequency, the kind of slip and the context: a
    candidate that makes a pair the bigram list holds with the word before or after the token
    (``neighbours``, function words left out: almost any word pairs with "and" or "the") gains
    a point ("her mther tongue" is "mother", not "other").

    wordfreq lists any string seen often enough on the web, so a token it knows (Zipf >= 1)
    is usually a rare real word ("clitics", "monoid") and needs an overwhelming margin, unless
    (``seen_slip``: a lower-case token the article never writes as a name) ``_seen_slip`` finds
    a typical slip outside the clean dictionary. Double edits are mostly left to codespell,
    whose curated pairs are far more precise than frequency; the fallback below takes only
    unseen tokens with one clear winner.
    """
    own = lexicon.zipf(word)
    if len(word) >= 6 and _plural_of_vocabulary(word):
        return None  # the plural or third person of a dictionary word ("winnows"), however rare
    needed = 1.5 if own < 1.0 else 4.0
    # A token the web has never seen may be a slip for a rare word ("hundredth", Zipf 2.8): the
    # clean dictionary vouches for the candidate, which must then win clearly.
    floor = RARE_CANDIDATE_ZIPF if own == 0.0 and not _inflection_of_seen(word) else 3.0
    near = lexicon.near_words(word)
    scored: list[tuple[float, str]] = []
    for candidate, distance in near:
        frequency = lexicon.zipf(candidate)
        if distance != 1 or frequency < floor or frequency - own < needed:
            continue
        if frequency < 3.0 and _ending_swap(word, candidate):
            continue  # "trailblazed"/"trailblazer": another inflection of a rare word, not a slip
        context = 1.0 if _pair_supported(neighbours[0], candidate, neighbours[1]) else 0.0
        scored.append((frequency + _edit_bonus(word, candidate) + context, candidate))
    if scored:
        scored.sort(key=lambda item: (-item[0], item[1]))
        score, candidate = scored[0]
        margin = score - scored[1][0] if len(scored) > 1 else 2.0
        if lexicon.zipf(candidate) < 3.0 and margin < 0.5:
            return None
        return candidate, 0.8 * (0.75 + 0.25 * min(margin, 1.0))
    if seen_slip:
        slip = _seen_slip(word, own, near)
        if slip is not None:
            return slip
    # Two slips in one word: only for a longish token the web has never seen, with no word one
    # edit away, that is no affixed form of a dictionary word ("bendier" is bendy + er, not a
    # slip for "dinner"), and one common word clearly ahead of every other two edits away.
    # ``far_allowed`` last: it spends the run's allowance of this search (see ``_non_words``).
    if (
        own > 0.0
        or len(word) < 6
        or any(distance == 1 for _, distance in near)
        or _from_vocabulary(word)
        or not far_allowed()
    ):
        return None
    # Two letters added are reached for a long token only ("alternatitives"); each
    # candidate is ranked by its frequency less the cost of the two slips (``_slip_cost``).
    shortest = len(word) - (2 if len(word) >= 9 else 1)
    double = sorted(
        (
            (lexicon.zipf(c) - _slip_cost(word, c), c)
            for c, distance in near + lexicon.far_words(word)
            if distance == 2
            and lexicon.zipf(c) >= 3.0
            and c[0] == word[0]
            and c[-1] == word[-1]
            and len(c) >= shortest
            and not word.startswith(c)
        ),
        reverse=True,
    )  # "tripodal", "illoms"
    if not double or (len(double) > 1 and double[0][0] - double[1][0] < 0.5):
        return None
    return double[0][1], 0.6


_VOWELS = frozenset("aeiouy")


def _slip_cost(word: str, candidate: str) -> float:
    """How unlikely the slips that turn ``candidate`` into ``word`` are, on the Zipf scale (a weighted edit distance).

    A letter left out, two letters swapped or a letter doubled are the commonest slips
    (0.2 each); a wrong vowel or a neighbouring key (0.4), a stray neighbouring key (0.5),
    any other stray letter (0.8), any other wrong letter (1.0). So "comitee" is two letters
    left out of "committee" (0.4), which is likelier than two wrong letters (up to 2.0).
    """
    rows, columns = len(word), len(candidate)
    cost = [[0.0] * (columns + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        cost[i][0] = cost[i - 1][0] + 0.8
    for j in range(1, columns + 1):
        cost[0][j] = cost[0][j - 1] + 0.2
    for i in range(1, rows + 1):
        typed = word[i - 1]
        for j in range(1, columns + 1):
            meant = candidate[j - 1]
            if typed == meant:
                best = cost[i - 1][j - 1]
            else:
                neighbours = _NEIGHBOUR_KEYS.get(meant, frozenset())
                substitution = 0.4 if typed in neighbours or (typed in _VOWELS and meant in _VOWELS) else 1.0
                best = cost[i - 1][j - 1] + substitution
            around = {word[i - 2] if i >= 2 else "", candidate[j - 1] if j <= columns else ""}
            stray = 0.2 if typed in around else 0.5 if around & _NEIGHBOUR_KEYS.get(typed, frozenset()) else 0.8
            best = min(best, cost[i - 1][j] + stray, cost[i][j - 1] + 0.2)
            if i >= 2 and j >= 2 and typed == candidate[j - 2] and word[i - 2] == meant and typed != meant:
                best = min(best, cost[i - 2][j - 2] + 0.2)
            cost[i][j] = best
    return cost[rows][columns]


def _listed_correction(word: str) -> str | None:
    """codespell's correction of a lower-case token, when the frequencies do not say the token is a word of its own.

    codespell also lists rare real words and names ("tennant", "devine", "comin"), which
    wordfreq rates about as often as their "correction". The listing is taken when the
    correction is far more frequent (1.5 Zipf points); when the web has never seen the token
    and the correction is a dictionary word or a regular affixed form of one ("accomodatingly"
    for accommodating + ly); when the correction only restores an apostrophe ("womens", "childs"); or,
    for a token of eight letters or more (short ones are the ambiguous entries), when the
    correction is clearly more frequent ("knowledgable", "harrassed").
    """
    listed = lexicon.known_misspelling(word) or lexicon.inflected_misspelling(word)
    if not listed:
        return None
    own = lexicon.zipf(word)
    head = listed.split()[0]
    gap = lexicon.zipf(head) - own
    if (
        gap >= 1.5
        or (own == 0.0 and (lexicon.in_vocabulary(head) or _from_vocabulary(head)))
        or (gap >= 0.5 and listed.replace("'", "").replace("\u2019", "") == word)
        or (len(word) >= 8 and gap >= 0.8)
    ):
        return listed
    return None


def _shifted_doubles_undone(word: str) -> Iterator[str]:
    """``word`` with a doubled letter moved back to the letter beside it ("Gwynee" -> "Gwynne").

    Doubling the wrong one of two neighbouring letters is a typing slip of its own, and a name
    spelt with the doubling shifted is almost never a real namesake.
    """
    for i in range(1, len(word)):
        if word[i] != word[i - 1] or word[i] in (word[i - 2 : i - 1] or " "):
            continue
        if i >= 2 and word[i - 2] != word[i - 1]:
            yield word[: i - 1] + word[i - 2] + word[i:]  # "Gwynee": "nee" -> "nne"
        if i + 1 < len(word) and word[i + 1] != word[i]:
            yield word[:i] + word[i + 1] + word[i + 1 :]  # "Gwyynne"-like: "yy n" -> "y nn"


def _keyboard_slips_undone(word: str) -> Iterator[str]:
    """``word`` with one typing slip undone: a doubled letter single, a stray letter beside its key's
    neighbour dropped, or a letter replaced by a key next to it (from the second letter on)."""
    for i in range(1, len(word)):
        letter = word[i]
        if letter == word[i - 1]:
            yield word[:i] + word[i + 1 :]
        elif letter in _NEIGHBOUR_KEYS.get(word[i - 1], ()) or (
            i + 1 < len(word) and letter in _NEIGHBOUR_KEYS.get(word[i + 1], ())
        ):
            yield word[:i] + word[i + 1 :]
        for key in _NEIGHBOUR_KEYS.get(letter, ()):
            yield word[:i] + key + word[i + 1 :]


def _content_word(token: _Token | None) -> str:
    """The lower-case word of a neighbouring token, or "" when there is none or it is a function word."""
    if token is None:
        return ""
    lower = token.text.lower()
    return "" if lower in lexicon.FUNCTION_WORDS else lower


def _pair_supported(previous: str, candidate: str, following: str) -> bool:
    """The candidate makes a pair the bigram list holds with the word before or after it."""
    return bool(
        (previous and lexicon.bigram(previous, candidate)) or (following and lexicon.bigram(candidate, following))
    )


def _slips_from(lower: str, listed: AbstractSet[str]) -> dict[str, int]:
    """The words of a closed list ``lower`` may be a slip of, with their edit distance: the same first
    letter, one edit (two from eight letters; adjacent swaps count one)."""
    allowed = 2 if len(lower) >= 8 else 1
    distances = {
        known: lexicon.damerau_levenshtein(known, lower)
        for known in listed
        if known[0] == lower[0] and abs(len(known) - len(lower)) <= 2
    }
    return {known: distance for known, distance in distances.items() if distance <= allowed}
