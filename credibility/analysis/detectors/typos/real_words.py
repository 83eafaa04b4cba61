"""Real words written for another, read from the words around them.

Fixed contexts (rule ``confusable``: "more then", "its a", "in to" after a verb of falling),
classic confusion sets scored with bigram counts (``confusable-context``), a participle after
"have", a simple past after "to" or a modal, "a"/"an" against the next word's sound, and
doubled words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from credibility.analysis.detectors.typos.findings import _confusable_finding, _overlaps, _typo_finding
from credibility.analysis.detectors.typos.tokens import _Token
from credibility.analysis.detectors.typos.vocabulary import _match_case
from credibility.analysis.lexicons import english as lexicon
from credibility.analysis.types import Finding

# "\b" then "has"/"have"/"had"/"having" or "'ve", each branch opening with its first letter and the
# boundary looked behind from there (a leading "\b" had the pattern tried at every character).
_HAVE_BASE = re.compile(
    r"(?:h(?<!\w.)a(?:s|ve|d|ving)|'(?<=\w.)ve|\u2019(?<=\w.)ve)\s+(?:(?:not|never|also|already|just|recently|since|long|always|only|now|"
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


def _participles(text: str, protected: list[tuple[int, int]]) -> Iterable[Finding]:
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

_CONFUSABLE_POSSESSIVES = frozenset(("it", "It", "IT", "who", "Who", "WHO"))

_CONFUSABLE_LEFT = 48  # the longest left context ("in an " + a word + "deterministic ") and its blanks

_CONFUSABLE_RIGHT = 24  # the longest right context ("have been", "patience") and the test after it

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

_CONFUSABLES_BY_WORD: dict[str, list[tuple[re.Pattern[str], str]]] = {}
for _pattern, _replacement in _CONFUSABLES:
    _key = re.search(r"\(\?P<word>([^)]+)\)", _pattern.pattern)
    assert _key is not None
    _CONFUSABLES_BY_WORD.setdefault(_key.group(1).replace(_APOSTROPHE, "'").lower(), []).append(
        (_pattern, _replacement)
    )


def _confusables(text: str, tokens: list[_Token], protected: list[tuple[int, int]]) -> Iterable[Finding]:
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


def _infinitives(text: str, tokens: list[_Token], protected: list[tuple[int, int]]) -> Iterable[Finding]:
    # The past forms are looked up among the tokens: one dictionary probe per word, where a
    # regex of 54 alternatives scanned every character (0.17 ms of a BBC article's 1.8). The detector
    # passes only the tokens whose word is a past form (``detector._routed``).
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


def _split_into(text: str, protected: list[tuple[int, int]]) -> Iterable[Finding]:
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
