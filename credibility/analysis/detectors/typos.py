"""Typo detector: misspellings, missing spaces, names spelled two ways, glued photo credits.

Plain Python, no Django. News copy is full of words no dictionary holds (people, places,
brands, foreign terms), so capitalised words are read with a name model: one is a name when
the dictionary, the known sources or the article itself vouch for it (repeated, introduced by a
title, beside another name), and a misspelling only when a far more frequent word is an edit
away, its capital is explained (a sentence opener, a weekday, a title-case name of ordinary
words) and, mid-sentence, the correction fits its neighbours. A capitalised word is also
flagged when the article itself shows it is wrong, because a near-identical name appears in it
more often or with a first name, or when it is a credit line glued onto the next sentence.
Jargon is handled word by word: tokens that look like code, units, identifiers, handles or
addresses are skipped, and no sentence is ever dropped whole.

Rules (``Finding.rule``):

- ``known-misspelling``: a token listed in codespell's misspelling dictionary (lower-case
  anywhere, capitalised where the name model says it is no name).
- ``run-together``: an unknown lower-case token that splits into a function word and
  another common word ("onthe", "residentswere").
- ``non-word``: a lower-case token wordfreq has (almost) never seen, with a far more
  frequent word one edit away; or a capitalised one the name model says is no name.
- ``contraction``: a contraction written without its apostrophe where that is no dictionary
  word ("weve", "theyre") or one letter off a contraction ("could't", "did'nt").
- ``participle-after-have``: "has strengthen" (a verb-forming -en/-ify/-ise/-ize base
  after has/have/had whose regular past participle is a common word).
- ``past-after-to-or-modal``: "expected to rose", "could went" (an irregular simple past
  after an infinitive "to" or a modal, where the base form belongs).
- ``confusable``: a real word written for its twin where the words around allow only the twin
  ("more then", "its a", "their is", "to loose their", "was lead by", "in principal");
  confidence 0.5, for reviewers to filter.
- ``confusable-context``: a word of a classic confusion set ("weather"/"whether", "aloud"/"allowed")
  whose two neighbours, scored with symspellpy's bigram counts, make its twin far likelier
  (``lexicon.confusable_in_context``); confidence 0.4.
- ``real-word-pos``: a real word the parts of speech around it rule out, read with the Brill
  lexicon's tags: "he"/"she"/"they" for "the" before a word that can only be a noun ("he
  closures"); an adjective for a frequent verb one letter away right after its subject ("users
  hard difficulty": had); a pronoun or preposition for a determiner one letter away before a
  bare singular subject ("out attitude is": our); "then" after a comparative ("wider then");
  confidence 0.35.
- ``name-misspelling``: a capitalised name no dictionary, census list or web count knows, one
  left-out letter or swap from a name the web knows well ("Atwod" for "Atwood"); confidence 0.55.
- ``name-variant-of:<Name>``: a capitalised token within a small edit distance of a name
  the article uses more often, or introduces with a first name or title; a double-barrelled
  name ("Holm-Okafer" beside "Holm-Okafor") is compared whole and part by part.
- ``glued-credit``: caption or credit text at the start of a paragraph run into the first
  word of the next sentence ("Google MapsDespite"); the suggestion "" means delete it.
- ``caption-line``: a credit after a prefix ("Photo:", "Picture:", "Credit:") left at a paragraph
  start, one space before the sentence ("Photo: Jane Doe/City Courier The recall..."); delete it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache, lru_cache, partial
from itertools import chain
from typing import Any

from credibility.analysis import budget
from credibility.analysis.budget import check
from credibility.analysis.lexicons import english as lexicon
from credibility.analysis.types import ENGLISH_ONLY, AnalysisContext, Document, Finding, KnownSource

DETECTOR_NAME = "typo"
DETECTOR_VERSION = 1

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['\u2019][A-Za-z\u00c0-\u024f]+)*")
# Web addresses, emails, handles and hashtags are protected whole: nothing inside is a typo.
_CHUNK = re.compile(r"[^\s\"'\u201c\u201d\u2018\u2019()<>\[\]]+")
_WEBBY = re.compile(r"[@#]|://|^www\.|\w\.(?:com|org|net|gov|edu|io|co|uk|eu|int|info|example)\b", re.I)
# What any chunk ``_WEBBY`` accepts must contain: most articles have none, and are not split into chunks.
_WEBBY_ANYWHERE = re.compile(r"[@#]|://|www\.|\w\.(?:com|org|net|gov|edu|io|co|uk|eu|int|info|example)\b", re.I)
_INITIAL_GAP = re.compile("[\n:;\"\u201c\u2018(\u2014\u2013]|[-']\\s*$")
_APOSTROPHES = "'\u2019"
_TITLES = frozenset(
    """mr mrs ms dr prof professor sir dame lord lady judge justice president minister chancellor
    senator sen rep governor gov mayor councillor commissioner chief inspector sergeant officer
    captain general colonel major king queen prince princess pope bishop father rev reverend
    coach manager chairman chairwoman chair ceo director spokesman spokeswoman""".split()
)
# Morphology that turns a known word into another valid word the dictionary may lack.
_SUFFIXES = (
    "s",
    "es",
    "ed",
    "d",
    "ing",
    "er",
    "ers",
    "est",
    "ly",
    "ness",
    "ment",
    "ments",
    "ism",
    "ist",
    "ists",
    "ian",
    "ians",
    "able",
    "ful",
    "less",
    "ish",
    "like",
    "wise",
    "ity",
    "ization",
    "isation",
    "ise",
    "ize",
)
_E_DROPPING = frozenset(("ing", "ed", "able", "ism", "isms", "ist", "ists", "ity", "ization", "isation"))
_PREFIXES = (
    "un",
    "re",
    "non",
    "pre",
    "anti",
    "over",
    "under",
    "co",
    "de",
    "dis",
    "mis",
    "post",
    "multi",
    "sub",
    "inter",
    "micro",
    "mega",
    "cyber",
    "mid",
    "semi",
    "self",
    "counter",
    "ex",
    "e",
    "bio",
    "eco",
    "geo",
    "tele",
    "auto",
    "hyper",
    "super",
    "ultra",
    "out",
    "pro",
    "neo",
    "para",
    "poly",
    "mono",
    "trans",
    "meta",
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


# Interchangeable name endings: "Brodie"/"Brody", "Katie"/"Katy", "Lindsey"/"Lindsay".
_NAME_ENDING = re.compile(r"(?:ie|ey|ay|y|i)$")
_CREDIT_PREFIX = re.compile(
    r"(?:photo(?:graph)?s?|pictures?|pictured|images?|illustrations?|graphics?|video|credit|source|map|"
    r"caption|file photo|main image|top image)\s*(?::|by\b)",
    re.I,
)
_CREDIT_AGENCIES = (
    "google maps",
    "google earth",
    "google street view",
    "getty images",
    "getty",
    "reuters",
    "ap photo",
    "ap",
    "afp",
    "afp via getty images",
    "shutterstock",
    "pa media",
    "pa wire",
    "pa",
    "epa",
    "epa-efe",
    "alamy",
    "istock",
    "istockphoto",
    "bloomberg",
    "xinhua",
    "anadolu",
    "sipa",
    "rex features",
    "rex",
    "wikimedia commons",
    "unsplash",
    "pexels",
    "supplied",
    "handout",
    "file photo",
    "twitter",
    "x",
    "instagram",
    "facebook",
    "youtube",
    "nasa",
    "alamy stock photo",
    "the associated press",
    "associated press",
    "press association",
    "corbis",
)
# The agencies by their first two letters: a sentence opening is compared with the few that can match.
_CREDIT_AGENCIES_BY_HEAD: dict[str, tuple[str, ...]] = {}
for _agency in _CREDIT_AGENCIES:
    _CREDIT_AGENCIES_BY_HEAD[_agency[:2]] = (*_CREDIT_AGENCIES_BY_HEAD.get(_agency[:2], ()), _agency)
# A credit line's prefix when only a space separates the credit from the sentence after it.
_CAPTION_PREFIX = re.compile(
    r"(?:(?:file |main |top )?photo(?:graph)?s?|pictures?|pictured|images?|illustrations?|graphics?|credits?|"
    r"caption)(?::| by\b)\s*",
    re.I,
)
# Lower-case particles inside personal names ("Osama bin Laden", "Ludwig van Beethoven").
_NAME_PARTICLES = frozenset("bin ibn bint al el abu de da di del della der den van von le la du dos das ter".split())
# Lower-case words a credit may hold ("AFP via Getty Images", "Jane Doe for The Times", "Anna de Vries").
_CREDIT_CONNECTORS = frozenset("via for and of de da di del der den van von le la du dos al bin el".split())
# Openers that start a sentence whatever follows ("The Home Office said"); any other opener must be
# followed by a lower-case word or a number ("Police said", not "Police Scotland").
_FIRM_OPENERS = frozenset(
    """the a an this these those in on at after before during since despite for by with from as when while
    according""".split()
)
# A double-barrelled name: "Holm-Okafor", "O'Brien-Kelly", "McNeil-Shaw", "Jean-Luc".
_NAME_PART = r"(?:[A-Z\u00c0-\u00de]['\u2019])?[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]+(?:[A-Z][a-z\u00df-\u00ff]+)?"
_COMPOUND_NAME = re.compile(rf"(?<![\w'\u2019-]){_NAME_PART}(?:-{_NAME_PART})+(?![\w-])")
# Possessive (only ever matched whole, nothing after it): a greedy chain keeps a backtracking
# record per part, a megabyte on "A-A-A-..." of 20,000 characters.
_COMPOUND = re.compile(r"[A-Za-z\u00c0-\u024f'\u2019]+(?:-\s?[A-Za-z\u00c0-\u024f'\u2019]+)++")
# A quotation of at most five words is usually a term, a title or a foreign phrase. A straight
# or single mark opens only after a blank or bracket and before a non-blank, and closes only
# after a non-blank: otherwise the closing mark of one long quotation and the opening mark of
# the next would pair up around the narration between them ('too late," the fire crew said. "We').
_SHORT_QUOTE = re.compile(
    r"\u201c[^\u201d\n]{1,60}\u201d"
    r"|(?<![^\s(\[\u2014\u2013/-])\"(?=[^\s\"])[^\"\n]{0,59}(?<=[^\s\"])\"(?![A-Za-z])"
    r"|(?<![A-Za-z])['\u2018](?=[^\s'\u2018\u2019])[^'\u2018\u2019\n]{0,59}(?<=[^\s'\u2018\u2019])['\u2019](?![A-Za-z])"
)
_AGENCY_AT_END = re.compile(
    r"(?:^|[\s:/,(])(" + "|".join(re.escape(a) for a in sorted(_CREDIT_AGENCIES, key=len, reverse=True)) + r")$", re.I
)
# Words that typically open a news sentence; a capitalised phrase glued onto one is a stray caption.
_SENTENCE_OPENERS = frozenset(
    """despite however meanwhile although though earlier later yesterday today tonight last also still
    once now then there here many most several such other after before during since while when
    according officials police residents""".split()
)
_CAMEL_JOIN = re.compile(r"(?<=[a-z\u00df-\u00ff])(?=[A-Z][a-z\u00df-\u00ff]*)")
# The credit-line convention "Agency/Photographer Name" ("Reuters/Jane Doe", "Delta Wire/Le Thu Trang").
_AGENCY_SLASH_PHOTOGRAPHER = re.compile(
    r"^[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3}/[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}$"
)
# An all-caps credit run into a capitalised word: "Photo: AFPAt least", "EPA-EFEThe".
_CAPS_JOIN = re.compile(r"(?<=[A-Z]{2})(?=[A-Z][a-z\u00df-\u00ff])")
_HAVE_BASE = re.compile(
    r"\b(?:has|have|had|having|[\u2019']ve)\s+(?:(?:not|never|also|already|just|recently|since|long|always|only|now|"
    r"repeatedly|previously|further|greatly|steadily|gradually|finally|largely|quickly|slowly)\s+)?([a-z]{4,})\b"
)
# A simple past where the base form belongs: after "to" that marks an infinitive ("expected to
# rose") or after a modal or a negated "do" ("could went", "did not took"; a bare "did" is
# often the main verb: "what we did was wrong"). "to" counts only after a
# word that takes an infinitive, so "due to", "led to" and "from pink to rose" never match.
# "will", "can" and "may" after one of these are nouns ("the will", "a can").
_DETERMINERS = (
    "the",
    "a",
    "an",
    "his",
    "her",
    "its",
    "their",
    "this",
    "that",
    "my",
    "your",
    "our",
    "one",
    "each",
    "every",
    "no",
    "any",
)
# Ordinary words English always capitalises (a capital mid-sentence says nothing about them).
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# "May" is left out of the months a slip is read towards: it is a verb and a name as often.
_MONTHS = frozenset("january february march april june july august september october november december".split())
_ALWAYS_CAPITALISED = _WEEKDAYS | _MONTHS | frozenset("may christmas easter god internet english".split())
# A relative clause can end in a bare "to" or modal whose verb is understood, and the main
# verb follows: "those who could went home", "anyone who wanted to was free to leave".
_STRANDED = re.compile(
    r"\b(?:who|whom|whoever|which|whichever|what|whatever|that|than|as|if|whether|those|anyone|"
    r"everyone|anybody|everybody|someone|somebody|all)\b",
    re.I,
)
_INFINITIVE_BEFORE = re.compile(
    r"\b(?:(?:(?:"
    + "".join(rf"(?<!\b{d[0]}{d[1:]} )(?<!\b{d[0].upper()}{d[1:]} )" for d in _DETERMINERS)
    + r"(?:will|can|may))|would|could|should|might|must|shall|cannot|won[\u2019']t|can[\u2019']t|(?:would|could|should|"
    r"must|do|does|did)n[\u2019']t)(?:\s+not)?|(?:do|does|did)\s+not|"
    r"(?:expected|likely|unlikely|set|going|able|unable|wants?|wanted|plan(?:s|ned)?|tr(?:y|ies|ied)|needs?|needed|"
    r"has|have|had|used|begin|began|continu(?:e|es|ed)|hop(?:e|es|ed)|seem(?:s|ed)?|appear(?:s|ed)?|decided|agreed|"
    r"refused|promised|threatened|vowed|pledged|failed|managed|intend(?:s|ed)?|aim(?:s|ed)?|attempted|forecast|"
    r"projected|predicted|poised|scheduled|slated|bound|supposed|ready|willing|eager|keen|allowed|forced|urged|"
    r"ordered|asked)(?:\s+not)?\s+to)\s+(?:also\s+|never\s+|still\s+|not\s+)?$"
)
_INFINITIVE_ENDINGS = (
    "to",
    "not",
    "will",
    "can",
    "may",
    "would",
    "could",
    "should",
    "might",
    "must",
    "shall",
    "cannot",
    "n't",
    "n\u2019t",
)
# Regular -en verbs are rare as nouns; these bases are adjectives or nouns that look like verbs.
_HAVE_BASE_EXCLUDED = frozenset(
    """open even often sudden golden wooden woollen hidden eleven seven heaven linen omen token citizen
    promise exercise franchise enterprise expertise premise merchandise compromise surprise precise concise
    paradise otherwise likewise clockwise noise praise raise size prize seize advertise""".split()
)


_LINE_START = re.compile(r"\n\s*")
# Jargon is skipped word by word: a token inside `code`, or touching a character that only code,
# units, identifiers, handles or markup put next to a letter ("snake_case", "km/h", "#tag",
# "x=y", "call(", "$HOME", "<div", "{name}") is never flagged and never counted.
# Sets the "inside a short quotation" bit of every per-character mark (``bytes.translate``, in C).
_MARK_QUOTED = bytes(i | 2 for i in range(256))
_NON_SPACE_RUN = re.compile(r"\S+")
# "a"/"an" and the word after it, on one line. The boundary before it is checked per match
# (``_ARTICLE_OPENERS``): a leading look-behind ran at every character of the text.
_ARTICLE_BEFORE = re.compile(r"(?P<article>[Aa]n?+)[ \t]++(?P<next>[A-Za-z0-9][\w'\u2019.-]*+)")
_ARTICLE_OPENERS = frozenset(' \t\n\r"\u201c\u2018([\u2014\u2013')
# What may stand before a sentence's first word: the text's start, a line break, a full stop,
# an opening quote or bracket, a colon (within the three characters before it).
_SENTENCE_START_BEFORE = re.compile(r"(?:^|[.!?:\n\"\u201c\u2018(\[])[\s\"\u201c\u2018(\[]*$")
# Lower-case words with a vowel letter first but a consonant sound ("a union", "a one-off", "a
# euro") or the reverse ("an hour"); prefixes, so "universal", "useful", "honourable" follow.
_YOU_SOUND = ("uni", "use", "usu", "uti", "ura", "ure", "uro", "uku", "ubi", "eu", "ewe", "one", "once", "ouija")
_SILENT_H = ("hour", "honest", "honor", "honour", "heir")
# Figures read with a vowel sound first: 8, 11, 18 and 80-89 (and "8,000", "800m", "18-year-old").
_VOWEL_FIGURE = re.compile(r"(?:8|11|18)(?![\d])|8\d(?!\d)|8\d{2}(?!\d)|8(?:,\d{3})+(?!\d)|8\d{3}(?!\d)")


def _vowel_sound(word: str) -> bool | None:
    """Whether ``word`` starts with a vowel sound; None when the spelling does not say."""
    if word[0].isdigit():
        if word[0] == "1" and not word.startswith(("11", "18")):
            return False  # "a 1.5% rise", "a 100m race", "a 12-month"
        digits = word.split(".", 1)[0]
        return bool(_VOWEL_FIGURE.match(digits)) if digits[0] == "8" or digits.startswith(("11", "18")) else False
    if word[0].isupper() and (len(word) == 1 or word[1] in "-./&'\u2019"):
        # A letter read by its name: "an X-rated film", "an F-16", "a U-turn", "an A-level".
        return word[0] in "AEFHILMNORSX"
    if not word.islower() and not (word[0].isupper() and word[1:].islower()):
        return None  # an acronym or a mixed-case name: read as letters or as a word, unknown
    lower = word.lower()
    if len(lower) < 2 or not lower.isascii():
        return None
    if lower.startswith(_SILENT_H) or lower.startswith(("unin", "unim", "unid")):
        return True  # "an hour"; "an uninformed", "an unimportant" (un- on a word, not "uni-")
    if lower.startswith(_YOU_SOUND):
        return False
    if lower[0] in "aeio":
        return True
    if lower[0] == "u":
        return None  # "an umbrella" but "a unanimous", "a urologist": not plain from the spelling
    if lower[0] == "h":
        return None  # "an historic" is also used
    return False  # a consonant, "y" included ("a year")


# Doubles that English writes on purpose: "had had", "that that", "what it is is", "very very".
_LEGITIMATE_DOUBLES = frozenset(
    "had that is do bye no ha so very far really knock yeah oh tut boo cha hush pom can blah yada dum la na ta "
    "well now there here ho hi go yes etc many more much long tsk hey "
    # a particle then a preposition: "came in in 1979", "logged on on Monday"
    "in on up out off over down by around through about".split()
)
# A digit right after a letter; the look-behind runs only at digits, so the scan is quick.
_LETTER_DIGIT = re.compile(r"\d(?<=[A-Za-z]\d)")
# A closed-class word run into a figure: a year, an amount, a percentage or a short unit or
# generation ("in2004", "by3G", "of5%"). Never inside a longer token (code, handles, paths).
_WORD_NUMBER_JOIN = re.compile(
    r"(?<![\w'\u2019@#/.:-])"
    r"(by|in|on|of|at|to|for|from|with|than|about|over|under|after|before|since|until|into|and|the)"
    r"(\d++(?:[.,]\d++)*+(?:%|[A-Za-z]{1,3})?+)(?![\w@/-])",
    re.IGNORECASE,
)
# One mention each of two spellings: the one the web uses at least this often (about one in 30
# million words) is the name, when the web has never seen the other ("McIlroy"/"McIlory").
_WEB_KNOWN_NAME_ZIPF = 1.5
# Surnames with a capital inside ("McIlroy", "MacLeod", "O'Neill"): compared like any other name.
_PREFIXED_NAME = re.compile(r"(?:Mc|Mac|O['\u2019])[A-Z][a-z]{2,}")
_SIC = re.compile(r"\W{0,3}[\[(]sic[\])]", re.IGNORECASE)
# UTF-8 bytes of accented letters shown as Latin-1: "Ã©" for "é", "Ã±" for "ñ", "ÃÂ".
# Also decomposed ("A" + combining tilde or circumflex), as some feeds normalise it.
_MOJIBAKE = re.compile("(?:[\u00c2\u00c3]|A[\u0302\u0303])[\u0080-\u00bf\u00c2\u00c3A]")
# A class or id selector opening a style rule (".gmobile {", "#main {").
_CSS_SELECTOR = re.compile(r"(?<![^\s;{}])[.#][A-Za-z][\w-]*+(?=\s*\{)")
_CODE_SPAN = re.compile(r"`[^`\n]+`")
_CODE_BEFORE = frozenset("_/\\@#&`=<>{}$%~^|+")
_CODE_AFTER = frozenset("_/\\@`=<>{}([$%~^|+")


# Two or three lower-case words joined by slashes, as alternatives in prose ("and/or", "applied/enforced").
_ALTERNATIVES = re.compile(r"[a-z]+(?:/[a-z]+){1,2}")


def _word_alternatives(text: str, start: int, end: int) -> bool:
    """The token at ``start:end`` is one of a few lower-case words joined by slashes whose others are all
    dictionary words ("applied/enforcd"): prose, not a path ("usr/bin") or a unit ("km/h")."""
    left = start
    while left > 0 and (text[left - 1].isalpha() or text[left - 1] == "/"):
        left -= 1
    right = end
    while right < len(text) and (text[right].isalpha() or text[right] == "/"):
        right += 1
    if (left > 0 and not (text[left - 1].isspace() or text[left - 1] in '("\u201c')) or (
        right < len(text) and not (text[right].isspace() or text[right] in '.,;:!?)"\u201d')
    ):
        return False
    chunk = text[left:right]
    if not _ALTERNATIVES.fullmatch(chunk):
        return False
    word = text[start:end]
    others = [part for part in chunk.split("/") if part != word]
    return bool(others) and all(len(part) >= 3 and lexicon.is_word(part) for part in others)


def _mark_protected(marks: bytearray, spans: Iterable[tuple[int, int]]) -> None:
    """Mark each character of ``spans`` protected (bit 1 of ``marks``): never flagged, never counted."""
    for a, b in spans:
        marks[a:b] = b"\x01" * (b - a)


def _unlink(tokens: list[_Token]) -> None:
    """Break the ``prev``/``next`` links between neighbouring tokens.

    Linked both ways, the tokens of an article form reference cycles, which reference counting
    never frees: without this they would stay in memory, through the detectors that run next,
    until the cyclic garbage collector happens to run (the largest part of the peak memory of the
    later detectors on an article of many short words).
    """
    for token in tokens:
        token.prev = token.next = None


@dataclass(slots=True)
class _Token:
    start: int
    end: int  # end of the word without a possessive ending
    text: str  # the word without a possessive ending
    sentence: int
    initial: bool  # capitalised because it starts a sentence, line, quotation or headline
    possessive: bool = False
    prev: _Token | None = None
    next: _Token | None = None
    joined: bool = False  # sits inside another token (a glued credit) or a hyphenated compound
    compound: str = ""  # the whole hyphenated word this token is part of, if any
    mention: bool = False  # inside a short quotation: a term, title or foreign phrase
    skip: bool = False  # URL/number/abbreviation context: never flag, never count


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


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """[start, end) shares a character with one of ``spans`` (a protected name, quote or address)."""
    return any(a < end and start < b for a, b in spans)


def _match_case(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _strip_possessive(word: str) -> tuple[str, bool]:
    if len(word) > 3 and word[-2] in _APOSTROPHES and word[-1] in "sS":
        return word[:-2], True
    return word, False


def _common(word: str) -> bool:
    return lexicon.is_word(word) and lexicon.zipf(word) >= 3.0


def _is_derived(word: str) -> bool:
    """A suffixed or prefixed form of common words (e.g. "lockdowns", "presale")."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            if _common(stem) or (suffix in _E_DROPPING and _common(stem + "e")):
                return True
            # Consonant doubling ("stopped", "planning") happens only before a vowel suffix.
            if suffix[0] in "aeiouy" and len(stem) >= 4 and stem[-1] == stem[-2] and _common(stem[:-1]):
                return True
            if stem.endswith("i") and _common(stem[:-1] + "y"):
                return True
    for prefix in _PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4 and rest not in lexicon.FUNCTION_WORDS and _common(rest):
            return True
    return False


def _is_compound(word: str) -> bool:
    """Two common content words written solid ("livestream", "frontrunner")."""
    for i in range(3, len(word) - 2):
        left, right = word[:i], word[i:]
        if (
            left not in lexicon.FUNCTION_WORDS
            and right not in lexicon.FUNCTION_WORDS
            and lexicon.in_vocabulary(left)
            and lexicon.in_vocabulary(right)
            and lexicon.zipf(left) >= 3.5
            and lexicon.zipf(right) >= 3.5
        ):
            return True
    return False


def _split_word(part: str, floor: float = 3.0) -> bool:
    if len(part) <= 2:
        return part in lexicon.SHORT_WORDS
    return lexicon.in_vocabulary(part) and lexicon.zipf(part) >= floor


def _content_half(part: str) -> bool:
    """A content word solid enough to be one half of a missing space (three-letter ones must be very common)."""
    if len(part) < 3 or not lexicon.in_vocabulary(part):
        return False
    return lexicon.zipf(part) >= (4.0 if len(part) == 3 else 3.0)


def _inflected(word: str) -> bool:
    """A plural or verb form of a vocabulary word ("results", "trustees", "voted")."""
    for suffix in ("s", "es", "ed", "d", "ing"):
        stem = word[: -len(suffix)]
        if (
            word.endswith(suffix)
            and len(stem) >= 3
            and (lexicon.in_vocabulary(stem) or lexicon.in_vocabulary(stem + "e"))
        ):
            return True
    return False


def _inflected_only(left: str, right: str) -> bool:
    """``left`` is inflected and its ending cannot start ``right`` instead ("times|ink" is "time|sink")."""
    for suffix in ("s", "es", "ed", "d", "ing"):
        stem = left[: -len(suffix)]
        if left.endswith(suffix) and len(stem) >= 3:
            if _content_half(stem) and _content_half(suffix + right):
                return False
            if lexicon.in_vocabulary(stem) or lexicon.in_vocabulary(stem + "e"):
                return True
    return False


# A token the web uses this often is split only into a pair the bigram list holds ("alittle",
# "ofcourse"): otherwise it is a word of its own, such as an American spelling the clean
# dictionary lacks ("furor" is no "fur or", "clamor") or a plural ("jihadis").
_SEEN_WORD_ZIPF = 1.0
_TIME_UNITS = frozenset(("hours", "days", "weeks", "months", "years", "decades", "centuries"))


# Prefixes English writes solid onto any word ("archconservative", "outhustled", "overthink").
_SOLID_PREFIXES = ("arch", "out", "over", "under", "counter", "super", "ultra", "mega", "anti", "non", "post", "mid")


def _solid_compound(word: str) -> bool:
    """English writes these solid: "weekslong" (a plural time unit + "long"), "-ally" adverbs of a
    real adjective, a productive prefix on a content word ("archconservative")."""
    if word.endswith("long") and word[:-4] in _TIME_UNITS:
        return True
    for prefix in _SOLID_PREFIXES:
        rest = word[len(prefix) :]
        if (
            word.startswith(prefix)
            and len(rest) >= 4
            and rest not in lexicon.FUNCTION_WORDS
            and (lexicon.in_vocabulary(rest) or _suffixed_vocabulary(rest))
        ):
            return True
    return word.endswith("ally") and len(word) > 7 and lexicon.in_vocabulary(word[:-2])


def _run_together(word: str) -> tuple[str, int] | None:
    """The best two-word split of ``word`` and how sure it is (2: sure, 1: only if nothing else fits).

    Sure: a split on a closed-class word that signals a missing space, both halves common
    ("onthe", "wasfollowed"); or, for a token the web has never seen (wordfreq has no entry,
    so not even a rare compound or brand), a split into a pair the bigram list holds
    ("householdsin", "governmentofficials"). Weaker, for unseen tokens only: a function word
    and a rarer word ("beforeconvicting"), or two content words whose first half is inflected
    ("resultsday"), which solid compounds almost never are, or which are both long and common
    ("militarystrikes"); an unseen token that is itself an
    inflection of a vocabulary word ("trusteeships") is not split into content words.
    """
    if _solid_compound(word):
        return None
    seen = lexicon.zipf(word) >= _SEEN_WORD_ZIPF
    unseen = lexicon.zipf(word) == 0.0 and len(word) >= 6
    unseen_ish = lexicon.zipf(word) < 2.0
    inflection = unseen and _inflected(word)
    best: tuple[int, float, str] | None = None
    for i in range(1, len(word)):
        left, right = word[:i], word[i:]
        if right == "a" or (seen and not lexicon.bigram(left, right)):
            continue
        strength, score = 0, min(lexicon.zipf(left), lexicon.zipf(right))
        closed = left in lexicon.SPLIT_WORDS or right in lexicon.SPLIT_WORDS
        if left == "a" and not unseen_ish:
            continue  # "a-" makes words of its own ("atopic", "amoral"): the web writes them solid
        if closed and _split_word(left) and _split_word(right):
            strength = 2
        elif unseen and _split_word(left, 2.0) and _split_word(right, 2.0):
            pair = lexicon.bigram(left, right)
            if pair:
                strength, score = 2, 10.0 + pair
            elif len(word) < 7:
                continue
            elif (
                closed
                or (left in lexicon.FUNCTION_WORDS and len(left) >= 3)
                or (right in lexicon.FUNCTION_WORDS and len(right) >= 3)
            ):
                strength = 1
            elif (
                not inflection
                and _content_half(left)
                and _content_half(right)
                and (
                    _inflected_only(left, right) or min(len(left), len(right)) >= 4 and len(word) >= 12 and score >= 3.5
                )
            ):
                strength = 1
        if strength and (best is None or (strength, score) > best[:2]):
            best = (strength, score, f"{left} {right}")
    return (best[2], best[0]) if best else None


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


def _from_vocabulary(word: str) -> bool:
    """An affixed form of any dictionary word, however rare ("appals", "cushier", "blaggers", "hoppy")."""
    return _suffixed_vocabulary(word) or any(
        word.startswith(prefix) and len(word) - len(prefix) >= 3 and lexicon.in_vocabulary(word[len(prefix) :])
        for prefix in _PREFIXES
    )


def _y_adjective_form(word: str) -> bool:
    """A comparative, superlative, adverb or noun of a dictionary adjective in -y ("bendier", "wobbliest")."""
    for suffix in ("ier", "iest", "ily", "iness"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and lexicon.in_vocabulary(word[: -len(suffix)] + "y"):
            return True
    return False


def _suffixed_vocabulary(word: str) -> bool:
    """A suffixed form of any dictionary word, however rare ("cushier", "blaggers")."""
    for suffix in (*_SUFFIXES, "y"):
        stem = word[: -len(suffix)]
        if (
            word.endswith(suffix)
            and len(stem) >= 3
            and (
                lexicon.in_vocabulary(stem)
                or (suffix in _E_DROPPING and lexicon.in_vocabulary(stem + "e"))
                or (stem.endswith("i") and lexicon.in_vocabulary(stem[:-1] + "y"))
                or (suffix[0] in "aeiouy" and stem[-1] == stem[-2] and lexicon.in_vocabulary(stem[:-1]))
            )
        ):
            return True
    return False


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


def _plural_of_vocabulary(word: str) -> bool:
    """A dictionary word plus "s": its plural or third person ("winnows"), however rarely the web writes it."""
    return word.endswith("s") and lexicon.in_vocabulary(word[:-1])


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


def _inflection_of_seen(word: str) -> bool:
    """An inflection of a word the dictionary or the web knows ("trailblazed", "capitalisations"): not a slip for a rare word."""
    for suffix in ("s", "es", "ed", "d", "ing", "er", "ers", "ly"):
        stem = word[: -len(suffix)]
        if not word.endswith(suffix) or len(stem) < 4:
            continue
        for base in (stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else stem):
            if lexicon.in_vocabulary(base) or lexicon.zipf(base) >= 1.0:
                return True
    return False


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


def _contraction_finding_fields(token: _Token, contraction: str) -> tuple[_Token, str, str, str, float]:
    """A contraction written without its apostrophe ("weve") or a letter off ("could't")."""
    shown = _match_case(contraction, token.text)
    return (
        token,
        "contraction",
        contraction,
        f'"{token.text}" looks like the contraction "{shown}" misspelt.',
        0.8,
    )


def _contraction_hit(token: _Token) -> tuple[_Token, str, str, str, float] | None:
    contraction = lexicon.contraction_slip(token.text.lower())
    return None if contraction is None else _contraction_finding_fields(token, contraction)


# A pair the bigram list counts this often (log10) is a set phrase ("minister for", "united states").
_SET_PHRASE_BIGRAM = 7.0
# A capitalised word this common is what the writer meant: its correction would have to be a
# function word (Zipf >= 5.5), and names are not made of those.
_NAME_WORD_SLIP_MAX_ZIPF = 4.0


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
    """(correction, supported by the context) for a capitalised non-word (see ``TypoDetector._capitalised``).

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


def _word_or_name(lower: str) -> bool:
    """A dictionary word or a census name: never a slip of a word from a closed list."""
    return lexicon.in_vocabulary(lower) or lexicon.is_surname(lower) or lexicon.is_given_name(lower)


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


# Lower-case words inside a title-case name of ordinary words ("Department of Health").
_NAME_CONNECTORS = frozenset(("of", "for", "on"))


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


def _dropped_letter_word(word: str, split: str) -> str | None:
    """A common word the token is with one letter left out, when its split ends in a two-letter word.

    "protecton" splits into "protect on", but "protection" with its "i" restored is the likelier
    reading: a two-letter word at the end of a split is often the tail of a longer word.
    """
    tail = split.rsplit(" ", 1)[-1]
    if len(tail) > 2:
        return None
    ranked = sorted(
        (
            (lexicon.zipf(c), c)
            for c, distance in lexicon.near_words(word)
            if distance == 1 and len(c) == len(word) + 1 and c.endswith(tail) and lexicon.zipf(c) >= 3.5
        ),
        reverse=True,
    )
    if not ranked or (len(ranked) > 1 and ranked[0][0] - ranked[1][0] < 1.0):
        return None
    return ranked[0][1]


def _lost_last_letter(word: str) -> str | None:
    """A frequent word the token is with its last letter lost ("departmen"), though it also parses as two words.

    A compound of common words is only a reading when no far more frequent word (Zipf >= 4,
    three points ahead) is the token plus one letter; a plural or verb ending ("s", "d") is
    the compound's own inflection, not a lost letter.
    """
    own = lexicon.zipf(word)
    options = [
        candidate
        for candidate, distance in lexicon.near_words(word)
        if distance == 1
        and len(candidate) == len(word) + 1
        and candidate.startswith(word)
        and candidate[-1] not in "sd"
        and lexicon.zipf(candidate) >= 4.0
        and lexicon.zipf(candidate) - own >= 3.0
    ]
    return options[0] if len(options) == 1 else None


def _slip_over_split(word: str, split: str, neighbours: tuple[str, str]) -> str | None:
    """A frequent word one cheap slip away (``_slip_cost`` at most 0.4) that beats a split few write.

    A noisy-channel comparison: the split's pair frequency (the bigram list's log10 count less
    ``_BIGRAM_TO_ZIPF``, 0 when unlisted: "wat her") against a very common word (Zipf >= 4.5)
    one letter left out, swapped, doubled or one key off, less the cost of that slip and
    ranked as in ``_best_correction``, the context included ("the or" is 4.3 on this scale,
    "their" less its slip 5.9; "on the" is 7.9, beyond any word).
    """
    pair = lexicon.bigram(*split.split(" ", 1))
    threshold = pair - _BIGRAM_TO_ZIPF if pair else 0.0
    ranked = sorted(
        (
            lexicon.zipf(candidate)
            - _slip_cost(word, candidate)
            + (1.0 if _pair_supported(neighbours[0], candidate, neighbours[1]) else 0.0),
            candidate,
        )
        for candidate, distance in lexicon.near_words(word)
        if distance == 1 and lexicon.zipf(candidate) >= 4.5 and _slip_cost(word, candidate) <= 0.4
    )
    return ranked[-1][1] if ranked and ranked[-1][0] > threshold else None


# symspell's bigram counts are on the scale of its unigram counts, where "the" is 10**10.4 and
# "their" 10**8.9; wordfreq's Zipf puts them at 7.7 and 6.3: log10 count less about 2.8 is Zipf.
_BIGRAM_TO_ZIPF = 2.8


def _context_neighbour(token: _Token | None) -> str | None:
    """A neighbour's word as the confusable model reads it: lower-case, or None when it says nothing
    (no neighbour, a possessive, a name or acronym, a skipped or joined token)."""
    if token is None or token.possessive or token.skip or token.joined:
        return None
    word = token.text
    lower = word.lower()
    if word != lower and not (token.initial and word[1:] == lower[1:]):
        return None
    return lower


def _context_confusable(text: str, token: _Token) -> Finding | None:
    """A word of a confusion set whose neighbours make a twin far likelier (``confusable-context``).

    The words right beside it in the sentence (one blank apart, no punctuation between) are the
    context of ``lexicon.confusable_in_context``'s bigram model.
    """
    word = token.text
    lower = word.lower()
    if word != lower and not token.initial:
        return None  # a name ("Lead", "Weather"), unless a sentence opens with it
    previous, following = token.prev, token.next
    if previous is None and following is None:
        return None
    hit = lexicon.confusable_in_context(lower, _context_neighbour(previous), _context_neighbour(following))
    if hit is None:
        return None
    suggestion = _match_case(hit[0], word)
    return _typo_finding(
        text,
        token.start,
        token.end,
        rule="confusable-context",
        confidence=0.4,
        explanation=f'"{word}" is a real word, but the words around it point to "{suggestion}".',
        suggestion=suggestion,
    )


def _typo_finding(text: str, start: int, end: int, **fields: Any) -> Finding:
    """A typo finding over ``text[start:end]`` (its quote), made by this detector."""
    return Finding(
        kind="typo",
        start=start,
        end=end,
        quote=text[start:end],
        detector=_DETECTOR,
        **fields,
    )


def _confusable_finding(text: str, start: int, end: int, suggestion: str, explanation: str) -> Finding:
    """A real word written for another in a fixed context (rule ``confusable``, its one confidence)."""
    return _typo_finding(
        text, start, end, rule="confusable", confidence=0.5, explanation=explanation, suggestion=suggestion
    )


_DETECTOR = f"{DETECTOR_NAME}@{DETECTOR_VERSION}"  # one string shared by every finding


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


class TypoDetector:
    """Flags misspellings, missing spaces, inconsistent names and glued credits (see module doc)."""

    name = DETECTOR_NAME
    version = DETECTOR_VERSION
    # Its dictionaries (wordfreq English, codespell) and rules are English.
    languages: frozenset[str] | None = ENGLISH_ONLY

    def detect(self, document: Document, context: AnalysisContext, earlier: Sequence[Finding]) -> list[Finding]:
        text = document.text
        protected = (
            [
                (m.start(), m.end() - (len(m.group(0)) - len(m.group(0).rstrip(".,;:!?"))))
                for m in _CHUNK.finditer(text)
                if _WEBBY.search(m.group(0))
            ]
            if _WEBBY_ANYWHERE.search(text)
            else []
        )
        findings: list[Finding] = []
        artifacts, glued_names, captions = self._glued_credits(document)
        findings.extend(artifacts)
        tokens = self._tokens(document, protected, glued_names, captions)
        try:
            findings.extend(
                self._non_words(text, tokens, document.title, _known_source_forms(context.sources).protected)
            )
            findings.extend(self._participles(text, protected))
            findings.extend(self._infinitives(text, tokens, protected))
            findings.extend(self._word_number_joins(text, protected))
            findings.extend(self._article_agreement(text, protected))
            findings.extend(self._doubled_words(text, tokens, protected))
            findings.extend(self._confusables(text, tokens, protected))
            findings.extend(self._real_word_pos(text, tokens, protected))
            findings.extend(self._split_into(text, protected))
            findings.extend(self._split_words(text, tokens, protected))
            findings.extend(self._name_variants(document, context, tokens))
        finally:
            _unlink(tokens)
        return _without_overlaps(findings)

    # -- tokens ---------------------------------------------------------------------------

    def _tokens(
        self,
        document: Document,
        protected: list[tuple[int, int]],
        glued: dict[int, int],
        captions: Sequence[tuple[int, int, int]] = (),
    ) -> list[_Token]:
        text = document.text
        # Per-character marks: 1 = protected (URL, email, handle), 2 = inside a short quotation.
        marks = bytearray(len(text) + 1)
        _mark_protected(marks, protected)
        for match in _SHORT_QUOTE.finditer(text):
            a, b = match.span()
            marks[a:b] = marks[a:b].translate(_MARK_QUOTED)
        if "`" in text:
            _mark_protected(marks, (match.span() for match in _CODE_SPAN.finditer(text)))
        if any(mark in text for mark in ("\u00c3", "\u00c2", "\u0303", "\u0302")):
            # UTF-8 read as Latin-1 ("CuÃ©llar"): the letters around the damage are no misspelling.
            damaged = (m.span() for m in _NON_SPACE_RUN.finditer(text) if _MOJIBAKE.search(m.group(0)))
            _mark_protected(marks, damaged)
        if "{" in text:  # ".gmobile {": a style sheet left in the text
            _mark_protected(marks, (match.span() for match in _CSS_SELECTOR.finditer(text)))
        tokens: list[_Token] = []
        # Hyphen chains: where the walk back from the latest joined token's start stopped, and the
        # compound matched there, so that every token of "A-A-A-..." does not rescan the chain.
        # Only the latest is needed: tokens come in order, so a walk back meets the latest joined
        # token's start before any earlier one's (and a chain's tokens share one compound).
        chain_token_start, chain_start, chain_compound = -1, -1, ""
        size = len(text)
        # Every token is an object (about 200 bytes) that the checks below walk. Real news has at
        # most about 190 words per 1,000 characters (300 BBC and dev articles); a text denser in
        # words than this ("A-A-A-...") is tokenised only up to the allowance.
        words = budget.allowance("the typo check", text_length=size, floor=500, per_1000_chars=300)
        for sentence in document.sentences:
            check()
            sentence_tokens: list[_Token] = []
            offset, index = sentence.start, sentence.index
            for match in _WORD.finditer(sentence.text):
                start = offset + match.start()
                if not words.take(start):
                    break
                word = match.group(0)
                # _strip_possessive, inlined (this loop runs for every word of every article)
                possessive = len(word) > 3 and word[-2] in _APOSTROPHES and word[-1] in "sS"
                if possessive:
                    word = word[:-2]
                end = start + len(word)
                before = text[start - 1] if start else " "
                after = text[end] if end < size else " "
                token = _Token(start, end, word, index, False, possessive)
                if before == " " and (after == " " or after == ","):  # the usual case: only the marks can tell
                    token.skip = bool(marks[start] & 1 or marks[end - 1] & 1)
                else:
                    token.skip = bool(
                        marks[start] & 1
                        or marks[end - 1] & 1
                        or before.isdigit()
                        or after.isdigit()
                        or (before in _CODE_BEFORE or after in _CODE_AFTER)
                        and not ("/" in (before, after) and _word_alternatives(text, start, end))
                        or (after == "." and end + 1 < size and text[end + 1].isalpha())
                        or (before == "." and start >= 2 and text[start - 2].isalpha())
                    )
                if before == "-" or after == "-" or (before == " " and start >= 2 and text[start - 2] == "-"):
                    token.joined = True
                    chunk_start = start
                    while chunk_start > 0 and (
                        text[chunk_start - 1].isalpha()
                        or text[chunk_start - 1] in "-'\u2019"
                        or text[chunk_start - 2 : chunk_start] == "- "
                    ):
                        if chunk_start == chain_token_start:  # the latest joined token's walk went on from here
                            chunk_start = chain_start
                            break
                        chunk_start -= 1
                    if chunk_start != chain_start:
                        chunk = _COMPOUND.match(text, chunk_start)
                        chain_compound = chunk.group(0) if chunk else ""
                    chain_token_start, chain_start = start, chunk_start
                    token.compound = chain_compound or word
                token.mention = bool(marks[start] & marks[end - 1] & 2)
                if captions:  # most articles have none: no loop to set up for each token
                    for credit_start, credit_end, opener in captions:
                        if credit_start <= start < credit_end:
                            token.skip = True  # a credit line's names say nothing about the article's
                        elif start == opener:
                            token.initial = True
                sentence_tokens.append(token)
                if start in glued:  # the glued credit's token: the sentence really starts inside it
                    inner = glued[start]
                    token.skip = True
                    right = _Token(
                        start=inner,
                        end=end,
                        text=text[inner:end],
                        sentence=sentence.index,
                        initial=True,
                        possessive=possessive,
                        joined=True,
                    )
                    sentence_tokens.append(right)
            self._mark_initials(text, sentence.start, sentence_tokens)
            tokens.extend(sentence_tokens)
            if words.exhausted:
                break
        for left, right in zip(tokens, tokens[1:], strict=False):
            if left.sentence == right.sentence and not right.joined:
                gap = left.end + (2 if left.possessive else 0)  # the gap is one blank: no slice needed
                if right.start == gap + 1 and text[gap] == " ":
                    left.next, right.prev = right, left
        return tokens

    @staticmethod
    def _mark_initials(text: str, sentence_start: int, tokens: list[_Token]) -> None:
        if not tokens:
            return
        tokens[0].initial = True
        for previous, token in zip(tokens, tokens[1:], strict=False):
            # A single blank (the usual gap) holds none of what _INITIAL_GAP looks for.
            if (
                token.start > previous.end
                and not (token.start == previous.end + 1 and text[previous.end] == " ")
                and (_INITIAL_GAP.search(text, previous.end, token.start))
            ):
                token.initial = True
        # Headline case: when most words are capitalised, capitals say nothing about names.
        capitalised = sum(1 for t in tokens if t.text[0].isupper() and len(t.text) >= 4)
        if capitalised >= 3 and capitalised >= 0.7 * sum(1 for t in tokens if len(t.text) >= 4):
            for token in tokens:
                token.initial = True

    # -- lower-case non-words -------------------------------------------------------------

    def _non_words(
        self, text: str, tokens: list[_Token], title: str = "", protected_names: AbstractSet[str] = frozenset()
    ) -> Iterable[Finding]:
        # Jargon is handled word by word, never by dropping a sentence: tokens that look like code,
        # units, identifiers or addresses are marked ``skip`` in ``_tokens``. None marks a lower-case
        # word still to classify.
        hits: list[tuple[_Token, str, str, str, float] | tuple[_Token, None, bool]] = []
        mid_sentence_capitals = {t.text for t in tokens if not t.initial and t.text[:1].isupper()}
        capital_counts: dict[str, int] | None = None  # counted on the first capitalised word that needs it
        capitals_seen: set[str] = set()
        # Each distinct capitalised word may cost a near-word search. Real news needs at most
        # about 0.04 per character plus 5 (BBC, PolNeAR, dev and held-out articles); a text of
        # thousands of distinct capitalised non-words ("the Aaaa the Aaab ...") is not prose.
        capital_checks = budget.allowance(
            "the typo check of capitalised words", text_length=len(text), floor=20, per_1000_chars=40
        )
        # A sentence opener the web has never seen gets the full near-word search (about 0.2 ms):
        # real news needs it at most 10 times in 8,000 characters.
        opener_searches = budget.allowance(
            "the correction search for sentence openers", text_length=len(text), floor=10, per_1000_chars=2
        )
        bare_contractions = lexicon.bare_contractions()
        jumbled = lexicon.jumbled_function_words(lexicon.JUMBLED_WORD_ZIPF)
        for token in tokens:
            word = token.text
            if token.skip or not word.isascii() or len(word) < 4:
                # A dict probe before any call: three-letter words are a fifth of all tokens.
                if len(word) == 3 and not (token.skip or token.mention):
                    listed = jumbled.get(word) or (jumbled.get(word.lower()) if word[0].isupper() else None)
                    short = _function_word_swap(token, listed) if listed is not None else None
                    if short is not None:
                        hits.append(short)
                continue
            if not word.isalpha():
                if not token.mention and (word.islower() or (token.initial and word[1:].islower())):
                    contraction = _contraction_hit(token)
                    if contraction is not None:
                        hits.append(contraction)
                continue
            if len(word) > lexicon.MAX_WORD_LENGTH:
                continue  # no dictionary work on a token no English word is as long as (see lexicon)
            bare = (
                word
                if word.islower()
                else word.lower()
                if token.initial and word[0].isupper() and word[1:].islower()
                else ""
            )
            if bare in bare_contractions:  # a set look-up per word; "" is never in it
                if not token.mention:
                    hits.append(_contraction_finding_fields(token, bare_contractions[bare]))
                continue
            if not word.islower():
                if token.mention and len(word) >= 5 and word[1:].islower() and not token.joined:
                    # A short quotation may be a title or a foreign phrase, but not a mistyped date
                    # ("defeat her in Novembber").
                    calendar = _calendar_slip(token, text)
                    if calendar is not None:
                        hits.append((token, *calendar))
                    continue
                if (
                    # four letters only as a sentence opener codespell lists, a blank before a lower-case
                    # word ("Thsi is"): shorter capitals are mostly names ("Otis Lane"), initialisms
                    # and elisions ("Nothin' doing")
                    (
                        len(word) >= 5
                        or (
                            token.initial
                            and token.next is not None
                            and token.next.text.islower()
                            and lexicon.known_misspelling(word.lower()) is not None
                        )
                    )
                    and word not in capitals_seen  # a second occurrence: a name (see _capital_counts below)
                    and word[1:].islower()
                    and not token.joined
                    and not token.compound
                    and not (token.initial and word in mid_sentence_capitals)
                ):
                    capitals_seen.add(word)
                    if not capital_checks.take(token.start):
                        continue
                    capitalised = self._capitalised(
                        token, text, protected_names, partial(opener_searches.take, token.start)
                    )
                    if (
                        capitalised is None
                        and len(word) >= 6
                        and word.lower().endswith(_NAME_GLUE_WORDS)
                        and not lexicon.is_word(word.lower())  # "England", "Scotland": before any counting
                    ):
                        previous = token.prev
                        capitalised = _name_run_together(
                            word,
                            text,
                            after_given_name=previous is not None
                            and previous.sentence == token.sentence
                            and previous.text[:1].isupper()
                            and lexicon.is_given_name(previous.text.lower()),
                        )
                    if capitalised is not None:
                        # Counted only now: few capitalised words get this far, and most articles have none.
                        if capital_counts is None:
                            capital_counts = _capital_counts(tokens, title)
                        if capital_counts.get(word.lower(), 0) < 2:  # repeated in any case: a name
                            hits.append((token, *capitalised))
                continue
            if lexicon.is_word(word):
                continue
            if token.compound:
                parts = [p for p in re.split(r"[-\s]+", token.compound) if p]
                if any(p[:1].isupper() for p in parts) or lexicon.is_word("".join(parts).lower()):
                    continue  # part of a name ("Kai-shek") or a word split at a hyphen ("pre-empted")
            name_like = word.capitalize() in mid_sentence_capitals
            hits.append((token, None, name_like))
        # The dictionary work per unknown word (about 0.2 ms, 2 ms with the double-edit search) is
        # the detector's cost on text made of unknown words. Real news needs at most about 3
        # classifications and 1.5 double-edit searches per 1,000 characters (300 BBC and dev
        # articles: 6 searches in all); text past these allowances is not English prose.
        unknown_words = budget.allowance(
            "the typo check of unknown words", text_length=len(text), floor=20, per_1000_chars=6
        )
        double_edits = budget.allowance(
            "the two-edit correction search", text_length=len(text), floor=5, per_1000_chars=0.5
        )
        for entry in hits:
            if entry[1] is None:
                check()  # before the dictionary work, not for every token
                token, _, name_like = entry
                if not unknown_words.take(token.start):
                    continue
                classified = self._classify(
                    token.text,
                    compound=token.joined,
                    mention=token.mention,
                    seen_slip=not name_like,
                    far_allowed=partial(double_edits.take, token.start),
                    neighbours=(_content_word(token.prev), _content_word(token.next)),
                )
                if classified is None:
                    continue
                rule, suggestion, explanation, confidence = classified
            else:
                token, rule, suggestion, explanation, confidence = entry
            if not rule:
                continue
            yield _typo_finding(
                text,
                token.start,
                token.end,
                rule=rule,
                confidence=round(confidence, 3),
                explanation=explanation,
                suggestion=_match_case(suggestion, token.text),
            )

    @staticmethod
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
        found = TypoDetector._capitalised_slip(token, phrase, search_allowed)
        # Beside an ordinary capital ("A Qunnipiac poll"), a typing slip of a well-known name too.
        return found if found is not None or not phrase else _name_slip(word)

    @staticmethod
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

    @staticmethod
    def _classify(
        word: str,
        *,
        compound: bool,
        mention: bool = False,
        seen_slip: bool = False,
        far_allowed: Callable[[], bool] = lambda: True,
        neighbours: tuple[str, str] = ("", ""),
    ) -> tuple[str, str, str, float] | None:
        listed = _listed_correction(word)
        if listed:
            return "known-misspelling", listed, f'"{word}" is a common misspelling of "{listed}".', 0.9
        if _is_derived(word) or _y_adjective_form(word):
            slip = None if compound or mention else _derived_slip(word)
            if slip is None:
                return None
            candidate, confidence = slip
            return (
                "non-word",
                candidate,
                f'"{word}" is not an English word; the nearest common word is "{candidate}".',
                confidence,
            )
        split, strength = _run_together(word) or ("", 0)
        solid = _is_compound(word)
        if split and not compound and (strength == 2 or solid):
            dropped = _dropped_letter_word(word, split) or _slip_over_split(word, split, neighbours)
            if dropped is not None:
                return (
                    "non-word",
                    dropped,
                    f'"{word}" is not an English word; the nearest common word is "{dropped}".',
                    0.75,
                )
            return "run-together", split, f'"{word}" looks like two words run together: "{split}".', 0.8
        if solid:
            lost = _lost_last_letter(word)
            if lost is None:
                return None
            return "non-word", lost, f'"{word}" is not an English word; the nearest common word is "{lost}".', 0.7
        best = _best_correction(word, seen_slip, far_allowed, neighbours)
        # Inside a hyphenated compound only a long token the web has never seen, or one with a
        # letter left out, is corrected ("two-thousanth"): short parts are prefixes and coinages
        # ("e-bike", "co-op").
        if (
            best
            # In a short quotation (a term, a title, a foreign phrase) only a word the web has never
            # seen, one slip from the correction, is corrected ("the “bad angekls”"): a coinage
            # or a foreign word is mostly known, or further off ("in terrorem").
            and (
                not mention
                or (len(word) >= 5 and lexicon.zipf(word) == 0.0 and lexicon.damerau_levenshtein(word, best[0]) == 1)
            )
            and (not compound or (len(word) >= 6 and (lexicon.zipf(word) == 0.0 or _letter_left_out(word, best[0]))))
        ):
            candidate, confidence = best
            return (
                "non-word",
                candidate,
                f'"{word}" is not an English word; the nearest common word is "{candidate}".',
                confidence,
            )
        if split and not compound:
            return "run-together", split, f'"{word}" looks like two words run together: "{split}".', 0.7
        return None

    # -- has + base form ------------------------------------------------------------------

    def _participles(self, text: str, protected: list[tuple[int, int]]) -> Iterable[Finding]:
        for match in _HAVE_BASE.finditer(text):
            base = match.group(1)
            start, end = match.span(1)
            if base in _HAVE_BASE_EXCLUDED or _overlaps(start, end, protected):
                continue
            if base.endswith("en") and not base.endswith("een"):
                participle = base + "ed"
            elif base.endswith("ify"):
                participle = base[:-1] + "ied"
            elif base.endswith(("ise", "ize")) and len(base) >= 7:
                participle = base + "d"
            else:
                continue
            if not lexicon.is_word(base) or lexicon.zipf(participle) < 3.0:
                continue
            yield _typo_finding(
                text,
                start,
                end,
                rule="participle-after-have",
                confidence=0.6,
                explanation=f'After "has/have/had" the verb needs its past participle, "{participle}".',
                suggestion=participle,
            )

    def _confusables(self, text: str, tokens: list[_Token], protected: list[tuple[int, int]]) -> Iterable[Finding]:
        """Real words written for their confusable twin where the words around allow only the twin.

        Each pattern is a context in which one member of a classic confusion set cannot stand
        ("more then", "its a", "their is", "to loose", "was lead by", "in principal"): the
        grammar is the context model, so a pattern fires only where the other reading is
        ungrammatical. Confidence stays low and the rule is its own, for reviewers to filter.

        The same walk scores each word of a wider list of confusion sets with the bigram model
        (``_context_confusable``, rule ``confusable-context``).
        """
        for token in tokens:
            word = token.text
            if token.possessive:
                if word not in _CONFUSABLE_POSSESSIVES:
                    continue
                start, end = token.start, token.end + 2  # "it's", "who's": the tokens keep "it", "who"
            else:
                kind = _CONFUSABLE_KINDS.get(word)  # one probe for most tokens, which are in neither list
                if kind is None:
                    continue
                if kind & 2 and not (token.skip or token.mention or token.joined):
                    scored = _context_confusable(text, token)
                    if scored is not None:
                        yield scored
                if not kind & 1:
                    continue
                start, end = token.start, token.end
            key = text[start:end].lower().replace("\u2019", "'")
            window = (max(0, start - _CONFUSABLE_LEFT), end + _CONFUSABLE_RIGHT)
            for pattern, replacement in _CONFUSABLES_BY_WORD.get(key, ()):
                match = pattern.search(text, *window)
                while match is not None and match.start("word") < start:
                    match = pattern.search(text, match.start() + 1, window[1])
                if match is None or match.span("word") != (start, end):
                    continue
                if _overlaps(start, end, protected):
                    break
                written = text[start:end]
                suggestion = _match_case(replacement, written)
                yield _confusable_finding(
                    text,
                    start,
                    end,
                    suggestion,
                    f'"{written}" is a real word, but here the sentence needs "{suggestion}".',
                )
                break

    def _infinitives(self, text: str, tokens: list[_Token], protected: list[tuple[int, int]]) -> Iterable[Finding]:
        # The past forms are looked up among the tokens: one dictionary probe per word, where a
        # regex of 54 alternatives scanned every character (0.17 ms of a BBC article's 1.8).
        for token in tokens:
            past = token.text
            base = lexicon.PAST_ONLY.get(past)
            if base is None or token.possessive:
                continue
            start, end = token.start, token.end
            window = text[max(0, start - 80) : start]
            # The pattern ends in a blank, and its cue ("to", a modal, "not", "n't") is one of the
            # last three words: most "was"/"were" fail this before the (slow, look-behind heavy) search.
            if not window[-1:].isspace() or not any(w.endswith(_INFINITIVE_ENDINGS) for w in window.split()[-3:]):
                continue
            trigger = _INFINITIVE_BEFORE.search(window)
            if trigger is None or _overlaps(start, end, protected):
                continue
            before = re.split(r"[.!?;:,\n\u2014]", window[: trigger.start()])[-1]
            if _STRANDED.search(" ".join(before.split()[-2:])):
                continue  # "anyone who wanted to went home": the verb was left out on purpose
            yield _typo_finding(
                text,
                start,
                end,
                rule="past-after-to-or-modal",
                confidence=0.6,
                explanation=f'After "to" or a modal verb the verb takes its base form, "{base}".',
                suggestion=base,
            )

    @staticmethod
    def _word_number_joins(text: str, protected: list[tuple[int, int]]) -> Iterable[Finding]:
        """A preposition or article run into the figure after it ("by3G", "in2004", "the2012 race")."""
        if _LETTER_DIGIT.search(text) is None:
            return  # most articles: no letter runs into a digit anywhere
        for match in _WORD_NUMBER_JOIN.finditer(text):
            start, end = match.span()
            if _overlaps(start, end, protected):
                continue
            word, figure = match.group(1), match.group(2)
            yield _typo_finding(
                text,
                start,
                end,
                rule="run-together",
                confidence=0.75,
                explanation=f'"{word}" and "{figure}" look run together: "{word} {figure}".',
                suggestion=f"{word} {figure}",
            )

    @staticmethod
    def _article_agreement(text: str, protected: list[tuple[int, int]]) -> Iterable[Finding]:
        """ "a" before a vowel sound or "an" before a consonant sound ("an bid", "a 800m loss").

        Only where the sound is plain from the spelling: lower-case words whose first letter
        says it (not "hour", "union", "one", "euro"), and figures (8, 11, 18, 80-89 and their
        hundreds and thousands take "an"). Acronyms are left alone: "a NATO plan", "an MP".
        """
        for match in _ARTICLE_BEFORE.finditer(text):
            article, following = match.group("article"), match.group("next")
            start, end = match.span("article")
            if start and text[start - 1] not in _ARTICLE_OPENERS:
                continue  # the end of a longer word ("Canada and")
            if _overlaps(start, match.end(), protected):
                continue
            if article[0] == "A" and not _SENTENCE_START_BEFORE.search(text, max(0, start - 3), start):
                continue  # a capital mid-sentence is a letter or a name ("Serie A", "Plan A and", "Thi An")
            vowel = _vowel_sound(following)
            if vowel is None or vowel == (article.lower() == "an"):
                continue
            wanted = _match_case("an" if vowel else "a", article)
            yield _typo_finding(
                text,
                start,
                end,
                rule="article-agreement",
                confidence=0.7,
                explanation=f'"{following}" starts with a {"vowel" if vowel else "consonant"} sound: "{wanted}", '
                f'not "{article}".',
                suggestion=wanted,
            )

    def _split_into(self, text: str, protected: list[tuple[int, int]]) -> Iterable[Finding]:
        """ "in to" written for "into" after a verb of falling or entering ("fell in to the red",
        "broke in to the first team"), where "in" cannot be an adverb of its own."""
        if " in to " not in text and " In to " not in text:
            return
        for match in _SPLIT_INTO.finditer(text):
            start, end = match.span("word")
            if _overlaps(start, end, protected):
                continue
            written = text[start:end]
            yield _confusable_finding(
                text,
                start,
                end,
                _match_case("into", written),
                f'"{written}" is two words, but after "{match.group("verb")}" the sentence needs "into".',
            )

    @staticmethod
    def _split_words(text: str, tokens: list[_Token], protected: list[tuple[int, int]]) -> Iterable[Finding]:
        """A common word written as two ("infra structure", "al though", "news paper"), rule ``split-word``.

        Two words one blank apart whose join is a dictionary word at Zipf >= 4, where the bigram
        list (Google Books pairs, which record "with out", "every one", "may be" as written) has
        never seen the pair: writers join that word, so the blank is a slip. A function word
        first makes a phrase of its own too often ("in credible talks") and is left alone, unless
        the word after it is rare on its own ("under neath", ``lexicon.solid_word_splits``).
        """
        splits = lexicon.solid_word_splits(lexicon.SOLID_WORD_ZIPF)
        for left in tokens:
            right = left.next
            if right is None:
                continue
            # One dict probe per word first: this runs for every pair of words in the article.
            half = left.text
            seconds = splits.get(half) or (splits.get(half.lower()) if half[:1].isupper() else None)
            if seconds is None or right.text not in seconds:
                continue
            if left.possessive or left.skip or right.skip or left.mention or left.joined or _plain_word(left) is None:
                continue
            first, second = left.text.lower(), right.text
            joined = first + second
            if (
                lexicon.pos_tag(second) == "CD"  # "got ten million"
                or lexicon.bigram(first, second)
                or _overlaps(left.start, right.end, protected)
            ):
                continue
            written = text[left.start : right.end]
            yield _typo_finding(
                text,
                left.start,
                right.end,
                rule="split-word",
                confidence=0.6,
                explanation=f'"{written}" is one word: "{_match_case(joined, left.text)}".',
                suggestion=_match_case(joined, left.text),
            )

    @staticmethod
    def _real_word_pos(text: str, tokens: list[_Token], protected: list[tuple[int, int]]) -> Iterable[Finding]:
        """Real-word slips that the parts of speech around them rule out (rule ``real-word-pos``).

        Six checks (``_classic_confusion``, ``_pronoun_for_the``, ``_determiner_for_subject``,
        ``_adjective_for_verb``, ``_then_for_than``, ``_verb_for_plural``) on one walk over the tokens, one dictionary
        probe for each token. Of a possessive token only "it's" and "who's" are read (as "its", "whose").
        """
        kinds = _pos_slip_kinds()
        for token in tokens:
            kind = kinds.get(token.text)
            if kind is None or token.skip or token.joined or token.mention:
                continue
            if token.possessive and not (kind & 16 and token.text.lower() in ("it", "who")):
                continue
            found = _classic_confusion(text, token) if kind & 16 else None
            if found is None and not token.possessive:
                found = (
                    (_pronoun_for_the(text, token) if kind & 1 else None)
                    or (_determiner_for_subject(text, token) if kind & 2 else None)
                    or (_adjective_for_verb(text, token) if kind & 4 else None)
                    or (_then_for_than(text, token) if kind & 8 else None)
                    or (_verb_for_plural(text, token) if kind & 32 else None)
                    or (_plural_for_possessive(text, token) if kind & 64 else None)
                    or (_plural_for_participle(text, token) if kind & 128 else None)
                    or (_one_for_once(text, token) if kind & 256 else None)
                    or (_by_for_but(text, token) if kind & 512 else None)
                    or (_verb_slip(text, token) if kind & 1024 else None)
                )
            if found is not None and not _overlaps(found.start, found.end, protected):
                yield found

    @staticmethod
    def _doubled_words(text: str, tokens: list[_Token], protected: list[tuple[int, int]]) -> Iterable[Finding]:
        """The same word twice in a row ("the the", "for for"), except doubles English uses ("had had").

        Read from the tokens: ``next`` links words one blank apart in a sentence.
        """
        for token in tokens:
            following = token.next
            if following is None or token.possessive or following.text != token.text.lower():
                continue
            first, second = token.text, following.text
            if second in _LEGITIMATE_DOUBLES:
                continue
            start, end = token.start, following.end
            if _overlaps(start, end, protected):
                continue
            yield _typo_finding(
                text,
                start,
                end,
                rule="doubled-word",
                confidence=0.75,
                explanation=f'"{second}" is written twice.',
                suggestion=first,
            )

    # -- glued credits --------------------------------------------------------------------

    def _glued_credits(self, document: Document) -> tuple[list[Finding], dict[int, int], list[tuple[int, int, int]]]:
        """Credit text at a paragraph or sentence start run into the next sentence's first word.

        Returns the findings, for each glued token's start where the real sentence begins, and
        for each credit line set off by a space only, its span and where the sentence begins.
        """
        text = document.text
        size = len(text)
        # Only the starts at a capital are read below: kept as they are found, not three sets of
        # every line and sentence start (a text of 50,000 two-character lines made them 11 MB).
        starts = {
            start
            for start in chain(
                (0,), (m.end() for m in _LINE_START.finditer(text)), (s.start for s in document.sentences)
            )
            if start < size and text[start].isupper()
        }
        findings: list[Finding] = []
        glued: dict[int, int] = {}
        captions: list[tuple[int, int, int]] = []
        for start in sorted(starts):
            line = text[start : start + 200].split("\n", 1)[0]
            caption = self._caption_line(line)
            if caption is not None:
                credit_end, opener = caption
                captions.append((start, start + credit_end, start + opener))
                credit = line[:credit_end]
                findings.append(
                    _typo_finding(
                        text,
                        start,
                        start + credit_end,
                        rule="caption-line",
                        confidence=0.8,
                        explanation=f'Caption or credit text "{credit}" is left in front of the sentence; delete it.',
                        suggestion="",
                    )
                )
                continue
            window = line[:100]
            if _MOJIBAKE.search(window):
                continue  # encoding damage ("CarreÃ±o") splits words where no credit ends
            join = self._credit_join(window)
            if join is None:
                continue
            credit = window[:join].rstrip()
            end = start + len(credit)
            word_start = join
            while word_start > 0 and window[word_start - 1].isalpha():
                word_start -= 1
            glued[start + word_start] = start + join
            findings.append(
                _typo_finding(
                    text,
                    start,
                    end,
                    rule="glued-credit",
                    confidence=0.85 if _CREDIT_PREFIX.match(credit) else 0.75,
                    explanation=f'Caption or credit text "{credit}" is run into the next sentence; delete it.',
                    suggestion="",
                )
            )
        return findings, glued, captions

    @staticmethod
    def _caption_line(line: str) -> tuple[int, int] | None:
        """(end of the credit, start of the sentence) for "Photo: Jane Doe/City Courier The recall ...".

        After the prefix the credit runs over capitalised words (names, agencies, "A/B" pairs)
        and a few lower-case connectors ("via", "for", "de"); it ends at a capitalised function
        word or usual sentence opener that starts a sentence of three words or more. Any other
        lower-case word first means the prefix opens a real sentence ("Photo: the mayor ...").
        """
        prefix = _CAPTION_PREFIX.match(line)
        if prefix is None:
            return None
        chunks = list(re.finditer(r"\S+", line[prefix.end() :]))
        names = 0
        credit_end = 0
        for i, chunk in enumerate(chunks[:10]):
            word = chunk.group(0)
            bare = word.rstrip(",;")
            lowered = bare.lower()
            after = chunks[i + 1].group(0) if i + 1 < len(chunks) else ""
            previous = chunks[i - 1].group(0) if i else ""
            if (
                names
                and bare == word
                and bare.isalpha()
                and bare[0].isupper()
                and bare[1:].islower()
                and (lowered in lexicon.FUNCTION_WORDS or lowered in _SENTENCE_OPENERS)
                and previous not in _CREDIT_CONNECTORS
                and len(chunks) - i >= 3
                and (lowered in _FIRM_OPENERS or after[:1].islower() or after[:1].isdigit())
                and sum(c.group(0).isalpha() and c.group(0).islower() for c in chunks[i + 1 : i + 7]) >= 2
            ):  # and prose follows, not a title-case headline ("Photos: The Best Of 2023 At The Festival")
                return credit_end, prefix.end() + chunk.start()
            parts = [part for part in re.split(r"[/&]", bare) if part]
            if not parts:
                return None
            for part in parts:
                if part in _CREDIT_CONNECTORS:
                    continue
                if not (part[0].isupper() and re.fullmatch(r"[A-Za-z\u00c0-\u024f.'\u2019-]+", part)):
                    return None
                if part.lower() not in lexicon.FUNCTION_WORDS:
                    names += 1
            credit_end = prefix.end() + chunk.start() + len(bare)
        return None

    @staticmethod
    def _credit_join(window: str) -> int | None:
        """Where the glued sentence starts inside ``window`` (a paragraph or sentence opening)."""
        joins = [m.start() for m in _CAMEL_JOIN.finditer(window)]
        joins += [m.start() for m in _CAPS_JOIN.finditer(window)]
        lowered = window.lower()
        # all-caps credits: "REUTERSThe", "AFPAt" (one-letter names are keyed by their letter: "x")
        agencies = (*_CREDIT_AGENCIES_BY_HEAD.get(lowered[:2], ()), *_CREDIT_AGENCIES_BY_HEAD.get(lowered[:1], ()))
        for credit_name in agencies:
            cut = len(credit_name)
            if (
                lowered.startswith(credit_name)
                and len(window) > cut + 1
                and window[cut].isupper()
                and window[cut + 1].islower()
                and window[cut - 1].isupper()
            ):
                joins.append(cut)
        candidates: list[tuple[float, int]] = []
        for join in sorted(set(joins)):
            left, right = window[:join], window[join:]
            if re.search(r"[.!?]\s", left) or len(left.split()) > 8 or len(right.split()) < 3:
                continue
            first = re.match(r"[A-Za-z]+", right)
            opener = first.group(0).lower() if first else ""
            starts_sentence = opener in lexicon.FUNCTION_WORDS or opener in _SENTENCE_OPENERS
            agency = _AGENCY_AT_END.search(left.rstrip())
            words = left.split()
            glued_word = words[-1].split("/")[-1] if words else ""
            if first and lexicon.zipf((glued_word + first.group(0)).lower()) >= 3.0:
                continue  # one word the web knows in camel case ("LinkedIn", "YouTube"), not a credit and a word
            if _CREDIT_PREFIX.match(left):
                candidates.append((lexicon.zipf(opener), join))
            elif (
                _AGENCY_SLASH_PHOTOGRAPHER.search(left)
                and 2 <= len(words) <= 7
                and len(glued_word) >= 2
                and all(w[:1].isupper() for w in words)
            ):
                candidates.append((lexicon.zipf(opener), join))
            elif agency and len(words) <= 4 and (" " in agency.group(1) or starts_sentence):
                candidates.append((lexicon.zipf(opener), join))
            elif (
                2 <= len(words) <= 5
                and starts_sentence
                and len(glued_word) >= 4  # "McDonald", "MacBook", "JetBlue": a short head is part of a name
                and all(
                    w[:1].isupper() and w.lower() not in lexicon.FUNCTION_WORDS and lexicon.zipf(w.lower()) < 6.0
                    for w in words
                )
            ):
                candidates.append((lexicon.zipf(opener), join))
        if not candidates:
            return None
        return max(candidates)[1]

    # -- names spelled two ways -----------------------------------------------------------

    def _name_variants(self, document: Document, context: AnalysisContext, tokens: list[_Token]) -> Iterable[Finding]:
        text = document.text
        forms: dict[str, _NameForm] = {}
        singles: dict[str, frozenset[str]] = {}  # see ``_with``
        rules: dict[str, str] = {}  # see ``_name_variant_finding``
        lowercase_words = {t.text for t in tokens if t.text.islower()}
        compounds, inside = self._compound_names(text, tokens)
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
            best = self._canonical_for(variant, forms, lowercase_words, index)
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
            best = self._compound_canonical(variant, compounds, forms, lowercase_words, protected, compound_index)
            if best is None:
                continue
            canonical, confidence = best
            surnames = {t.next.text for t in canonical.occurrences if t.next is not None}
            for token in variant.occurrences:
                if token.next is not None and token.next.text[:1].isupper() and token.next.text not in surnames:
                    continue  # "Jean-Marc Ayrault" beside "Jean-Marie Le Pen": a first name of someone else
                yield _name_variant_finding(text, token, variant, canonical, confidence, rules)

    @staticmethod
    def _compound_names(text: str, tokens: list[_Token]) -> tuple[dict[str, _NameForm], bytearray]:
        """Double-barrelled names as whole forms, and the starts of the tokens they are made of
        (a mark per character: ``inside[start]`` is 1).

        Each occurrence is one token spanning the whole name, linked to the word before it
        (a first name or title introduces it: "Ingrid Holm-Okafor"). The tokens are in text
        order, so a match's first token is found by bisection: no table over every token.
        """
        starts = [token.start for token in tokens]
        compounds: dict[str, _NameForm] = {}
        singles: dict[str, frozenset[str]] = {}  # see ``_with``
        inside = bytearray(len(text) + 1)
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
        self,
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
                    and not (
                        other.introduced and not variant.introduced and other.first_position < variant.first_position
                    )
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
            best = self._canonical_for(variant, {variant.form: variant, other.form: other}, set())
            if best is not None:
                options.append((other.count, *best))
        if not options:
            return None
        options.sort(key=lambda item: item[0], reverse=True)
        return options[0][1], options[0][2]

    @staticmethod
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
            if (
                variant.introduced
                and not (variant.introducers & other.introducers)
                and not _refers_back(variant, other)
            ):
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


# Two-letter slips are looked for in names up to this long (the deletion index grows with the square).
_TWO_EDIT_NAME_LENGTH = 20


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
        self.eligible_repeated = [form for form in self.eligible if form.count >= 2]
        # A news article has a few dozen such forms: scanning them beats building the index.
        self.indexed = len(self.eligible) > _FORM_INDEX_FROM
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
            return self.eligible_repeated if repeated_only else self.eligible
        table = self.repeated if repeated_only else self.by_key
        names = {name for key in self._keys(variant.form.lower()) for name in _names_at(table, key)}
        return [self.forms[name] for name in sorted(names, key=self.order.__getitem__)]


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


_APOSTROPHE = "['\u2019]"  # in the patterns below, "'" stands for either apostrophe
# Contexts in which one word of a confusion set cannot stand, and the word that belongs there.
# Each pattern names the confused word ``word``; the rest is the context that rules it out.
_CONFUSABLES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern.replace("'", _APOSTROPHE), re.I), replacement)
    for pattern, replacement in (
        (r"\b(?P<word>it's)(?= +own\b)", "its"),
        (r"\b(?P<word>its)(?= +(?:a|an|the|not|been|too)\b(?![-\u2011]))", "it's"),
        (r"\b(?:was|were|been|being|is|are|be|has|have|had) +(?P<word>lead)(?= +(?:by|astray)\b)", "led"),
        (
            r"\b(?:to|will|would|could|might|may|must|should|cannot|can) +(?P<word>loose)"
            r"(?= +(?:weight|sight|track|touch|faith|patience|their|his|her|its|our|my|your|the|money|jobs)\b)",
            "lose",
        ),
        (
            r"\b(?:more|less|better|worse|greater|higher|lower|larger|smaller|fewer|rather|faster|slower|older|"
            r"younger|bigger|longer|shorter|stronger|weaker|cheaper|easier|harder) +(?P<word>then)\b(?![-\u2011])",
            "than",
        ),
        (r"\b(?P<word>your)(?= +(?:a|an|the|not|joking|kidding|going +to)\b(?![-\u2011]))", "you're"),
        (r"\b(?P<word>their)(?= +(?:is|are|was|were|has +been|have +been)\b)", "there"),
        (r"\b(?P<word>there)(?= +own\b)", "their"),
        (r"\b(?P<word>they're)(?= +own\b)", "their"),
        (
            r"\b(?:an|the|no|any|little|significant|major|positive|negative|lasting|big|huge) +"
            r"(?:[a-z]+(?:-[a-z]+)+ +)?(?P<word>affect)"
            r"(?= +(?:on|of)\b)",
            "effect",
        ),
        (r"\bin +(?P<word>principal)\b(?! +(?:and|investor|amount|sum|residence|place|office))", "principle"),
        (r"\b(?P<word>whose)(?= +(?:going|been|not)\b)", "who's"),
        (r"\b(?P<word>who's)(?= +own\b)", "whose"),
        (
            r"\b(?:could|would|should|must|might|may) +(?P<word>of)"
            r"(?= +(?:been|had|done|gone|seen|known|made|got|gotten|taken|won|lost|happened|said|thought)\b)",
            "have",
        ),
        (
            r"\b(?:legal|medical|financial|expert|professional|independent|sound|good|bad|official|"
            r"government|his|her|their|our|my|your|its) +(?P<word>advise)(?= *(?:[.,;:]|and\b|to +\w+ed\b|from\b|on\b))",
            "advice",
        ),
        # "must faster than": a modal cannot take a comparative adjective; "much" can ("lower"
        # and "better" are verbs too, and stay out).
        (
            r"\b(?P<word>must)(?= +(?:faster|slower|higher|bigger|smaller|larger|greater|easier|harder|"
            r"cheaper|dearer|quicker|stronger|weaker|wider|narrower|deeper|heavier|lighter|safer|riskier|"
            r"worse|older|younger|richer|poorer)(?: +[\w-]+){0,2} +than\b)",
            "much",
        ),
        # "In a timely matter": after "in a" and an adjective of manner, the noun is "manner".
        (
            r"\bin +an? +(?:[a-z]+[- ])?(?:timely|orderly|safe|consistent|efficient|respectful|prompt|secure|"
            r"deterministic|predictable|controlled|responsible|transparent|logical|systematic|structured|"
            r"courteous|polite|civil|dignified|expeditious|haphazard|piecemeal|ad[- ]hoc) +(?P<word>matter)\b"
            r"(?! +(?:of|for|to|that|which|who|in|on|at|with))",
            "manner",
        ),
        # A subject pronoun then "thing" and what "think" takes ("I thing that", "they thing it is"),
        # not a pronoun used as a noun ("an I thing", "a we thing").
        (
            r"(?<!\ban )(?<!\ba )(?<!\bthe )\b(?:I|we|they)\s+(?P<word>thing)"
            r"(?= +(?:that|it|so|about|of|the|this|there|is|we|they|he|she|you|i)\b)",
            "think",
        ),
    )
)
# "in to" after a verb that takes "into" (falling, breaking, sinking, delving), before what it
# leads into: a determiner or a state ("fell in to recession").
_SPLIT_INTO = re.compile(
    r"\b(?P<verb>(?:fell|fall|falls|falling|fallen|broke|breaks|breaking|broken|plunged|plunges|plunging|"
    r"sank|sinks|sinking|sunk|slipped|slips|slipping|tumbled|tumbles|tumbling|crashed|crashes|crashing|"
    r"bumped|bumps|delved|delves|delving|lapsed|lapses|descended|descends|slid|slides|sliding|"
    r"strayed|strays|stumbled|stumbles|veered|veers))\s+(?P<word>in\s+to)"
    r"(?=\s+(?:the|a|an|its|their|his|her|our|recession|debt|trouble|administration|decline|disrepair|"
    r"chaos|crisis|deficit|the red|oblivion|obscurity|disarray|despair)\b)",
    re.I,
)
# The confused words as the tokens hold them (any capitalisation a sentence gives them; "it's"
# and "who's" are the possessive-marked tokens "it", "who"). Only their occurrences are tried
# against their own patterns, in a window around them wide enough for the patterns' contexts.
_CONFUSABLE_WORDS = frozenset(
    variant
    for word in ("its", "lead", "loose", "then", "your", "their", "there", "they're", "they\u2019re", "affect")
    + ("principal", "whose", "of", "advise", "thing", "matter", "must")
    for variant in (word, word.capitalize(), word.upper())
)
# The words of the confusion sets as a token may hold them: lower-case or capitalised (a sentence
# opener); one set probe per token, before any other work.
_CONTEXT_CONFUSABLES = frozenset(form for word in lexicon.scored_confusables() for form in (word, word.capitalize()))
# Each confusable word as a token holds it -> 1 (a fixed pattern may apply), 2 (the bigram model
# scores it), or both.
_CONFUSABLE_KINDS: dict[str, int] = {}
for _form in _CONFUSABLE_WORDS:
    _CONFUSABLE_KINDS[_form] = 1
for _form in _CONTEXT_CONFUSABLES:
    _CONFUSABLE_KINDS[_form] = _CONFUSABLE_KINDS.get(_form, 0) | 2
# The part-of-speech checks (``_real_word_pos``) and the Penn Treebank tags they read.
_PRONOUNS_FOR_THE = frozenset(("he", "she", "they"))
_NOUN_TAGS = frozenset(("NN", "NNS"))
_OBJECT_TAGS = frozenset(("DT", "PRP", "PRP$"))  # after a word, they make it a verb with its object
_SUBJECT_PRONOUNS = frozenset(("he", "she", "they", "we"))
# A singular subject's verb: third person or past, or a modal (the lexicon tags "is" VBZ, "can" MD).
_SINGULAR_SUBJECT_VERB_TAGS = frozenset(("VBZ", "VBD", "MD"))
_AUXILIARIES = frozenset("be is are was were am been being have has had do does did".split())
_COMPARATIVE_TAGS = frozenset(("JJR", "RBR"))
_CLAUSE_LINK_TAGS = frozenset(("IN", "CC", "TO", "WDT", "WRB"))  # a conjunction or preposition
_NOUN_AFTER_THE_ZIPF = 3.0  # a rarer noun is too often a verb the lexicon does not know
_CONFUSABLE_POSSESSIVES = frozenset(("it", "It", "IT", "who", "Who", "WHO"))
_CONFUSABLE_LEFT = 48  # the longest left context ("in an " + a word + "deterministic ") and its blanks
_CONFUSABLE_RIGHT = 24  # the longest right context ("have been", "patience") and the test after it
_CONFUSABLES_BY_WORD: dict[str, list[tuple[re.Pattern[str], str]]] = {}
for _pattern, _replacement in _CONFUSABLES:
    _key = re.search(r"\(\?P<word>([^)]+)\)", _pattern.pattern)
    assert _key is not None
    _CONFUSABLES_BY_WORD.setdefault(_key.group(1).replace(_APOSTROPHE, "'").lower(), []).append(
        (_pattern, _replacement)
    )


@cache
def _pos_slip_kinds() -> dict[str, int]:
    """Each word the part-of-speech checks start from, as a token holds it -> 1 (a pronoun one letter
    from "the"), 2 (a word one letter from a determiner), 4 (an adjective one letter from a verb),
    8 ("then", for "than"), 16 (a word of a classic confusion, ``_classic_confusion``), 32 (a verb's
    -s form that is a plural noun with a letter left out, ``_verb_for_plural``), 64 (an irregular
    plural with an "s" added, ``_plural_for_possessive``), 128 (a plural noun one key from a
    participle, ``_plural_for_participle``), 256 (a sentence's opening "One", ``_one_for_once``), 512 ("by", ``_by_for_but``), 1024 (a
    word one letter from another that the words around it need, ``_verb_slip``)."""
    kinds: dict[str, int] = {}
    for word in _PRONOUNS_FOR_THE:
        for form in (word, word.capitalize()):
            kinds[form] = kinds.get(form, 0) | 1
    for word in lexicon.determiner_slips():
        for form in (word, word.capitalize()):
            kinds[form] = kinds.get(form, 0) | 2
    for word in lexicon.adjective_slips():
        kinds[word] = kinds.get(word, 0) | 4
    kinds["then"] = kinds.get("then", 0) | 8
    for word in lexicon.plural_slips():
        kinds[word] = kinds.get(word, 0) | 32
    for word in lexicon.possessive_slips():
        kinds[word] = kinds.get(word, 0) | 64
    for word in lexicon.participle_slips():
        kinds[word] = kinds.get(word, 0) | 128
    kinds["One"] = kinds.get("One", 0) | 256
    kinds["by"] = kinds.get("by", 0) | 512
    for word in ("that", "were", "except", "no", "quiet"):
        kinds[word] = kinds.get(word, 0) | 1024
    for word in (
        "form", "there", "their", "it", "you're", "you\u2019re", "they're", "they\u2019re",
        "loose", "loosing", "lead", "than", "past", "to", "where", "lose", "breath", "breathe", "passed",
        "affect", "who", "off", "principle",
    ):  # fmt: skip
        for form in (word, word.capitalize()):
            kinds[form] = kinds.get(form, 0) | 16
    return kinds


def _plain_word(token: _Token) -> str | None:
    """A token's word in lower case when it is an ordinary word (capitalised only to open a sentence)."""
    word = token.text
    lower = word.lower()
    if word == lower or (token.initial and word[1:] == lower[1:]):
        return lower
    return None  # a name or acronym says nothing of its part of speech


def _real_word_pos_finding(
    token: _Token, text: str, suggestion: str, explanation: str, end: int | None = None
) -> Finding:
    return _typo_finding(
        text,
        token.start,
        token.end if end is None else end,
        rule="real-word-pos",
        confidence=0.35,
        explanation=explanation,
        suggestion=suggestion,
    )


def _pronoun_for_the(text: str, token: _Token) -> Finding | None:
    """ "he", "she" or "they" written for "the" before a word that can only be a noun ("he closures").

    A subject pronoun is followed by a verb, never by a bare noun; "the" is one letter away from
    each. The noun must be common (a rare one is too often a verb the lexicon does not know) and
    one the Brill lexicon tags as a noun with nothing showing it can be a verb
    (``lexicon.noun_only``: not "he trails", "she fears"); the pronoun must make no listed pair
    with it and must not follow an auxiliary, as an inverted subject does ("be they women or
    men"); and the word after the noun must not be a determiner or pronoun, which would make the
    noun a verb after all ("he bit an apple").
    """
    lower = _plain_word(token)
    noun = token.next
    if lower is None or noun is None or noun.possessive or noun.skip or noun.joined:
        return None
    following = noun.text
    if lexicon.pos_tag(following) not in _NOUN_TAGS or text[noun.end : noun.end + 1] == "-":
        return None  # most words after a pronoun are verbs: one probe rules them out
    if lexicon.bigram(lower, following) or lexicon.zipf(following) < _NOUN_AFTER_THE_ZIPF:
        return None
    before = token.prev.text.lower() if token.prev is not None else ""
    if before in _AUXILIARIES or lexicon.pos_tag(before) == "MD":
        return None  # a subject after its auxiliary: "be they women or men", "are they doctors"
    if not lexicon.noun_only(following):
        return None
    after = noun.next
    if after is not None and lexicon.pos_tag(after.text.lower()) in _OBJECT_TAGS:
        return None
    word = token.text
    suggestion = _match_case("the", word)
    return _real_word_pos_finding(
        token, text, suggestion, f'"{word}" cannot stand before the noun "{following}": "{suggestion}" can.'
    )


def _determiner_for_subject(text: str, token: _Token) -> Finding | None:
    """A pronoun or preposition written for a determiner one letter away, opening a clause whose
    subject is a bare singular noun ("Here too, out attitude is ...": our).

    A singular count noun needs a determiner when it is a subject: the word opens the clause
    (nothing but a blank links it to a word before), the noun after it is one the lexicon tags
    as a singular noun and nothing shows can be a verb, and a finite verb follows the noun. The
    pairs (``lexicon.determiner_slips``) come from the lexicon's tags.
    """
    lower = _plain_word(token)
    noun = token.next
    if lower is None or token.prev is not None or noun is None or noun.next is None:
        return None
    if noun.possessive or noun.skip or noun.joined:
        return None
    following = noun.text
    if following != following.lower() or lexicon.pos_tag(following) != "NN":
        return None
    if lexicon.pos_tag(noun.next.text.lower()) not in _SINGULAR_SUBJECT_VERB_TAGS:
        return None
    if lexicon.bigram(lower, following) or lexicon.zipf(following) < _NOUN_AFTER_THE_ZIPF:
        return None
    if not lexicon.noun_only(following):
        return None
    determiner = max(lexicon.determiner_slips()[lower], key=lambda d: lexicon.bigram(d, following))
    word = token.text
    suggestion = _match_case(determiner, word)
    return _real_word_pos_finding(
        token, text, suggestion, f'The subject "{following}" needs a determiner: "{suggestion}", not "{word}".'
    )


def _then_for_than(text: str, token: _Token) -> Finding | None:
    """ "then" right after a comparative the lexicon tags as one ("cheaper then", "wider then"): "than".

    Extends the fixed "more then" patterns to every comparative adjective or adverb the lexicon
    knows; "earlier", like "later", is a time adverb that "then" may follow.
    """
    before = token.prev
    if token.text != "then":
        return None
    if before is None and _COMPARED_INFINITIVE.match(text, token.end):
        return _then_before_compared_infinitive(text, token)
    if before is None or before.possessive or before.skip:
        return None
    comparative = _plain_word(before)
    if comparative is None or comparative == "earlier" or lexicon.pos_tag(comparative) not in _COMPARATIVE_TAGS:
        return None
    return _real_word_pos_finding(token, text, "than", f'After the comparative "{before.text}" the word is "than".')


# "then it will be to fix": a subject, "be" (after a modal or not) and an infinitive, the second
# half of a comparison ("easier now than it will be to fix later").
_COMPARED_INFINITIVE = re.compile(
    r"\s+(?:it|they|this|that)\s+(?:(?:will|would|could|might)\s+be|is|was|are|were)\s+to\s+(?P<verb>[a-z]+)\b"
)
_SENTENCE_BREAK = re.compile(r"[.!?\n]")
_COMPARATIVE_WORD = re.compile(r"[A-Za-z]+")


def _then_before_compared_infinitive(text: str, token: _Token) -> Finding | None:
    """ "then" after a comma, opening "it will be to <verb>", with a comparative earlier in the sentence.

    "It is easier to fix now, then it will be to fix later": a clause of "be" with only an
    infinitive after it completes a comparison, so the word is "than". The verb must be one
    (not "be"), and no "if" or "when" may open the sentence's earlier clause ("if it's cheaper,
    then ..." is the adverb).
    """
    match = _COMPARED_INFINITIVE.match(text, token.end)
    if match is None or match.group("verb") == "be" or lexicon.pos_tag(match.group("verb")) != "VB":
        return None
    if not text[max(0, token.start - 3) : token.start].rstrip().endswith(","):
        return None
    start = token.start
    while start > 0 and not _SENTENCE_BREAK.match(text, start - 1):
        start -= 1
    words = [w.lower() for w in _COMPARATIVE_WORD.findall(text, start, token.start)]
    if not words or words[0] in ("if", "when", "once", "unless", "as", "since"):
        return None
    if not any(lexicon.pos_tag(w) in _COMPARATIVE_TAGS and w not in ("more", "less") for w in words):
        return None
    return _real_word_pos_finding(
        token, text, "than", 'The clause after "then" completes a comparison earlier in the sentence: "than".'
    )


def _adjective_for_verb(text: str, token: _Token) -> Finding | None:
    """An adjective written for a frequent verb one letter away, right after its subject ("users hard difficulty").

    The subject is a word that can only be a noun (``lexicon.noun_only``) or a subject pronoun,
    and an adjective cannot follow it directly; the next word is no verb (then the word is an
    adverb: "he last spoke") and no conjunction or preposition (then it is an object's
    complement: "turn children angry if"); the bigram list must know neither the adjective
    after the subject nor the word after the adjective, and know the verb with one of them
    ("had difficulty"). The pairs (``lexicon.adjective_slips``) come from the Brill lexicon's
    tags, not from a list of slips.
    """
    subject, following = token.prev, token.next
    if token.mention or subject is None or following is None or subject.possessive or subject.skip:
        return None
    left, right = _plain_word(subject), following.text
    if left is None or subject.joined or not (right.islower() and right.isalpha()):
        return None
    if left not in _SUBJECT_PRONOUNS and not lexicon.noun_only(left):
        return None
    tag = lexicon.pos_tag(right)
    if tag in _CLAUSE_LINK_TAGS or tag.startswith("VB") or tag == "MD":
        return None
    word = token.text
    if lexicon.bigram(left, word) or lexicon.bigram(word, right):
        return None
    evidence, verb = max(
        (lexicon.bigram(left, verb) + lexicon.bigram(verb, right), verb) for verb in lexicon.adjective_slips()[word]
    )
    if not evidence:
        return None
    return _real_word_pos_finding(
        token, text, verb, f'"{word}" is an adjective where "{left}" needs its verb: "{verb}".'
    )


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    ordered = sorted(findings, key=lambda f: (f.start, -f.confidence))
    kept: list[Finding] = []
    for finding in ordered:
        if kept and finding.start < kept[-1].end:
            if finding.confidence > kept[-1].confidence:
                kept[-1] = finding
            continue
        kept.append(finding)
    return kept


# -- classic confusions read from the words around them ---------------------------------------

_SUBJECT_FOR_VERB = frozenset(("i", "we", "they", "you", "he", "she", "it"))
_PREPOSITIONS_BEFORE_NOUN = frozenset(
    "of from with in on for by at into onto about through under over across against without".split()
)
_BE_FORMS = frozenset("is are was were be been being am 's".split())
# Nouns that stand as adverbs of time after "there" ("stayed there overnight", "went there today").
_TIME_NOUNS = frozenset("today tonight tomorrow yesterday overnight now then once again ago year years".split())
_NOUN_PHRASE_TAGS = frozenset(("DT", "PRP$", "CD", "NNP", "NNPS"))
_WORD_BEFORE_COMMA = re.compile(r"([A-Za-z]+), +$")
_CLAUSE_END_AFTER = re.compile(r"[.,;:!?]")
_CLAUSE_AFTER_ADJECTIVE = re.compile(r"\s*(?:[.,;:!?]|(?:to|for)\b)")
_BREATH_BEFORE = frozenset("a deep short fresh of his her their my your".split())
_PAST_SPANS = frozenset(
    "few several two three four five six seven eight nine ten week month year decade century".split()
)


def _joined_by_space(text: str, left: _Token, right: _Token) -> bool:
    """Nothing but spaces between the two words (an "it's" token ends before its "'s")."""
    gap_start = left.end + 2 if left.possessive else left.end
    return left.sentence == right.sentence and not text[gap_start : right.start].strip()


def _neighbours(text: str, token: _Token) -> tuple[str | None, str | None]:
    """The plain lower-case words right before and after ``token`` with only spaces between, or None."""
    before = token.prev
    after = token.next
    left = _plain_word(before) if before is not None and _joined_by_space(text, before, token) else None
    right = None
    if after is not None and _joined_by_space(text, token, after):
        # a name is kept as written, so a check can tell it from a word
        right = _plain_word(after) or (after.text if after.text[:1].isupper() else None)
    return left, right


def _head_before(text: str, token: _Token) -> str | None:
    """The plain word that governs ``token``: the word right before it, or the one before an adverb
    there ("could barely breath", "has long past"); None when punctuation or a name is between."""
    left, _ = _neighbours(text, token)
    previous = token.prev
    if left is None or previous is None or lexicon.pos_tag(left) != "RB":
        return left
    return _neighbours(text, previous)[0]


# A capitalised word right after the token, a comma between or not ("principle, Ann"): a given name
# is checked by the caller.
_PERSON_AFTER = re.compile(r",? +([A-Z][a-z]+)\b")
_QUANTIFIERS = frozenset("one some many most all each any none both several few".split())


def _clause_after_adverb(text: str, adverb: _Token | None) -> bool:
    """After the adverb, "there", "here" or a definite determiner: no noun phrase that a possessive
    before the adverb could own ("their still here", "their also the best"). An indefinite article
    or a preposition may go on a phrase of frequency ("their once a year dinner", "once in a while")."""
    if adverb is None or adverb.next is None or not _joined_by_space(text, adverb, adverb.next):
        return False
    following = _plain_word(adverb.next)
    return following is not None and (
        following == "here"
        or lexicon.pos_tag(following) == "EX"
        or (lexicon.pos_tag(following) == "DT" and following not in ("a", "an"))
    )


def _verb_for_plural(text: str, token: _Token) -> Finding | None:
    """A verb's -s form after an adjective, where the plural noun it is with a letter left out makes a
    pair the bigram list knows ("new computes" for "new computers", ``lexicon.plural_slips``).

    An adjective is followed by its noun, never by a finite verb; the written pair must be unknown
    to the bigram list, and the word after must not be an object, which would make the adjective a
    noun after all ("the poor buys them").
    """
    before = token.prev
    if before is None or before.possessive or before.skip or before.joined or not _joined_by_space(text, before, token):
        return None
    adjective = _plain_word(before)
    if adjective is None or lexicon.pos_tag(adjective) != "JJ" or lexicon.bigram(adjective, token.text):
        return None
    after = token.next
    if after is not None and lexicon.pos_tag(after.text.lower()) in _OBJECT_TAGS:
        return None
    evidence, noun = max((lexicon.bigram(adjective, noun), noun) for noun in lexicon.plural_slips()[token.text])
    if not evidence or lexicon.zipf(noun) < lexicon.zipf(token.text):
        return None
    return _real_word_pos_finding(
        token, text, noun, f'"{token.text}" is a verb where the adjective "{adjective}" needs its noun: "{noun}".'
    )


def _plural_for_possessive(text: str, token: _Token) -> Finding | None:
    """An irregular plural with an "s" but no apostrophe before its noun ("other peoples ideas").

    "people", "children", "men" and "women" make their possessive with "'s"; written with a bare
    "s" ("peoples", a real word for nations) right before a noun, the apostrophe is missing. The
    noun must be one the lexicon tags as a noun and not a verb's base form ("peoples live"), and
    the bigram list must not know the written pair ("indigenous peoples" is fine, "peoples
    rights" is not).
    """
    word = _plain_word(token)
    after = token.next
    if word is None or after is None or after.possessive or not _joined_by_space(text, token, after):
        return None
    right = _plain_word(after)
    if right is None or lexicon.pos_tag(right) not in _NOUN_TAGS or lexicon.bigram(word, right):
        return None
    if lexicon.pos_tag(right) == "NN" and not lexicon.noun_only(right):
        return None  # "peoples struggle": a verb as likely
    possessive = _match_case(lexicon.possessive_slips()[word], token.text)
    return _real_word_pos_finding(
        token, text, possessive, f'Before the noun "{after.text}" the possessive "{possessive}" is meant.'
    )


# Words after which a plural noun is the subject's complement ("would be increases in prices",
# "will be changes to the plan"): a preposition that takes the noun's object.
_NOUN_COMPLEMENT_AFTER = frozenset("of in for with to from on about over between among across like".split())


def _plural_for_participle(text: str, token: _Token) -> Finding | None:
    """A plural noun written for the participle one key away after "be" ("will be issues when").

    "s" and "d" are neighbouring keys, so "issued" typed "issues" is a plural after "be", where
    the passive needs the participle. Only when nothing makes the plural a complement: no
    "there" before ("there will be issues"), and no preposition after it ("be increases in").
    """
    before = token.prev
    if (
        before is None
        or before.text != "be"
        or not _joined_by_space(text, before, token)
        or token.text != token.text.lower()
    ):
        return None
    after = token.next
    if after is not None and (
        after.text.lower() in _NOUN_COMPLEMENT_AFTER or lexicon.pos_tag(after.text) in _NOUN_TAGS
    ):
        return None
    earlier = before.prev
    for _ in range(4):
        if earlier is None:
            break
        if earlier.text.lower() == "there":
            return None
        earlier = earlier.prev
    participle = lexicon.participle_slips()[token.text]
    return _real_word_pos_finding(
        token, text, participle, f'After "be" the verb is the participle "{participle}", not the plural "{token.text}".'
    )


_CLAUSE_SUBJECTS = (
    "i|you|we|they|he|she|it|i['\u2019]m|you['\u2019]re|we['\u2019]re|they['\u2019]re|he['\u2019]s|she['\u2019]s|"
    "it['\u2019]s|you['\u2019]ve|we['\u2019]ve|they['\u2019]ve|i['\u2019]ve"
)
_SUBJECT_OPENER = re.compile(rf"\s+(?:{_CLAUSE_SUBJECTS})\s+[a-z]", re.IGNORECASE)
_COMMA_THEN_SUBJECT = re.compile(rf"[^.!?\n]*?,\s+(?:{_CLAUSE_SUBJECTS})\s", re.IGNORECASE)
# A comment set off by commas ("One you know, I think, is ..."): no main clause.
_PARENTHETICAL = re.compile(r"[^\s,.!?]+(?:\s+[^\s,.!?]+)?\s*,")


def _one_for_once(text: str, token: _Token) -> Finding | None:
    """A sentence opening "One" + a clause + a comma + a main clause: the subordinator "Once".

    "One you're done with it, you can ..." is "Once" with its "c" left out: "One" as a pronoun
    is followed by its verb or "of", never by another subject, and the comma then a second
    subject shows a main clause after a subordinate one.
    """
    if not token.initial or not _SUBJECT_OPENER.match(text, token.end):
        return None
    clause = _COMMA_THEN_SUBJECT.match(text, token.end)
    if clause is None or _PARENTHETICAL.match(text, clause.end()):
        return None
    return _real_word_pos_finding(
        token, text, "Once", '"One" opens a clause with its own subject and a comma after it: "Once" is meant.'
    )


def _by_for_but(text: str, token: _Token) -> Finding | None:
    """ "by" between two adjectives of one noun phrase ("a simple by effective plan"): "but".

    An article needs its noun before a preposition, so "a" + an adjective or participle + "by"
    leaves the article's phrase open, and an adjective and its noun after "by" close it: the
    two adjectives are joined by "but", a key away.
    """
    before, after = token.prev, token.next
    if before is None or after is None or after.next is None or before.prev is None:
        return None
    if before.prev.text.lower() not in ("a", "an") or not (
        _joined_by_space(text, before.prev, before)
        and _joined_by_space(text, before, token)
        and _joined_by_space(text, token, after)
        and _joined_by_space(text, after, after.next)
    ):
        return None
    first, second, noun = _plain_word(before), _plain_word(after), _plain_word(after.next)
    if first is None or second is None or noun is None:
        return None
    if lexicon.pos_tag(first) not in ("JJ", "VBN") or lexicon.pos_tag(second) != "JJ":
        return None
    if lexicon.pos_tag(noun) not in _NOUN_TAGS:
        return None
    return _real_word_pos_finding(
        token, text, "but", f'"{before.text} by {after.text}" joins two adjectives of one noun: "but" is meant.'
    )


_NUMBER_AFTER = re.compile(r"\s+(?:[$\u00a3\u20ac])?\d")
_DO_FORMS = frozenset("do does did".split())
_OBJECT_PRONOUNS = frozenset("me you him her it us them".split())
_SUBJECT_PRONOUNS_ALL = frozenset("i you he she it we they".split())


def _verb_slip(text: str, token: _Token) -> Finding | None:
    """A word one letter from another that its neighbours' parts of speech need (rule ``real-word-pos``).

    - "that" after a comparative, before a number: "than" ("more that 50 people");
    - "were" after a singular noun, before a subject pronoun and its verb: "where" ("the town
      were he grew up"; an inverted "were he to" is a condition);
    - "except" after "to" or a modal, before its object: "accept" ("would except the offer");
    - "no" after "do not": "know" ("did not no the answer");
    - "quiet" after "be" before an adjective ending the clause, or an adverb "quite" is listed
      with, and "quiet" is not: "quite" ("was quiet cold.", "is quiet often late").
    """
    word = token.text
    if word == "that" and not _NUMBER_AFTER.match(text, token.end):
        return None  # the commonest of these words: its one check needs a number after it
    before, after = token.prev, token.next
    joined_before = before is not None and _joined_by_space(text, before, token)
    left = _plain_word(before) if joined_before and before is not None else None
    suggestion: str | None = None
    if word == "that":
        if left is not None and (lexicon.pos_tag(left) in _COMPARATIVE_TAGS) and _NUMBER_AFTER.match(text, token.end):
            suggestion = "than"
    elif word == "were":
        subject = after
        if (
            left is not None
            and lexicon.pos_tag(left) == "NN"
            and lexicon.noun_only(left)
            and subject is not None
            and subject.text.lower() in _SUBJECT_PRONOUNS_ALL - {"you", "it"}
            and _joined_by_space(text, token, subject)
            and subject.next is not None
            and _joined_by_space(text, subject, subject.next)
        ):
            verb = _plain_word(subject.next)
            if verb is not None and lexicon.pos_tag(verb) in ("VBD", "VBZ", "VBP", "MD"):
                suggestion = "where"
    elif word == "except":
        if left is not None and _takes_base_verb(left) and after is not None and _joined_by_space(text, token, after):
            object_word = after.text.lower()
            if lexicon.pos_tag(object_word) in ("DT", "PRP$") or object_word in _OBJECT_PRONOUNS:
                suggestion = "accept"
    elif word == "no":
        if left == "not" and before is not None and before.prev is not None:
            auxiliary = _plain_word(before.prev)
            if auxiliary in _DO_FORMS and _joined_by_space(text, before.prev, before):
                suggestion = "know"
        elif left is not None and left.replace("\u2019", "'").endswith("n't") and left[:-3] in _DO_FORMS:
            suggestion = "know"
    elif word == "quiet" and left is not None and (left in _BE_FORMS or left == "not") and after is not None:
        right = _plain_word(after) if _joined_by_space(text, token, after) else None
        # "enough" follows its adjective: "quiet enough"
        if right is not None and right != "enough" and not lexicon.bigram("quiet", right):
            tag = lexicon.pos_tag(right)
            if (tag == "RB" and lexicon.bigram("quite", right)) or (
                tag == "JJ" and _CLAUSE_AFTER_ADJECTIVE.match(text, after.end)
            ):
                suggestion = "quite"
    if suggestion is None:
        return None
    return _real_word_pos_finding(
        token, text, suggestion, f'"{word}" is a real word, but here the sentence needs "{suggestion}".'
    )


def _attributive(participle: _Token | None) -> bool:
    """A participle before a noun or adjective, or a name: it qualifies a noun ("where known groups are")."""
    after = participle.next if participle is not None else None
    if after is None:
        return False
    word = _plain_word(after)
    return word is None or lexicon.pos_tag(word) in ("NN", "NNS", "JJ", "VBG")


def _takes_base_verb(word: str | None) -> bool:
    """ "to", a modal or a negated auxiliary: the next verb is in its base form ("could breathe")."""
    return word is not None and (word == "to" or lexicon.pos_tag(word) == "MD" or word.endswith(("n't", "n\u2019t")))


def _subject_before_verb(token: _Token) -> bool:
    """After ``token`` ("it's", "who's"), a noun (with at most one adjective) and then a finite verb.

    "it is" or "who is" cannot take a bare noun that is then the subject of a second verb ("it's
    total revenue had fallen", "who's passport was stolen"): the word is the possessive. The noun is one
    the lexicon tags as a noun and nothing shows can be a verb (``lexicon.noun_only``).
    """
    noun = token.next
    if noun is not None and noun.next is not None and lexicon.pos_tag(noun.text) == "JJ":
        noun = noun.next
    if noun is None or noun.possessive or noun.skip or noun.joined or not noun.text.islower():
        return False
    verb = noun.next
    if verb is None or verb.joined or not verb.text.islower():
        return False
    tag = lexicon.pos_tag(noun.text)
    if tag not in _NOUN_TAGS:
        return False
    verb_tag = lexicon.pos_tag(verb.text)
    if verb.text in ("be", "been", "being"):
        return False  # "it's money being spent": a participle clause, no second finite verb
    if tag == "NNS":
        return verb_tag == "VBD" or (verb.text in _AUXILIARIES and verb_tag != "VBZ")  # "it's profits rose"
    # A noun that may be a verb too ("it's cost") makes "it has cost" only with an object after
    # it, never with a second finite verb.
    return verb.text in _AUXILIARIES or verb_tag in _SINGULAR_SUBJECT_VERB_TAGS


# The forms of "have" that take a past participle ("had past" is "had passed").
_HAVE_FORMS = frozenset(("have", "has", "had", "having", "'ve", "’ve"))
# Subordinating conjunctions the lexicon tags IN like prepositions: after one, "there" may open an
# existential clause or stand as an adverb ("because there students ..."), so it is left alone.
_SUBORDINATORS = frozenset("if because that as while whether though although unless than so like once".split())


# Words after which "form" is the verb ("they form", "to form") or a noun ("the form", "its form").
_FORM_VERB_OR_NOUN_BEFORE = frozenset(
    "to will would can could may might should must shall they we you i who which that and or not "
    "also together jointly".split()
)


def _from_for_form(left: str, right: str, right_tag: str) -> bool:
    """ "form" written for "from": the word before wants "from" and the words after are a noun phrase.

    After a determiner, adjective or possessive "form" is the noun; after a subject, "to" or a
    modal, the verb; a pair the bigram list knows ("application form") is a compound. A plural
    noun before may be the verb's subject ("cells form the lining"), so then only a possessive, a
    number or a name may follow ("emails form her office").
    """
    left_tag = lexicon.pos_tag(left)
    if left in _FORM_VERB_OR_NOUN_BEFORE or left_tag in ("DT", "JJ", "JJR", "JJS", "PRP$", "CD", "PRP", "MD", "TO"):
        return False
    if lexicon.bigram(left, "form"):
        return False
    if right_tag == "VBG":
        return True  # "kept her form becoming": neither the noun nor the verb takes a gerund
    verb_before = left_tag in ("VBD", "VBN", "VBG")
    if left_tag == "NN" and (right_tag in ("PRP$", "NNP") or right[:1].isupper()):
        return True  # "a poll form Florida", "the report form his office"
    if not (lexicon.bigram(left, "from") or verb_before):
        return False
    if left_tag in ("NNS", "NNPS"):
        return right_tag in ("PRP$", "CD", "NNP")
    if right in ("a", "an"):
        return verb_before and bool(lexicon.bigram(left, "from"))  # "heard form a neighbour"
    return right_tag in _NOUN_PHRASE_TAGS or right_tag in ("NN", "NNS", "JJ")


def _classic_confusion(text: str, token: _Token) -> Finding | None:
    """A word of a classic confusion set that the grammar of its neighbours rules out (rule ``real-word-pos``).

    Each check reads the part of speech of the words right beside the token (Brill's lexicon)
    and, where a part of speech leaves both readings open, the bigram list: "form her" after a
    participle ("emails received form her office"), "there" before a noun the list pairs with
    "their" only, "it's" after a preposition, "loose" after a subject or "to" where the list
    knows no "loose X", "lead by" after a noun, "than" opening a clause, a subject and "past".
    Also "it's"/"who's" before a noun that is a verb's subject, "past" after "have", "breath"
    after "to" or a modal, "affect" after an adjective, "their" before an adverb and a clause,
    "off" between a quantifier and a superlative, and "principle" before a person's name.
    """
    word = token.text.lower().replace("\u2019", "'") + ("'s" if token.possessive else "")
    if word == "to" and (token.prev is None or token.prev.text.lower() not in _BE_FORMS):
        return None  # the commonest word here: its one check needs "be" before it, so test that first
    left, right = _neighbours(text, token)
    if word == "their" and _CLAUSE_END_AFTER.match(text, token.end):
        # A possessive never ends a clause: "who are their, ...", "put it up their."
        return _confusion_finding(text, token, "there")
    if word == "breathe" and left in _BREATH_BEFORE:
        return _confusion_finding(text, token, "breath")  # "a deep breathe.": the noun, whatever follows
    if word == "principle":
        # "the academy's principle, Ann Lee,": a name in apposition makes the noun a person, and a
        # principle never is one.
        named = _PERSON_AFTER.match(text, token.end)
        if named is not None and lexicon.is_given_name(named.group(1).lower()):
            return _confusion_finding(text, token, "principal")
    if word == "past" and _head_before(text, token) in _HAVE_FORMS:
        # "have" takes the participle: "the deadline has past." ("has past experience": an adjective
        # before its noun, so only the clause's end or what follows a verb may come next).
        right_tag = lexicon.pos_tag(right) if right is not None and right.islower() else ""
        if (right is None and _CLAUSE_END_AFTER.match(text, token.end)) or right_tag in ("DT", "IN", "PRP$", "RB"):
            return _confusion_finding(text, token, "passed")
    if right is None:
        return None
    right_tag = lexicon.pos_tag(right.lower()) if right.islower() else "NNP"
    suggestion: str | None = None
    if word == "form" and left is not None:
        if _from_for_form(left, right, right_tag):
            suggestion = "from"
    elif word == "there" and left is not None and left not in _BE_FORMS and right.islower():
        # Before a noun, after a preposition, a verb or "why", the possessive is meant ("see why
        # there life ..."); a time noun follows the adverb ("went there today").
        if (
            right not in _TIME_NOUNS
            and (right_tag in ("NN", "NNS") or (right_tag == "JJ" and lexicon.bigram("their", right)))
            and (lexicon.noun_only(right) or lexicon.bigram("their", right))
            and not lexicon.bigram("there", right)
            and (
                left in _PREPOSITIONS_BEFORE_NOUN
                or lexicon.pos_tag(left) in ("VBD", "VBN", "VBG", "VB", "WRB")
                or (lexicon.pos_tag(left) == "IN" and left not in _SUBORDINATORS)
            )
        ):
            suggestion = "their"
    elif word == "their" and right_tag == "MD" and right not in ("will", "might", "can"):
        suggestion = "there"  # "their would be a deal"; "their will", "their might" are nouns
    elif word == "their" and right_tag == "RB" and _clause_after_adverb(text, token.next):
        suggestion = "they're"  # "their still here": a possessive is followed by its noun, not an adverb
    elif (
        word in ("you're", "they're")
        and right.islower()
        and (lexicon.noun_only(right) or right_tag == "NNS")
        and (
            left == "to"
            or left in _PREPOSITIONS_BEFORE_NOUN
            or (left is not None and lexicon.pos_tag(left) in ("VB", "VBD", "VBG"))
        )
    ):
        # After a preposition or a verb, before a noun, the word is the object's possessive ("to
        # you're delegations"); after "when" or "if" it may be a subject and a predicate noun.
        suggestion = "your" if word == "you're" else "their"
    elif word == "to" and left in _BE_FORMS and right.islower() and right_tag == "JJ":
        # "it was to late.", "is to expensive to run": an adjective ending the clause after "be to"
        # is "too", unless it is as much a verb there ("the plan is to open for business": the
        # bigram list knows "to open", never "too open").
        too, to = lexicon.bigram("too", right), lexicon.bigram("to", right)
        after_adjective = _CLAUSE_AFTER_ADJECTIVE.match(text, token.next.end if token.next else token.end)
        if after_adjective is not None and too and too >= to - 0.5:
            suggestion = "too"
    elif word == "where" and left in _SUBJECT_FOR_VERB - {"it", "he", "she", "i"} and right_tag in ("VBN", "VBD"):
        suggestion = "were"  # "they where told": a plural subject's verb
    elif (
        word == "where"
        and left is not None
        and lexicon.pos_tag(left) == "NNS"
        and right_tag in ("VBN", "VBD")
        and not lexicon.bigram("where", right)
        and lexicon.bigram("were", right)
        and not _attributive(token.next)
    ):
        # "the results where published": a plural noun's passive; "where" takes a clause with its
        # own subject, or an elliptic participle the list knows ("where needed", "where found")
        suggestion = "were"
    elif word == "lose" and left in ("a", "an", "the") and right.islower():
        suggestion = "loose"  # "a lose thread": the adjective
    elif word == "breath" and right not in ("of", "and", "or") and _takes_base_verb(_head_before(text, token)):
        # "to breath freely", "could barely breath" ("to a breath of", "to breath and" are left)
        suggestion = "breathe"
    elif word == "affect" and right in ("on", "of") and left is not None and lexicon.pos_tag(left) == "JJ":
        suggestion = "effect"  # "a lasting affect on": an adjective qualifies the noun; the verb takes no "on"
    elif word == "passed" and left == "the" and (right in _PAST_SPANS or right_tag == "CD"):
        suggestion = "past"  # "the passed few years", "in the passed two weeks"
    elif word in ("it's", "who's") and _subject_before_verb(token):
        suggestion = "its" if word == "it's" else "whose"  # "it's total revenue had fallen": a possessive
    elif word == "it's" and left in _PREPOSITIONS_BEFORE_NOUN:
        if right_tag in ("NN", "NNS", "JJ", "NNP") and right not in ("own",):
            suggestion = "its"
    elif (word == "loosing" and left is not None) or (
        # "you" and "it" may be objects: "turn you loose", "cut it loose"
        word == "loose"
        and (left in _SUBJECT_FOR_VERB - {"you", "it"} or left in ("to", "not", "will", "would", "could"))
    ):
        # The verb "loose" (to set free) is rare; the list knows the pairs of the adjective ("loose ends").
        if not lexicon.bigram(word, right.lower()):
            suggestion = "lose" if word == "loose" else "losing"
    elif word == "lead" and left in _BE_FORMS and right in ("to", "by", "astray", "into", "away"):
        suggestion = "led"  # "was lead to believe", "were lead astray": the passive's participle
    elif word == "lead" and right == "by":
        # "lead by" after a noun or an adverb, or a noun and its comma, is a reduced passive: "led by".
        # (Tokens link only across spaces, so the word before a comma is read from the text.)
        comma_before = _WORD_BEFORE_COMMA.search(text, max(0, token.start - 40), token.start)
        before = left if left is not None else comma_before.group(1) if comma_before else None
        agent = token.next.next if token.next is not None else None
        if (
            before is not None
            and before.islower()
            and lexicon.pos_tag(before) in ("NN", "NNS", "RB")
            and (agent is None or agent.text != "example")  # "parents lead by example"
        ):
            suggestion = "led"
    elif word == "off" and left in _QUANTIFIERS and right in _DETERMINERS and token.next is not None:
        # "one off the best players": a quantifier before "the" and a superlative is a part of a
        # group ("of"); "$5 off the price", "two off the lead" have no superlative.
        superlative = token.next.next
        if superlative is not None and lexicon.pos_tag(superlative.text) == "JJS":
            suggestion = "of"
    elif word == "than" and left in ("but", "and") and right in _SUBJECT_FOR_VERB:
        suggestion = "then"
    elif word == "past" and left in _SUBJECT_FOR_VERB - {"you"}:
        if right_tag in ("IN", "DT", "RB", "PRP$", "RP"):
            suggestion = "passed"
    if suggestion is None:
        return None
    return _confusion_finding(text, token, suggestion)


def _confusion_finding(text: str, token: _Token, suggestion: str) -> Finding:
    end = token.end + 2 if token.possessive else token.end  # "it's": the whole word
    written = text[token.start : end]
    return _real_word_pos_finding(
        token,
        text,
        _match_case(suggestion, token.text),
        f'"{written}" is a real word, but here the sentence needs "{suggestion}".',
        end,
    )
