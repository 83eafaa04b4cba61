"""Word lists for the hedge / vague-source / unsourced-claim detectors.

Plain data, no logic: the detectors compile these into regexes once, at import. Every
entry is a regex *fragment* (matched case-insensitively, on word boundaries) so a list can
hold inflections ("is|are|was|were") without a separate stemmer. Lists describe English
news conventions, not any one article: add a phrase here when it is a general way of
hedging or of hiding a source, never to catch one sentence.
"""
from __future__ import annotations

# --- hedges: the writer signals the fact is not established -------------------------------

# Epistemic passives: "is thought to", "are believed to", "was said to", "is understood to".
HEDGE_PASSIVE_VERBS: tuple[str, ...] = (
    "thought", "believed", "understood", "said", "reported", "alleged", "rumou?red",
    "suspected", "feared", "presumed", "assumed", "supposed", "reputed", "estimated",
)
# Passives that hedge only with a perfect infinitive: "is expected to have fallen" reports an
# unconfirmed past fact, while "is expected to fall" is a forecast and stays out.
HEDGE_PASSIVE_PERFECT_VERBS: tuple[str, ...] = (
    "expected", "likely", "set", "known", "claimed", "rumou?red", "tipped",
)
# Suspicion passives with "of" + gerund: "is suspected of pumping", "is thought responsible for".
HEDGE_SUSPICION_FRAMES: tuple[str, ...] = (
    r"suspected of", r"(?:thought|believed|understood|said|alleged) to be (?:behind|responsible for)",
    r"(?:thought|believed|suspected|alleged) responsible for",
)
# Hedging frames whose subject is evidence, not a speaker: "sources suggest", "evidence suggests",
# "early indications are that".
HEDGE_EVIDENCE_FRAMES: tuple[str, ...] = (
    r"(?:early |initial |first )?indications (?:are|were) that",
    r"all the signs (?:are|were) that",
    r"there (?:is|was) (?:some |growing |mounting )?speculation",
)
# Impersonal frames: "it is thought that", "it is understood", "it has been reported that".
HEDGE_IMPERSONAL_VERBS: tuple[str, ...] = (
    "thought", "believed", "understood", "reported", "alleged", "rumou?red", "suspected",
    "feared", "said", "presumed", "assumed", "supposed",
)
# Sentence adverbs / adjectives that hedge the whole proposition.
HEDGE_ADVERBS: tuple[str, ...] = (
    "reportedly", "allegedly", "purportedly", "apparently", "supposedly", "seemingly",
    "ostensibly", "reputedly", "probably", "presumably", "possibly", "likely", "unlikely",
    "rumou?red", "alleged", "purported", "unconfirmed", "perhaps", "ostensibly", "conceivably",
    "in all likelihood", "by all accounts", "so far unverified", "unverified",
)
# "appears to", "seemed to", "it seems", "appear likely".
HEDGE_APPEARANCE_VERBS: tuple[str, ...] = ("appears?", "appeared", "seems?", "seemed")
# Epistemic modal + perfect: "may have", "might have been", "could have caused".
# Plain "may"/"could" + base verb is usually future or conditional, not a hedge on a fact.
HEDGE_MODALS_PERFECT: tuple[str, ...] = ("may", "might", "could", "must")
# Weasel passives that stand in for an unnamed judge: "is widely regarded as", "was considered one of".
# "known as" is naming, not judging, and stays out.
HEDGE_WEASEL_VERBS: tuple[str, ...] = (
    "considered", "regarded", "seen", "viewed", "deemed", "reckoned", "acknowledged", "recognised",
    "recognized", "thought of",
)
HEDGE_WEASEL_DEGREE: tuple[str, ...] = (
    "widely", "generally", "often", "commonly", "largely", "frequently", "sometimes", "now", "still",
    "increasingly", "by many", "by some", "also",
)
# Existential hedges: "there are reasons to think", "there have been signs that".
HEDGE_GROUNDS_NOUNS: tuple[str, ...] = (
    "reasons?", "grounds", "signs", "indications?", "suggestions?", "speculation",
    "suspicions?", "rumou?rs?", "fears",
)
HEDGE_GROUNDS_LINKS: tuple[str, ...] = (
    "to (?:think|believe|suspect|expect|assume)", "that",
)

# --- vague sources: the claim is attributed, but to nobody who can be checked ------------

# Speech / belief verbs that make a noun phrase the source of a claim.
SOURCE_VERBS: tuple[str, ...] = (
    "say", "says", "said", "saying", "believe", "believes", "believed", "claim", "claims",
    "claimed", "think", "thinks", "fear", "fears", "feared", "suggest", "suggests",
    "suggested", "report", "reports", "reported", "told", "tell", "tells", "warn", "warns",
    "warned", "allege", "alleges", "alleged", "insist", "insists", "insisted", "argue",
    "argues", "argued", "estimate", "estimates", "estimated", "maintain", "maintains",
    "contend", "contends", "indicated", "indicate", "indicates", "confirmed", "confirm",
    "confirms", "described", "describe", "describes", "added", "noted", "suspect",
    "suspects", "complain", "complained", "complains", "accuse", "accused", "accuses",
    "point out", "pointed out", "points out", "charge", "charged", "questioned", "question",
    "predict", "predicted", "predicts", "expect", "expected", "expects",
)
# "sources" in any form is unnamed: "local sources", "sources close to", "a source said".
SOURCE_NOUNS: tuple[str, ...] = ("sources?", "insiders?")
# People defined only by their knowledge or proximity: "people familiar with the matter".
PROXIMITY_HEADS: tuple[str, ...] = (
    "people", "persons?", "a person", "someone", "those", "one person", "individuals",
    "officials?", "an official", "aides?", "staff",
)
PROXIMITY_LINKS: tuple[str, ...] = (
    "familiar with", "close to", "with (?:direct )?knowledge of", "briefed on",
    "involved in", "with access to", "aware of",
)
# Plural groups that are vague when they speak without an organisation attached:
# "critics say", "experts believe", "according to local officials".
VAGUE_GROUPS: tuple[str, ...] = (
    "officials", "critics", "insiders", "experts", "analysts", "observers", "residents",
    "locals", "witnesses", "commentators", "campaigners", "activists", "economists",
    "scientists", "researchers", "doctors", "observers", "onlookers", "neighbours",
    "neighbors", "diplomats", "investors", "traders", "pharmacists", "teachers", "parents",
    "fans", "supporters", "opponents", "sceptics", "skeptics", "people", "users",
    "employees", "workers", "staff", "members", "bystanders", "historians", "scholars",
    "groups", "organisations", "organizations", "charities", "unions", "lobbyists", "lawmakers",
    "legislators", "politicians", "commentators", "pundits", "strategists", "scientists",
    "academics", "watchers", "specialists",
)
# Groups that speak for no institution even when a place or an organisation follows:
# "residents of Teknaf", "anglers in Nowy Brzeg", "parents at the school" are still nobody
# who can be checked.
LAY_GROUPS: tuple[str, ...] = (
    "residents", "locals", "villagers", "townspeople", "witnesses", "onlookers", "bystanders",
    "neighbou?rs", "anglers", "fishermen", "fishers", "farmers", "passengers", "commuters",
    "motorists", "drivers", "shoppers", "shopkeepers", "families", "relatives",
    "parents", "patients", "fans", "supporters", "voters", "tenants", "homeowners",
    "protesters", "demonstrators", "survivors", "refugees", "mourners", "users", "customers",
    "people", "critics", "observers",
    "holidaymakers", "tourists", "visitors", "worshippers", "pilgrims", "hikers", "climbers",
    "swimmers", "cyclists", "pedestrians", "eyewitnesses", "friends", "colleagues",
)
# Words that make a capitalised name after "in"/"of" an organisation rather than a place:
# "officials in the Ministry of Health" are named, "diplomats in Cairo" are not.
ORGANISATION_HEADS: tuple[str, ...] = (
    "ministry", "department", "office", "agency", "council", "commission", "committee",
    "bank", "company", "corporation", "corp", "inc", "ltd", "plc", "llc", "group", "holdings",
    "securities", "capital", "partners", "institute", "university", "college", "school",
    "hospital", "police", "service", "services", "authority", "board", "party", "government",
    "administration", "parliament", "senate", "congress", "assembly", "court", "army",
    "navy", "force", "forces", "union", "federation", "association", "foundation", "trust",
    "fund", "organisation", "organization", "bureau", "directorate", "cabinet", "house",
    "club", "team", "labs", "laboratory", "laboratories", "centre", "center", "society",
    "network", "times", "post", "news", "press", "journal", "herald", "guardian",
)
# Adjectives that keep such a group vague ("local officials", "senior officials").
VAGUE_GROUP_MODIFIERS: tuple[str, ...] = (
    "local", "senior", "unnamed", "anonymous", "unidentified", "government", "western",
    "security", "intelligence", "military", "diplomatic", "industry", "independent",
    "health", "police", "party", "other", "some", "many", "several", "most", "few",
    "a few", "a number of", "numerous", "various", "certain", "two", "three", "multiple",
    "environmental", "conservation", "campaign", "rights", "human rights", "aid", "opposition",
    "advocacy", "community", "consumer", "patient", "business", "farming", "lobby", "pressure",
    "activist", "green", "civil society", "humanitarian", "medical", "religious", "student",
    "western", "foreign", "regional", "european", "international", "market", "wall street",
    "city", "climate", "trade", "labour", "labor", "legal", "political", "defence", "defense",
)
# Quantifiers that make any plural noun phrase an unnamed group: "some pharmacists say".
VAGUE_QUANTIFIERS: tuple[str, ...] = (
    "some", "many", "several", "a number of", "a few", "most", "numerous", "various",
    "certain", "a growing number of", "a handful of", "countless", "others",
)
# Pronoun-like vague sources: "some say", "many believe", "others argue".
VAGUE_PRONOUNS: tuple[str, ...] = ("some", "many", "others", "few", "most", "critics")
# Unnamed individuals: "a former colleague said", "one resident told".
UNNAMED_INDIVIDUALS: tuple[str, ...] = (
    "colleague", "neighbou?r", "resident", "insider", "official", "employee", "worker",
    "witness", "source", "friend", "relative", "acquaintance", "diplomat", "aide",
    "staff member", "member of staff", "local", "shopkeeper", "onlooker", "passer-by",
    "expert", "analyst", "observer", "person",
    "individual", "bystander", "eyewitness", "fan", "parent", "passenger", "customer",
    "contractor", "consultant", "banker", "lawyer", "doctor", "nurse", "teacher", "student",
)
UNNAMED_INDIVIDUAL_DETERMINERS: tuple[str, ...] = ("a", "an", "one", "another")
UNNAMED_INDIVIDUAL_MODIFIERS: tuple[str, ...] = (
    "former", "local", "senior", "junior", "longtime", "long-time", "fellow", "close",
    "family", "retired", "current", "government", "company", "party", "western", "foreign",
    "european", "industry", "security", "intelligence", "military", "police",
)
# Explicit anonymity: "who asked not to be named", "speaking on condition of anonymity".
ANONYMITY_PHRASES: tuple[str, ...] = (
    r"(?:who|which) (?:asked|requested|wished|declined|preferred|spoke) "
    r"(?:not )?(?:to be |to remain |on (?:the )?condition of )?(?:named|identified|anonymous|anonymity)",
    r"speaking (?:on (?:the )?condition of anonymity|anonymously|privately)",
    r"on (?:the )?condition of anonymity",
    r"(?:declined|refused) to be (?:named|identified)",
)
# Impersonal claims with no claimant: "it is claimed that", "according to reports".
VAGUE_IMPERSONAL: tuple[str, ...] = (
    r"it (?:is|was|has been|had been) (?:widely |frequently |often )?(?:claimed|suggested|argued|asserted|rumou?red)",
    r"(?:sources|insiders|reports|rumou?rs|accounts) (?:suggest|suggested|indicate|indicated|have suggested|have indicated)",
    r"according to (?:some |unconfirmed |local |media |press |news |several |multiple )?reports",
    r"(?:media|press|unconfirmed|local|news) reports (?:say|said|suggest|suggested|claim|claimed|indicate|indicated)",
    r"(?:reports|rumou?rs) (?:say|said|suggest|suggested|claim|claimed|have it)",
    r"word (?:is|has it)",
    r"some (?:say|said|believe|claim|argue|suggest|think|fear)",
    r"(?:many|others) (?:say|believe|claim|argue|suggest|think|fear)",
)

# Determiners / possessives that, following a group noun, tie it to a named organisation:
# "officials at the Ministry of Health", "experts from Kestrel Labs" are not vague.
ORGANISATION_LINKS: tuple[str, ...] = ("at", "from", "of", "with", "for", "in")

# --- named attribution, as a fallback when no attribution detector ran --------------------

NAMED_ATTRIBUTION_CUES: tuple[str, ...] = (
    "said", "says", "saying", "told", "tells", "according to", "wrote", "writes",
    "posted", "stated", "states", "announced", "confirmed", "tweeted", "testified",
    "insisted", "explained", "added", "reported", "claimed", "claims", "argued",
    "acknowledged", "admitted", "denied", "quoted", "cited",
    r"(?:data|figures|statistics|records|documents|papers|records|filings|accounts) (?:show|showed|shows|suggest|suggests|indicate|indicates)",
    r"in a statement", r"in an interview", r"in a (?:blog )?post",
    # A named document as the source: "the report, published by X, found that ..."
    r"(?:report|study|survey|review|inquiry|audit|analysis|research|poll|census|investigation)\b[^.;]{0,80}?"
    r"\b(?:found|finds|concluded|concludes|showed|shows|revealed|reveals|estimated|estimates|suggests|suggested)",
)

# --- Wikipedia-style weasel and peacock wording (sentence-level uncertainty, CoNLL-2010) --
# Used only by the sentence-level weasel scorer, not by the news detectors: in news copy
# "many", "often" or "major" are ordinary description, and would flag plain reporting.
WEASEL_QUANTIFIERS: tuple[str, ...] = (
    "some", "many", "several", "various", "numerous", "a few", "a number of", "most", "others",
    "few", "countless", "a variety of", "a handful of", "certain",
)
WEASEL_FREQUENCY: tuple[str, ...] = (
    "often", "usually", "generally", "commonly", "widely", "typically", "frequently",
    "occasionally", "sometimes", "largely", "mainly", "mostly", "arguably", "particularly",
    "increasingly", "traditionally", "reportedly", "notably", "relatively", "fairly", "somewhat",
)
WEASEL_PEACOCK: tuple[str, ...] = (
    "famous", "famously", "notable", "noted", "renowned", "legendary", "prominent", "significant",
    "important", "prestigious", "popular", "greatest", "leading", "major", "well-known",
    "well known", "acclaimed", "celebrated", "iconic", "influential", "successful",
    "distinguished", "remarkable", "prolific", "storied", "respected", "controversial",
    "best known", "best-known", "highly", "considerable", "extensive", "substantial",
)
WEASEL_EPISTEMIC: tuple[str, ...] = (
    "may", "might", "could", "possibly", "probably", "perhaps", "likely", "unlikely", "seems?",
    "appears?", "suggests?", "suggested", "considered", "regarded", "deemed", "believed",
    "thought", "claimed", "alleged", "supposedly", "apparently", "presumably",
)
