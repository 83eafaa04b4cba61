"""Check-worthiness of one sentence: does it assert something a fact-checker could verify?

Pure and context-free on purpose (it is also measured alone, on ClaimBuster sentences):
attribution, quotation and neighbouring sentences are the detectors' business, not this
module's. The score is an additive, clipped combination of named features so every
decision can be explained by the features that fired:

- positive: statistics and quantities (percentages, proportions, approximate or large
  counts, money), change over time (rose, fell, doubled), comparisons and superlatives,
  causal links, and claims about what someone did;
- negative: questions, first-person opinion and intention, prescriptions ("should"),
  future and conditional modals, imperatives, plain background ("is located north of"),
  dated event narration, and headline-like fragments.

Bare years, clock times, calendar dates and ages are not counted as quantities: they
place an event, they do not measure anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from credibility.analysis.patterns import word_set

# Generic "check-worthy" decision (F1-optimal region on ClaimBuster debate sentences). The
# unsourced detector flags news sentences at a stricter threshold of its own.
CHECKWORTHY_THRESHOLD = 0.2

_NUMBER_WORDS = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|scores of"
)
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
# A span of time, not a point in it: "between 2015 and 2020", "in 2023 and 2024", "for a decade".
_SPAN = (
    r"\b(?:between (?:\d{4}|(?:" + _MONTHS + r")\w*) and (?:\d{4}|(?:" + _MONTHS + r")\w*)"
    r"|in \d{4} and \d{4}|from \d{4} (?:to|until|through) \d{4}|since (?:\d{4}|records began)"
    r"|for (?:at least |more than |over |nearly |almost )?(?:\w+ )?(?:years|decades|months)"
    r"|in (?:at least |more than |over |nearly |almost )?(?:\w+ )?(?:years|decades)"
    r"|(?:over|in|during) the (?:past|last) (?:\w+ )?(?:years?|decades?|months?))\b"
)

# Spans that look numeric but only place an event in time (or give an age): removed first.
_NON_QUANTITY = re.compile(
    rf"""
      \b\d{{1,2}}(?::\d{{2}})?\s?(?:a\.?m\.?|p\.?m\.?)(?!\w)          # 9 a.m., 3am, 10:30pm
    | \b\d{{1,2}}:\d{{2}}\b                                          # 14:30
    | \b\d{{1,2}}(?:st|nd|rd|th)?\s(?:{_MONTHS})\b\.?(?:,?\s\d{{4}})? # 14 May (2021)
    | \b(?:{_MONTHS})\.?\s\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s\d{{4}})? # May 14(, 2021)
    | \b(?:{_MONTHS})\s\d{{4}}\b                                     # June 2020
    | (?<![\d,.$£€])\b(?:1[5-9]|20)\d\d(?:s|-\d{{2,4}})?\b(?![,.]\d|\s?%|\s(?:per|percent|people|homes|jobs)) # 1994, 1990s, 2024-25
    | ,\s\d{{1,3}},                                                  # "Gillian Hart, 54,"
    | \baged?\s(?:\d{{1,3}}|{_NUMBER_WORDS}|one)\b | \b\d{{1,3}}-year-old\b  # aged 54, 46-year-old
    | \b\d{{1,2}}-\d{{1,2}}\b(?=\s(?:win|defeat|loss|draw|victory|home|away|scoreline))  # 3-0 defeat
    """,
    re.I | re.X,
)

# Every _NON_QUANTITY match starts at most 11 characters before a digit ("September. 1") or
# at "age"/"aged" (followed by a number word): only those positions are tried.
_DIGIT = re.compile(r"\d")
_AGE_CUE = re.compile(r"\bage", re.I)
_NON_QUANTITY_REACH = 16


def _strip_non_quantities(sentence: str) -> str:
    """``_NON_QUANTITY.sub(" ", sentence)``, trying the pattern only where a match can start.

    Equivalent to ``sub`` (which tries every position, left to right, resuming after each
    match) because positions that cannot start a match are the only ones skipped.
    """
    starts: set[int] = set()
    for digit in _DIGIT.finditer(sentence):
        at = digit.start()
        starts.update(range(max(0, at - _NON_QUANTITY_REACH), at + 1))
    starts.update(cue.start() for cue in _AGE_CUE.finditer(sentence))
    parts: list[str] = []
    done = 0
    for at in sorted(starts):
        if at < done:
            continue
        found = _NON_QUANTITY.match(sentence, at)
        if found is not None:
            parts.append(sentence[done:at])
            parts.append(" ")
            done = found.end()
    if not parts:
        return sentence
    parts.append(sentence[done:])
    return "".join(parts)


_FEATURES: tuple[tuple[str, float, re.Pattern[str]], ...] = tuple(
    (name, weight, re.compile(pattern, re.I))
    for name, weight, pattern in (
        # --- quantities ------------------------------------------------------------------
        ("percent", 0.45, r"\d\s?%|\b(?:per ?cent|percent|percentage points?)\b"),
        (
            "proportion",
            0.4,
            r"\b(?:(?:one|two|three|four|five|six|seven|eight|nine|\d+) (?:in|out of) (?:every )?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|\w+teen|twenty|a hundred))\b"
            r"|\b(?:a|one|two|three) (?:half|third|quarter|fifth|tenth|thirds|quarters|fifths)\b(?! of (?:the )?(?:game|match|season|century|year|day|hour|way))"
            r"|\bhalf (?:of|the)\b|\b(?:majority|minority) of\b|\bper (?:capita|head)\b"
            r"|\b(?:twice|double|triple|treble|(?:two|three|four|five|ten|\d+) times) (?:the|as|that of)\b",
        ),
        (
            "money",
            0.35,
            r"[$£€¥]\s?\d[\d,.]*\s?(?:million|billion|trillion|bn|m)\b|[$£€¥]\s?\d{1,3}(?:,\d{3})+"
            r"|\b\d[\d,.]*\s?(?:million|billion|trillion|bn)\b|\b(?:million|billion|trillion)s? (?:of )?(?:dollars|pounds|euros)\b"
            r"|\b(?:hundreds|thousands|millions|billions|tens of millions|tens of thousands) of (?:dollars|pounds|euros)\b",
        ),
        ("small-money", 0.15, r"[$£€¥]\s?\d|\b\d[\d,.]*\s?(?:dollars|pounds|euros|usd|gbp|eur)\b"),
        (
            "trend",
            0.35,
            r"\b(?!grew (?:out of|up)\b)(?:rose|risen|rises|rising|fell|fallen|falls|falling|increased|increases|decreased|decreases|"
            r"doubled|doubles|tripled|trebled|quadrupled|halved|surged|soared|plunged|plummeted|"
            r"dropped|declined|declines|grew|grown|climbed|jumped|slumped|shrank|shrunk|tumbled|"
            r"spiked|dipped|slipped)\b",
        ),
        (
            "approximate-quantity",
            0.3,
            rf"\b(?:about|around|roughly|nearly|almost|approximately|some|more than|less than|fewer than|"
            rf"over|under|up to|at least|at most|as many as|as much as|close to|upwards of|just over|"
            rf"just under|well over|an estimated)\s(?:a |an )?(?:\d|{_NUMBER_WORDS}|(?:half|third|quarter|fifth|tenth|dozen)\b)",
        ),
        ("quantity", 0.2, rf"\d|\b(?:{_NUMBER_WORDS})\b"),
        (
            "superlative",
            0.25,
            r"\b(?:the|its|their|his|her) (?:\w+est|most \w+|least \w+|biggest|largest|highest|lowest|worst|best|fewest|first|only)\b"
            r"|\b(?:record|all-time) (?:high|low|levels?)\b|\bin (?:its|their) history\b",
        ),
        (
            "record",
            0.3,
            r"\b(?:\w{3,}est|most \w+|least \w+|fewest|worst|best|largest|biggest) (?:[\w-]+ ){0,3}?"
            r"(?:since|ever|on record|in (?:history|living memory|the (?:world|country|county|region|state|city|town|league|division|uk|us|eu))"
            r"|(?:anywhere )?in (?:europe|britain|england|scotland|wales|africa|asia|america|the world))\b"
            r"|\bsince records began\b|\bever recorded\b|\bthan (?:from |in |at |for )?any other\b",
        ),
        (
            "comparative",
            0.2,
            r"\b(?:more|less|fewer|higher|lower|larger|smaller|bigger|greater|faster|slower|cheaper|"
            r"dearer|better|worse|older|younger)\b[^.;]{0,40}?\bthan\b|\bcompared (?:with|to)\b|\btimes (?:as|more)\b"
            r"|\b(?:outpac|outstrip|outnumber|outperform|surpass|overtak|overtook|exceed)\w*",
        ),
        (
            "causal",
            0.15,
            r"\b(?:because|caused|causes|causing|led to|leads to|due to|as a result|resulted in|"
            r"results in|responsible for|linked to|blamed for|contributed to|so that|"
            r"(?:in order )?to ensure|thanks to|stem(?:s|med)? from|triggered|set off)\b",
        ),
        (
            "causal-claim",
            0.2,
            r"\b(?:was|were|is|are|has been|have been|had been) (?:largely |partly |mainly |directly )?"
            r"(?:caused|triggered|set off|sparked|started|driven|fuelled|fueled|made worse) by\b"
            r"|\b(?:is|was|are|were) (?:the )?(?:direct )?result of\b|\b(?:led|leads|has led) (?:directly )?to\b",
        ),
        (
            "statistic-noun",
            0.1,
            r"\b(?:rate|rates|average|median|total|number of|amount of|share of|proportion of|"
            r"unemployment|inflation|deficit|debt|budget|gdp|taxes|tax|spending|revenue|profit|"
            r"losses|jobs|income|wages|prices|crime|deaths|cases|population|emissions|turnover|"
            r"attendances?|traffic|rainfall|sales)\b",
        ),
        (
            "past-action",
            0.1,
            r"\b(?:has|have|had)\s(?:\w+ly\s)?(?:\w+ed|been|made|given|taken|paid|spent|cut|won|lost|"
            r"built|sold|bought|left|held|met|run|set|told|done|provided)\b"
            r"|\b(?:voted|signed|vetoed|supported|opposed|raised|cut|spent|paid|approved|rejected|"
            r"promised|created|closed|fired|sacked|received|took|gave|sold|bought|lost|won|killed|"
            r"stole|invaded|attacked|refused|used|made|provided)\b",
        ),
        (
            "past-tense",
            0.1,
            r"\b(?!(?:concerned|interested|supposed|used|based|called|named|tired|pleased|worried|"
            r"excited|scared|married|limited|needed|united|red|bed|need|speed|seed|feed|indeed|proceed)\b)"
            r"[a-z]{3,}ed\b",
        ),
        (
            "negated-fact",
            0.15,
            r"\b(?:there (?:was|were|is|are|has been|have been) no|(?:did|does|do|has|have|had|was|were|is|are)(?: not|n't)|never)\b",
        ),
        # A negated fact over a span of time is a checkable record claim even with no figure:
        # "paid no federal income tax between 2015 and 2020", "used without problems in 2023 and 2024".
        (
            "negated-record",
            0.35,
            rf"\b(?:no|without|never|not (?:once|a single|one|any))\b[^.;]{{0,60}}?{_SPAN}"
            rf"|{_SPAN}[^.;]{{0,60}}?\b(?:no|without|never|not (?:once|a single|one|any))\b",
        ),
        # A comparison against a reference point a fact-checker can look up: "higher than the
        # national average", "fewer than a year earlier", "worse than at any time since".
        (
            "comparative-reference",
            0.25,
            r"\bthan (?:the |a |an )?(?:national|regional|state|county|european|eu|uk|us|global|world|industry|oecd|"
            r"international|average|previous|prior|last|same)\b"
            r"|\bthan (?:in|at|during|before|for) (?:any|\d{4}|the (?:previous|last|same|past|whole)|last)\b"
            r"|\bthan (?:a|one|two|three|\d+) (?:years?|decades?|months?|weeks?) (?:earlier|ago|before)\b"
            r"|\bthan (?:ever|any other|all other|anywhere else)\b",
        ),
        # --- against --------------------------------------------------------------------
        ("question", -1.0, r"\?\s*[\"'\u201d\u2019)]*\s*$"),
        # Trivia a fact-checker does not check: sports results, rankings and transfers, chart
        # positions, box office, copies sold, product specifications (unless the sentence is about
        # a crime, a court or doping: then it is news, see _TRIVIA_EXEMPT).
        (
            "trivia",
            -0.45,
            r"\bbox[ -]office\b|\bopening weekend\b|\bgross(?:ed|es)?\b|\bcopies\b|\bbest-?sell(?:ing|er)\b"
            r"|\b(?:singles?|albums?) chart\b|\bcharts?\b|\btop (?:10|ten|20|40|five|three)\b"
            r"|\brankings?\b|\bseeded\b|\bworld number\b|\b\d+ in the world\b"
            r"|\bbatter(?:y|ies)\b[^.]{0,40}\bhours\b|\bmegapixels?\b|\b\d+\s?(?:gb|mb|ghz|mhz)\b",
        ),
        (
            "sport-routine",
            -0.45,
            r"\b(?:striker|midfielder|defender|goalkeeper|hat-trick|semi-finals?|quarter-finals?|player|players|squad)\b"
            r"|\b(?:three|four|five|straight)[ -]sets?\b|\bclose season\b|\bon loan\b|\boption to buy\b"
            r"|\bjoined [A-Z][\w&]*(?: [A-Z][\w&]*)* from\b",
        ),
        (
            "first-person-opinion",
            -0.45,
            r"\b(?:i|we) (?:think|believe|feel|hope|want|wish|guess|suppose|agree|disagree|"
            r"doubt|would like|'d like|am going to|are going to|intend|plan|propose|support|"
            r"will|shall|must|should|need|have to|can't|cannot)\b"
            r"|\bi'm (?:not )?(?:going|sure|saying|telling|proud|convinced)\b|\bin my (?:view|opinion)\b"
            r"|\blet(?:'s| us| me)\b|\bi'll\b|\bwe'll\b",
        ),
        (
            "prescriptive",
            -0.25,
            r"\b(?:should|ought to|must|need to|needs to|has to|have to)\b",
        ),
        (
            "future-or-conditional",
            -0.15,
            r"\b(?:will|would|could|might|may|shall|can)\b"
            r"|\b(?:is|are) (?:widely |also |now )?(?:going|expected|due|set|scheduled|planned|tipped|poised|forecast|predicted) to\b",
        ),
        (
            "evaluative",
            -0.15,
            r"\b(?:important|crucial|vital|essential|significant|unacceptable|shameful|disgrace\w*|"
            r"wonderful|terrible|outrageous|ridiculous|great|remarkable|tragic|unfair|wrong|right|"
            r"clear|obvious|far from|of course|frankly|sadly|fortunately|unfortunately|crucially|"
            r"interestingly|surely|certainly|indeed|arguably)\b",
        ),
        (
            "background",
            -0.3,
            r"\b(?:is|are|was) (?:located|situated|based|headquartered|home to|used by|known as|named after)\b"
            r"|\blies (?:\w+ )?(?:north|south|east|west)\b|\bshares (?:its|a|an) \w+ border\b"
            r"|\b(?:founded|established|formed|opened|built|created) in (?:\d{4}|[A-Z]\w+)"
            r"|\bborders\b|\b(?:north|south|east|west) of\b",
        ),
        (
            "event-narration",
            -0.15,
            rf"\b(?:on|last|this|next|by|from|until|before|after) (?:{_DAYS})\b|\b(?:{_DAYS})'s\b"
            r"|\b(?:yesterday|today|tomorrow|overnight|this morning|this afternoon|this evening|tonight|"
            r"earlier this week|later this week)\b",
        ),
        (
            "imperative",
            -0.3,
            r"^\s*[\"'\u201c\u2018]?(?:please|call|check|visit|contact|get|go|see|read|do not|don't|make sure|remember)\b",
        ),
    )
)
_NUMBER_TOKENS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds "
    "thousand thousands million millions billion billions trillion trillions dozen dozens scores 0".split()
)
_FRACTIONS = frozenset("half third quarter fifth tenth thirds quarters fifths majority minority capita head".split())
# Cheap pre-checks: a feature whose regex cannot match without one of these tokens is skipped
# unless the sentence has one ("0" stands for any digit). Keeps scoring well under 0.1 ms.
_TRIGGERS: dict[str, frozenset[str]] = {
    "proportion": _NUMBER_TOKENS | _FRACTIONS | {"twice", "double", "triple", "treble", "times"},
    "money": _NUMBER_TOKENS | {"tens"},
    "small-money": _NUMBER_TOKENS,
    "trend": frozenset(
        "rose risen rises rising fell fallen falls falling increased increases decreased decreases doubled "
        "doubles tripled trebled quadrupled halved surged soared plunged plummeted dropped declined declines "
        "grew grown climbed jumped slumped shrank shrunk tumbled spiked dipped slipped".split()
    ),
    "approximate-quantity": frozenset(
        "about around roughly nearly almost approximately some more less fewer over under up least most many "
        "much close upwards just well estimated".split()
    ),
    "quantity": _NUMBER_TOKENS,
    "causal-claim": frozenset(
        "caused triggered set sparked started driven fuelled fueled made result led leads".split()
    ),
    "causal": frozenset(
        "because caused causes causing led leads due result resulted results responsible linked blamed "
        "contributed so ensure thanks stem stems stemmed triggered set".split()
    ),
    "negated-fact": frozenset({"no", "not", "never", "t"}),
    "negated-record": frozenset({"no", "not", "never", "without"}),
    "comparative-reference": frozenset({"than"}),
    "evaluative": frozenset(
        "important crucial vital essential significant unacceptable shameful disgrace disgraceful disgracefully "
        "wonderful terrible outrageous ridiculous great remarkable tragic unfair wrong right clear obvious far "
        "course frankly sadly fortunately unfortunately crucially interestingly surely certainly indeed "
        "arguably".split()
    ),
    "statistic-noun": frozenset(
        "rate rates average median total number amount share proportion unemployment inflation deficit debt "
        "budget gdp taxes tax spending revenue profit losses jobs income wages prices crime deaths cases "
        "population emissions turnover attendance attendances traffic rainfall sales".split()
    ),
    "past-action": frozenset(
        "has have had voted signed vetoed supported opposed raised cut spent paid approved rejected promised "
        "created closed fired sacked received took gave sold bought lost won killed stole invaded attacked "
        "refused used made provided".split()
    ),
    "background": frozenset(
        "located situated based headquartered home used known named lies shares founded established formed "
        "opened built created borders north south east west".split()
    ),
    "future-or-conditional": frozenset(
        "will would could might may shall can going expected due set scheduled planned tipped poised forecast "
        "predicted".split()
    ),
    "first-person-opinion": frozenset({"i", "we", "let", "my"}),
    "prescriptive": frozenset({"should", "ought", "must", "need", "needs", "has", "have"}),
    "event-narration": frozenset(
        "monday tuesday wednesday thursday friday saturday sunday yesterday today tomorrow overnight "
        "morning afternoon evening tonight week".split()
    ),
}
# Word gates on the searched text (``patterns.word_set``: its \w+ words, lower-cased whatever the
# case-blind pattern would match), tried after any token trigger: every match of the feature holds
# a whole word of its set, a word with one of its endings, or (percent) a "%", (money) a currency
# sign. Where the text has none, the pattern (tried at every character otherwise) cannot match.
_GATE_WORDS: dict[str, frozenset[str]] = {
    "percent": frozenset({"per", "percent", "percentage"}),
    # "the|its|their|his|her" then a word ending in "est", or most, least, worst, first, only;
    # "record|all-time" then high, low, level(s); "in its|their history".
    "superlative": frozenset({"most", "least", "worst", "first", "only", "high", "low", "level", "levels", "history"}),
    # A word ending in "est" or most, least, worst before since/ever/...; "since records began";
    # "ever recorded"; "than ... any other".
    "record": frozenset({"most", "least", "worst", "records", "recorded", "than"}),
    # A currency sign (below), or "million|billion|trillion|bn" after a figure ("5bn" is one word),
    # "millions of dollars", "thousands of pounds".
    "money": frozenset("million millions billion billions trillion trillions bn dollars pounds euros".split()),
    # A currency sign (below), or a figure then "dollars|pounds|euros|usd|gbp|eur" ("5usd").
    "small-money": frozenset(),
    "trivia": frozenset(
        "box opening weekend gross grossed grosses copies best bestselling bestseller chart charts top ranking "
        "rankings seeded world battery batteries megapixel megapixels".split()
    ),
    # "hat-trick", "semi-finals", "quarter-finals", "three sets", "close season", "on loan",
    # "option to buy", "joined X from".
    "sport-routine": frozenset(
        "striker midfielder defender goalkeeper hat semi quarter player players squad set sets season loan "
        "option joined".split()
    ),
}
_GATE_ENDINGS: dict[str, tuple[str, ...]] = {
    "superlative": ("est",),
    "record": ("est",),
    "trivia": ("gb", "mb", "ghz", "mhz"),  # "16gb", "16 GB"
    "money": ("million", "billion", "trillion", "bn"),
    "small-money": ("dollars", "pounds", "euros", "usd", "gbp", "eur"),
}
_CURRENCY = re.compile("[$£€¥]")
_SIGNED = frozenset({"money", "small-money"})


@lru_cache(maxsize=64)
def _ended_words(words: frozenset[str]) -> str:
    """The words, each followed by a blank: "est " is in it if and only if a word ends in "est"."""
    return " ".join(words) + " "


def _gate_open(name: str, haystack: str, words: frozenset[str]) -> bool:
    """Whether ``name``'s pattern can match ``haystack``, whose ``word_set`` is ``words``, as far
    as its word gate can tell."""
    if not _GATE_WORDS[name].isdisjoint(words) or (name == "percent" and "%" in haystack):
        return True
    if name in _SIGNED and _CURRENCY.search(haystack):
        return True
    endings = _GATE_ENDINGS.get(name)
    if endings is None:
        return False
    ended = _ended_words(words)
    return any(f"{ending} " in ended for ending in endings)


# Crime, courts and doping make a sports or entertainment sentence news.
_TRIVIA_EXEMPT = re.compile(
    r"\b(?:charged|charges?|court|police|arrest(?:ed)?|doping|drugs?|banned|fraud|jailed|convicted|prosecutors?|"
    r"hearing|assault(?:ed)?|trial|guilty|suspended|suspension|investigation)\b",
    re.I,
)
_TRIVIA_WEIGHT = -0.45
_NEEDS_YEARS = frozenset({"background", "negated-record", "comparative-reference"})
_COMPARATIVE_TOKENS = frozenset({"than", "compared", "times"})
_COMPARATIVE_PREFIXES = ("outpac", "outstrip", "outnumber", "outperform", "surpass", "overtak", "overtook", "exceed")
_TOKEN = re.compile(r"[a-z]+|\d")
_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f][\w'\u2019.,-]*")
_FINAL_STOP = re.compile(r"[.!?…][\"'\u201d\u2019)\]]*\s*$")


@dataclass(frozen=True, slots=True)
class CheckWorthiness:
    score: float  # in [0, 1]
    features: tuple[str, ...]  # names of the features that fired, positive and negative

    @property
    def checkworthy(self) -> bool:
        return self.score >= CHECKWORTHY_THRESHOLD


@lru_cache(maxsize=4096)
def checkworthiness(sentence: str) -> CheckWorthiness:
    """Score ``sentence`` in [0, 1]; a headline-like fragment or a question scores 0."""
    words = _WORD.findall(sentence)
    if len(words) < 5 or (len(words) < 12 and not _FINAL_STOP.search(sentence)):
        return CheckWorthiness(0.0, ("fragment",))
    tokens = {"0" if t.isdigit() else t for t in _TOKEN.findall(sentence.lower())}
    text = _strip_non_quantities(sentence) if "0" in tokens or "aged" in tokens or "age" in tokens else sentence
    score = 0.0
    fired: list[str] = []
    gate_words: frozenset[str] | None = None
    for name, weight, pattern in _FEATURES:
        trigger = _TRIGGERS.get(name)
        if trigger is not None and trigger.isdisjoint(tokens):
            continue
        if name == "past-tense" and not any(len(t) >= 5 and t.endswith("ed") for t in tokens):
            continue
        if name == "comparative" and not (
            _COMPARATIVE_TOKENS & tokens or any(t.startswith(_COMPARATIVE_PREFIXES) for t in tokens)
        ):
            continue
        # "background" and "negated-record" need the years that _NON_QUANTITY removed.
        haystack = sentence if name in _NEEDS_YEARS else text
        if name in _GATE_WORDS:
            if gate_words is None:
                gate_words = word_set(haystack)  # every gated feature searches ``text``
            if not _gate_open(name, haystack, gate_words):
                continue
        if pattern.search(haystack):
            fired.append(name)
            score += weight
    if "question" in fired:
        return CheckWorthiness(0.0, tuple(fired))
    for name in ("trivia", "sport-routine"):
        if name in fired and _TRIVIA_EXEMPT.search(sentence):
            fired.remove(name)
            score -= _TRIVIA_WEIGHT
    return CheckWorthiness(round(max(0.0, min(1.0, score)), 3), tuple(fired))
