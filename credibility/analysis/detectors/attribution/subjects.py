"""Speakers read from a clause's subject rather than from a name: generic subjects ("donors said",
"the gallery said"), the subject of a sentence or a subordinate clause, whole noun phrases read as a
source (a document, a body named as a modifier, an indefinite and so vague group), and whether a
position lies inside a quotation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from credibility.analysis.detectors.attribution.cue_patterns import _CLOSING_CUE_TAIL, _VERB_SET
from credibility.analysis.detectors.attribution.grammar import (
    _BY_AFTER,
    _LINKING_ADVERBS,
    _PARTICLES,
    _POSSESSIVE_TAIL,
    _PROPER_ANYWHERE,
    _PROPER_RUN,
    _SPOKES_WORDS,
    _WB,
    _WEEKDAY,
    _WORD,
    _alt,
)
from credibility.analysis.detectors.attribution.names import _clean_proper, _proper_kind
from credibility.analysis.detectors.attribution.speakers import (
    _LEADING_CONJ,
    _ROLE_WORDS,
    _WINDOW,
    _clause_start,
    _parse_start,
)
from credibility.analysis.detectors.attribution.state import _NP
from credibility.analysis.detectors.attribution.statements import _bounded, _tail_from
from credibility.analysis.lexicons import attribution as lex
from credibility.analysis.lexicons import english
from credibility.analysis.patterns import CASE_BLIND_FOLD

_NP_STOP = re.compile(r"[a-z]+ed|of|to|for|from|with|by|in|on|at|among|than|that|and|or|but")


_NP_REACH = 200


def _noun_phrase_start(text: str, lo: int, end: int) -> int:
    """Where the noun phrase that ends at ``end`` begins, read back over at most five words: it
    stops after a verb or a preposition ("Obama rebuked critics" -> "critics").

    Only the last ``_NP_REACH`` characters are read (the whole clause was, once per cue: quadratic
    on a sentence of thousands of "a man who said")."""
    lo = max(lo, end - _NP_REACH)
    words = list(re.finditer(r"[\w'\u2019.-]+", text[lo:end]))[-5:]
    start = lo + words[0].start() if words else lo
    for w in reversed(words):
        word = w.group(0)
        if word.casefold() in _VERB_SET or _NP_STOP.fullmatch(word):
            return lo + w.end()
        start = lo + w.start()
    return start


_SMALL_NUMBER = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)"
_TENS = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
)
_PORTION = (
    rf"(?:(?:\d+(?:\.\d+)?|{_TENS})\s*(?:%|percent\b|per\s+cent\b)"
    rf"|{_SMALL_NUMBER}\s+(?:in|out\s+of)\s+{_SMALL_NUMBER}\b"
    r"|(?:a|one|two)\s+(?:thirds?|quarters?|fifths?)\b|two-thirds\b|three-quarters\b|half\b|a\s+majority\b"
    # the respondents as a whole ("those surveyed said")
    r"|those\s+(?:surveyed|polled|questioned|interviewed)\b)"
)
# A share of those polled as the subject of a cue: "58 percent of voters", "nearly one in five".
_PORTION_TAIL = re.compile(
    rf"(?:^|(?<=[\s\u201c\"(]))(?P<np>(?:(?:some|nearly|almost|about|around|roughly|only|just|over|under|more\s+than|"
    rf"fewer\s+than|less\s+than)\s+){{0,2}}{_PORTION}(?:\s+of\s+[^,;:\u201c\u201d\"]{{1,50}}?)?)"
    # the share restated as a figure between commas ("about two-thirds, 64 percent, say")
    r"(?:,\s*\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent),)?"
    r"(?:\s+(?:also|still|now))?\s*$",
    re.I,
)
# Every match of ``_PORTION_TAIL`` holds a digit or one of these, case-blind ("twentypercent" too,
# hence substrings, not words): a window holding none is not searched (the pattern, anchored at its
# end, is tried at every character of the window, about 25 us).
_PORTION_PARTS = (
    "one two three four five six seven eight nine ten twenty thirty forty fifty sixty seventy eighty ninety "
    "half majority those third quarter fifth"
).split()
_DIGIT = re.compile(r"\d")


def _portion_tail(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """``_PORTION_TAIL.search(text, lo, hi)``, skipped where no match can be."""
    if _DIGIT.search(text, lo, hi) is None:
        window = text[lo:hi].translate(CASE_BLIND_FOLD).lower()
        if not any(part in window for part in _PORTION_PARTS):
            return None
    return _PORTION_TAIL.search(text, lo, hi)


_QUOTE_REACH = 400


def _in_quotation(text: str, lo: int, hi: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation of its sentence ``text[lo:hi]``, one opened before it
    there or one opened in an earlier sentence and closed after it (an odd count of quote marks).

    Read within ``_QUOTE_REACH`` characters each side: a sentence of thousands of cues would
    otherwise be counted through once per cue."""
    marks = '\u201c\u201d"'
    start, end = max(lo, pos - _QUOTE_REACH), min(hi, pos + _QUOTE_REACH)
    before = sum(text.count(m, start, pos) for m in marks)
    after = sum(text.count(m, pos, end) for m in marks)
    return before % 2 == 1 or after % 2 == 1


# An opening phrase before a sentence's subject: "Speaking on radio, ", "In a statement on Monday, ".
_OPENING_PHRASE = re.compile(
    r"\s*(?:(?:In|On|At|After|Before|During|Asked|Earlier|Later|Last|Speaking|Writing|Talking|Meanwhile|There|Here|Then|"
    r"Instead|Separately|Previously|Still|Again)\b"
    r"|[A-Z][a-z]+ing\b)[^,;:\"\u201c\u201d]{0,80},\s*"
)
# What follows a subject: its verb (lower case), possibly after an adverb or an appositive.
# (a bracketed party and state may follow the name: "Rep. Ann Bell (D-Ohio) reacted ..., saying")
_PREDICATE_AFTER = re.compile(r"(?:\s*\([^()\n]{1,30}\))?(?:\s*,[^,;:\"\u201c\u201d]{1,80},)?\s+[a-z]")


_FIRST_PERSON = re.compile(r"(?:I|We)(?:['\u2019]\w+)?$", re.I)
_OPEN_QUOTE = re.compile(r"[\u201c\"]|(?<!\w)'")


def _inside_quotation(text: str, lo: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation opened after ``lo`` (curly or straight quotes)."""
    window = text[max(lo, pos - _WINDOW) : pos]
    return window.rfind("\u201c") > window.rfind("\u201d") or window.count('"') % 2 == 1


_START_THE_NOUN = re.compile(r"(?i:the)\s+([a-z]+)\b")


def _clause_subject(text: str, lo: int, end: int, *, definite: bool = False) -> _NP | None:
    """The subject of the sentence that starts at ``lo``, read before ``end``: "But Ann Bell",
    "Speaking on radio, he". ``None`` unless a lower-case word (the first verb) follows it. With
    ``definite``, "the <noun>" too, for a body whose name ends in that noun ("The gallery")."""
    start = lo
    conj = _LEADING_CONJ.match(text, start, end)
    if conj:
        start = conj.end()
    opening = _OPENING_PHRASE.match(text, start, end)
    if opening:
        start = opening.end()
    np = _parse_start(text, start, _bounded(text, start, end))
    if np is None and definite:
        the_noun = _START_THE_NOUN.match(text, start, end)
        if the_noun is not None:  # "The gallery did not ..., but said": the body named so (``_resolve``)
            np = _NP(start, the_noun.end(), "definite", the_noun.group(0), the_noun.group(1), det="the")
    if np is None or np.end >= end or not _PREDICATE_AFTER.match(text, np.end, end):
        return None
    if np.shape == "descriptor" or _FIRST_PERSON.match(np.text) or _OPEN_QUOTE.search(text, lo, np.start):
        return None  # "I've", a subject inside a quotation
    after = _WORD.match(text, np.end + 1) if text[np.end : np.end + 1] == " " else None
    if after is not None and (after.group(0) in _ROLE_WORDS or after.group(0) in lex.SPEAKER_HEADS):
        # "Former Blackburn boss Roy Hodgson says": the capitals only modify; the name, if any, follows.
        np = _parse_start(text, after.start(), _bounded(text, after.start(), end))
        if np is None or np.shape != "proper" or not _PREDICATE_AFTER.match(text, np.end, end):
            return None
    if np.text.strip().casefold() in lex.NON_SOURCES:
        return None
    return np


_SUBORDINATOR = re.compile(r"\s*(?:when|after|before|once|until|if|as|while|because|since|though|although)\s+", re.I)


def _subordinate_subject(text: str, lo: int, end: int) -> _NP | None:
    """The subject of the clause (opened by a comma and a conjunction or subordinator) that ends at
    ``end``: "..., and when Ann Bell thanked the crowd and said" -> Ann Bell."""
    c_lo = _clause_start(text, lo, end)
    if c_lo <= lo:
        return None
    conj = _LEADING_CONJ.match(text, c_lo, end)
    start = conj.end() if conj else c_lo
    sub = _SUBORDINATOR.match(text, start, end)
    if sub is None and conj is None:
        return None
    return _clause_subject(text, sub.end() if sub else start, end)


# A clause's subject of any head, read only when no speaker shape above matched: at most
# ``_GENERIC_WORDS`` words opened by a determiner, a quantifier, a possessive or a capital, with no
# verb, clause word or object pronoun inside ("the two men who", "On Monday Trump" are no subject).
_GENERIC_WORDS = 8
# Without a known speaker shape, a verb other than "say" or "tell" must open reported content:
# "The film tells the story", "the habit explains the rise", "The pound added 0.5%" report none.
_PLAIN_SPEECH = frozenset("say says said tell tells told".split())
_LEADING_TIME = re.compile(
    rf"(?:(?:last|this|next|earlier\s+this|later\s+this)\s+(?:week|month|year|weekend|morning|night)|{_WEEKDAY}"
    r"|yesterday|today|earlier|later)\s+",
    re.I,
)
_GENERIC_OPENERS = frozenset(
    """the a an this that these those his her its their our my your some many most few several both
    all each every other others another one two three four five six seven eight nine ten dozens
    hundreds thousands half none neither either no""".split()
)
_GENERIC_STOP = (
    frozenset(
        """is are was were be been being am has have had having will would shall should can could may might
    must do does did not that which who whom whose what when where while whether if because as after
    before since until unless although though so than but yet him them me us it i you we he she they
    there here then now also just only still even how why said says say told tells""".split()
    )
    | _VERB_SET
)
_GENERIC_LAST_STOP = frozenset(
    "of for to at in on from with by about against over into under among between and or the a an".split()
)
# Heads that stand for several speakers without an -s: "many said", "both have promised".
_PLURAL_QUANTIFIERS = frozenset("many few both most some several all others those these dozens".split())
# Openers of a phrase naming part of a group ("Several Democratic operatives", "Many Republicans"), and of
# a definite group described by a common noun ("the authorities", "those voters"): vague speakers.
_GROUP_QUANTIFIERS = frozenset("many few most some several other dozens hundreds thousands".split())
_DEFINITE_GROUP_OPENERS = frozenset("the those these".split())
# What a definite phrase opens with: it refers back to someone named (kept out of the vague sources).
_DEFINITE_OPENERS = frozenset("the this that these those his her its their our my your both".split())
# Heads of texts that speak as documents: "the statement said", "the letter says", "the ad claims".
_TEXT_HEADS = (
    (lex.DOCUMENT_NOUNS - frozenset({"figure", "record", "count", "review"}))  # "a leading industry figure"
    | lex.WORK_NOUNS
    | lex.SPEECH_NOUNS
    | lex.EVIDENCE_NOUNS
    | frozenset(
        """opinion opinions ad ads advert advertisement email e-mail emails lawsuit lawsuits complaint petition
        article editorial column section guidance guidelines memo website site release filing document bill
        law sign note notice page manifesto platform order verdict decision motion brief""".split()
    )
)
# A document and who filed or published it: "a complaint filed by the Office", "a paper published on
# Monday in the Journal of X". Read from the verb (a handful of words, cheap to find), then the
# document noun just before it.
_OWNING_VERB = re.compile(
    r"(?<![\w-])(?:filed|published|released|issued|commissioned|conducted|prepared|compiled|produced|carried\s+out)"
    rf"\s+(?:(?:on|last|this|earlier|in)\s+(?:[A-Z]?[a-z]+\s+){{1,2}}?)?(?P<prep>by|in)\s+(?:the\s+)?(?P<org>{_PROPER_RUN})"
)
_OWNED_NOUN_BEFORE = re.compile(rf"{_WB}(?P<doc>{_alt(sorted(_TEXT_HEADS))})\s+(?:[a-z]+\s+)?$")


def _owned_documents(text: str, lo: int, hi: int) -> Iterator[tuple[str, int, re.Match[str]]]:
    """Each (document noun, its position, the owning verb's match) in ``text[lo:hi]``."""
    for owning in _OWNING_VERB.finditer(text, lo, hi):
        noun = _OWNED_NOUN_BEFORE.search(text, max(lo, owning.start() - 40), owning.start())
        if noun is not None:
            yield noun.group("doc").casefold(), noun.start(), owning


_PERSON_HEADS = (
    lex.PERSON_ROLES | lex.JOB_WORDS | frozenset("champion holder winner star veteran".split())
) - frozenset("head member chair partner".split())
_NAME_AND_HIS = re.compile(rf"(?P<name>{_PROPER_RUN})\s+and\s+(?:his|her|their|its|other)\s")
_HEAD_TAIL_PREPOSITIONS = frozenset("of on from in by for about at with to".split())
# Heads that speak for the body named before them ("the AFI jury", "the House of Commons authorities");
# "LSE shareholders" or "Opec members" do not.
_SPEAKS_FOR_BODY = _SPOKES_WORDS | frozenset(
    """officials authorities leadership management executives staff team panel committee jury board council
    bosses chiefs officers spokespeople founders leaders partners lawyers attorneys owners directors managers
    aides advisers advisors strategists""".split()
)
_CLAUSE_OPENS_SENTENCE = re.compile(
    r"(?:^|[.!?][\u201d\"'\u2019]?\s+|\b(?:but|and|yet|so|while|though|although|because)\s+)$", re.I
)
_GENERIC_TOKEN = re.compile(r"[\w'\u2019&.$%-]+")
_GENERIC_ASIDE = re.compile(
    rf"\s*,\s*(?:{_LINKING_ADVERBS}|similarly|in\s+fact"
    r"|for\s+(?:instance|example|their\s+part|its\s+part)|on\s+the\s+other\s+hand|by\s+contrast|in\s+contrast"
    r"|(?:who|which)\s[^,;:\"\u201c\u201d]{1,120}|(?:speaking|writing)\s[^,;:\"\u201c\u201d]{1,80}"
    r"|when\s+asked\s[^,;:\"\u201c\u201d]{1,80}|many\s+of\s+them\s[^,;:\"\u201c\u201d]{1,60})\s*,\s*$",
    re.I,
)


def _head_before_tail(low: Sequence[str], tails: tuple[str, ...]) -> str:
    """A noun phrase's head: the word before its first prepositional tail ("proponents" in
    "proponents of the new bill"), else its last word."""
    return next((low[i - 1] for i in range(1, len(low)) if low[i] in tails), low[-1])


def _generic_subject(text: str, lo: int, end: int, *, aside: bool = False) -> _NP | None:
    """The noun phrase that opens the clause ending at ``end`` (before a cue verb), any head.

    ``aside``: the cue closes its sentence or clause (", donors said.", ", union members say, is"), so
    a bare lower-case plural after a comma may speak too, as a vague group."""
    sentence_lo = lo
    lo = max(lo, end - _WINDOW)
    aside_between = _GENERIC_ASIDE.search(text, max(lo, end - 200), end)
    if aside_between is not None and aside_between.start() > lo:
        # "Cement makers, for instance, argue", "The complaint, which was filed in May, alleged": the
        # aside between the subject and its verb is left out, as ``_speaker_before`` leaves it out.
        end = aside_between.start()
    c_lo = _clause_start(text, lo, end)
    conj = _LEADING_CONJ.match(text, c_lo, end)
    if conj:
        c_lo = conj.end()
    timed = _LEADING_TIME.match(text, c_lo + len(text[c_lo:end]) - len(text[c_lo:end].lstrip()), end)
    if timed:  # "Last month her lawyers said": the time phrase is no part of the speaker
        c_lo = timed.end()
    tokens = list(_GENERIC_TOKEN.finditer(text, c_lo, end))
    if not tokens or len(tokens) > _GENERIC_WORDS or text[c_lo : tokens[0].start()].strip():
        return None
    if text[tokens[-1].end() : end].strip():
        return None  # punctuation between the phrase and the verb
    words = [t.group(0) for t in tokens]
    low = [w.casefold().rstrip(".") for w in words]
    first = words[0]
    head_word = _head_before_tail(low, ("of", "for", "to"))
    if not (
        low[0] in _GENERIC_OPENERS
        or first[:1].isupper()
        or first[:1].isdigit()
        or (aside and _PLURAL_HEAD.search(head_word) and (conj is not None or text[lo:c_lo].rstrip().endswith(",")))
    ):
        return None
    if low[0] in _GENERIC_LAST_STOP - {"the", "a", "an"} or low[-1] in _GENERIC_LAST_STOP:
        return None
    if any(w in _GENERIC_STOP for w in low) or low[-1].endswith("ly"):
        return None
    bare_group = aside and first[:1].islower() and low[0] not in _GENERIC_OPENERS
    if len(words) == 1 and low[0] not in _PLURAL_QUANTIFIERS and not bare_group:
        return None  # one word that no shape above read ("Next said": a company or a common word)
    if any(
        a == "to" and b[:1].islower() and b not in {"the", "a", "an", "his", "her", "its", "their"}
        for a, b in zip(low[:-1], words[1:], strict=True)
    ):
        return None  # "a sequencer designed to let people": an infinitive, so a clause, not a noun phrase
    if _BY_AFTER.match(text, end):
        return None
    if " ".join(low) in lex.NON_SOURCES or low[0] in {"no", "neither", "none", "every"}:
        return None  # "No one said", "None of them", "Every voter": no one credited
    if _OPEN_QUOTE.search(text, c_lo, tokens[0].start()) or _in_quotation(text, lo, end, tokens[0].start()):
        return None
    start, stop = tokens[0].start(), tokens[-1].end()
    phrase = text[start:stop]
    # The head is the last word before a prepositional tail ("Proponents of the new bill": proponents).
    head = _head_before_tail(low, ("of", "for"))
    if head in _PLURAL_QUANTIFIERS:
        head = "others"
    if (
        len(words) == 1
        and not bare_group
        and c_lo > lo
        and _CLAUSE_OPENS_SENTENCE.search(text[max(lo, c_lo - 12) : c_lo]) is None
    ):
        return None  # "..., particularly among phone firms, all suggests": a lone quantifier opens a sentence
    np = _phrase_source(phrase, start, stop, head)
    if (
        np is None
        and low[0] in _LABEL_OPENERS
        and len(words) >= 2
        and not _PLURAL_HEAD.search(head)
        and words[-1][:1].islower()
        and _QUOTE_CLOSES_BEFORE.search(text, max(0, min(sentence_lo, start) - 6), start)
        and (start > sentence_lo or not text[sentence_lo:start].strip())
    ):
        # '"...," the moderator said': a definite phrase that credits the quotation just closed is
        # someone the article describes, a label (no Source row), unless a role resolves it to a name;
        # a job word ('"...," the British actor said') stands for the person named before.
        return _NP(start, stop, "label", phrase, head)
    if np is None and len(words) == 2 and low[0] == "the" and words[1].isalpha() and words[1].islower():
        # "the district said": the body whose name ends in that word, if the article named one
        # (``_resolve``); nobody otherwise.
        return _NP(start, stop, "definite", phrase, low[1], det="the")
    return np


_LABEL_OPENERS = frozenset("the his her their its this that".split())
_PLURAL_HEAD = re.compile(r"(?<!s)s$|(?:men|women|people|children|staff|police)$")
_QUOTE_CLOSES_BEFORE = re.compile(r"[,?!.\u2014-]\s*[\u201d\"\u2019']{1,2}\s*$")


_PERSON_NOUNS = frozenset("man woman boy girl mother father voter supporter resident worker owner".split())


def _generic_after(text: str, lo: int, hi: int) -> _NP | None:
    """The noun phrase of any head after an inverted cue ("said one adviser to the mayor"), up to
    the clause's end or a relative word; typed as ``_phrase_source`` types a clause's subject."""
    tokens = []
    for m in _GENERIC_TOKEN.finditer(text, lo, hi):
        if m.group(0).casefold() in {"who", "whom", "whose", "which", "that"}:
            break
        tokens.append(m)
    if not tokens or len(tokens) > _GENERIC_WORDS + 2 or text[lo : tokens[0].start()].strip():
        return None
    words = [t.group(0) for t in tokens]
    low = [w.casefold().rstrip(".") for w in words]
    if not (low[0] in _GENERIC_OPENERS or words[0][:1].isupper()) or low[0] in {"no", "none", "every", "neither"}:
        return None
    if any(w in _GENERIC_STOP for w in low) or low[-1] in _GENERIC_LAST_STOP or len(words) < 2:
        return None
    start, stop = tokens[0].start(), tokens[-1].end()
    phrase = text[start:stop]
    if low[0] == "the" and len(low) == 2 and low[1] in _PERSON_NOUNS | _PERSON_HEADS:
        return _NP(start, stop, "descriptor", phrase, low[1])  # "said the woman": the person named before
    return _phrase_source(phrase, start, stop, low[-1])


def _lower_tail(words: Sequence[str]) -> bool:
    """Whether a prepositional tail is common nouns: its first word after any article is lower case."""
    rest = [w for w in words if w.casefold() not in {"the", "a", "an"}]
    return bool(rest) and rest[0][:1].islower()


def _phrase_source(phrase: str, start: int, stop: int, head: str) -> _NP | None:
    """A speaker read from a whole noun phrase (a clause's subject, what follows "according to"):
    a text is a document, a body named as a modifier speaks ("the House of Commons authorities", "a
    Sony representative"), an indefinite or bare phrase is vague, and a definite one is left out."""
    low = [w.casefold().rstrip(".,") for w in phrase.split()]
    # The head: the last word before a prepositional tail ("the section on murder": section).
    raw = phrase.split()
    cut = next(
        (
            i
            for i, w in enumerate(low)
            if i
            and w in _HEAD_TAIL_PREPOSITIONS
            # not inside a name ("Ministry of Defence lawyers")
            and not (raw[i - 1][:1].isupper() and i + 1 < len(raw) and raw[i + 1][:1].isupper())
        ),
        len(low),
    )
    while cut > 1 and low[cut - 1].endswith(
        ("ed", "able", "ible")
    ):  # "the figures published by", "data available from"
        cut -= 1
    text_head = low[cut - 1]
    if text_head in _TEXT_HEADS:
        # "the unsigned opinion said", "Wednesday's statement said": a text speaks, a document
        return _NP(start, stop, "according-document", phrase, text_head)
    joined = _NAME_AND_HIS.match(phrase)
    if joined is not None and _clean_proper(joined.group("name"))[0]:
        # "Bush and his rivals have said", "Ann Bell and her lawyers said": the named one speaks for them
        return _NP(start, stop, "proper", joined.group("name"))
    # The capital of an opener or of a sentence's first word ("Many reporters", "Social conservatives")
    # opens no name; one followed by another capital ("Harbour Board staff") does.
    skip = (
        phrase[:1].isupper()
        and (
            low[0] in _GENERIC_OPENERS
            or (
                len(low) > 1
                and phrase.split()[1][:1].islower()
                and low[1] not in _PARTICLES | {"of", "for", "and", "the"}
            )
            # "Supporters of abortion rights", "Proponents of the new bill": a common noun opening the
            # sentence, its tail in lower case (not "Ministry of Defence")
            or (len(raw) > 2 and low[1] in {"of", "for"} and low[0] not in _SPEAKS_FOR_BODY and _lower_tail(raw[2:]))
        )
    )
    body = _PROPER_ANYWHERE.search(phrase, len(phrase.split()[0]) if skip else 0)
    tail_at = len(" ".join(phrase.split()[:cut]))  # where a prepositional tail begins ("adviser to X")
    if body is not None and body.start() > tail_at and low[0] not in _DEFINITE_OPENERS:
        body = None  # "one adviser to Bill Clinton", "a lawyer for the Hale family": an unnamed one, vague
    if body is not None:
        name, titled = _clean_proper(body.group(0))
        kind = _proper_kind(name, titled=titled, desc="") if name else None
        modifier = (
            body.end() < len(phrase)
            and phrase[body.end() : body.end() + 1] == " "
            and not _POSSESSIVE_TAIL.search(body.group(0))
            and text_head in _SPEAKS_FOR_BODY
        )
        if name and modifier and kind in {"organization", "government_body", "outlet"}:
            return _NP(start, stop, "proper", name)
        if name and modifier and kind is None and text_head in _SPOKES_WORDS:
            return _NP(start, stop, "spokes", name)  # "A Sony representative said": Sony speaks
        if low[0] in _GROUP_QUANTIFIERS and _PLURAL_HEAD.search(text_head):
            # "Several Democratic operatives said", "Many Republicans say": an unnamed share of a group
            return _NP(start, stop, "vague", phrase, head)
        return None  # "premium phone regulator Icstis", "Romney's associates": a name the rules above read
    if low[0] == "the" and head in _PERSON_HEADS and len(low) > 2:
        # "the marathon world record holder said", "the British actor said": the person named before
        return _NP(start, stop, "descriptor", phrase, head)
    if low[0] in _DEFINITE_GROUP_OPENERS and len(low) > 1 and _PLURAL_HEAD.search(text_head) and raw[-1].islower():
        # "the judges said", "those voters said": a group the article described, referred back to; a
        # lower-case label, no vague source ("officials", "some critics" are)
        return _NP(start, stop, "group", phrase, head)
    if low[0] in _DEFINITE_OPENERS:
        # "The global sports giant said", "his agent said": someone the article has named, who is
        # no vague source; left to the shapes that resolve back-references.
        return None
    return _NP(start, stop, "vague", phrase, head)


def _after_quote(text: str, lo: int, at: int) -> bool:
    """Whether ``text[lo:at]`` ends with a closing quote (and a comma): '"...," they said'."""
    head = text[max(lo, at - 4) : at].rstrip().rstrip(",")
    return bool(head) and head[-1] in "\u201d\"'\u2019"


# A subject after a comma, with its determiner: "..., the agency reports.", "..., the report states."
_COMMA_SUBJECT_BEFORE = re.compile(r",\s+(?:the|a|an|its|their|this|one)\s+(?:[\w'\u2019-]+\s+){0,3}$", re.I)


def _closing_credit(text: str, before: str, v_end: int, hi: int) -> bool:
    """Whether a noun-like form ("reports", "states", "estimates") closes the sentence after a
    comma and its subject: "Sales fell by 8%, the agency reports." is a credit, not "agency reports"."""
    return bool(_COMMA_SUBJECT_BEFORE.search(before, _tail_from(before, 60))) and bool(
        _CLOSING_CUE_TAIL.match(text, v_end, hi)
    )


def _singular(plural: str) -> str:
    """A plural's singular by the regular rules ("midwives" -> "midwife", "lorries" -> "lorry")."""
    if plural.endswith("ies"):
        return plural[:-3] + "y"
    if plural.endswith("ves"):
        return plural[:-3] + "fe"
    if plural.endswith("men"):
        return plural[:-3] + "man"
    return plural[:-1] if plural.endswith("s") and not plural.endswith("ss") else plural


def _plural_common_noun_at_start(text: str, lo: int, start: int, word: str) -> bool:
    """Whether ``word`` at ``start``, the first word of the sentence beginning at ``lo``, is a
    plural common noun capitalised only by its place ("Beekeepers say", "Teachers' unions have
    warned"), not a one-word name ("Barclays", "Reuters"): its singular is an English word and
    no person's name, it is no party, demonym or outlet, and the text never capitalises it
    anywhere else than at a sentence start, as it would a name."""
    if text[lo:start].strip(" \"'\u201c\u2018") or not word[:1].isupper() or not word[1:].islower():
        return False
    low = word.casefold()
    singular = _singular(low)
    if (
        singular == low
        or low in lex.PARTY_NAMES
        or low in lex.OUTLET_NAMES
        or singular in lex.DEMONYMS
        or not english.in_vocabulary(singular)
        or english.is_surname(singular)
        or english.is_given_name(singular)
    ):
        return False
    for m in re.finditer(rf"\b{re.escape(word)}\b", text):
        before = text[max(0, m.start() - 3) : m.start()].rstrip(" \"'\u201c\u2018")
        if before and before[-1] not in ".!?\n":
            return False  # capitalised mid-sentence: a name
    return True
