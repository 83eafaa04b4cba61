"""English word knowledge for the typo detector: vocabulary, frequencies, known misspellings.

Plain Python, no Django. Everything is loaded lazily, once per process, and cached:

- frequencies come from wordfreq's English "large" list (Zipf scale: 3.0 is about one
  occurrence per million words). wordfreq is mined from the web, so it also holds common
  misspellings at low frequency ("recieved" ~2.7); frequency alone never makes a word valid.
- the vocabulary is symspellpy's bundled 82,765-word frequency dictionary (clean: it holds
  "colour" and "organise" but not "recieved"), widened with words wordfreq rates common.
- codespell's ``dictionary.txt`` maps ~65,000 known misspellings to corrections and is the
  strongest prior we have for both detection and the suggestion.
- symspellpy's bundled bigram list (242,342 frequent word pairs) tells a missing space
  ("householdsin" is "households in") from a solid compound no one writes apart.
- the ``names`` package's US Census 1990 lists (88,799 surnames, 5,163 given names) are the
  gazetteer of personal names: a capitalised word in it is a name, not a slip ("Schott" is
  not "Scott", "Bovard" not "Board").
- textblob's wheel ships Pattern's English Brill lexicon (``en/en-lexicon.txt``: the likeliest
  Penn Treebank tag of ~43,000 lower-case words, Brill's tagger v1.14 on the Brown corpus and the
  Penn Treebank). It is read as a file, without importing textblob or nltk, to tell a word that can
  only be a noun ("closures") from one that can be a verb ("trails", "fears").
- near-miss candidates come from a symmetric-delete index over the common vocabulary
  (each word and its one-letter deletions), so a lookup costs a few dozen dict probes
  instead of SymSpell's full ~2.5 s index build.
"""

from __future__ import annotations

import importlib.util
import math
import os
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz.distance import OSA

# Words at or above this Zipf frequency are treated as real words even when the clean
# vocabulary lacks them (newer words such as "livestream" or "crowdfunding").
COMMON_ZIPF = 3.0
# Double-edit candidates are drawn only from words at least this frequent (single edits
# reach the whole vocabulary).
CANDIDATE_ZIPF = 3.0
# The longest token any dictionary work is done on. English words in news copy stay under
# about 30 letters; edit candidates cost O(length^2) time and memory, so a 10,000-letter
# "word" would otherwise build gigabytes of strings. Longer tokens are never flagged.
MAX_WORD_LENGTH = 45

# Closed-class words (articles, prepositions, pronouns, auxiliaries, conjunctions). A token
# that splits into such a word plus another word is a missing space ("onthe", "wasfollowed");
# one that splits into two content words is more often a legitimate compound ("livestream").
FUNCTION_WORDS = frozenset(
    """a an the this that these those some any each every no all both
    of in on at to for from by with about into onto over under after before between against
    during without within through across along among around behind beyond near since until
    up down out off upon via per than as
    and or but nor so yet if because while when where whether which who whom whose what how
    i me my we us our you your he him his she her it its they them their
    is are was were be been being am has have had do does did will would shall should can
    could may might must not""".split()
)
# The closed-class words that signal a missing space. Particles that also build compounds
# ("outsource", "upskill", "overpriced") are left out.
SPLIT_WORDS = frozenset(
    """a an the this that these those of in on at to for from by with and or but nor
    is are was were be been has have had will would can could should not as if
    it its he she they we you his her their our my your which who whom whose than""".split()
)
# Two-letter and one-letter words allowed as one half of a split (wordfreq rates web junk
# such as "rs" or "ot" as common, so short halves must come from this closed list).
SHORT_WORDS = frozenset("a an as at be by do go he if in is it me my no of on or so to up us we am".split())

# Irregular simple-past forms that are neither the past participle nor a common base form or
# noun of their own ("rose" is, but only as a flower; "saw", "fell", "lay", "bore" and "found"
# are left out). After "to" or a modal such a form is a slip for the base form.
PAST_ONLY = {
    past: base
    for base, past in (
        pair.split(":")
        for pair in """arise:arose awake:awoke be:was be:were become:became begin:began blow:blew break:broke
        choose:chose come:came do:did drink:drank drive:drove draw:drew eat:ate fly:flew forbid:forbade
        forgive:forgave forget:forgot freeze:froze give:gave go:went grow:grew hide:hid know:knew ride:rode
        ring:rang rise:rose run:ran shake:shook shrink:shrank sing:sang sink:sank speak:spoke spring:sprang
        steal:stole strive:strove swim:swam swear:swore take:took tear:tore throw:threw undertake:undertook
        undergo:underwent wake:woke wear:wore withdraw:withdrew write:wrote overcome:overcame
        overtake:overtook mistake:mistook rewrite:rewrote foresee:foresaw oversee:oversaw""".split()
    )
}


# English contractions, a closed class: a pronoun or adverb with 's/'re/'ve/'ll/'d/'m, an
# auxiliary with n't. Written without the apostrophe ("weve") or one letter off ("could't"),
# they are slips for these.
CONTRACTIONS = frozenset(
    [f"{head}'s" for head in "it that there here what who where when how he she let everyone nobody".split()]
    + [f"{head}'re" for head in "you we they who what there".split()]
    + [f"{head}'ve" for head in "i you we they who could would should might must".split()]
    + [f"{head}'ll" for head in "i you we they he she it that there who what".split()]
    + [f"{head}'d" for head in "i you we they he she it that there who".split()]
    + ["i'm", "can't", "won't", "ain't", "shan't"]
    + [
        f"{head}n't"
        for head in "do does did is are was were has have had would could should must might need dare".split()
    ]
)


@cache
def bare_contractions() -> dict[str, str]:
    """Each contraction written without its apostrophe, when that is no dictionary word ("weve"; not "were", "cant")."""
    return {
        bare: contraction
        for contraction in CONTRACTIONS
        if (bare := contraction.replace("'", "")) not in _data().vocab and len(bare) >= 4
    }


@lru_cache(maxsize=1024)
def contraction_slip(word: str) -> str | None:
    """The one contraction a lower-case token with an apostrophe is a letter off ("could't", "did'nt"), if any."""
    word = word.replace("\u2019", "'")
    if word in CONTRACTIONS or len(word) < 4:
        return None
    near = [c for c in CONTRACTIONS if abs(len(c) - len(word)) <= 1 and damerau_levenshtein(word, c) == 1]
    return near[0] if len(near) == 1 else None


@dataclass(frozen=True, slots=True)
class _Data:
    freq: dict[str, float]  # wordfreq relative frequency, lower-case keys
    vocab: frozenset[str]  # symspell's clean dictionary
    misspellings: dict[str, tuple[str, ...]]  # codespell: misspelling -> corrections, likeliest first
    deletes: dict[str, tuple[str, ...]]  # common word or its one-deletion variant -> words


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


# The tables below are read in every worker process and hold the same words many times over (a
# correction is also a wordfreq key, an index entry a vocabulary word). ``shared`` maps a word to
# the one string object that spells it (wordfreq's key), so each is held once. Lookups and
# iteration orders are those of equal strings, so nothing read changes.


@cache
def _vocabulary() -> frozenset[str]:
    """symspell's clean dictionary, on its own: all ``in_vocabulary`` needs (about 9 MB, where the
    full ``_data`` is about 110 MB). The claim analyser stems its word lists with it at import, in
    every process that imports it, including the web process, which never reads the rest."""
    import symspellpy

    path = os.path.join(os.path.dirname(symspellpy.__file__), "frequency_dictionary_en_82_765.txt")
    with open(path, encoding="utf-8") as handle:
        return frozenset(line.split(" ", 1)[0] for line in handle if line.strip())


def _load_misspellings(shared: dict[str, str]) -> dict[str, tuple[str, ...]]:
    import codespell_lib

    path = os.path.join(os.path.dirname(codespell_lib.__file__), "data", "dictionary.txt")
    table: dict[str, tuple[str, ...]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            wrong, sep, right = line.rstrip("\n").partition("->")
            if not sep or not wrong.islower() or not wrong.isalpha():
                continue
            options = tuple(shared.get(option, option) for option in (o.strip() for o in right.split(",")) if option)
            if options:
                table[shared.get(wrong, wrong)] = options
    return table


@cache
def _data() -> _Data:
    import wordfreq

    vocab = _vocabulary()
    # wordfreq's dict with the vocabulary's strings for the words both hold (81,712 of them; the
    # vocabulary is resident anyway, see ``_vocabulary``): same keys, values and order. wordfreq keeps
    # its own dict and bucket lists cached; they are dropped, as nothing else here reads them.
    spelled = {word: word for word in vocab}
    freq = {
        spelled.get(word, word): value for word, value in wordfreq.get_frequency_dict("en", wordlist="large").items()
    }
    del spelled
    wordfreq.get_frequency_dict.cache_clear()
    wordfreq.get_frequency_list.cache_clear()
    shared = dict(zip(freq, freq, strict=True))
    misspellings = _load_misspellings(shared)
    floor = 10 ** (CANDIDATE_ZIPF - 9)
    index: dict[str, list[str]] = {}
    for word in vocab:
        if not word.isalpha() or len(word) < 3 or freq.get(word, 0.0) < floor or word in misspellings:
            continue
        index.setdefault(word, []).append(word)
        for variant in _deletions(word):
            index.setdefault(shared.get(variant, variant), []).append(word)
    # Tuples: a list's spare capacity and size field cost about 7 MB over 180,000 mostly one-word entries.
    deletes = {key: tuple(words) for key, words in index.items()}
    return _Data(freq=freq, vocab=vocab, misspellings=misspellings, deletes=deletes)


class _PairCounts:
    """The bigram list, read-only: ``"left right" -> count`` with a dict's read methods (``get``,
    ``in``, ``[]``, ``len``, iteration, ``items``, ``values``), giving what the dict it is built from
    gives, in its order, in about 8 MB instead of 28. The pairs are one string, separated by
    newlines (no pair holds one), with their start offsets and counts in flat arrays; a look-up
    hashes the pair into an open-addressing table of positions (at most half full) and compares
    the pair with the text at each position it visits, so an answer never rests on a hash alone.
    A look-up costs a few tenths of a microsecond more than a dict probe."""

    __slots__ = ("_counts", "_mask", "_slots", "_starts", "_text")

    def __init__(self, counts: dict[str, int]) -> None:
        pairs = list(counts)
        self._text = "\n".join(pairs)
        starts = array("I", [0])
        for pair in pairs:
            starts.append(starts[-1] + len(pair) + 1)
        self._starts = starts
        self._counts = array("Q", counts.values())
        size = 1 << (2 * len(pairs)).bit_length()
        slots = array("i", [-1]) * size
        mask = size - 1
        for position, pair in enumerate(pairs):
            slot = hash(pair) & mask
            while slots[slot] >= 0:
                slot = (slot + 1) & mask
            slots[slot] = position
        self._slots, self._mask = slots, mask

    def _pair(self, position: int) -> str:
        return self._text[self._starts[position] : self._starts[position + 1] - 1]

    def _position(self, pair: object) -> int:
        """The pair's place in the list, or -1."""
        if not isinstance(pair, str):
            return -1
        slots, mask, starts, text = self._slots, self._mask, self._starts, self._text
        slot = hash(pair) & mask
        while (position := slots[slot]) >= 0:
            start = starts[position]
            if starts[position + 1] - start - 1 == len(pair) and text.startswith(pair, start):
                return position
            slot = (slot + 1) & mask
        return -1

    def __getitem__(self, pair: str) -> int:
        position = self._position(pair)
        if position < 0:
            raise KeyError(pair)
        return self._counts[position]

    def get(self, pair: str, default: int = 0) -> int:
        position = self._position(pair)
        return self._counts[position] if position >= 0 else default

    def __contains__(self, pair: object) -> bool:
        return self._position(pair) >= 0

    def __iter__(self) -> Iterator[str]:
        return (self._pair(position) for position in range(len(self._counts)))

    def __len__(self) -> int:
        return len(self._counts)

    def values(self) -> Iterator[int]:
        return iter(self._counts)

    def items(self) -> Iterator[tuple[str, int]]:
        return zip(self, self._counts, strict=True)


@cache
def _bigrams() -> _PairCounts:
    import symspellpy

    path = os.path.join(os.path.dirname(symspellpy.__file__), "frequency_bigramdictionary_en_243_342.txt")
    with open(path, encoding="utf-8") as handle:
        return _PairCounts({pair: int(count) for pair, _, count in (line.rpartition(" ") for line in handle) if pair})


def bigram(left: str, right: str) -> float:
    """log10 of the corpus count of the pair "left right" (about 6.8 to 10); 0.0 when unlisted."""
    count = _bigrams().get(f"{left} {right}", 0)
    return math.log10(count) if count > 0 else 0.0


@cache
def _personal_names() -> tuple[dict[str, int], dict[str, int]]:
    """(surnames, given names): lower-case name -> rank (0 is the commonest), from the Census lists in ``names``."""
    import names  # type: ignore[import-untyped]  # an sdist without type information

    folder = os.path.dirname(names.__file__)

    def read(*files: str) -> dict[str, int]:
        ranks: dict[str, int] = {}
        for file in files:
            with open(os.path.join(folder, file), encoding="ascii") as handle:
                for rank, line in enumerate(handle):
                    name = line.split(" ", 1)[0].lower()
                    if name and rank < ranks.get(name, rank + 1):
                        ranks[name] = rank
        return ranks

    return read("dist.all.last"), read("dist.male.first", "dist.female.first")


def _listed_name(word: str, ranks: dict[str, int]) -> bool:
    """In the list, and not a swap of two letters of a name listed far higher.

    The Census lists keep their own data-entry slips ("smtih", "willaims", "thomspon", ranked
    thousands below the name they misspell); those are slips here too.
    """
    rank = ranks.get(word)
    if rank is None:
        return False
    for swapped in adjacent_swaps(word):
        other = ranks.get(swapped)
        if other is not None and (other + 1) * 20 <= rank + 1:
            return False
    return True


def adjacent_swaps(word: str) -> Iterator[str]:
    """``word`` with two neighbouring letters swapped, each way that changes it ("thomspon" -> "thompson")."""
    for i in range(len(word) - 1):
        if word[i] != word[i + 1]:
            yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def is_surname(word: str) -> bool:
    """A lower-case word the Census surname list holds (not one of its own slips)."""
    return _listed_name(word, _personal_names()[0])


def surname_rank(word: str) -> int:
    """The rank of a lower-case surname in the Census list (0 is the commonest); a large number when unlisted."""
    return _personal_names()[0].get(word, 1 << 30) if is_surname(word) else 1 << 30


def is_given_name(word: str) -> bool:
    """A lower-case word the Census given-name lists hold (not one of their own slips)."""
    return _listed_name(word, _personal_names()[1])


# A given name is read as one sex's when the Census share of that list is at least this many
# times the other's ("Chris": 0.197% of men, 0.024% of women). Names both sexes carry in numbers
# stay neither ("Lee" 0.162 / 0.051, "Terry", "Kelly", "Robin", "Leslie"): a wrong sex would rule
# out the right speaker, where no sex only leaves a pronoun unresolved.
_GIVEN_NAME_SEX_RATIO = 8.0


@cache
def _given_name_shares() -> tuple[dict[str, float], dict[str, float]]:
    """(male, female): lower-case given name -> its percentage of the 1990 Census men's / women's names."""
    import names

    folder = os.path.dirname(names.__file__)

    def read(file: str) -> dict[str, float]:
        shares: dict[str, float] = {}
        with open(os.path.join(folder, file), encoding="ascii") as handle:
            for line in handle:
                fields = line.split()
                if len(fields) >= 2:
                    shares.setdefault(fields[0].lower(), float(fields[1]))
        return shares

    return read("dist.male.first"), read("dist.female.first")


def given_name_sex(word: str) -> str:
    """ "m" or "f" for a lower-case given name that the Census lists give to one sex far more than the
    other ("donald" m, "sandra" f); "" for a name shared about evenly ("leslie") or not listed."""
    male, female = _given_name_shares()
    m, f = male.get(word, 0.0), female.get(word, 0.0)
    if m > 0 and m >= _GIVEN_NAME_SEX_RATIO * f:
        return "m"
    if f > 0 and f >= _GIVEN_NAME_SEX_RATIO * m:
        return "f"
    return ""


def warm_up() -> None:
    """Load every table now (about two thirds of a second) instead of on the first detection."""
    _data()
    _bigrams()
    _counts()
    _confusable_pairs()
    _personal_names()
    _given_name_shares()
    adjective_slips()
    determiner_slips()
    plural_slips()
    solid_word_splits(SOLID_WORD_ZIPF)
    jumbled_function_words(JUMBLED_WORD_ZIPF)


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """Zipf frequency of a lower-case word; 0.0 when wordfreq has never seen it."""
    value = _data().freq.get(word, 0.0)
    return math.log10(value) + 9 if value > 0 else 0.0


@cache
def web_frequent(word: str, min_zipf: float) -> bool:
    """wordfreq rates the lower-case ``word`` at least ``min_zipf``: a plain dict probe, for the many
    candidate strings a search tries (``zipf``'s cache is kept for words that recur)."""
    return _data().freq.get(word, 0.0) >= 10 ** (min_zipf - 9)


@cache
def frequent_vocabulary(min_zipf: float = COMMON_ZIPF) -> tuple[str, ...]:
    """The clean dictionary's alphabetic words at or above ``min_zipf``, sorted: words the detector must never flag."""
    data = _data()
    return tuple(sorted(w for w in data.vocab if w.isalpha() and w.isascii() and zipf(w) >= min_zipf))


def in_vocabulary(word: str) -> bool:
    return word in _vocabulary()


@lru_cache(maxsize=65536)
def is_word(word: str) -> bool:
    """A lower-case token that is a real English word (not a known misspelling)."""
    data = _data()
    if word in data.vocab:
        return True
    return word not in data.misspellings and zipf(word) >= COMMON_ZIPF


def known_misspelling(word: str) -> str | None:
    """codespell's correction for a lower-case token, when it is a listed misspelling.

    Of several listed corrections the one that only restores an apostrophe or a space wins
    ("youre" -> "you're", "whos" -> "who's"), as that is the smallest repair.
    """
    data = _data()
    if word in data.vocab:
        return None
    options = data.misspellings.get(word)
    if not options:
        return None
    for option in options:
        if "".join(ch for ch in option if ch.isalpha()).lower() == word:
            return option
    return options[0]


# A word this common is written solid: two halves the pair list never saw are a slip ("news paper").
SOLID_WORD_ZIPF = 4.0
# A second half rarer than this on its own ("neath", "tween") makes a function word before it
# no phrase of its own: "under neath" is the solid word split.
RARE_HALF_ZIPF = 3.0
# "the", "and", "for", "you": the words typed fastest, and so most often jumbled ("teh").
JUMBLED_WORD_ZIPF = 6.0


@cache
def solid_word_splits(min_zipf: float) -> dict[str, frozenset[str]]:
    """first half -> second halves: the dictionary words at or above ``min_zipf`` (six letters or
    more) that split into two dictionary words ("news" -> {"paper", ...}). The first is no
    function word ("in credible talks" is a phrase), unless it has two letters or more and the
    second is rarer than ``RARE_HALF_ZIPF`` ("be tween"; "a voided ballot" is a phrase). The check
    of words written as two looks a pair up here instead of joining every pair."""
    data = _data()
    floor = 10 ** (min_zipf - 9)
    rare = 10 ** (RARE_HALF_ZIPF - 9)
    splits: dict[str, set[str]] = {}
    for word in data.vocab:
        if len(word) < 6 or data.freq.get(word, 0.0) < floor or not word.isalpha():
            continue
        for cut in range(1, len(word)):
            first, second = word[:cut], word[cut:]
            if (
                first in data.vocab
                and second in data.vocab
                and (first not in FUNCTION_WORDS or (cut >= 2 and data.freq.get(second, 0.0) < rare))
            ):
                splits.setdefault(first, set()).add(second)
    return {first: frozenset(seconds) for first, seconds in splits.items()}


@cache
def jumbled_function_words(min_zipf: float) -> dict[str, str]:
    """Three-letter misspellings codespell lists that jumble a function word at or above ``min_zipf``
    ("teh" -> "the", "adn" -> "and"), absent from the clean dictionary."""
    data = _data()
    return {
        wrong: options[0]
        for wrong, options in data.misspellings.items()
        if len(wrong) == 3
        and wrong not in data.vocab
        and sorted(options[0]) == sorted(wrong)
        and zipf(options[0]) >= min_zipf
    }


_INFLECTIONS = ("s", "es", "ed", "d", "ing", "er", "ers", "ly")


@lru_cache(maxsize=8192)
def inflected_misspelling(word: str) -> str | None:
    """codespell's correction carried through an inflection: "independants" is "independant" + s.

    codespell lists base forms, and a slip in the stem survives every ending the writer adds.
    The stem must be a listed misspelling the clean dictionary lacks, and the corrected stem
    with the same ending a dictionary word in common use (Zipf >= 2.5),
    the same number of edits from the token as the stem is from its correction.
    """
    data = _data()
    if word in data.vocab or word in data.misspellings:
        return None
    for ending in _INFLECTIONS:
        stem = word[: -len(ending)]
        if not word.endswith(ending) or len(stem) < 6 or stem in data.vocab:
            continue
        correction = known_misspelling(stem)
        if correction is None or not correction.isalpha():
            continue
        for candidate in (correction + ending, correction[:-1] + ending if correction.endswith("e") else ""):
            if (
                candidate in data.vocab
                and zipf(candidate) >= 2.5
                and damerau_levenshtein(word, candidate) == damerau_levenshtein(stem, correction)
            ):
                return candidate
    return None


def damerau_levenshtein(a: str, b: str) -> int:
    """Optimal-string-alignment distance (adjacent transpositions cost 1).

    rapidfuzz's OSA is this metric exactly, in C: the name checks call it for every pair of
    forms a key index brings together, which on a text made of near-identical names is
    tens of thousands of calls.
    """
    return int(OSA.distance(a, b))


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _single_edits(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {left + right[1:] for left, right in splits if right}
    edits |= {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    edits |= {left + letter + right[1:] for left, right in splits if right for letter in _LETTERS}
    edits |= {left + letter + right for left, right in splits for letter in _LETTERS}
    edits.discard(word)
    return edits


@lru_cache(maxsize=8192)
def near_words(word: str) -> tuple[tuple[str, int], ...]:
    """Real words within edit distance 2 of ``word``, nearest and most frequent first.

    Distance 1 (insertion, deletion, substitution, adjacent transposition) is searched
    over the whole vocabulary; distance 2 over common words through the delete index,
    which reaches the double edits that leave a shared one- or two-letter deletion.
    """
    if len(word) > MAX_WORD_LENGTH:
        return ()
    data = _data()
    found: dict[str, int] = {
        edit: 1 for edit in _single_edits(word) if edit in data.vocab and edit not in data.misspellings
    }
    probes = {word} | _deletions(word)
    if len(word) >= 6:
        probes |= {variant for first in list(probes) for variant in _deletions(first)}
    for probe in probes:
        for candidate in data.deletes.get(probe, ()):
            if candidate != word and candidate not in found:
                distance = damerau_levenshtein(word, candidate)
                if distance <= 2:
                    found[candidate] = distance
    return tuple(sorted(found.items(), key=lambda item: (item[1], -zipf(item[0]), item[0])))


@lru_cache(maxsize=8192)
def common_near_words(word: str, *, two: bool = False) -> tuple[tuple[str, int], ...]:
    """Common words (Zipf >= ``CANDIDATE_ZIPF``) one edit from ``word``, or two with ``two``, through the delete index alone.

    A symmetric-delete lookup: ``word`` and its deletions (and theirs, with ``two``) probed
    against the index of common words and their one-letter deletions. It finds every common
    word one edit away (a swap included) and most two away, for a few dozen dict probes
    instead of ``near_words``' thousand-odd edit strings: the check of capitalised words,
    mostly names, calls it for every name the dictionary lacks.
    """
    if len(word) > MAX_WORD_LENGTH:
        return ()
    data = _data()
    probes = {word} | _deletions(word)
    if two:
        probes |= {variant for first in list(probes) for variant in _deletions(first)}
    limit = 2 if two else 1
    found: dict[str, int] = {}
    for probe in probes:
        for candidate in data.deletes.get(probe, ()):
            if candidate != word and candidate not in found:
                distance = damerau_levenshtein(word, candidate)
                if distance <= limit:
                    found[candidate] = distance
    return tuple(sorted(found.items(), key=lambda item: (item[1], -zipf(item[0]), item[0])))


@lru_cache(maxsize=4096)
def far_words(word: str) -> tuple[tuple[str, int], ...]:
    """Common words exactly two edits from ``word`` that ``near_words`` cannot reach.

    The delete index holds one-letter deletions of each word, so two letters left out of
    ``word`` or two wrong letters need the word itself to grow a letter first: every
    one-letter insertion into ``word`` and its deletions is probed (a few thousand dict
    look-ups, so call this only for a token nothing nearer explains).
    """
    if len(word) > MAX_WORD_LENGTH:
        return ()
    data = _data()
    seen = dict(near_words(word))
    found: dict[str, int] = {}
    for base in {word} | _deletions(word):
        for i in range(len(base) + 1):
            head, tail = base[:i], base[i:]
            for letter in _LETTERS:
                for candidate in data.deletes.get(head + letter + tail, ()):
                    if candidate not in seen and candidate not in found and candidate != word:
                        if damerau_levenshtein(word, candidate) == 2:
                            found[candidate] = 2
    return tuple(sorted(found.items(), key=lambda item: (-zipf(item[0]), item[0])))


# -- real-word errors: confusion sets scored in context --------------------------------------

# Classic confusion sets: real words that writers put for one another (homophones, near
# homophones and one-letter slips between common words), from the usual lists of commonly
# confused English words. Each token in one of them is scored against its twins with the
# bigram model below; the sets are closed and small, so the check costs nothing elsewhere.
# Sets whose members differ only by an apostrophe ("its"/"it's", "your"/"you're") are not
# here: the bigram list drops apostrophes, so it cannot tell them apart (fixed patterns do).
CONFUSION_SETS: tuple[tuple[str, ...], ...] = tuple(
    tuple(group.split("/"))
    for group in """lead/led lose/loose loses/looses losing/loosing their/there affect/effect affects/effects
    affected/effected compliment/complement compliments/complements complimentary/complementary
    principal/principle principals/principles then/than to/too were/where accept/except accepted/excepted
    advice/advise breath/breathe weather/whether passed/past quiet/quite site/sight/cite sites/sights/cites
    now/know peace/piece brake/break hear/here desert/dessert council/counsel stationary/stationery
    discreet/discrete elicit/illicit later/latter personal/personnel precede/proceed role/roll
    wander/wonder form/from though/through through/thorough confidant/confident decent/descent
    bare/bear sole/soul waive/wave pole/poll heroin/heroine aloud/allowed lightening/lightning
    lie/lye raise/rise rein/reign/rain cloth/clothe loath/loathe prescribe/proscribe
    adverse/averse eminent/imminent ensure/insure canvas/canvass complacent/complaisant
    dual/duel fair/fare grate/great hole/whole idle/idol meat/meet mined/mind pedal/peddle
    plain/plane pray/prey right/rite/write sell/cell seen/scene stake/steak tail/tale threw/through
    vain/vein waist/waste wait/weight weak/week bale/bail border/boarder born/borne
    capital/capitol cord/chord course/coarse die/dye flair/flare flour/flower forth/fourth hanger/hangar
    horde/hoard lessen/lesson lightning/lightening miner/minor morning/mourning naval/navel
    ordinance/ordnance pair/pear/pare patience/patients presence/presents tortuous/torturous
    vial/vile/viol allude/elude allusion/illusion altar/alter assent/ascent bazaar/bizarre
    cannon/canon censor/censure chord/cord cue/queue dairy/diary marshal/martial
    moral/morale pore/pour reek/wreak sensor/censor taught/taut troop/troupe formally/formerly
    bought/brought peak/peek/pique tenant/tenet straight/strait flaunt/flout conscience/conscious
    trial/trail trials/trails mantel/mantle gorilla/guerrilla shear/sheer yoke/yolk""".split()
)
# How much likelier (log10) the twin must make the sentence than the written word.
CONFUSABLE_MARGIN = 2.75
# Slips scored one way only. "right" is rarely written for "write" or "rite" ("right" is a verb
# too: "to right a wrong" reads like "to write a"). "to" for "too" is common, but the bigram model almost
# never settles it ("to late": "too late" is listed, "late" after "to" is not rare enough to
# rule out), and "to" is a third of the tokens the check would score: only "too" for "to" is.
# "of"/"off" is left out whole: "off" for "of" is rare (and the phrasal "off the" reads as "of
# the"), and "of" would be another quarter.
_UNLIKELY_SLIPS = frozenset({("right", "write"), ("right", "rite"), ("to", "too")})
_BACKOFF = 0.4  # stupid backoff's factor for a pair the list lacks


@cache
def _confusion_index() -> dict[str, tuple[str, ...]]:
    """Each word of a confusion set -> its twins (a word in several sets has all their members)."""
    index: dict[str, set[str]] = {}
    for group in CONFUSION_SETS:
        for word in group:
            index.setdefault(word, set()).update(w for w in group if w != word)
    return {word: tuple(sorted(twins)) for word, twins in index.items()}


def confusion_twins(word: str) -> tuple[str, ...]:
    """The real words ``word`` (lower-case) is classically confused with; () for any other word."""
    return _confusion_index().get(word, ())


def scored_confusables() -> frozenset[str]:
    """The confusion-set words the context model scores: those with a twin they are likely slips for."""
    return frozenset(
        word for word, twins in _confusion_index().items() if any((word, twin) not in _UNLIKELY_SLIPS for twin in twins)
    )


@dataclass(frozen=True, slots=True)
class _Counts:
    unigrams: dict[str, int]
    total: float
    floor: int  # the smallest pair count listed


@cache
def _counts() -> _Counts:
    """The unigram counts the confusable model needs: the words of the confusion sets and of the
    bigram list (a neighbour in no listed pair tells nothing, so its count is never read)."""
    import symspellpy

    pairs = _bigrams()
    needed = {word for pair in pairs for word in pair.split(" ")} | set(_confusion_index())
    path = os.path.join(os.path.dirname(symspellpy.__file__), "frequency_dictionary_en_82_765.txt")
    unigrams: dict[str, int] = {}
    total = 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            word, _, count = line.rstrip("\n").partition(" ")
            if word and count.isdigit():
                total += int(count)
                if word in needed:
                    unigrams[word] = int(count)
    return _Counts(unigrams=unigrams, total=float(total), floor=min(pairs.values()))


def _side_evidence(word: str, twin: str, pair_word: int, pair_twin: int, counts: _Counts, neighbour: str) -> float:
    """log10 of how much likelier one neighbour is beside ``twin`` than beside ``word``: P(n | twin) / P(n | word).

    A pair the list lacks is rarer than its smallest count. For the written word that bound is
    taken as the count (the list's silence never speaks against what was written); for the
    twin, the smaller of the bound and the count the words' own frequencies predict. When
    neither pair is listed the neighbour tells nothing (0.0).
    """
    if not pair_word and not pair_twin:
        return 0.0  # both rarer than the list goes: the neighbour tells nothing
    c_word, c_twin = counts.unigrams[word], counts.unigrams[twin]
    floor = counts.floor
    own = pair_word if pair_word else floor
    other = float(pair_twin) if pair_twin else min(floor, _BACKOFF * counts.unigrams[neighbour] * c_twin / counts.total)
    return math.log10(other / c_twin) - math.log10(min(own / c_word, 1.0))


def confusable_evidence(word: str, twin: str, left: str | None, right: str | None) -> tuple[float, float, float, bool]:
    """(prior, left, right, listed): log10 ratios twin/word of the prior and of each neighbour's likelihood
    (0.0 for a missing neighbour), and whether the list holds a pair of the twin with a neighbour."""
    counts = _counts()
    before, after = _confusable_pairs()
    c_word, c_twin = counts.unigrams.get(word, 0), counts.unigrams.get(twin, 0)
    if not c_word or not c_twin:
        return 0.0, 0.0, 0.0, False
    prior = math.log10(c_twin / c_word)
    listed = False
    left_ratio = right_ratio = 0.0
    if left is not None:
        pw, pt = before.get(word, _NO_PAIRS).get(left, 0), before.get(twin, _NO_PAIRS).get(left, 0)
        listed |= bool(pt)
        left_ratio = _side_evidence(word, twin, pw, pt, counts, left)
    if right is not None:
        pw, pt = after.get(word, _NO_PAIRS).get(right, 0), after.get(twin, _NO_PAIRS).get(right, 0)
        listed |= bool(pt)
        right_ratio = _side_evidence(word, twin, pw, pt, counts, right)
    return prior, left_ratio, right_ratio, listed


_NO_PAIRS: dict[str, int] = {}


@cache
def _confusable_pairs() -> tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]]:
    """(before, after): for each confusion-set word, the listed words before it and after it with the pair counts.

    The model reads these instead of building a "left word" string per look-up, and a twin no
    neighbour has a listed pair with is passed over at once.
    """
    index = _confusion_index()
    before: dict[str, dict[str, int]] = {}
    after: dict[str, dict[str, int]] = {}
    for pair, count in _bigrams().items():
        left, _, right = pair.partition(" ")
        if right in index:
            before.setdefault(right, {})[left] = count
        if left in index:
            after.setdefault(left, {})[right] = count
    return before, after


@lru_cache(maxsize=16384)
def confusable_in_context(word: str, left: str | None, right: str | None) -> tuple[str, float] | None:
    """The twin of ``word`` that its neighbours make far likelier, with the log10 margin; None if none does.

    ``word``, ``left`` and ``right`` are lower-case; a neighbour is None when there is none to
    read (punctuation between, a name, a number). A twin wins when the prior and the two
    neighbours together make it ``CONFUSABLE_MARGIN`` (log10) likelier than the written word,
    the list holds a pair of the twin with a neighbour, and neither neighbour favours the
    written word. A bigram model has no wider view ("to right a wrong" reads like "to write"),
    so the margin is set where clean news copy raises about one flag in 600,000 words.
    """
    twins = confusion_twins(word)
    if not twins:
        return None
    counts = _counts()
    if left is not None and left not in counts.unigrams:
        left = None
    if right is not None and right not in counts.unigrams:
        right = None
    if left is None and right is None:
        return None
    before, after = _confusable_pairs()
    best: tuple[str, float] | None = None
    for twin in twins:
        if (word, twin) in _UNLIKELY_SLIPS:
            continue
        if not (left in before.get(twin, _NO_PAIRS) or right in after.get(twin, _NO_PAIRS)):
            continue  # no listed pair of the twin with either neighbour: nothing speaks for it
        prior, left_ratio, right_ratio, listed = confusable_evidence(word, twin, left, right)
        if not listed or left_ratio < 0 or right_ratio < 0:
            continue
        margin = prior + left_ratio + right_ratio
        if margin >= CONFUSABLE_MARGIN and (best is None or margin > best[1]):
            best = (twin, margin)
    return best


# -- parts of speech: Brill's lexicon ----------------------------------------------------------


@cache
def _pos_tags() -> dict[str, str]:
    """Lower-case word -> its likeliest Penn Treebank tag, from the Brill lexicon in textblob's wheel.

    The file is found through the package's import spec and read directly: importing textblob
    would import nltk (about a second) for a table of words and tags.
    """
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("textblob is not installed (see requirements.in)")
    path = os.path.join(next(iter(spec.submodule_search_locations)), "en", "en-lexicon.txt")
    # The vocabulary's string for a word it holds (37,341 of the 42,918), and one string per tag (38
    # of them) instead of one per line: about 4 MB less, the same keys, values and order.
    spelled = {word: word for word in _vocabulary()}
    tag_names: dict[str, str] = {}
    tags: dict[str, str] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            word, _, tag = line.rstrip("\n").partition(" ")
            if tag and word.isalpha() and word.islower() and " " not in tag:
                tags[spelled.get(word, word)] = tag_names.setdefault(tag, tag)
    return tags


def pos_tag(word: str) -> str:
    """The likeliest Penn Treebank tag of a lower-case word ("NNS", "VBD", ...); "" when the lexicon lacks it."""
    return _pos_tags().get(word, "")


# Words that a verb follows directly ("he trails", "will house"): a listed pair of one of them with
# a word is evidence that the word can be a verb, whatever its likeliest tag. Not "to", which is
# a preposition before a noun as often ("to users").
_VERB_CUES = "he she they i we you it who will would can could should may might must not also did does".split()
_VERB_FORM_TAGS = frozenset(("VBD", "VBN", "VBG"))


def _verb_evidence(word: str) -> bool:
    """Tagged a verb, listed after a subject or modal, or with a past or -ing form the lexicon tags as a verb."""
    if pos_tag(word).startswith("VB"):
        return True
    pairs = _bigrams()
    if any(f"{cue} {word}" in pairs for cue in _VERB_CUES):
        return True
    forms = [word + "ed", word + "d", word + "ing", word[:-1] + "ing", word + word[-1:] + "ed", word[:-1] + "ied"]
    if word.endswith("c"):
        forms += (word + "ked", word + "king")  # "panicked", "trafficking"
    return any(pos_tag(form) in _VERB_FORM_TAGS for form in forms)


@lru_cache(maxsize=8192)
def noun_only(word: str) -> bool:
    """A lower-case word the lexicon tags as a noun and nothing shows can be a verb ("closures", not "trails").

    An -ing form is never one: the lexicon tags many as nouns ("funding") that are participles too.
    A plural's stems are checked too ("fears": "fear" is a verb, so "he fears" is no slip).
    """
    if pos_tag(word) not in ("NN", "NNS") or word.endswith("ing") or _verb_evidence(word):
        return False
    if word.endswith("s"):
        stems = {word[:-1]}
        if word.endswith("es"):
            stems.add(word[:-2])
        if word.endswith("ies"):
            stems.add(word[:-3] + "y")
        if any(_verb_evidence(stem) for stem in stems if len(stem) > 1):
            return False
    return True


# A finite verb this frequent (Zipf) is a likely victim of a one-letter slip ("had", "was", "told"),
# and an adjective at least this frequent a likely result of one ("hard", "wan", "old").
_SLIPPED_VERB_ZIPF = 5.0
_SLIP_ADJECTIVE_ZIPF = 3.0
_FINITE_VERB_TAGS = frozenset(("VBD", "VBZ", "VBP"))


@cache
def adjective_slips() -> dict[str, tuple[str, ...]]:
    """Adjective -> the frequent finite verbs one edit from it ("hard" -> ("had",), "old" -> ("told",)).

    Built from the lexicon's tags: every frequent past or present verb form, its one-edit variants
    that the lexicon tags as an adjective.
    """
    slips: dict[str, list[str]] = {}
    for verb, tag in _pos_tags().items():
        if tag not in _FINITE_VERB_TAGS or zipf(verb) < _SLIPPED_VERB_ZIPF:
            continue
        for variant in _single_edits(verb):
            if pos_tag(variant) == "JJ" and zipf(variant) >= _SLIP_ADJECTIVE_ZIPF:
                slips.setdefault(variant, []).append(verb)
    return {adjective: tuple(sorted(verbs)) for adjective, verbs in slips.items()}


_DETERMINERS = ("the", "our", "your", "their", "his", "her", "my", "its")
_SLIP_FUNCTION_TAGS = frozenset(("PRP", "IN"))


@cache
def determiner_slips() -> dict[str, tuple[str, ...]]:
    """A frequent pronoun or preposition -> the determiners one edit from it ("out" -> ("our",), "you" -> ("your",)).

    Built from the lexicon's tags: the one-edit variants of each determiner that it tags as a
    personal pronoun or preposition and that are frequent (a slip of a frequent word lands on one).
    """
    slips: dict[str, list[str]] = {}
    for determiner in _DETERMINERS:
        for variant in _single_edits(determiner):
            if pos_tag(variant) in _SLIP_FUNCTION_TAGS and zipf(variant) >= _SLIPPED_VERB_ZIPF:
                slips.setdefault(variant, []).append(determiner)
    return {word: tuple(sorted(determiners, key=lambda d: -zipf(d))) for word, determiners in slips.items()}


@cache
def possessive_slips() -> dict[str, str]:
    """A common irregular plural with an "s" added -> its possessive ("peoples" -> "people's").

    Built from the lexicon: each plural the Brill lexicon tags NNS that does not end in "s" and
    is common (Zipf 4 or more: "people", "children", "men", "women").
    """
    return {
        plural + "s": plural + "'s"
        for plural, tag in _pos_tags().items()
        if tag == "NNS"
        and not plural.endswith("s")
        and len(plural) >= 3
        and zipf(plural) >= 4.0
        and not is_given_name(plural)
    }


@cache
def participle_slips() -> dict[str, str]:
    """A plural noun -> the participle its last letter's neighbouring key makes ("issues" -> "issued").

    Built from the lexicon's tags: every plural (NNS) ending in "s" whose form with "d" for the
    "s" is a past participle or past tense it tags, and that form is listed after "be" in the
    bigram list while the plural is not.
    """
    pairs = _bigrams()
    slips: dict[str, str] = {}
    for noun, tag in _pos_tags().items():
        if tag != "NNS" or not noun.endswith("es") or len(noun) < 5:
            continue
        participle = noun[:-1] + "d"
        if pos_tag(participle) in ("VBN", "VBD") and f"be {participle}" in pairs and f"be {noun}" not in pairs:
            slips[noun] = participle
    return slips


@cache
def plural_slips() -> dict[str, tuple[str, ...]]:
    """A verb's -s form -> the plural nouns it is with one letter left out ("computes" -> ("computers",)).

    Built from the lexicon's tags: every plural noun (NNS) with one of its letters (not the first)
    dropped that the lexicon tags as a present verb (VBZ) and that no determiner is listed before
    (the bigram list has "the lies": a noun too). Such a word after an adjective is the noun typed
    short, the commonest slip of all.
    """
    pairs = _bigrams()
    slips: dict[str, list[str]] = {}
    for noun, tag in _pos_tags().items():
        if tag != "NNS" or len(noun) < 5:
            continue
        for i in range(1, len(noun)):
            verb = noun[:i] + noun[i + 1 :]
            if pos_tag(verb) == "VBZ" and not any(f"{d} {verb}" in pairs for d in (*_DETERMINERS, "a", "many")):
                slips.setdefault(verb, []).append(noun)
    return {verb: tuple(sorted(set(nouns), key=lambda n: -zipf(n))) for verb, nouns in slips.items()}
