"""Does a sentence state the same proposition as a claim, and with which polarity?

Pure Python, no Django, no I/O. A text becomes a ``Profile``: canonical *concepts* (light
stemming, irregular forms, synonym groups and multi-word paraphrases folded onto one word,
antonyms folded onto one concept with a sign), the *names* it mentions, its *quantities*
and *years*, and per-clause negation counts. ``match`` compares a sentence with a claim:

- coverage is the share of the claim's weighted concepts the sentence holds (rare words
  weigh more: weights come from wordfreq's Zipf scale, so "consultants" outweighs "year");
  a word of the same family ("vaccinated" / "vaccines") counts 0.8, a negative prefix
  ("unapproved" / "approved") counts 0.8 with the opposite sign;
- names: every name in the claim must occur in the article (veto); a sentence that names
  somebody else (not as the speaker) while omitting the claim's names is penalised;
- numbers (fractions and "1.2 million" normalised): a different figure for the same kind of
  quantity vetoes ("more than 800 dead" never matches "8,000 dead"); a figure the sentence
  does not give is penalised; years must overlap when both give one;
- the claim's qualifier ("the highest", "caused") and direction word ("rose") are penalised
  when absent or in a side clause, not required;
- polarity is the parity of negation cues in the clauses that hold the matched concepts
  plus antonym flips ("fell" for "rose"): ``Match.content_same``, what the words themselves
  state. ``Match.same`` also counts denial frames anywhere in the sentence ("denied that",
  "falsely claimed"); it serves article-against-article checks. Who holds the content (the
  article, a reported speaker) and whether the article rejects it is decided by
  ``credibility.analysis.claims.stance``, not here.

``assess`` returns the evidence with its vetoes and penalties; ``match`` is None on a veto.
Profiles are cached, so a registry's claims are analysed once per process; a registry also stores
each claim's profile at import (``credibility.analysis.claims.profile_codec``), so a worker analyses
none of its candidates (``profile_probes`` and ``profile_bounds`` take such a profile).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from credibility.analysis.claims.normalise import MULTIPLIED_VERBS, fold_diacritics, numbers_as_digits
from credibility.analysis.lexicons.english import FUNCTION_WORDS, in_vocabulary, zipf
from credibility.analysis.lexicons.numbers import CARDINALS
from credibility.analysis.lexicons.stance import (
    ANTONYMS,
    CONTRASTS,
    CRUX,
    DEMONYMS,
    DENIALS,
    GENERIC_NAME_WORDS,
    IRREGULAR,
    NEGATIONS,
    NOT_NAMES,
    PHRASES,
    PLACE_PARENTS,
    SYNONYMS,
    VITAL,
)
from credibility.analysis.patterns import word_alternation

_STOP = FUNCTION_WORDS | frozenset(
    """also as well about around nearly almost roughly approximately some several many much more than most
    get gets getting got make makes making made take takes taking go goes going do does did done
    say says said saying tell told telling claim claims claimed claiming state stated insist insisted
    argue argued write wrote post posted add added accuse accused question questioned announce announced
    report reported reportedly allegedly according just only even still yet now then there here
    one ones own other others such very really lot lots way ways thing things whether either
    mr mrs ms dr per cent percent s t""".split()
) - NEGATIONS - {"most", "first"}

_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]")
_NAME_TOKEN = re.compile(r"[A-Z][\w'’.-]*|[a-z]+")
_CLAUSE_SPLIT = re.compile(
    r"[;:()\u2014\u2013]|,['\u2019\"\u201d]?\s|\s-\s|\s(?:but|although|though|while|whereas|however|and that|yet)\s"
)
_PHRASES = tuple(
    # The group makes the word boundaries hold for every alternative ("led to" is not in "failed to").
    (triggers, re.compile(r"\b(?:" + pattern + ")" + (r"\b" if pattern[-1].isalnum() else ""), re.I), repl)
    for triggers, pattern, repl in PHRASES
)
_DENIAL = re.compile("|".join(DENIALS), re.I)
_SPEECH_AFTER = re.compile(
    r"^\s*(?:,[^,]{0,60},\s*|,\s*)?(?:has |had |have |also |again |repeatedly |publicly )?(?:said|says|told|tells|added|"
    r"accused|argued|claimed|claims|insisted|insists|wrote|writes|posted|posts|questioned|stated|states|announced|"
    r"warned|alleged|alleges|believes?|thinks?|reported|tweeted|confirmed|admitted|denied|denies|disputed|suggested|"
    r"suggests|maintained|maintains|asserted|asserts|contended|contends|repeated|repeats|explained|noted|stressed|"
    r"declared|acknowledged|conceded|complained|boasted|promised|assured|predicted|recalled|testified|argues|"
    r"shared|circulated|spread|pushed|promoted|told)\b"
    # a possessive speaker: "Mavridis's lawyer", "the senator's campaign"
    r"|^['\u2019]s? (?:\w+ )?(?:lawyers?|attorneys?|spokes(?:person|man|woman)|campaign|office|team|statement|post|"
    r"posts|claims?|video|website|account|remarks?|speech|interview|tweet|letter|representatives?|aides?)\b"
)
_SPEECH_BEFORE = re.compile(
    r"(?:according to|told|tells|posted on|wrote on|said on|reported by|to|in|on|via)\s+(?:the\s+)?$", re.I
)

_NUMBER_WORDS = {
    **CARDINALS,
    "hundred": 100,
    "dozen": 12,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "twentieth": 20,
}
_MULTIPLIERS = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    # Indian English: a lakh is 100,000 and a crore 10 million ("₹4,812 crore" is ₹48.12bn).
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
_QUANTITY = re.compile(
    # Not digits glued to letters: "X2", "A380" and "MH17" are model names, not quantities.
    r"(?P<cur>[$£€¥₹])?\s?(?P<num>(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?|\b"
    + word_alternation(_NUMBER_WORDS)
    + r"\b)(?P<range>-\d{2,4}\b)?(?:\s?(?P<mult>thousand|million|billion|trillion|bn|mn|m|k|lakhs?|crores?)\b)?"
    r"(?P<pct>\s?(?:%|per ?cent\b|percent\b))?(?:[\s-]+(?P<unit>[a-z]+))?",
    re.I,
)
_PLACES = re.compile(r"\b(" + word_alternation(PLACE_PARENTS) + r")\b")
_AGE = re.compile(r",\s\d{1,3},|\baged?\s\d{1,3}\b|\b\d{1,3}-year-old\b")


# Fractions are percentages written out: "two-thirds" is 66.7%, "half of" and "fell by half" are 50%.
_FRACTION_HINT = re.compile(r"half|third|quarter|fifth|tenth", re.I)
_FRACTION = re.compile(
    r"\b(?:(?P<num>a|one|two|three|four|nine)[- ](?P<den>half|thirds?|quarters?|fifths?|tenths?)"
    r"|(?P<half>half)(?= of | the | their | its | all )|(?<=\bby )(?P<by_half>half))\b",
    re.I,
)
_NUMERATORS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "nine": 9}
_DENOMINATORS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}


def _fraction_percent(m: re.Match[str]) -> str:
    if m.group("half") or m.group("by_half"):
        return "50%"
    numerator = _NUMERATORS[m.group("num").lower()]
    denominator = _DENOMINATORS[m.group("den").lower().rstrip("s")]
    if numerator >= denominator:
        return m.group(0)
    return f"{100 * numerator / denominator:.1f}%"


_SCALE_WORDS = frozenset({"million", "billion", "trillion"})
# ... of a group ("of the votes", "of voters"), not a winning margin ("a majority of 2,184", "of
# more than 9,000").
_MAJORITY = re.compile(r"\bmajority(?= of (?:the|all|its|their|his|her|our|these|those|[a-z]+[a-rt-z]s)\b)")
# "paid zero tax" is "paid no tax": zero before what it counts is a negation ("zero per cent" and
# "fell to zero" are figures).
_ZERO = "zero"


def _zero_determiner(words: list[str], at: int) -> bool:
    return words[at] == _ZERO and at + 1 < len(words) and words[at + 1] not in _STOP


# Minutes and hours as seconds: "in under a minute" and "in less than sixty seconds" give one figure.
_SECONDS = {"minute": 60, "hour": 3600}
_DURATION = re.compile(
    r"(?<![\w,.])(?P<count>an?|one|\d+(?:,\d{3})*(?:\.\d+)?|"
    + word_alternation(CARDINALS)
    + r")[\s-](?P<unit>minute|hour)s?\b",
    re.I,
)


def _in_seconds(m: re.Match[str]) -> str:
    count = m.group("count").lower()
    value = 1.0 if count in ("a", "an", "one") else float(CARDINALS.get(count) or count.replace(",", ""))
    return f"{value * _SECONDS[m.group('unit').lower()]:,g} seconds"  # "1,800", never a year


# A currency written as letters glued to an amount with a scale word ("R2.5 billion", "NZ$40m"):
# the letters are the currency, not a name, and the amount is read as any other.
_LETTER_CURRENCY = re.compile(
    r"(?<![\w$£€¥₹])[A-Z][A-Za-z]{0,2}\$?(?=\d[\d,]*(?:\.\d+)?\s?(?:" + "|".join(_MULTIPLIERS) + r")\b)"
)


def _stem(word: str) -> str:
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.strip("'-")
    if word in IRREGULAR:
        return _stem(IRREGULAR[word]) if IRREGULAR[word] not in IRREGULAR else IRREGULAR[word]
    if word.rstrip("s") in _SCALE_WORDS:
        return word.rstrip("s")  # not "bill" and "mill": "£6 billion" says nothing of a bill
    if len(word) <= 3:
        return word
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return _tidy(word[: -len(suffix)] + repl)
    if word.endswith("ing") and len(word) > 5:
        return _tidy(_single_l(word[:-3]))
    if word.endswith("ed") and len(word) > 4:
        return _tidy(_single_l(word[:-2]))
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return _tidy(word[:-1])
    return _tidy(word)


def _single_l(stem: str) -> str:
    """British spelling doubles a final l before -ed and -ing: "cancelled" is "canceled"."""
    if len(stem) > 4 and stem.endswith("ll") and not in_vocabulary(stem) and in_vocabulary(stem[:-1]):
        return stem[:-1]
    return stem


def _tidy(stem: str) -> str:
    if len(stem) > 4 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        stem = stem[:-1]  # stopping -> stop
    for suffix in ("ations", "ation", "ions", "ion"):
        if stem.endswith(suffix) and len(stem) > len(suffix) + 3:
            stem = stem[: -len(suffix)] + ("at" if suffix.startswith("at") else "")
            break
    if stem.endswith("e") and len(stem) > 3:
        stem = stem[:-1]
    return stem


def _build_concepts() -> tuple[dict[str, str], dict[str, tuple[str, int]], dict[str, str]]:
    """(stem -> synonym head, head -> (antonym head, sign), head -> the word it was made from)."""
    synonyms: dict[str, str] = {}
    # A group's head is a stem; the word it was made from weighs it when a claim's key word is
    # chosen (``_key_concept``): "pric" is a rare token, "price" a common word. (Match scores still
    # weigh such heads as their token; the thresholds were set on those weights.)
    head_words: dict[str, str] = {}
    for group in SYNONYMS:
        head = _stem(group[0])
        head_words.setdefault(head, group[0])
        for member in group:
            synonyms.setdefault(_stem(member), head)
    signs: dict[str, tuple[str, int]] = {}
    for positive, negative in ANTONYMS:
        head = synonyms.get(_stem(positive[0]), _stem(positive[0]))
        head_words.setdefault(head, positive[0])
        for members, sign in ((positive, 1), (negative, -1)):
            for member in members:
                key = synonyms.get(_stem(member), _stem(member))
                signs.setdefault(key, (head, sign))
    return synonyms, signs, head_words


def _build_exact(synonyms: dict[str, str]) -> dict[str, str]:
    """word -> head for a group member whose stem another group's word claimed first: "infection"
    is an illness though its stem is that of "infect" (a verb of causing), and "plane" a flight
    though it stems as "plan"."""
    claimed_by: dict[str, str] = {}  # stem -> the word whose group took it
    for group in SYNONYMS:
        for member in group:
            claimed_by.setdefault(_stem(member), member)
    exact: dict[str, str] = {}
    for group in SYNONYMS:
        head = synonyms[_stem(group[0])]
        for member in group:
            stem = _stem(member)
            if " " not in member and claimed_by[stem] != member and synonyms[stem] != head:
                for form in (member, member + "s"):
                    exact.setdefault(form, head)
    return exact


_SYNONYM, _SIGNED, _HEAD_WORDS = _build_concepts()
_EXACT = _build_exact(_SYNONYM)
_POLAR = frozenset(head for head, _ in _SIGNED.values())


@lru_cache(maxsize=65536)
def concept(word: str) -> tuple[str, int]:
    """The canonical concept of a lower-case word, with +1 or -1 for antonym pairs."""
    stem = _stem(word)
    head = _EXACT.get(word) or _SYNONYM.get(stem, stem)
    return _SIGNED.get(head, (head, 1))


def _build_contrasts() -> dict[str, tuple[tuple[int, int], ...]]:
    """stem -> the (class, member) pairs of ``CONTRASTS`` it names."""
    found: dict[str, list[tuple[int, int]]] = {}
    for klass, members in enumerate(CONTRASTS):
        for member, words in enumerate(members):
            for word in words:
                pairs = found.setdefault(_stem(word), [])
                if (klass, member) not in pairs:
                    pairs.append((klass, member))
    return {stem: tuple(pairs) for stem, pairs in found.items()}


_CONTRAST_OF = _build_contrasts()


@lru_cache(maxsize=65536)
def contrast_members(word: str) -> tuple[tuple[int, int], ...]:
    """The (class, member) pairs of ``CONTRASTS`` a lower-case word names, by its stem."""
    return _CONTRAST_OF.get(_stem(word), ())


def _modified(word: str) -> str:
    """The concept of the word after a contrast member when that member modifies it ("public
    money": "money"); "" when the next word is a function word, a negation or a verb form (then
    the member is the thing itself: "the library closed")."""
    if word in _STOP or word in NEGATIONS or word.endswith("n't") or len(word) < 2 or _is_verb_form(word):
        return ""
    head = concept(word)[0]
    return "" if head in _STOP else head


@lru_cache(maxsize=65536)
def concept_weight(word: str) -> float:
    """Rarer words carry more meaning: 1.5 for the most common, 5.0 for words wordfreq rarely sees."""
    return max(1.5, min(5.0, 7.0 - zipf(word)))


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: str
    percent: bool
    # "more than 300,000" is a lower bound, "up to 20" an upper one, "about 4 million" approximate.
    bound: str = ""  # "", "min", "max" or "about"

    def admits(self, other: Quantity) -> bool:
        """Whether ``other``'s value is consistent with this figure read with its bound."""
        if self.bound == "min":
            return other.value >= self.value
        if self.bound == "max":
            return other.value <= self.value
        if self.bound == "about":
            return abs(other.value - self.value) <= 0.1 * max(abs(self.value), 1e-9)
        return False


_BOUNDS = (
    ("min", re.compile(r"(?:more than|over|at least|in excess of|upwards of|above)\s*$", re.I)),
    ("max", re.compile(r"(?:less than|fewer than|under|up to|at most|below)\s*$", re.I)),
    ("about", re.compile(r"(?:about|around|nearly|almost|roughly|some|approximately|close to)\s*$", re.I)),
)


_MULTIPLIED_VERB = re.compile(r"\b(?:" + "|".join(sorted(MULTIPLIED_VERBS)) + r")\s*$")


def _bound(before: str) -> str:
    before = _MULTIPLIED_VERB.sub("", before)
    return next((name for name, pattern in _BOUNDS if pattern.search(before)), "")


@dataclass(frozen=True, slots=True)
class Name:
    words: frozenset[str]  # lower-case distinctive words ("wend" for "River Wend")
    surface: str
    speaker: bool  # the name is who speaks, not what the statement is about
    parents: frozenset[str] = frozenset()  # larger places that contain it ("spain" for "Costa Blanca")
    # The name only sets the scene: a place or time after a preposition ("at a briefing in
    # Kendleby", "at 03:14 GMT"), not who or what the statement is about.
    setting: bool = False


@dataclass(frozen=True, slots=True)
class Profile:
    text: str
    concepts: dict[str, tuple[int, int]]  # concept -> (sign, clause index of the first mention)
    weights: dict[str, float]
    names: tuple[Name, ...]
    name_words: frozenset[str]  # every lower-case word of every name, plus the places containing them
    name_concepts: frozenset[str]  # the same words as concepts
    words: frozenset[str]  # every lower-case word, for document-level presence checks
    quantities: tuple[Quantity, ...]
    years: frozenset[int]
    clause_negations: tuple[int, ...]
    denial: bool
    families: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 5-letter prefix -> concepts
    # The first year a universal statement covers: "has never made a loss" covers every year (0),
    # "has turned a profit every year since 2004" every year from 2004; None for other sentences.
    covers_from: int | None = None
    # The concepts after the first verb ("was captured in the wild"): what the claim says of its
    # subject. Empty when no verb form is recognised (then nothing is checked).
    predicate: frozenset[str] = frozenset()
    # Every mention of a contrast-class member (``CONTRASTS``) outside names, as (class, member,
    # clause index, the concept of the word it modifies or ""), in text order: "southern" and
    # "northern" are two members of one class; in "southern hemisphere" it modifies "hemispher".
    contrasts: tuple[tuple[int, int, int, str], ...] = ()

    @property
    def negated(self) -> bool:
        return (sum(self.clause_negations) + int(self.denial)) % 2 == 1


_NAME_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:(?:of|the|de|van|von|al|du|del|la|and)\s+)?[A-Z][\w'’.-]*)*")
_INITIAL = re.compile(r"(?:^|[.!?:\"“‘'(]\s*|\n)$")
_SPOKEN_TO = re.compile(
    # "told the broadcaster X": a role word or two may stand before the name of whoever was told.
    r"(?:according to|told|posted on|wrote on|said on|said in|reported by|in a statement to)\s+(?:the\s+)?"
    r"(?-i:(?:[a-z]+\s+){0,2})$",
    re.I,
)
_SAID = re.compile(r"^\s*(?:,\s*)?(?:said|says|told)\b")
# A speaker named after the cue, read from the text before the name:
_CUE_BEFORE = r"\b(?:said|says|told|added|explained|warned)\s+"
# '"...," said Priya Nair, an organiser': the name right after the cue (then a pause, checked after);
_SAID_BEFORE = re.compile(_CUE_BEFORE + r"$", re.I)
# '"...," said its regional organiser, Dev Sandhu': after the cue and a role;
_SAID_ROLE_BEFORE = re.compile(_CUE_BEFORE + r"(?:[\w'’-]+\s+){1,6}?[\w'’-]+,\s*$", re.I)
# 'said Priya Nair, an organiser with the Retail Workers union': the body the speaker belongs to.
_SPEAKER_AFFILIATION = re.compile(
    _CUE_BEFORE + r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*,\s+(?:(?:an?|the|its|their)\s+)?"
    r"(?:[\w'’-]+\s+){0,4}?(?:with|of|at|from|for)\s+(?:the\s+)?$"
)
_SETTING_BEFORE = re.compile(
    r"\b(?:in|at|on|near|during|throughout|across|along|around|outside|inside|within|beyond|off)\s+(?:the\s+)?$", re.I
)
_ALNUM = re.compile(r"[a-z0-9]+")


# The denominators the fraction reader knows, as words ("fifths", "halves").
_FRACTION_WORDS = frozenset(d + s for d in (*_DENOMINATORS, "halve") for s in ("", "s")) | {"halves"}


def _is_number_word(word: str) -> bool:
    """A figure in words, hyphenated or not ("two-fifths", "sixty-seven", "three-quarters"):
    capitalised at the start of a sentence, it is no name."""
    parts = word.split("-")
    return all(part in _NUMBER_WORDS or part in _FRACTION_WORDS or part in ("a", "one") for part in parts)


def _names(text: str) -> list[Name]:
    """Capitalised runs that are not titles, calendar words or sentence-initial common words."""
    names: list[Name] = []
    for match in _NAME_RUN.finditer(text):
        words = [w.rstrip(".").replace("’", "'") for w in match.group(0).split()]
        words = [w[:-2] if w.endswith("'s") else w for w in words]
        start = match.start()
        initial = start == 0 or bool(_INITIAL.search(text[max(0, start - 3) : start]))
        keep = [w for w in words if w.lower() not in NOT_NAMES and w[:1].isupper()]
        if initial and keep and keep[0] == words[0] and len(words) == 1:
            lower = words[0].lower().rstrip("'")  # "Residents' group chair ..." opens with a common word
            if (in_vocabulary(lower) and zipf(lower) >= 3.0) or lower in FUNCTION_WORDS or _is_number_word(lower):
                continue
        if (
            initial
            and keep
            and keep[0] == words[0]
            and zipf(words[0].lower()) >= 4.5
            and words[0].lower() in FUNCTION_WORDS | _STOP
        ):
            keep = keep[1:]
        distinctive = frozenset(
            DEMONYMS.get(lower, lower)
            for lower in (w.lower() for w in keep)
            if lower not in GENERIC_NAME_WORDS and len(lower) > 1
        )
        if not distinctive:
            continue
        surface = match.group(0).rstrip(".")
        if keep and keep[0] != words[0] and words[0].lower() in FUNCTION_WORDS:
            # "The EA said": the article opens the name, it is not part of it.
            surface = surface.split(None, 1)[1] if " " in surface else surface
        after = text[match.end() : match.end() + 80]
        if match.group(0).endswith(("'s", "\u2019s")):
            after = "'s" + after  # the possessive belongs to what follows ("Mavridis's lawyer")
        before = text[max(0, start - 30) : start]
        speaker = (
            bool(_SPEECH_AFTER.match(after))
            or bool(_SPOKEN_TO.search(before))
            or bool(_SAID.match(after))
            or bool(_SAID_ROLE_BEFORE.search(text[max(0, start - 60) : start]))
            # '"...," said Priya Nair, an organiser': the name right after the cue, then a pause.
            or bool(_SAID_BEFORE.search(before) and re.match(r"\s*(?:[,.;]|$)", after))
            or bool(_SPEAKER_AFFILIATION.search(text[max(0, start - 90) : start]))
        )
        phrase = " ".join(w.lower() for w in keep)
        parents = frozenset(p for place in _PLACES.findall(phrase) for p in PLACE_PARENTS[place])
        setting = not speaker and bool(_SETTING_BEFORE.search(before))
        names.append(Name(words=distinctive, surface=surface, speaker=speaker, parents=parents, setting=setting))
    return names


_RESTRICTIVE_ONLY = re.compile(
    r"\b(?:only|solely|exclusively)\b(?!\s+(?:\d|a |an |one|two|three|four|five|six|seven|eight|nine|ten"
    r"|half|a few|about|around|some|just|those|people|children|\w+ly\b))"
)
# A season or financial year ("2022-23") is stored as first year * _SPAN + second year.
_SPAN = 10_000


def _year_ends(year: int) -> tuple[int, ...]:
    return divmod(year, _SPAN) if year > _SPAN else (year,)


# "never", "always", "every year (since ...)", "in its 70-year history": a statement about every
# time, so a claim about one year falls inside it.
_UNIVERSAL = re.compile(
    r"\b(?:never|always|not once|at no (?:point|time)|since records began|(?:every|each) (?:single |1 )?(?:year|season)"
    r"|in (?:its|their|his|her|the [\w-]+'s) (?:[\w-]+ )?history)\b",
    re.I,
)
_SINCE_YEAR = re.compile(r"\bsince (?:[\w'-]+ ){0,10}?((?:1[89]|20)\d\d)\b", re.I)


_ORDINAL_NOUN = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|opening|final|last)\s+"
    r"(day|night|week|month|round|stage|quarter|half|leg|match|game|season|term|year|lap|set|innings|test)s?\b",
    re.I,
)
_ORDINAL_SAME = {"opening": "first", "final": "last"}


@lru_cache(maxsize=16384)
def _ordinal_nouns(text: str) -> dict[str, frozenset[str]]:
    """Counted units with their ordinal ("third day" -> {"day": {"third"}})."""
    found: dict[str, set[str]] = {}
    for m in _ORDINAL_NOUN.finditer(text):
        ordinal = m.group(1).lower()
        found.setdefault(m.group(2).lower(), set()).add(_ORDINAL_SAME.get(ordinal, ordinal))
    return {noun: frozenset(ordinals) for noun, ordinals in found.items()}


def _ordinals_conflict(claim: str, sentence: str) -> bool:
    """The claim's "first day" is not the sentence's "third day": another day, another claim."""
    mine = _ordinal_nouns(claim)
    if not mine:
        return False
    theirs = _ordinal_nouns(sentence)
    return any(noun in theirs and not (ordinals & theirs[noun]) for noun, ordinals in mine.items())


_AUXILIARIES = frozenset(
    "is are was were has have had will would can could may might must should does did do be been".split()
)
# Irregular past forms (IRREGULAR also maps plurals and comparatives, which are no verbs).
_PAST_FORMS = frozenset(IRREGULAR) - frozenset(
    "children women men people best better worst worse dead death deaths killed died".split()
)


def _is_verb_form(word: str) -> bool:
    """An auxiliary or a past-tense form: where a claim's predicate begins (no tagger: a cheap cue)."""
    return word in _AUXILIARIES or (len(word) > 4 and word.endswith("ed")) or word in _PAST_FORMS


def _covers_from(text: str) -> int | None:
    if not _UNIVERSAL.search(text):
        return None
    since = _SINCE_YEAR.search(text)
    return int(since.group(1)) if since else 0


def _years_covered(claim: frozenset[int], sentence: Profile) -> bool:
    """Every year of the claim lies inside the sentence's universal statement (``covers_from``)."""
    start = sentence.covers_from
    return start is not None and bool(claim) and all(_year_ends(year)[-1] >= start for year in claim)


def _years_agree(claim: frozenset[int], sentence: frozenset[int]) -> bool:
    """The same year or season; a plain year agrees with a season that begins or ends in it."""
    if claim & sentence:
        return True
    return any((a > _SPAN) != (b > _SPAN) and set(_year_ends(a)) & set(_year_ends(b)) for a in claim for b in sentence)


def _quantities(text: str) -> tuple[list[Quantity], set[int]]:
    quantities: list[Quantity] = []
    years: set[int] = set()
    cleaned = _AGE.sub(" ", text)
    if _FRACTION_HINT.search(cleaned):
        cleaned = _FRACTION.sub(_fraction_percent, cleaned)
    for m in _QUANTITY.finditer(cleaned):
        raw = m.group("num").lower()
        unit = (m.group("unit") or "").lower()
        if raw in _NUMBER_WORDS:
            value = float(_NUMBER_WORDS[raw])
        else:
            value = float(raw.replace(",", ""))
            if (
                not m.group("cur")
                and not m.group("mult")
                and not m.group("pct")
                and re.fullmatch(r"(?:1[89]|20)\d\d", raw)
            ):
                if m.group("range"):
                    tail = m.group("range")[1:]
                    last = int(raw[: 4 - len(tail)] + tail)
                    # "2022-23" is one season or financial year, not 2023-24's first half: one
                    # token, which a plain year at either end still agrees with (``_years_agree``).
                    years.add(int(raw) * _SPAN + last if last == int(raw) + 1 else int(raw))
                    if last != int(raw) + 1:
                        years.add(last)
                    continue
                if not unit or not re.match(r"-", cleaned[m.end("num") : m.end("num") + 1]):
                    years.add(int(raw))
                    continue
        if m.group("mult"):
            value *= _MULTIPLIERS[m.group("mult").lower()]
        percent = bool(m.group("pct"))
        quantities.append(
            Quantity(
                value=value,
                unit=m.group("cur") or ("%" if percent else concept(unit)[0] if unit else ""),
                percent=percent,
                bound=_bound(cleaned[max(0, m.start() - 16) : m.start()]),
            )
        )
    return quantities, years


def profile_families(concepts: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """A profile's ``families``: its concepts of five letters or more by their first five."""
    families: dict[str, list[str]] = {}
    for head in concepts:
        if len(head) >= 5:
            families.setdefault(head[:5], []).append(head)
    return {key: tuple(heads) for key, heads in families.items()}


@lru_cache(maxsize=8192)
def profile(text: str) -> Profile:
    """Analyse ``text`` once; cached because registry claims recur across articles."""
    original, text = text, numbers_as_digits(fold_diacritics(text))
    text = _DURATION.sub(_in_seconds, _LETTER_CURRENCY.sub("", text))
    names = _names(text)
    name_words: set[str] = set()
    for name in names:
        name_words |= name.words
    lowered = text.lower().replace("’", "'")
    for place in _PLACES.findall(lowered):
        name_words.update(PLACE_PARENTS[place])
    quantities, years = _quantities(text)
    rewritten = lowered
    for triggers, pattern, repl in _PHRASES:
        if any(t in rewritten for t in triggers):  # a substring test is ~100x cheaper than the regex
            rewritten = pattern.sub(repl, rewritten)
    if _FRACTION_HINT.search(rewritten):
        # A fraction is a figure, not a concept: "two-fifths of nurses" and "40% of nurses" share
        # every word that is not the figure.
        rewritten = _FRACTION.sub(_fraction_percent, rewritten)
    if _MAJORITY.search(rewritten):
        # So is a majority (the phrase lexicon's form of "most of"): more than half.
        rewritten = _MAJORITY.sub(" ", rewritten)
        quantities.append(Quantity(value=50.0, unit="%", percent=True, bound="min"))
    denial = bool(_DENIAL.search(lowered))
    clauses = _CLAUSE_SPLIT.split(rewritten)
    concepts: dict[str, tuple[int, int]] = {}
    weights: dict[str, float] = {}
    negations: list[int] = []
    all_words: set[str] = set(_ALNUM.findall(lowered))
    predicate: set[str] = set()
    contrasts: list[tuple[int, int, int, str]] = []
    verb_seen = False
    position = 0
    for index, clause in enumerate(clauses):
        count = 0
        waiting = 0  # contrast mentions (the last ones) whose next word is not read yet
        clause_words = _WORD.findall(clause or "")
        for at, word in enumerate(clause_words):
            if (
                not verb_seen
                and position > 0
                and _is_verb_form(word)
                # "the painting bought by the gallery is a forgery": a participle with its agent
                # describes the subject; the predicate starts at the next verb form.
                and not (word not in _AUXILIARIES and at + 1 < len(clause_words) and clause_words[at + 1] == "by")
            ):
                verb_seen = True
            position += 1
            if waiting:
                modified = _modified(word)
                contrasts[-waiting:] = [(*mention[:3], modified) for mention in contrasts[-waiting:]]
                waiting = 0
            if word in NEGATIONS or word.endswith("n't") or _zero_determiner(clause_words, at):
                count += 1
                continue
            if word not in name_words and (members := contrast_members(word)):
                contrasts.extend((klass, member, index, "") for klass, member in members)
                waiting = len(members)
            if word in _STOP or len(word) < 2:
                continue
            # "the Cornish coast" is Cornwall's: a demonym that modifies a noun stands for its place,
            # as in names ("the Chinese are there" keeps its people).
            if word in DEMONYMS and at + 1 < len(clause_words) and clause_words[at + 1] not in _STOP:
                word = DEMONYMS[word]
            head, sign = concept(word)
            if head in _STOP:
                continue
            if head not in concepts:
                concepts[head] = (sign, index)
                # A bare stem weighs as its word: "incom" is a rare token, "income" is not. A head
                # that names a synonym group weighs as that word.
                weight = concept_weight(head if head != _stem(word) and zipf(head) > 0 else word)
                if word in name_words:
                    weight = max(weight, 3.0)
                weights[head] = weight
                if verb_seen and word not in name_words:
                    predicate.add(head)
        negations.append(count)
    restrictive = _RESTRICTIVE_ONLY.search(rewritten)
    if restrictive and "only" not in concepts:
        # "can only be claimed online": "only" is the claim's core, though a stop word elsewhere
        # ("only 10 of the 12 jurors" is a figure, and keeps no concept).
        concepts["only"] = (1, len(_CLAUSE_SPLIT.split(rewritten[: restrictive.start()])) - 1)
        weights["only"] = 1.5
    for word in name_words:
        all_words.add(word)
    return Profile(
        text=original,
        concepts=concepts,
        weights=weights,
        names=tuple(names),
        name_words=frozenset(name_words),
        name_concepts=frozenset(concept(w)[0] for w in name_words),
        words=frozenset(all_words),
        quantities=tuple(quantities),
        years=frozenset(years),
        clause_negations=tuple(negations),
        denial=denial,
        families=profile_families(concepts),
        covers_from=_covers_from(text),
        predicate=frozenset(predicate),
        contrasts=tuple(contrasts),
    )


@dataclass(frozen=True, slots=True)
class Match:
    """How a sentence relates to a claim. ``same`` is True when it states it, False when it states the opposite.

    ``vetoes`` name the hard conflicts (another subject, another figure, another year) that
    rule a match out; ``penalties`` the soft evidence against it that already lowered ``score``.
    """

    score: float  # weighted share of the claim the sentence covers, after penalties, in [0, 1]
    content: float  # the same share over the claim's non-name concepts
    same: bool
    numbers: str  # "agree", "absent" (the claim has none), "missing" (not in the sentence) or "conflict"
    reasons: tuple[str, ...] = field(default=())
    vetoes: tuple[str, ...] = field(default=())
    penalties: tuple[str, ...] = field(default=())
    # ``same`` without the sentence-wide denial frames: the polarity of the matched clauses alone.
    content_same: bool = True
    # The sentence itself says no (a negation or a contrary word in the matched clauses, or a
    # denial frame); False when it only lacks the claim's own negation.
    says_no: bool = False


def _same_quantity(a: Quantity, b: Quantity, *, approximate: bool = True) -> bool:
    """The same figure. ``approximate``: an approximate figure is also the round figure near it
    ("nearly a third" states "30%", "almost half" "48%"); too loose to count as a shared figure
    on its own (``figures_shared``)."""
    if a.percent != b.percent:
        return False
    if abs(a.value - b.value) <= 0.02 * max(abs(a.value), abs(b.value), 1e-9):
        return True
    return (
        approximate
        and _comparable(a, b)
        and ((a.bound == "about" and a.admits(b)) or (b.bound == "about" and b.admits(a)))
    )


def _comparable(a: Quantity, b: Quantity) -> bool:
    """Two figures that measure the same kind of thing (so a different value is a conflict)."""
    if a.percent or b.percent:
        return a.percent and b.percent
    if a.unit and b.unit:
        return a.unit == b.unit
    return not a.unit and not b.unit


def figures_shared(sentence: Profile, claim: Profile) -> bool:
    """The sentence states one of the claim's figures or covers one of its years: evidence as
    telling as a shared word (``contradiction._reachable`` counts it as one)."""
    if any(
        _same_quantity(mine, other, approximate=False) for mine in claim.quantities for other in sentence.quantities
    ):
        return True
    return bool(claim.years) and (_years_agree(claim.years, sentence.years) or _years_covered(claim.years, sentence))


_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "de", "du", "del", "la", "van", "von", "al"})


@lru_cache(maxsize=8192)
def acronym(surface: str, shortest: int = 3) -> str | None:
    """The initials of a name of ``shortest`` or more words, lower case ("Information Commissioner's
    Office" -> "ico"), or None: news introduces a body in full and then writes its initials."""
    words = [w for w in surface.replace("\u2019", "'").split() if w.lower() not in _ACRONYM_SKIP]
    if len(words) < shortest or not all(w[:1].isupper() for w in words):
        return None
    return "".join(w[0] for w in words).lower()


def _written_as_initials(name: Name) -> str | None:
    """The name's one word when it is written in capitals ("ICO", "NHS"), lower case."""
    surface = name.surface.replace("\u2019s", "").replace("'s", "")
    if len(surface) >= 2 and surface.isalpha() and surface.isupper():
        return surface.lower()
    return None


@lru_cache(maxsize=8192)
def _joined(surface: str) -> str:
    """A name with its spaces and hyphens taken out: "Lang Biang", "Lang-Biang" and "Langbiang" agree."""
    return re.sub(r"[\s\-\u2010\u2011]+", "", surface.replace("\u2019s", "").replace("'s", "")).lower()


def _same_body(name: Name, others: Iterable[Name]) -> bool:
    """One of ``others`` is ``name`` written in full where it is in initials, or the reverse, or
    written as one word where it is two."""
    short, long, joined = _written_as_initials(name), acronym(name.surface, 2), _joined(name.surface)
    for other in others:
        # Initials written in capitals may stand for two words too ("the EA", "Environment Agency").
        if short and acronym(other.surface, 2) == short:
            return True
        if long and _written_as_initials(other) == long:
            return True
        if len(joined) >= 6 and _joined(other.surface) == joined:
            return True
    return False


def _only_penalised(why: str) -> bool:
    """Whether a names disagreement (``_names_agree``'s reason) lowers the score rather than vetoing
    the pair: somebody else is named while the claim's subject is named elsewhere in the article."""
    return why.startswith("other-subject") and not why.startswith("other-subject-leads")


def names_rule_out(sentence: Profile, claim: Profile, known: frozenset[str]) -> bool:
    """Whether ``assess`` vetoes the pair on the claim's names alone, a veto no other evidence lifts
    (a claim name neither in the sentence nor anywhere in the article, or another subject leading
    the sentence). ``known``: the article's words joined with the sentence's, as ``assess`` joins
    them. A cheap test before the full weighing."""
    ok, _, why = _names_agree(sentence, claim, known)
    return not ok and not _only_penalised(why)


def _names_agree(sentence: Profile, claim: Profile, document_words: frozenset[str]) -> tuple[bool, int, str]:
    """(ok, how many claim names the sentence itself holds, reason)."""
    if not claim.names:
        return True, 0, ""
    present = 0
    for name in claim.names:
        if name.words & sentence.name_words or name.words & sentence.words or _same_body(name, sentence.names):
            present += 1
        elif not (name.words & document_words):
            initials = acronym(name.surface)
            if not (initials and initials in document_words and zipf(initials) < 3.0):
                return False, 0, f"name-absent:{name.surface}"
    if present < len(claim.names):
        claim_words = claim.name_words | claim.words
        # A place or time that only sets the scene is another subject only against a claim that
        # sets its own scene elsewhere ("in Leeds" against "in Bristol").
        settings_differ = any(
            name.setting and not (name.words & sentence.name_words or name.words & sentence.words)
            for name in claim.names
        )
        for name in sentence.names:
            if name.speaker or (name.words | name.parents) & claim_words or _same_body(name, claim.names):
                continue
            if name.setting and not settings_differ:
                continue
            if not present and _leads(sentence.text, name.surface):
                # The sentence is about someone else: "Rivals Ashgate Town were fined ..." is not
                # a claim about the claim's club, however much else it shares.
                return False, present, f"other-subject-leads:{name.surface}"
            return False, present, f"other-subject:{name.surface}"
    return True, present, ""


@lru_cache(maxsize=8192)
def _name_parts(names: tuple[Name, ...]) -> frozenset[str]:
    """The concepts of every word of a claim's names, generic ones included ("university" in
    "Northshore University"): part of naming the subject, not of what the claim says of it."""
    return frozenset(concept(word)[0] for name in names for word in _WORD.findall(name.surface.lower()))


def _leads(text: str, surface: str) -> bool:
    """``surface`` opens the sentence, after at most two words ("Rivals Ashgate Town were ...")."""
    at = fold_diacritics(text).find(surface)
    return at >= 0 and len(text[:at].split()) <= 2 and not re.search(r"[,;:]", text[:at])


_CRUX = frozenset(concept(word)[0] for word in CRUX)
# Qualifiers without which a sentence states another claim outright: a claim of deaths is not
# stated by a sentence about cases, admissions or warnings.
_VITAL = frozenset(concept(word)[0] for word in VITAL)
CONTEXT_CREDIT = 0.5
# A claim's topic word missing from the sentence but used in the title or the two sentences
# before earns this share: news elides the topic it has just set ("Council tax will rise again.
# The new bill means Harwick households now pay more than any other part of the county").
# Never for a qualifier or a direction word, and never towards a different figure (below).
TOPIC_CREDIT = 0.5
# A different figure for the same kind of quantity covers the claim's figure only this much: a
# sentence denies a true figure ("makes up 25% of its income" against 40%) only when the rest of
# it states the same claim, not when it merely gives some other percentage of the same subject.
CONFLICT_CREDIT = 0.5
# A concept found only through a shared stem prefix ("vaccinated" / "vaccines", "approval" /
# "approved") counts this much of its weight.
RELATED_CREDIT = 0.8
# Soft penalties (multiplied into the score): the claim's qualifier or direction word is
# absent, or sits in a side clause; its figure is absent from a sentence that gives none.
MISSING_CRUX = 0.8
SIDE_CLAUSE_CRUX = 0.85
MISSING_POLAR = 0.85
MISSING_NUMBER = 0.9
OTHER_SUBJECT = 0.8


_NEGATIVE_PREFIXES = ("un", "non", "in", "dis", "il", "ir", "im")


def related(a: str, b: str) -> bool:
    """Stems of one word family: a shared prefix of five letters or more, most of the shorter stem."""
    if a[:5] != b[:5] or len(a) < 5 or len(b) < 5:
        return False
    shared = 5
    for x, y in zip(a[5:], b[5:], strict=False):
        if x != y:
            break
        shared += 1
    return shared >= 0.8 * min(len(a), len(b))


def _key_concept(claim: Profile, qualifiers: frozenset[str] | set[str]) -> str | None:
    """The heaviest content concept of a short claim (three content concepts at most, not
    counting names, qualifiers and direction words, which have rules of their own): "poverty" in
    "Poverty levels are at an all-time high". A longer claim has no single key word."""
    ranked = sorted(
        (
            # A synonym group's head weighs as its word here ("pric" is a rare token, "price" is not).
            (concept_weight(_HEAD_WORDS[head]) if head in _HEAD_WORDS else weight, head)
            for head, weight in claim.weights.items()
            if head not in claim.name_words and head not in claim.name_concepts and head not in qualifiers
        ),
        reverse=True,
    )
    if not ranked or len(ranked) > _KEY_CLAIM_CONCEPTS:
        return None
    return ranked[0][1]


_KEY_CLAIM_CONCEPTS = 3
# First-person words as written ("us", never "US"; "I" alone).
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|us|[Oo]ur|[Mm]y|me)\b")
_SAYS_PRONOUN = re.compile(r"^\W*Says (he|she|they|his|her|their)\b")


def _contrast_swap(claim: Profile, sentence: Profile, focus: set[int]) -> str | None:
    """``contrast:CLASS/MEMBER>OTHER`` when a member of a contrast class that the claim states (in a
    clause it does not negate) is missing from the sentence, and the sentence states another
    member of that class, one the claim does not mention, in a clause that carries the match
    (``focus``) and that it does not negate, modifying the same thing when the claim's member
    modifies something; else None. A negated rival ("did not go ahead") may be
    the claim itself; a rival in a side clause may fill another role."""
    mine = {(klass, member) for klass, member, _, _ in claim.contrasts}
    theirs = {(klass, member) for klass, member, _, _ in sentence.contrasts}
    for klass, member, clause, modified in claim.contrasts:
        if (klass, member) in theirs or claim.clause_negations[clause]:
            continue
        for other_class, other, where, their_modified in sentence.contrasts:
            if (
                other_class == klass
                and (klass, other) not in mine
                and where in focus
                and not sentence.clause_negations[where]
                # A modifier contrasts only with one of the same thing: "public money" with
                # "private money", not with "private consultants".
                and (not modified or their_modified == modified)
            ):
                return f"contrast:{klass}/{member}>{other}"
    return None


def _lookup(sentence: Profile, head: str) -> tuple[tuple[int, int] | None, float]:
    hit = sentence.concepts.get(head)
    if hit is not None:
        return hit, 1.0
    if len(head) >= 5:
        for other in sentence.families.get(head[:5], ()):
            if related(head, other):
                return sentence.concepts[other], RELATED_CREDIT
    # A negative prefix states the opposite: "unapproved" for "approved", "safe" for "unsafe".
    for prefix in _NEGATIVE_PREFIXES:
        if head.startswith(prefix) and len(head) - len(prefix) >= 4:
            hit = sentence.concepts.get(head[len(prefix) :])
        elif len(head) >= 4:
            hit = sentence.concepts.get(prefix + head)
        else:
            hit = None
        if hit is not None:
            return (-hit[0], hit[1]), RELATED_CREDIT
    return None, 0.0


def assess(
    sentence: Profile,
    claim: Profile,
    document_words: frozenset[str] = frozenset(),
    context: frozenset[str] = frozenset(),
    *,
    topic: frozenset[str] = frozenset(),
    numbers_may_conflict: bool = False,
    earlier: frozenset[str] | None = None,
) -> Match:
    """Weigh the evidence that ``sentence`` states ``claim`` (or its opposite); never None.

    Evidence: weighted concept coverage (stems, synonyms, word families), name agreement,
    number and year agreement, and the claim's qualifier and direction words. Hard conflicts
    become ``vetoes``; missing pieces lower the score (``penalties``) without ruling it out.
    """
    vetoes: list[str] = []
    penalties: list[str] = []
    ok, names_present, why = _names_agree(sentence, claim, document_words | sentence.words)
    factor = 1.0
    if not ok and _only_penalised(why):
        # Somebody else is named while the claim's subject is only named elsewhere in the
        # article: often a speaker or agent the cue patterns missed, sometimes another subject.
        factor *= OTHER_SUBJECT
        penalties.append(why)
    elif not ok:
        vetoes.append(why)
    # A universal statement is about what happens, not about a figure: a sentence that gives its
    # own figure for the claim's measure is compared year by year.
    years_covered = _years_covered(claim.years, sentence) and not any(
        _comparable(mine, other) for mine in claim.quantities for other in sentence.quantities
    )
    if claim.years and sentence.years and not _years_agree(claim.years, sentence.years) and not years_covered:
        vetoes.append("year-conflict")
    if _ordinals_conflict(claim.text, sentence.text):
        vetoes.append("ordinal-conflict")  # "on the first day" against "entered its third day"
    crux = _CRUX.intersection(claim.concepts)
    polar = _POLAR.intersection(claim.concepts)
    total = covered = content_total = content_own = topical = 0.0
    flips = matched_items = 0
    reversed_direction = False  # the sentence moves the claim's direction word the other way
    by_clause: dict[int, float] = {}
    crux_clauses: dict[str, int] = {}
    name_words = claim.name_concepts
    claim_clauses: set[int] = set()  # the claim's clauses whose concepts the sentence holds
    for head, (sign, claim_clause) in claim.concepts.items():
        weight = claim.weights[head] * (2.0 if head in crux else 1.0)
        if head in polar:
            weight = max(weight, 3.0)  # "rose" / "fell": the polarity hangs on a common word
        is_name = head in name_words
        total += weight
        if not is_name:
            content_total += weight
        hit, credit = _lookup(sentence, head)
        if hit is None and is_name and head in sentence.name_concepts:
            hit, credit = (sign, 0), 1.0
        if hit is None:
            if is_name and (head in context or head in (document_words if earlier is None else earlier)):
                covered += CONTEXT_CREDIT * weight  # named earlier: "the river", "the company"
            elif head in topic and head not in crux and head not in polar:
                topical += TOPIC_CREDIT * weight  # the topic, set by the sentences just before
            elif head in _VITAL:
                vetoes.append(f"vital-missing:{head}")
            elif head in crux:
                factor *= MISSING_CRUX
                penalties.append(f"crux-missing:{head}")
            elif head in polar:
                factor *= MISSING_POLAR
                penalties.append(f"direction-missing:{head}")
            continue
        covered += credit * weight
        if head in crux:
            crux_clauses[head] = hit[1]
        if not is_name:
            content_own += credit * weight
            matched_items += 1
            claim_clauses.add(claim_clause)
            by_clause[hit[1]] = by_clause.get(hit[1], 0.0) + weight
            if hit[0] != sign:
                flips += 1
                reversed_direction = reversed_direction or head in polar
    if _FIRST_PERSON.search(claim.text) and not _FIRST_PERSON.search(sentence.text):
        # "I lowered taxes", "It cost us more to ...": only the speaker can state it, in a quote.
        vetoes.append("first-person-claim")
    elif (says := _SAYS_PRONOUN.match(claim.text)) and says.group(1).lower() not in sentence.words:
        # "Says he never voted for a tax increase": about whoever "he" is, so a sentence with no
        # such person in it ("MPs voted ...") does not state it.
        vetoes.append("unknown-speaker-claim")
    # Only for claims that name nobody: a name anchors the others.
    key = _key_concept(claim, crux | polar) if not claim.names else None
    if key is not None and _lookup(sentence, key)[0] is None and key not in topic and key not in context:
        # The claim's most telling word is nowhere near ("poverty" in "poverty levels are at an
        # all-time high"): a sentence sharing its common words ("the second highest threat
        # level") is about something else.
        vetoes.append(f"key-missing:{key}")
    if claim.contrasts and sentence.contrasts and (swap := _contrast_swap(claim, sentence, set(by_clause))):
        # "cost private investors £90 million" against "cost taxpayers £90 million": the sentence
        # puts another member of the class where the claim has its own, so it states another claim.
        vetoes.append(swap)
    if crux_clauses and by_clause:
        # The qualifier belongs in the clause that carries the claim, not in a side remark
        # ("approved a 4.99% rise, the maximum allowed" is not "the highest bills").
        focus = max(by_clause, key=lambda i: by_clause[i])
        if any(clause != focus for clause in crux_clauses.values()):
            factor *= SIDE_CLAUSE_CRUX
            penalties.append("crux-side-clause")
    clauses = set(by_clause)
    numbers = "absent"
    # An approximate figure may only stand for a sentence figure that is not exactly another of the
    # claim's ("nearly 50%" is not the "45%" the claim also gives).
    spare = [
        other
        for other in sentence.quantities
        if not any(_same_quantity(mine, other, approximate=False) for mine in claim.quantities)
    ]
    for quantity in claim.quantities:
        weight = 3.5
        total += weight
        content_total += weight
        if any(_same_quantity(quantity, other, approximate=False) for other in sentence.quantities) or any(
            _same_quantity(quantity, other) for other in spare
        ):
            covered += weight
            content_own += weight
            matched_items += 1
            numbers = "agree" if numbers != "conflict" else numbers
            continue
        rival = [o for o in sentence.quantities if _comparable(quantity, o)]
        if rival and numbers_may_conflict and any(quantity.admits(other) for other in rival):
            # "340,000 bags" is within the claim's "more than 300,000": the same figure, read loosely.
            covered += weight
            content_own += weight
            matched_items += 1
            numbers = "agree" if numbers != "conflict" else numbers
            continue
        if rival:
            if not numbers_may_conflict:
                vetoes.append("number-conflict")  # a different figure is a different claim
            covered += CONFLICT_CREDIT * weight  # the same measured thing, another value
            content_own += CONFLICT_CREDIT * weight
            matched_items += 1
            numbers = "conflict"
        else:
            if not reversed_direction:
                # (A change in the other direction denies the claim's change whatever its size:
                # "costs climbed" against "fell by 18%" needs no figure.)
                factor *= MISSING_NUMBER
                penalties.append("number-missing")
            numbers = "missing" if numbers == "absent" else numbers
    if claim.years:
        total += 2.5
        content_total += 2.5
        if _years_agree(claim.years, sentence.years) or years_covered:
            covered += 2.5
            content_own += 2.5
            matched_items += 1
    if numbers != "conflict":
        # A different figure reads as a denial only when the sentence itself carries the claim.
        covered += topical
        content_own += topical
    if (
        claim.predicate
        and numbers != "agree"
        and not any(_lookup(sentence, head)[0] is not None for head in claim.predicate)
    ):
        # Nothing the claim says of its subject is in the sentence ("the calf's mother was
        # captured in the wild" against "the calf is nursing well"): another claim about it.
        vetoes.append("predicate-missing")
    if not claim.concepts or total == 0 or content_total == 0:
        vetoes.append("empty-claim")
        total = total or 1.0
        content_total = content_total or 1.0
    elif matched_items < min(2, len(set(claim.concepts) - name_words - _name_parts(claim.names))):
        vetoes.append("too-few-shared")
    negations = sum(sentence.clause_negations[i] for i in clauses if i < len(sentence.clause_negations))
    content_negative = (negations + flips) % 2 == 1
    sentence_negative = content_negative != sentence.denial
    # The claim's polarity, like the sentence's, is that of the clauses the match holds: "killed by
    # farm slurry, not sewage" asserts the slurry; its "not" is about sewage.
    claim_negative = claim.negated
    if claim_clauses:
        claim_negative = (sum(claim.clause_negations[i] for i in claim_clauses) + int(claim.denial)) % 2 == 1
    same = sentence_negative == claim_negative
    reasons = (f"names:{names_present}/{len(claim.names)}", f"flips:{flips}", f"negations:{negations}")
    return Match(
        score=factor * covered / total,
        content=factor * content_own / content_total,
        same=same,
        numbers=numbers,
        reasons=reasons,
        vetoes=tuple(vetoes),
        penalties=tuple(penalties),
        content_same=content_negative == claim_negative,
        says_no=bool(negations or flips or sentence.denial),
    )


def match(
    sentence: Profile,
    claim: Profile,
    document_words: frozenset[str] = frozenset(),
    context: frozenset[str] = frozenset(),
    *,
    topic: frozenset[str] = frozenset(),
    numbers_may_conflict: bool = False,
    earlier: frozenset[str] | None = None,
) -> Match | None:
    """``assess``, or None when a hard conflict rules the match out.

    ``document_words`` are the article's words (a claim's names may be mentioned earlier);
    ``context`` the concepts of the title and the sentences just before: a claim's name
    found there earns half credit ("the river" in a sentence after one naming the Wend);
    ``topic`` the concepts the title and the sentences just before set as the topic
    (``topic_concepts``): any other claim concept found there earns ``TOPIC_CREDIT``. With ``numbers_may_conflict`` a different figure for the same unit ("12 people" against
    "15 people") is reported as ``numbers == "conflict"`` instead of ruling the match out.
    ``earlier``: the words of the title and the text before the sentence (default: all of
    ``document_words``); a claim name the sentence leaves out earns ``CONTEXT_CREDIT`` only from
    there, since an elided name refers back ("the river" after "the Wend"), never ahead.
    """
    found = assess(
        sentence,
        claim,
        document_words,
        context,
        topic=topic,
        numbers_may_conflict=numbers_may_conflict,
        earlier=earlier,
    )
    return None if found.vetoes else found


def document_words(texts: Iterable[str]) -> frozenset[str]:
    """Every lower-case word (and containing place) of the article, for names mentioned elsewhere.

    One pass of tokenising, no full analysis: words, their concepts and the places containing them.
    """
    words: set[str] = set()
    for text in texts:
        words |= quick_concepts(text)
        lowered = fold_diacritics(text).lower().replace("\u2019", "'")
        words.update(_ALNUM.findall(lowered))
        for word in _WORD.findall(lowered):
            word = word[:-2] if word.endswith("'s") else word
            words.add(word)
            # "an Australian company" mentions Australia, as a name's demonym does.
            if word in DEMONYMS:
                words.add(DEMONYMS[word])
        if _PLACES.search(lowered):
            for place in _PLACES.findall(lowered):
                words.update(PLACE_PARENTS[place])
    return frozenset(words)


_PHRASE_WORDS = tuple(
    (triggers, frozenset(concept(w)[0] for w in _WORD.findall(repl.replace("\\1", "").lower())))
    for triggers, _, repl in PHRASES
)


@lru_cache(maxsize=8192)
def quick_concepts(text: str) -> frozenset[str]:
    """A cheap superset of the concepts ``profile`` finds: every word's concept, plus the concepts
    of the multi-word phrases whose trigger occurs. For skipping sentences before analysing them."""
    lowered = fold_diacritics(text).lower().replace("\u2019", "'")
    heads = {concept(word)[0] for word in _WORD.findall(lowered) if len(word) > 1}
    for triggers, replacement in _PHRASE_WORDS:
        if any(t in lowered for t in triggers):
            heads |= replacement
    return frozenset(heads)


@lru_cache(maxsize=8192)
def topic_concepts(text: str) -> frozenset[str]:
    """The concepts a sentence sets as the topic of the sentences after it (``TOPIC_CREDIT``); none
    when it negates or denies something: "It is not true that A. B." does not make B assert A."""
    lowered = fold_diacritics(text).lower().replace("\u2019", "'")
    if _DENIAL.search(lowered) or any(w in NEGATIONS or w.endswith("n't") for w in _WORD.findall(lowered)):
        return frozenset()
    return quick_concepts(text)


@lru_cache(maxsize=8192)
def claim_probes(text: str) -> tuple[frozenset[str], ...]:
    """Per concept of the claim ``text``, the keys a sentence concept may share with it: the concept itself, its
    word-family prefix, and its form without a negative prefix."""
    return profile_probes(profile(text))


def profile_probes(claim: Profile) -> tuple[frozenset[str], ...]:
    """``claim_probes`` of an analysed claim (a stored profile: no analysis)."""
    probes = []
    for head in claim.concepts:
        keys = {head}
        if len(head) >= 5:
            keys.add("~" + head[:5])
        for prefix in _NEGATIVE_PREFIXES:
            if head.startswith(prefix) and len(head) - len(prefix) >= 4:
                keys.add(head[len(prefix) :])
        probes.append(frozenset(keys))
    return tuple(probes)


@lru_cache(maxsize=8192)
def content_bounds(text: str) -> tuple[tuple[float, ...], float, float]:
    """For the claim ``text``, as ``assess`` weighs it: each concept's content weight (0 for names,
    in ``claim_probes`` order), the weight of its figures and years, and the content total. The
    best content share a sentence can reach is (weights it may hold + figures) / total."""
    return profile_bounds(profile(text))


def profile_bounds(claim: Profile) -> tuple[tuple[float, ...], float, float]:
    """``content_bounds`` of an analysed claim (a stored profile: no analysis)."""
    crux = _CRUX.intersection(claim.concepts)
    slots: list[float] = []
    for head in claim.concepts:
        weight = claim.weights[head] * (2.0 if head in crux else 1.0)
        if head in _POLAR:
            weight = max(weight, 3.0)
        slots.append(0.0 if head in claim.name_concepts else weight)
    fixed = 3.5 * len(claim.quantities) + (2.5 if claim.years else 0.0)
    return tuple(slots), fixed, sum(slots) + fixed


@lru_cache(maxsize=65536)
def head_keys(head: str) -> frozenset[str]:
    """The keys of one sentence concept that ``claim_probes`` are compared with."""
    keys = {head}
    if len(head) >= 5:
        keys.add("~" + head[:5])
    for prefix in _NEGATIVE_PREFIXES:
        if head.startswith(prefix) and len(head) - len(prefix) >= 4:
            keys.add(head[len(prefix) :])
    return frozenset(keys)


def probe_keys(heads: Iterable[str]) -> frozenset[str]:
    """The keys of a sentence's concepts that ``claim_probes`` are compared with."""
    keys: set[str] = set()
    for head in heads:
        keys |= head_keys(head)
    return frozenset(keys)


def concepts_shared_with(heads: Iterable[str], wanted: frozenset[str]) -> int:
    """How many of a sentence's concepts may match some concept among the ``wanted`` probe keys."""
    return sum(1 for head in heads if not head_keys(head).isdisjoint(wanted))


def shared_concepts(keys: frozenset[str], claim_text: str) -> int:
    """How many of the claim's concepts a sentence (its ``probe_keys``) may hold."""
    return sum(1 for probe in claim_probes(claim_text) if not probe.isdisjoint(keys))


def content_concepts_in(sentence: Profile, claim: Profile) -> frozenset[str]:
    """The claim's content concepts (names aside) that ``sentence`` holds, in any word form."""
    return frozenset(
        head for head in claim.concepts if head not in claim.name_concepts and _lookup(sentence, head)[0] is not None
    )
