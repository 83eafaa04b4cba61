"""Word knowledge for claim matching and stance: synonyms, antonyms, negation and denial cues.

Plain data, no logic: ``credibility.analysis.claims.matching`` compiles it once, at import.
Lists describe general English ways of saying the same thing (or its opposite), never one
article's sentence: add an entry when it is a paraphrase a newsroom would use anywhere.
"""

from __future__ import annotations

# Multi-word phrases rewritten to one canonical word before tokenising: (substrings one of
# which must occur for the phrase to be tried, regex fragment, replacement); matched
# case-insensitively on word boundaries, applied in order.
PHRASES: tuple[tuple[tuple[str, ...], str, str], ...] = (
    # "is not true" is one denial (DENIALS), not a negation of the claim's own verb too.
    (("not ",), r"(is|was|are|were|it's) not (?:true|correct|accurate)", r"\1 untrue"),
    # "no evidence that ..." is one denial (DENIALS), not a negation of the claim's own clause too.
    (
        ("no ",),
        r"(?:there (?:is|was|has been) )?no (?:evidence|proof|truth|basis)(?: (?:to suggest|to show|for the claim|for claims))?",
        "unfounded",
    ),
    # "came from the sponsor rather than the organisers": what follows "rather than" or "instead
    # of" is denied, in a clause of its own, so a claim about the organisers reads as negated.
    (("rather than", "instead of"), r",?\s*(?:rather than|instead of)\b", "; not"),
    # Stopping short of an act, or refraining from it, is not doing it: "the judges stopped short of
    # quashing the permit" negates the quashing.
    (("short of", "refrain"), r"stop(?:s|ped|ping)? short of|refrain(?:s|ed|ing)? from", "not"),
    # "first ever" and "never ... before" state the same fact.
    (("never",), r"never (?:\w+ ){1,4}?before\b", "firstever"),
    (("never",), r"never (?:before )?(?:been )?", "never "),
    (("first time",), r"for the first time(?: ever| in (?:its|their|the \w+'s) history)?", "firstever"),
    (
        ("first",),
        r"(?:the )?first (?:ever )?(\w+)(?: in (?:its|their|his|her|the [\w-]+'s|[\w-]+) (?:[\w-]+ )?history)",
        r"firstever \1",
    ),
    (("first",), r"first[- ]ever", "firstever"),
    # "has never had a woman as mayor until now": the new one is the first.
    (("until now",), r"\bnever (?:[\w'-]+ ){1,8}?until now\b", "firstever"),
    # "the first X has ever imposed", "the first time it had ever ..."
    (("first",), r"\bfirst (?:[\w'-]+ ){0,5}?(?:has|have|had) ever\b", "firstever"),
    # "the most expensive player" cost a record price; "the cheapest" the lowest.
    (("most expensive", "costliest"), r"most expensive|costliest", "record price"),
    (("cheapest", "least expensive"), r"cheapest|least expensive", "lowest price"),
    # "told detectives that he had started the fire" is a confession.
    (
        ("told",),
        r"told (?:police|detectives|officers|investigators|interviewers) (?:that )?(?:he|she|they|it) had",
        "confess",
    ),
    # "set fire to" and "setting the fire" started it.
    (("fire",), r"set(?:s|ting)? (?:the )?fire(?: to)?", "start fire"),
    # A hearing "behind closed doors" bars the public.
    (
        ("closed doors", "in private", "in camera"),
        r"(?:held|heard|sat|sit|sitting|take place|took place|conducted) (?:behind closed doors|in private|in camera)",
        "barred public",
    ),
    # An event that "did not go ahead" was cancelled (a contrast member, CONTRASTS, stated negated).
    (
        ("go ahead",),
        r"\b(?:did|does|do|will|would|could|can|ca|may|might|is|was|were|are)(?: not|n't) (?:be )?go(?:ing)? ahead\b",
        "cancelled",
    ),
    # "voted against" a bill opposed it and "voted for" (or "in favour of") it backed it: polar
    # words (ANTONYMS), where "for" and "against" are function words nothing weighs.
    (("vot",), r"\b(vot(?:e|es|ed|ing)) against\b", r"\1 opposing"),
    (("vot",), r"\b(vot(?:e|es|ed|ing)) (?:for|in favou?r of)\b(?! the (?:first|last|second) time)", r"\1 backing"),
    # Football: "found the net" and "hit the back of the net" scored.
    (("the net",), r"(?:found|finds|find|finding|hit|hits|hitting) the (?:back of the )?net", "score"),
    # "at most" and "at least" bound a figure; they state no record or lowest.
    (("at most", "at the most", "at least", "at the least"), r"\bat (?:the )?(?:most|least)\b", ""),
    # records and superlatives
    (
        ("record", "all time", "all-time", "history", "living memory"),
        r"since records began|on record|ever recorded|of all time|all[- ]time|in (?:its|their|the [\w-]+'s) (?:[\w-]+ )?history|in living memory",
        "record",
    ),
    # "cast a ballot" and "cast their votes" are voting: "cast" is the idiom's verb, no concept.
    (("cast",), r"\bcast(?:s|ing)? (?:a |an |their |his |her |our |my |your |the )?(?:ballot|vote)s?\b", "vote"),
    # A compound record ("a world-record fee", "a club-record signing", "record-breaking") is one.
    # (Not "off-the-record", "track-record" or "criminal-record": only a record of some field.)
    (
        ("record",),
        r"\b(?:world|club|league|national|olympic|european|british|american|career|franchise|course|state|county|"
        r"school|company)-record\b|\brecord-(?:breaking|setting)\b",
        "record",
    ),
    (
        ("any other",),
        r"(?:more|higher|bigger|larger|greater) than (?:those |that )?(?:in |at |of |from |for )?any other",
        "record",
    ),
    # The same superlative with the measured thing in between: "spends more on policing per
    # resident than any other city" is "the highest policing spending".
    (
        ("any other",),
        r"(?:more|higher|bigger|larger|greater) ((?:[\w'-]+ ){1,8}?)than (?:those |that )?(?:in |at |of |from |for )?any other",
        r"record \1",
    ),
    # "has scored more goals than anyone in the club's history": the rivals are everybody.
    (
        ("than any",),
        r"(?:more|higher|bigger|larger|greater|better) ((?:[\w'-]+ ){0,8}?)than any(?:one|body)(?: else)?",
        r"record \1",
    ),
    # "No batter has reached a hundred more quickly than Okafor": the fastest.
    (
        ("no ",),
        r"\bno (?:other )?((?:[\w'-]+ ){1,14}?)(?:more quickly|faster|quicker|sooner) ((?:[\w'-]+ ){0,8}?)than",
        r"fastest \1\2",
    ),
    (
        ("than any",),
        r"(?:more quickly|faster|quicker) ((?:[\w'-]+ ){0,8}?)than any(?:one|body| other)(?: else)?",
        r"fastest \1",
    ),
    # "higher than at any point since records began", "bigger than at any time in its history".
    (
        ("than at any", "than any"),
        r"(?:more|higher|bigger|larger|greater) ((?:[\w'-]+ ){0,8}?)than (?:at |in )?any (?:point|time|year|moment)",
        r"record \1",
    ),
    # "No carrier posted a poorer record than Meridian": Meridian's was the worst.
    (
        ("no ",),
        r"\bno (?:other )?((?:[\w'.-]+ ){1,10}?)(?:poorer|worse) ((?:[\w'-]+ ){0,8}?)than",
        r"worst \1\2",
    ),
    # "only the second Czech to win" was not the first ("the second stage to ..." says nothing of it).
    (
        ("second", "third", "fourth", "fifth"),
        r"\b(?:only|just) the (?:second|third|fourth|fifth) (?:[\w'-]+ ){0,3}?(?=to\b)",
        "not firstever ",
    ),
    # "No county gets less money per child than Eastmoor" is "Eastmoor gets the least"; with
    # "more" it is the most. The "no" negates the rivals, not the claim.
    (
        ("no ",),
        r"\bno (?:other )?((?:[\w'-]+ ){1,10}?)(?:less|fewer|lower|smaller|cheaper|worse) ((?:[\w'-]+ ){0,8}?)than",
        r"lowest \1\2",
    ),
    (
        ("no ",),
        r"\bno (?:other )?((?:[\w'-]+ ){1,10}?)(?:more|higher|bigger|larger|greater|better) ((?:[\w'-]+ ){0,8}?)than",
        r"record \1\2",
    ),
    # "Never before has so much rain fallen" asserts a record.
    (("never",), r"never (?:before )?(?:has|have|had|did|was|were) (?:so much|so many|such)", "record"),
    # "No other city spends as much on X as Brackton" and "no larger dinosaur has ever been
    # found" assert a record; the "no" negates the rivals, not the claim.
    (
        ("no other",),
        r"no other ((?:[\w'-]+ ){1,10}?)as (?:much|many|high|big|large|often|far|long) ((?:[\w'-]+ ){0,8}?)as",
        r"record \1\2",
    ),
    # "No city had trams before Westgate" is "Westgate was the first": the "no" negates the rivals.
    (("no ",), r"\bno (?:other )?((?:[\w'-]+ ){1,10}?)before\b", r"firstever \1"),
    (
        ("no ",),
        r"no (?:larger|bigger|greater|higher|taller|longer|heavier|deadlier|costlier) ((?:[\w'-]+ ){1,8}?)(?:has|had|have) ever",
        r"record \1",
    ),
    # "most of the money", "the majority of offences", "Most offences were ...": a share, not a record.
    (("most of", "majority of"), r"most of|(?:the |a )?(?:vast |clear |large )?majority of", "majority of"),
    (("most ",), r"^most (?=[a-z]+s\b)", "majority "),
    (("chief executive",), r"chief executive(?: officer)?", "ceo"),
    # "walked away with a £2m bonus" received it.
    (("away with",), r"walk(?:s|ed|ing)? (?:off|away) with", "receive"),
    (("world",), r"anywhere in the world|in the world|world's|worldwide", "world"),
    # causation
    (
        ("set", "led to", "lead", "result", "responsible", "brought about", "gave rise"),
        r"set(?:s|ting)? off|led to|leads? to|resulted in|results? in|(?:was|were|is|are) responsible for|brought about|gave rise to",
        "cause",
    ),
    # obligation: "had to cut" / "forced to cut"
    (("to ",), r"(?:had|has|have) to", "force to"),
    (("in a row", "back", "on the trot"), r"in a row|back[- ]to[- ]back|on the trot", "consecutive"),
    (("plain", "in the clear", "encrypt"), r"plain[- ]?text|in the clear|unencrypted|without encryption", "plaintext"),
    ((" on ",), r"(?:went|go|goes|gone) on (?=(?:a|an|the)?\s?\w+)", "spend on "),
    (("cent", "pct"), r"per ?cent(?:age points?)?|pct", "percent"),
    (("shut", "clos"), r"shut(?:ting|s)? (?:down|for good)|clos(?:e|es|ed|ing) (?:down|for good)", "close"),
    (("for good", "permanently"), r"for good|permanently", ""),
    (("no longer",), r"no longer", "not"),
    # "has yet to be approved" is not approved.
    (("yet to",), r"\b(?:has|have|is|are|was|were) yet to", "not"),
    # "ended the year in the black" made a profit; "fell into the red" made a loss.
    (("the black", "the red"), r"(?:in|into) the black", "profit"),
    (("the red",), r"(?:in|into) the red", "loss"),
    # "a vote of no confidence" is a kind of vote, not a negation of the sentence.
    (
        ("confidence",),
        r"(?:vote|motion|ballot) of no[- ]confidence|no[- ]confidence (?:vote|motion|ballot)",
        "confidence vote",
    ),
    (("away",), r"turn(?:ed|s|ing)? away", "refuse"),
    (("out of",), r"run(?:s|ning)? out of|ran out of", "lack"),
    # implicit negation: "failed to reach" is "did not reach", "free of lead" is "no lead"
    (("fail",), r"fail(?:s|ed|ing)? to", "not"),
    # "left thousands of homes without power" is "thousands of homes lost power", not a negation.
    (("left",), r"\bleft ((?:[\w',.-]+ ){1,5}?)without\b", r"\1lose"),
    # "homes were cut off" (from a supply) lost it.
    (("cut off", "disconnected"), r"cut off|disconnected", "lose"),
    # "savers were defrauded of £40m" lost it.
    (("of ",), r"(?:defrauded|cheated|swindled|robbed|conned) (?:out )?of", "lose"),
    # A business that "packed up" or "went out of business" closed.
    (
        ("pack", "out of business", "bust"),
        r"pack(?:ed|s|ing)? up|(?:go|goes|went|gone|going) (?:out of business|bust|under)",
        "close",
    ),
    # "reach X without changing planes" is a direct flight.
    (("changing planes", "non-stop", "nonstop"), r"without (?:changing|switching) planes|non-?stop", "direct flight"),
    (("without",), r"without", "not"),
    (("free of", "free from", "absence of"), r"free (?:of|from)|(?:an |the )?absence of", "no"),
    # "the lower town", "a higher court": a place or a rank, not a direction ("prices were lower").
    (("lower", "higher", "upper"), r"(the|a|an) (?:lower|higher|upper) (?!than\b)(?=[a-z])", r"\1 "),
    # direction phrases
    (("up", "higher"), r"(?:went|go|goes|gone|going|shot|shoot|shoots|moved|move|moves) (?:up|higher)", "rise"),
    (("down", "lower"), r"(?:went|go|goes|gone|going|came|come|comes|moved|move|moves) (?:down|lower)", "fall"),
)

# Irregular inflections -> base form (applied before stemming).
IRREGULAR: dict[str, str] = {
    "spent": "spend",
    "paid": "pay",
    "went": "go",
    "gone": "go",
    "kept": "keep",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "stole": "steal",
    "stolen": "steal",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "got": "get",
    "gotten": "get",
    "made": "make",
    "won": "win",
    "lost": "lose",
    "led": "lead",
    "left": "leave",
    "sold": "sell",
    "bought": "buy",
    "built": "build",
    "grew": "grow",
    "grown": "grow",
    "shrank": "shrink",
    "shrunk": "shrink",
    "told": "tell",
    "said": "say",
    "held": "hold",
    "met": "meet",
    "ran": "run",
    "saw": "see",
    "seen": "see",
    "began": "begin",
    "begun": "begin",
    "brought": "bring",
    "caught": "catch",
    "fought": "fight",
    "thought": "think",
    "wrote": "write",
    "written": "write",
    "killed": "kill",
    "died": "die",
    "dead": "die",
    "deaths": "die",
    "death": "die",
    "children": "child",
    "women": "woman",
    "men": "man",
    "people": "person",
    "struck": "strike",
    "hid": "hide",
    "hidden": "hide",
    "froze": "freeze",
    "frozen": "freeze",
    "drove": "drive",
    "driven": "drive",
    "ate": "eat",
    "broke": "break",
    "broken": "break",
    "chose": "choose",
    "chosen": "choose",
    "knew": "know",
    "known": "know",
    "best": "good",
    "better": "good",
    "worst": "bad",
    "worse": "bad",
    "flew": "fly",
    "flown": "fly",
}

# Synonym groups: every member maps onto the first word (members are stemmed at import).
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("spend", "pay", "splurge", "squander", "waste", "expend", "lavish"),
    ("receive", "collect", "obtain", "get", "accept", "pocket", "gain"),
    ("cause", "trigger", "spark", "provoke", "produce", "induce", "create", "start"),
    (
        "record",
        "highest",
        "biggest",
        "largest",
        "greatest",
        "most",
        "maximum",
        "unprecedented",
        "steepest",
        "strongest",
        "fiercest",
        "severest",
    ),
    # "found", the past of find (not "founded").
    ("discover", "find", "found", "unearth", "uncover", "excavate", "detect"),
    ("fastest", "quickest", "speediest", "swiftest"),
    ("lowest", "smallest", "least", "fewest", "minimum"),
    ("plant", "mill", "factory", "plants", "site", "facility", "smelter", "refinery"),
    ("keep", "store", "hold", "save", "retain", "maintain"),
    ("plaintext", "unprotect", "unsecure"),
    ("expose", "leak", "reveal", "compromise", "disclose", "access"),
    ("breach", "hack", "attack", "leak", "intrusion"),
    ("flu", "influenza"),
    ("vaccine", "vaccination", "jab", "shot", "inoculation", "immunisation", "immunization"),
    ("give", "cause", "infect"),
    ("fraud", "theft", "embezzlement", "steal", "stealing", "swindle"),
    ("force", "compel", "oblige", "require", "need"),
    # "scrapped the scheme" and "cancelled the scheme" say the same: one group, not two.
    ("cut", "axe", "eliminate", "scrap", "slash", "shed", "remove", "cancel", "call off", "abolish"),
    ("post", "job", "position", "role", "vacancy", "livelihood"),
    ("investor", "saver", "shareholder", "backer"),
    ("teaching", "teacher"),
    ("card", "credit", "debit"),
    ("customer", "user", "client", "subscriber", "account", "member", "holder"),
    # Not "income": what comes in is no profit, and profit has an opposite (ANTONYMS).
    ("profit", "earnings", "surplus"),
    ("subsidy", "grant", "handout", "aid", "funding"),
    ("consultant", "adviser", "advisor", "contractor"),
    ("kill", "die", "dead", "fatal", "fatality", "casualty", "toll"),
    ("villa", "home", "house", "property", "mansion", "apartment", "flat"),
    ("railway", "rail", "train"),
    ("landslide", "landslip", "rockfall", "mudslide"),
    ("blasting", "blast", "explosion", "explosive", "detonation", "dynamite"),
    ("close", "shut", "shutter", "abandon"),
    ("appoint", "name", "hire", "install", "recruit"),
    ("sack", "dismiss", "oust"),
    ("jail", "imprison", "sentence", "prison"),
    ("ban", "prohibit", "outlaw", "forbid", "barred"),
    ("annual", "yearly", "year"),
    ("current", "present", "ongoing"),
    ("flood", "flooding", "inundation", "deluge"),
    ("seeding", "seed"),
    ("level", "height", "point"),
    ("big", "large", "huge", "major"),
    ("child", "kid", "minor"),
    ("doctor", "physician"),
    ("car", "vehicle", "automobile"),
    ("recommend", "advise", "urge"),
    ("promote", "promotion"),
    ("contain", "include"),
    ("tunnel", "bore"),
    # general news vocabulary: verbs
    ("build", "construct", "erect"),
    ("buy", "purchase", "acquire"),
    ("arrest", "detain", "apprehend"),
    ("charge", "indict", "prosecute"),
    ("investigate", "probe", "inquiry", "investigation", "examine"),
    ("allow", "permit", "authorise", "authorize", "license", "let"),
    ("fund", "finance", "bankroll", "funding", "budget"),
    ("fine", "penalty", "penalise", "penalize", "sanction"),
    ("hide", "conceal", "cover"),
    ("warn", "caution", "alert"),
    ("prove", "demonstrate", "confirm", "establish"),
    ("poison", "contaminate", "pollute", "taint"),
    ("cure", "heal"),
    ("prevent", "stop", "avert", "block", "shield"),
    ("plan", "propose", "intend", "scheme", "proposal"),
    ("double", "twofold"),
    ("worsen", "deteriorate"),
    # general news vocabulary: nouns and adjectives
    ("company", "firm", "business", "corporation", "operator"),
    ("worker", "employee", "staff", "workforce", "personnel"),
    ("law", "legislation", "statute", "rule", "regulation"),
    ("tax", "levy", "duty"),
    ("price", "cost", "fare", "charge", "tariff", "fee"),
    ("wage", "salary", "earning"),
    ("country", "nation"),
    ("medicine", "drug", "medication", "treatment", "remedy", "pill"),
    ("illness", "disease", "sickness", "ailment", "infection", "condition", "virus"),
    ("confess", "admit"),
    ("woman", "female"),
    ("score", "scorer"),
    ("election", "vote", "ballot", "poll", "turnout"),
    ("voter", "elector"),
    ("student", "pupil"),
    ("crime", "offence", "offense", "offending"),
    ("fire", "blaze", "inferno"),
    ("vacant", "unfilled", "unstaffed"),
    ("permission", "consent", "approval", "authorisation", "authorization"),
    ("resident", "inhabitant", "local", "citizen"),
    ("crop", "harvest", "yield"),
    ("farmer", "grower", "producer"),
    ("storm", "hurricane", "cyclone", "typhoon"),
    ("study", "research", "trial", "survey"),
    ("scientist", "researcher", "expert"),
    ("crash", "collision", "accident"),
    ("flight", "plane", "aircraft", "jet", "airliner"),
    ("strike", "walkout", "stoppage"),
    ("energy", "power", "electricity"),
    ("rule", "ruling", "verdict", "judgment", "judgement"),
    ("court", "tribunal"),
    ("lawyer", "attorney", "counsel", "solicitor"),
    ("cheap", "inexpensive", "affordable"),
    ("expensive", "costly", "pricey"),
    ("whole", "entire", "all"),
)

# Antonyms: concept -> (canonical concept, sign). A sentence that says "fell" where the claim
# says "rose" matches the concept with the opposite polarity.
ANTONYMS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        (
            "rise",
            "increase",
            "grow",
            "climb",
            "jump",
            "soar",
            "surge",
            "double",
            "up",
            "hike",
            "spike",
            "skyrocket",
            "rocket",
            "balloon",
            "escalate",
            "swell",
            "boost",
            "raise",
            "leap",
            "triple",
            "growth",
            "upturn",
            "higher",
        ),
        (
            "fall",
            "decrease",
            "decline",
            "drop",
            "shrink",
            "plunge",
            "slump",
            "halve",
            "down",
            "dip",
            "tumble",
            "sink",
            "slide",
            "plummet",
            "reduce",
            "reduction",
            "downturn",
            "contraction",
            "slip",
            "lower",
        ),
    ),
    (("open", "reopen", "resume", "restart", "launch"), ("close", "shut", "suspend", "halt")),
    # A company's year: before win/lose, so "a net loss" is the opposite of "a profit" (a match
    # lost is still "lose", the opposite of "win").
    (("profit", "surplus"), ("loss", "deficit")),
    (("win", "beat", "victory"), ("lose", "defeat")),
    (("guilty", "convict"), ("acquit", "innocent", "clear")),
    # "did not pass" is "failed" (an exam, a vote), as "did not approve" is "rejected". Not
    # "accept" or "block": they belong to "receive" and "prevent" (SYNONYMS), which would then
    # carry this polarity ("received both doses" is no approval).
    (("approve", "pass", "back", "endorse"), ("reject", "oppose", "veto", "refuse", "fail")),
    (
        ("safe", "harmless", "safely", "nontoxic", "benign", "riskfree"),
        ("dangerous", "harmful", "unsafe", "toxic", "hazardous", "poisonous", "risky", "deadly", "lethal", "perilous"),
    ),
    (("true", "accurate", "correct", "real", "genuine"), ("false", "fake", "untrue", "inaccurate", "wrong", "bogus")),
    (("legal", "lawful"), ("illegal", "unlawful")),
    # A vaccine that "protects" 97% of those who get it is 97% effective.
    (
        ("effective", "efficacious", "successful", "protect"),
        ("ineffective", "useless", "worthless", "unsuccessful", "futile"),
    ),
    (("more", "higher"), ("less", "fewer", "lower")),
    (("appoint",), ("sack",)),
    (("encrypt", "hash", "protect", "secure"), ("plaintext",)),
)

# Concepts that are the checkable core of a claim when present ("the highest", "the first",
# "caused"): a sentence that lacks them does not assert the claim, whatever else it shares.
CRUX: tuple[str, ...] = (
    "record",
    "lowest",
    "firstever",
    "cause",
    "only",
    "never",
    "every",
    "all",
    "none",
    "longest",
    "oldest",
    "tallest",
    "deepest",
    "fastest",
    "worst",
    "plaintext",
)

# Qualifiers that a sentence must carry to state the claim at all (a missing one vetoes): a claim
# of deaths is about the deaths; cases, admissions or warnings are another claim.
VITAL: tuple[str, ...] = ("kill", "only", "firstever")

# Negation cues inside the clause that carries the claim.
NEGATIONS: frozenset[str] = frozenset(
    "not no never cannot can't couldn't didn't doesn't don't isn't aren't wasn't weren't hasn't haven't hadn't "
    "won't wouldn't shouldn't neither nor none nobody nothing n't".split()
)

# Whole-sentence denial: the writer (or a speaker) rejects the proposition. Regex fragments.
# An elliptical answer that opens the sentence denies what was just asked or said: "Are the
# meals being scrapped? They are not: ...", "Does it work? No, ...". A whole-sentence denial
# (DENIALS) and an explicit rejection (REJECTIONS) alike.
ELLIPTICAL_DENIAL = (
    r"^\W*(?:no|(?:they|it|that|this|these|those|he|she|we) (?:(?:are|is|was|were|do|does|did|has|have|had|would|"
    r"could|should)(?: not|n't)|will not|won't|cannot|can not|can't))\s*[:;,.\u2013\u2014-]"
)

DENIALS: tuple[str, ...] = (
    r"\bden(?:y|ies|ied|ying)\b",
    r"\bfalsely\b",
    r"\bwrongly\b",
    r"\bmistakenly\b",
    r"\berroneously\b",
    r"\b(?:is|was|are|were|been|proved|proven) (?:false|untrue|wrong|baseless|unfounded|a myth|a hoax|debunked|incorrect)\b",
    r"\bno (?:evidence|proof|truth|basis)\b",
    r"\bdebunk\w*\b",
    r"\b(?:baseless|unfounded|bogus|discredited|groundless) (?:claims?|rumou?rs?|theor(?:y|ies)|allegations?|suggestions?)\b",
    r"\b(?:rejected|dismissed|refuted|rebutted|disproved|dispelled) (?:the |a |an |any )?(?:claims?|suggestions?|allegations?|rumou?rs?|reports?|idea|notion|theory)\b",
    r"\bmyth\b",
    r"\bcontrary to\b",
    r"\bdespite (?:claims|rumou?rs|reports)\b",
    r"\b(?:is|was|are|were|it's) not (?:true|correct|accurate)\b",
    ELLIPTICAL_DENIAL,
)

# Words that sit inside names but identify nothing alone ("River Wend" is identified by "Wend").
GENERIC_NAME_WORDS: frozenset[str] = frozenset(
    """the of and for a an river council borough county city town village state national regional royal
    university academy school college hospital clinic company group ltd inc corp plc club united fc
    department ministry office agency authority service services party union bank street road bridge
    lake mount mountain north south east west northern southern eastern western new old st saint
    airport airfield station park square house hall centre center court police fire district province
    republic kingdom federal international association institute foundation trust commission committee
    board parliament government army navy force forces""".split()
)

# Capitalised words that are titles or calendar words, not names.
NOT_NAMES: frozenset[str] = frozenset(
    """mr mrs ms dr prof sir dame lord lady president prime minister chancellor governor senator
    representative rep sen councillor councilman councilwoman commissioner mayor judge justice chief
    officer general colonel captain sergeant inspector detective former acting deputy assistant
    opposition leader chairman chairwoman chair spokesperson spokesman spokeswoman director secretary
    professor doctor father sister brother king queen prince princess
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december i
    ceo cfo coo cto md mp mps mep msp gmt bst utc christmas easter""".split()
)

# Adjectives of places, read as the place in names: "the Cornish coast" is on the coast of
# Cornwall, "Dutch farmers" are farmers in the Netherlands.
DEMONYMS: dict[str, str] = {
    "cornish": "cornwall",
    "welsh": "wales",
    "scottish": "scotland",
    "scots": "scotland",
    "english": "england",
    "british": "britain",
    "irish": "ireland",
    "dutch": "netherlands",
    "belgian": "belgium",
    "french": "france",
    "german": "germany",
    "spanish": "spain",
    "portuguese": "portugal",
    "italian": "italy",
    "swiss": "switzerland",
    "austrian": "austria",
    "polish": "poland",
    "czech": "czechia",
    "hungarian": "hungary",
    "greek": "greece",
    "turkish": "turkey",
    "swedish": "sweden",
    "norwegian": "norway",
    "danish": "denmark",
    "finnish": "finland",
    "icelandic": "iceland",
    "russian": "russia",
    "ukrainian": "ukraine",
    "american": "america",
    "canadian": "canada",
    "mexican": "mexico",
    "brazilian": "brazil",
    "argentine": "argentina",
    "argentinian": "argentina",
    "chilean": "chile",
    "peruvian": "peru",
    "colombian": "colombia",
    "australian": "australia",
    "chinese": "china",
    "japanese": "japan",
    "korean": "korea",
    "indian": "india",
    "pakistani": "pakistan",
    "vietnamese": "vietnam",
    "thai": "thailand",
    "indonesian": "indonesia",
    "filipino": "philippines",
    "nigerian": "nigeria",
    "kenyan": "kenya",
    "ghanaian": "ghana",
    "ethiopian": "ethiopia",
    "egyptian": "egypt",
    "moroccan": "morocco",
    "israeli": "israel",
    "iranian": "iran",
    "iraqi": "iraq",
    "syrian": "syria",
    "saudi": "saudi",
    "european": "europe",
    "african": "africa",
    "asian": "asia",
}

# Places that sit inside a better-known one: a claim naming the larger place is matched by
# text naming the smaller (a villa "on the Costa Blanca" is a villa "in Spain"). Demonyms too.
PLACE_PARENTS: dict[str, tuple[str, ...]] = {
    "costa blanca": ("spain",),
    "costa del sol": ("spain",),
    "costa brava": ("spain",),
    "marbella": ("spain",),
    "ibiza": ("spain",),
    "majorca": ("spain",),
    "mallorca": ("spain",),
    "tenerife": ("spain",),
    "canary islands": ("spain",),
    "madrid": ("spain",),
    "barcelona": ("spain",),
    "andalusia": ("spain",),
    "spanish": ("spain",),
    "algarve": ("portugal",),
    "lisbon": ("portugal",),
    "portuguese": ("portugal",),
    "riviera": ("france",),
    "provence": ("france",),
    "paris": ("france",),
    "french": ("france",),
    "tuscany": ("italy",),
    "rome": ("italy",),
    "milan": ("italy",),
    "sicily": ("italy",),
    "italian": ("italy",),
    "piedmont": ("italy",),
    "bavaria": ("germany",),
    "berlin": ("germany",),
    "german": ("germany",),
    "valais": ("switzerland",),
    "swiss": ("switzerland",),
    "zurich": ("switzerland",),
    "geneva": ("switzerland",),
    "dubai": ("uae",),
    "florida": ("us", "america"),
    "california": ("us", "america"),
    "texas": ("us", "america"),
    "american": ("us", "america"),
    "british": ("britain", "uk"),
    "britain": ("uk",),
    "great britain": ("uk",),
    "united kingdom": ("uk", "britain"),
    "uk": ("britain",),
    "cornwall": ("england", "britain", "uk"),
    "cornish": ("cornwall", "england", "britain", "uk"),
    "england": ("britain", "uk"),
    "scotland": ("britain", "uk"),
    "wales": ("britain", "uk"),
    "london": ("britain", "uk", "england"),
    "greek": ("greece",),
    "crete": ("greece",),
    "cyprus": ("cyprus",),
    "irish": ("ireland",),
    "dublin": ("ireland",),
    "chinese": ("china",),
    "beijing": ("china",),
    "russian": ("russia",),
    "moscow": ("russia",),
    "ukrainian": ("ukraine",),
    "kyiv": ("ukraine",),
    "belarusian": ("belarus",),
    "minsk": ("belarus",),
    "alpine": ("alps",),
    "alps": ("alpine",),
}

# Stance cues (compiled by ``credibility.analysis.claims.stance``), regex fragments matched
# case-insensitively.
#
# The article's own voice rejecting what it reports, even inside reported speech: an adverb on
# the reporting verb ("falsely claimed") or a label on the claim ("the debunked claim that").
# The article keeps its distance from what it reports: the subject denies it, or nobody could
# verify it ("..., an allegation the museum rejects"; "the airline denies the claim, and the post
# could not be independently verified"). Read both inside the claim's clause (REBUTTALS) and
# after it (BACK_REFERENCES).
DISTANCING: tuple[str, ...] = (
    r"\b(?:denied|denies|deny|rejected|rejects|disputed|disputes|dismissed|dismisses|refuted|refutes)\s+"
    r"(?:the|this|that|these|those|any such|such|all)\s+(?:claims?|allegations?|accusations?|suggestions?|reports?)\b",
    r"\b(?:an?|the)\s+(?:claims?|allegations?|accusations?)\s+(?:[\w'\u2019-]+\s+){1,4}?"
    r"(?:rejects|rejected|denies|denied|disputes|disputed|dismisses|dismissed)\b",
    r"\b(?:could|can)\s*not\s+(?:be\s+)?(?:independently\s+)?(?:verified|confirmed)\b",
    r"\b(?:has|have|had)\s+(?:been\s+)?unable\s+to\s+(?:independently\s+)?(?:verify|confirm)\b",
    r"\bpurport(?:s|ed|ing)?\s+to\s+(?:show|be|depict|prove)\b",
    r"\bpurportedly\b",
)

REBUTTALS: tuple[str, ...] = (
    r"\b(?:falsely|wrongly|mistakenly|erroneously|incorrectly|baselessly|misleadingly|inaccurately)\b",
    r"\bwithout (?:offering |providing |citing |presenting |giving |producing )?(?:any )?(?:evidence|proof|figures|data)\b",
    r"\bdebunk\w*",
    r"\bmyths?\b",
    r"\bhoax(?:es)?\b",
    r"\bconspiracy theor(?:y|ies)\b",
    r"\b(?:baseless|unfounded|groundless|bogus|discredited|false|unsubstantiated|spurious|fabricated|"
    r"unproven|debunked|fake|misleading)\s+(?:claims?|rumou?rs?|theor(?:y|ies)|allegations?|suggestions?|"
    r"reports?|assertions?|stor(?:y|ies)|posts?|notions?|ideas?|beliefs?)\b",
    *DISTANCING,
)

# Whoever holds the content rejects it: the article in its own voice, or a reported speaker
# ("the minister denied that ...", "there is no evidence that ..., Hollis said").
REJECTIONS: tuple[str, ...] = (
    r"\bno (?:evidence|proof|truth|basis|indication|sign)\b",
    r"\b(?:it is|it's|it was|is|was|are|were) not (?:true|the case|correct|accurate)\b",
    r"\buntrue\b",
    r"\b(?:is|was|are|were|been|be|proved|proven|remains?) (?:false|wrong|baseless|unfounded|incorrect|fake|"
    r"inaccurate|misleading|unsubstantiated|exaggerated|overblown|overstated|inflated|premature|mistaken|"
    r"groundless|without foundation|wide of the mark)\b",
    r"\bden(?:y|ies|ied|ying)\b",
    # Ruling a possibility out denies it ("the chief executive ruled out a move abroad"); not ruling
    # it out, or refusing to, leaves it open.
    r"(?<!\bnot )(?<!n't )(?<!\bto )(?<!\bnever )\brul(?:e|es|ed|ing) out\b",
    r"\b(?:reject|dismiss|refute|rebut|disprove|dispel|dispute)(?:s|ed|d|es)?\s+(?:the |a |an |any |those |these |"
    r"such |all )?(?:[\w-]+\s+){0,2}?(?:claims?|suggestions?|allegations?|rumou?rs?|reports?|idea|notion|theory|"
    r"assertions?|accusations?)\b",
    ELLIPTICAL_DENIAL,
    # A correction by contrast: the article gives the real figure and sets the claimed one
    # against it ("budgeted at £640m, well below the £1bn figure cited in a post", "rather than
    # the 300 jobs claimed").
    r"\b(?:well |far |much |way )?(?:below|above|short of|less than|more than|lower than|higher than|rather than|"
    r"not|instead of) the [^,.;]{0,40}?\b(?:figures?|numbers?|estimates?|totals?|sums?|amounts?|claims?|\w+)\s+"
    r"(?:cited|claimed|quoted|circulating|shared|suggested|touted|alleged|given) (?:in|by|on|online|across)\b",
)

# "Contrary to claims circulating online, P": the sentence opens by naming what it rejects, and
# what follows the comma is the writer's own statement (its polarity is the writer's position).
COUNTER_OPENINGS: tuple[str, ...] = (
    r"contrary to",
    r"despite",
    r"in contrast to",
    r"unlike",
    r"far from",
)
COUNTER_OBJECTS = (
    r"claims?|rumou?rs?|reports?|suggestions?|beliefs?|assertions?|posts?|allegations?|theor(?:y|ies)|myths?|"
    r"what|popular|widespread|common|some|earlier|online|the"
)

# A later clause or the next sentence that takes back what was just stated ("That claim is false.",
# "..., but there is no evidence for it").
BACK_REFERENCES: tuple[str, ...] = (
    r"(?:that|this|the|his|her|their|such|these|those)\s+(?:[\w-]+\s+){0,2}?(?:claims?|assertions?|statements?|"
    r"figures?|allegations?|rumou?rs?|suggestions?|posts?|theor(?:y|ies)|ideas?|numbers?|stor(?:y|ies))\b"
    r"[^.;]{0,60}?\b(?:is|was|are|were|has been|have been|proved|proven)\s+(?:false|untrue|wrong|baseless|"
    r"unfounded|incorrect|not true|debunked|inaccurate|groundless|a myth|a hoax)",
    r"(?:that|this|it)\s+(?:is|was)\s+(?:false|untrue|not true|wrong|incorrect|a myth)",
    r"there\s+(?:is|was|has been)\s+no\s+(?:evidence|proof|basis)\s+(?:for|of|to support|to back|behind)\s+"
    r"(?:this|that|it|the|his|her|their|such|these|those|any)\b",
    # "..., although he offered no evidence"
    r"(?:offered|provided|gave|produced|cited|presented)\s+no\s+(?:evidence|proof|figures|data)\b",
    *DISTANCING,
)

# The record set against a claim later in the same sentence, after a contrast ("...; the
# authority's own data show a fall of 15%", "though published figures point to a smaller rise").
# Not read in the next sentence: there, figures as often confirm what was said.
DATA_REBUTTALS: tuple[str, ...] = (
    r"(?:own|official|published|latest)\s+(?:[\w'\u2019-]+\s+){0,2}?(?:figures|data|records|statistics)\b[^.;]{0,60}?"
    r"\b(?:show|shows|showed|point to|points to|pointed to|put|puts)\b",
    r"(?:figures|data|records|statistics)\s+(?:published|released|compiled|kept)\s+by\b[^.;]{0,60}?"
    r"\b(?:show|shows|showed|point to|points to|pointed to|put|puts)\b",
)

# Questions embedded in a statement: the claim is asked about, not stated.
EMBEDDED_QUESTIONS: tuple[str, ...] = (
    r"\bwhether\b",
    r"\b(?:ask|asks|asked|asking|wonder|wonders|wondered|wondering)\s+(?:\w+\s+){0,3}?if\b",
)

# Things that "say" without being people or organisations, which the attribution detector does
# not credit ("a viral post claimed", "a widely shared cooking video told viewers"): a claim they
# carry is still reported, not the article's own.
SPEAKING_MEDIA: tuple[str, ...] = tuple(
    """posts? videos? blogs? messages? tweets? websites? sites? articles? reports? statements? leaflets? flyers?
    emails? petitions? memes? threads? posters? podcasts? broadcasts? newsletters? clips? pages? accounts?
    channels? forums? adverts? advertisements? campaigns? documentar(?:y|ies)""".split()
)
SPEECH_VERBS: tuple[str, ...] = tuple(
    """claimed claims said says told tells reported reports stated states suggested suggests alleged alleges
    insisted insists argued argues asserted asserts wrote writes posted shared warned warns announced""".split()
)

# Contrast classes: the members of one class exclude each other in the role they fill, so a
# sentence that has another member where the claim has one (and lacks the claim's) states another
# claim: "cost private investors" is not "cost taxpayers", "went ahead" not "was cancelled", the
# northern hemisphere not the southern, an arm not a leg. Each member lists the words that name it
# (matched by stem, so inflections follow); words of one member are the same thing for this
# purpose. General English categories only, never one article's words. Ambiguous words are left
# out ("may" and "march" are verbs too, "spring" a water source, "plane" stems to "plan", "back",
# "head" and "hand" are rarely body parts in news, "bear" and "seal" rarely animals, "fire" is
# also a dismissal, "add" a speech verb).
CONTRASTS: tuple[tuple[tuple[str, ...], ...], ...] = (
    # compass points and the halves of the world they name
    (
        ("north", "northern", "northerly", "northward"),
        ("south", "southern", "southerly", "southward"),
        ("east", "eastern", "easterly", "eastward"),
        ("west", "western", "westerly", "westward"),
    ),
    # who pays or bears a cost: the public purse, private money, donors, insurers, customers
    (
        ("taxpayer", "ratepayer", "billpayer", "public", "publicly", "exchequer"),
        ("investor", "shareholder", "private", "privately", "backer"),
        ("donor", "philanthropist", "sponsor"),
        ("insurer",),
        ("customer", "consumer"),
    ),
    # public or private provision
    (("public", "state"), ("private",)),
    # how a planned event ends: called off, put off, or held as planned
    (
        ("cancel", "cancellation", "scrap", "axe", "abandon"),
        ("postpone", "postponement", "delay", "defer", "reschedule"),
        ("ahead", "proceed"),
    ),
    # how a flight ends
    (("explode", "explosion"), ("land", "landing", "touchdown"), ("crash",)),
    # jobs lost or made
    (("cut", "axe", "shed", "slash"), ("create", "hire", "recruit")),
    # money given or taken
    (("give", "gave", "donate", "donation", "gift"), ("take", "took", "taken", "steal", "stole", "embezzle", "pocket")),
    # who buys and who sells; what comes in and what goes out
    (("buy", "bought", "purchase", "acquire"), ("sell", "sold")),
    (("import",), ("export",)),
    # the two sides of a parliament, a tenancy, a job
    (("government", "minister"), ("opposition",)),
    (("landlord",), ("tenant",)),
    (("employer", "boss"), ("worker", "staff")),
    # where and when
    (("urban", "city"), ("rural", "countryside")),
    (("primary",), ("secondary",)),
    (("domestic",), ("international", "foreign")),
    (("daytime",), ("night", "overnight", "nighttime")),
    # the result of a match
    (("win", "won", "victory"), ("draw", "drew", "drawn")),
    # medals
    (("gold",), ("silver",), ("bronze",)),
    # sexes
    (("man", "men", "male", "boy"), ("woman", "women", "female", "girl")),
    # family
    (
        ("mother",),
        ("father",),
        ("son",),
        ("daughter",),
        ("brother",),
        ("sister",),
        ("wife",),
        ("husband",),
        ("grandmother",),
        ("grandfather",),
    ),
    # ages
    (("child", "children", "kid"), ("adult",), ("pensioner", "elderly", "retiree")),
    # people in a role
    (
        ("patient",),
        ("nurse",),
        ("doctor", "physician", "surgeon"),
        ("teacher",),
        ("pupil", "student", "schoolchild", "schoolchildren"),
        ("parent",),
        ("passenger",),
        ("pilot",),
        ("prisoner", "inmate"),
        ("soldier", "troops"),
    ),
    # body parts
    (
        ("leg",),
        ("arm",),
        ("knee",),
        ("ankle",),
        ("wrist",),
        ("shoulder",),
        ("hip",),
        ("elbow",),
        ("neck",),
        ("skull",),
        ("rib",),
        ("finger",),
        ("toe",),
        ("jaw",),
        ("spine",),
        ("lung",),
        ("liver",),
        ("kidney",),
        ("brain",),
        ("stomach",),
        ("thigh",),
        ("hamstring",),
        ("collarbone",),
        ("pelvis",),
    ),
    # animals
    (
        ("elephant",),
        ("giraffe",),
        ("lion",),
        ("tiger",),
        ("wolf", "wolves"),
        ("deer",),
        ("horse",),
        ("cow", "cattle"),
        ("pig",),
        ("sheep",),
        ("goat",),
        ("dog",),
        ("rabbit",),
        ("badger",),
        ("otter",),
        ("whale",),
        ("dolphin",),
        ("shark",),
        ("eagle",),
        ("owl",),
        ("swan",),
        ("panda",),
        ("gorilla",),
        ("chimpanzee",),
        ("monkey",),
        ("zebra",),
        ("rhino", "rhinoceros"),
        ("hippo", "hippopotamus"),
        ("camel",),
        ("crocodile",),
        ("snake",),
        ("rat",),
        ("penguin",),
    ),
    # diseases
    (
        ("measles",),
        ("mumps",),
        ("flu", "influenza"),
        ("covid", "coronavirus"),
        ("cancer",),
        ("diabetes",),
        ("malaria",),
        ("cholera",),
        ("polio",),
        ("tuberculosis",),
        ("dementia",),
        ("asthma",),
        ("ebola",),
        ("hiv", "aids"),
    ),
    # disasters
    (
        ("flood", "flooding"),
        ("drought",),
        ("wildfire", "bushfire"),
        ("snow", "snowfall", "blizzard"),
        ("heatwave",),
        ("earthquake", "quake"),
        ("landslide", "mudslide"),
        ("tsunami",),
    ),
    # sports
    (
        ("football", "soccer"),
        ("rugby",),
        ("cricket",),
        ("tennis",),
        ("golf",),
        ("basketball",),
        ("baseball",),
        ("hockey",),
        ("athletics",),
        ("cycling",),
        ("boxing",),
    ),
    # energy sources
    (("coal",), ("nuclear",), ("solar",), ("wind",), ("gas",), ("oil",), ("hydro", "hydroelectric")),
    # buildings a public body runs
    (
        ("school",),
        ("hospital",),
        ("library",),
        ("prison",),
        ("museum",),
        ("church",),
        ("station",),
        ("airport",),
        ("stadium",),
    ),
    # ways to travel
    (
        ("car",),
        ("bus",),
        ("rail", "railway"),
        ("tram",),
        ("ferry", "ship"),
        ("bicycle", "bike", "cyclist"),
        ("lorry", "truck"),
        ("flight", "aircraft", "airliner"),
    ),
    # months (not May or March)
    (
        ("january",),
        ("february",),
        ("april",),
        ("june",),
        ("july",),
        ("august",),
        ("september",),
        ("october",),
        ("november",),
        ("december",),
    ),
    # seasons (not spring)
    (("summer",), ("autumn",), ("winter",)),
)
