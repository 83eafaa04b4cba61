"""Check-worthy factual sentences that carry no attribution at all (reason ``unsourced``).

Runs after the attribution and hedge detectors and reads their findings: a sentence with
any attribution (named or vague, in the sentence or, for quoted speech, in the quote's
neighbouring sentence) is not unsourced, and a sentence that already has an
``unverified_claim`` finding is never flagged twice. Hedged sentences are left to the
hedge detector even when it did not run, so a hedge is never reported as "unsourced".

Which sentences are worth a fact-checker's time is decided by the learned check-worthiness
model (``claims.checkworthiness_model``, trained on ClaimBuster's crowdsourced labels): its
probability must reach ``UNSOURCED_PROBABILITY``. The bar was chosen on the 30 dev articles of
the hand-labelled BBC sample (``manage.py evaluate --unverified-split dev``) and the gold dev
corpus: at 0.7, with the rules vetoing what they read as prediction or opinion and a lower bar
(0.2) for what they score as a statistic (0.5 or more), strict precision is 0.60 and recall
0.51 on the BBC dev articles (the rule score alone at 0.40: 0.50 and 0.31), and unverified F1
0.933 on the gold dev corpus. A higher bar buys precision with recall (0.8: 0.69 and 0.42).
With the subject rules below (and the sourcing fixes of the same change): 0.70 and 0.54.

What the sentence is about counts too (``claims.news_topic``): a sentence whose words are
mostly about leisure (films, awards, sport, games, gadgets) is routine news, flagged only for
a measured statistic the rules score high; one mostly about a public-interest subject (the
economy, government, law and courts, health) is flagged from a middle probability
(``PUBLIC_INTEREST_PROBABILITY``), because the model, trained on debates, scores plain
narrative news ("the court quashed the sentences") low.
The rules also veto trivia (box office, copies sold, chart places, rankings, routine sport,
product specifications) and name the features in the explanation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from credibility.analysis.claims.checkworthiness import checkworthiness
from credibility.analysis.claims.flag_value import claim_checkworthiness_many, flag_confidence
from credibility.analysis.claims.news_topic import NewsTopic, news_topic
from credibility.analysis.detectors.hedges import find_hedge, first_person, forecast, unflagged_sentences, unquoted
from credibility.analysis.patterns import word_set
from credibility.analysis.types import ENGLISH_ONLY, AnalysisContext, Document, Finding, sentence_finding

DETECTOR_VERSION = 1
UNSOURCED_PROBABILITY = 0.7
_NEGATIVE = frozenset(
    {
        "question",
        "first-person-opinion",
        "prescriptive",
        "future-or-conditional",
        "evaluative",
        "background",
        "event-narration",
        "imperative",
        "fragment",
        "trivia",
        "sport-routine",
    }
)


_TRIVIA = frozenset({"trivia", "sport-routine"})
# What the rules recognise as not a statement of fact, which the learned model sometimes scores
# high ("would mark a significant change" is a prediction).
_NOT_FACT = frozenset(
    {"future-or-conditional", "evaluative", "first-person-opinion", "prescriptive", "imperative", "question"}
)
# A statistic, trend or estimate the rules score high is flagged with a lower learned bar: the
# model, trained on debate transcripts, undervalues written statistics ("one in five adults").
RULE_STATISTIC = 0.5
STATISTIC_PROBABILITY = 0.2
# What makes a sentence a measurement rather than a count of routine events ("won four prizes").
_MEASURED = frozenset(
    {
        "percent",
        "proportion",
        "money",
        "trend",
        "approximate-quantity",
        "record",
        "comparative",
        "comparative-reference",
    }
)
# In leisure news a rough or compared count is routine too ("more than 60 appearances", "over 30
# awards", "sold about two million records"): a leisure statistic needs a real measure.
_LEISURE_MEASURED = _MEASURED - {"approximate-quantity", "comparative"}
# A statement about a public-interest subject needs less of the model's confidence.
PUBLIC_INTEREST_PROBABILITY = 0.6
# What makes a sentence a prediction or a conditional: the rules' "future-or-conditional" cues
# without "can". "Venues can apply for longer hours", "the subsidies governments can give":
# present ability or permission, what a law or a product allows now, is a checkable fact.
_PREDICTION = re.compile(
    r"\b(?:will|would|could|might|may|shall)\b"
    r"|\b(?:is|are) (?:widely |also |now )?(?:going|expected|due|set|scheduled|planned|tipped|poised|forecast|predicted) to\b",
    re.I,
)


# A reaction to someone else's act ("X welcomed the decision", "Y backed Z's ruling") reports
# who said what: the act of speaking, sourced to its subject, not a claim about the world.
_REACTION = re.compile(
    r"\b(?:welcomed|welcomes|praised|praises|criticised|criticized|criticises|criticizes|condemned|condemns|"
    r"applauded|hailed|hails|denounced|denounces|backed|backs)\s+"
    r"(?:(?:the|this|that|his|her|their|its|[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3}['\u2019]s?)\s+)"
    r"(?:[\w'\u2019-]+\s+){0,2}?"
    r"(?:decision|decisions|announcement|announcements|move|ruling|verdict|remarks|comments|statement|speech|choice)\b"
)


# Voicing a worry ("the union voiced concern about the job cuts", "he highlighted his particular
# concern for ..."): the act of speaking too, whatever the worry is about.
_CONCERN = re.compile(
    r"\b(?:voiced|voices|voicing|expressed|expresses|expressing|highlighted|highlights|highlighting|raised|raises|"
    r"stressed|stresses|aired|airs)\s+(?:(?:his|her|their|its|our|the|a|some|grave|serious|deep|particular|"
    r"growing|strong|new|further)\s+){0,3}(?:concern|concerns|fears|worries|doubts|misgivings|reservations)\b",
    re.I,
)


# A state that has held since a past date ("The plant has made steel since 1964", "was elected in
# 1994 and has ruled ever since", "She had worked there since 2008"): background, history told to
# set the scene. Not with a negation ("has not frozen the tax since 2016", "... and has never
# had a fatal crash": a record), a measured change ("has risen by a fifth since the 1990s": a
# statistic) or a count ("has had three chief executives since 2015"), which are claims.
_LONG_STANDING = re.compile(
    r"\b(?:has|have|had)\s+(?:been\s+)?[a-z]+(?:ed|en|ne|wn|de|lt|ld|ng|ht|un)\b(?:\s+(?!not\b|never\b)[\w'\u2019,-]+){0,8}?"
    r"\s+(?:since\s+(?:(?:the\s+)?(?:early\s+|mid-?|late\s+)?\d{4}s?|its\s+\w+)|ever\s+since)\b",
    re.I,
)


# What makes a sentence about a state held since a date a claim: a measure, a count or a record.
_TALLIED = _MEASURED | {"quantity", "negated-fact", "negated-record"}


def _long_standing(text: str, features: tuple[str, ...]) -> bool:
    """Whether ``text`` tells a state that has held since a past date, with no measure, count or record."""
    return _LONG_STANDING.search(text) is not None and not _TALLIED.intersection(features)


# Someone's characterisation in their own quoted words ("X described the vote as \"a betrayal\"",
# "Y branded the plan \"reckless\""): what it says is the speaker's view, quoted.
_CHARACTERISATION = re.compile(
    r"\b(?:described|describes|describing|branded|brands|branding|labelled|labeled|labels|dubbed|dubs|called|calls)\b"
    r"[^.;\"\u201c\u201d]{0,60}?[\"\u201c]",
    re.I,
)


# A belief reported for its holder ("They obviously believed he had done it", "X, chief executive
# of Y, believes it is time ..."): what someone believes is their opinion (the guide's NFS). Not an
# epistemic passive ("is widely believed to", "was thought to"), the hedge detector's, nor a
# noun ("the thought that").
_BELIEF = re.compile(
    r"\b(?:believe|believes|believed|think|thinks|thought|reckon|reckons|reckoned)\s+"
    r"(?:that|it|he|she|they|there|this|these|those|the|a|an|[A-Z])\b"
    r"|\b(?:feel|feels|felt)\s+(?:that|it|he|she|they|there)\b"
)
_NOT_A_BELIEVER = frozenset(
    "is are was were be been being am the a an widely generally commonly popularly once long".split()
)
# A belief in a condition or a relative clause ("can claim damages if they think they were
# misled", "a company which believes that ...") qualifies the sentence's statement, which stands.
_SUBORDINATE_BELIEF = frozenset("if unless whether when whenever who which that".split())


def _voice_of_someone(text: str) -> bool:
    """Whether ``text``, outside its quotation marks, speaks in a first person or reports a belief."""
    if first_person(text):
        return True  # someone's own account outside quotation marks (``hedges.first_person``)
    own = unquoted(text)
    for match in _BELIEF.finditer(own):
        before = [word.casefold() for word in own[: match.start()].split()[-2:]]
        if not any(word in _NOT_A_BELIEVER or word in _SUBORDINATE_BELIEF for word in before):
            return True
    return False


def _reaction(text: str) -> bool:
    """Whether ``text`` reports a reaction to someone's act or words ("X welcomed the announcement")
    or voices a worry ("X voiced concern about ...")."""
    return _REACTION.search(text) is not None or _CONCERN.search(text) is not None


def _characterisation(text: str, rule_score: float) -> bool:
    """Whether ``text`` quotes someone's characterisation and states no statistic of its own ("In
    what X calls \"an alarming trend\", induction time fell from 36 to 21 days" is a statistic)."""
    return rule_score < RULE_STATISTIC and _CHARACTERISATION.search(text) is not None


def _statement_features(text: str, features: tuple[str, ...]) -> tuple[str, ...]:
    """The rules' features of ``text``, without "future-or-conditional" when its only modal is "can"."""
    if "future-or-conditional" in features and not _PREDICTION.search(text):
        return tuple(f for f in features if f != "future-or-conditional")
    return features


# A causal claim about a measure ("the rise was driven by fuel prices", the labelling guide's own
# example; "sales were boosted by the launch", "the figures mean the firm has passed ...") or what
# figures are said to mean: the writer's reading of the numbers, what a fact-checker checks,
# whatever the subject (a leisure market's sales too).
_MEASURE_EXPLAINED = re.compile(
    r"\b(?:figures|numbers|sales|prices|profits?|losses|revenues?|earnings|growth|demand|exports|imports|"
    r"rise|fall|drop|increase|decline|slump|surge|jump|slowdown|upturn|downturn)\b[^.;:]{0,40}?"
    r"\b(?:was|were|is|are|has been|have been|had been)\s+(?:also\s+|largely\s+|partly\s+|mainly\s+|mostly\s+)?"
    r"(?:boosted|driven|fuelled|fueled|hit|dragged down|held back|helped|hurt|caused|lifted|pushed up|depressed|"
    r"dented|offset)\s+by\b"
    r"|\b(?:the|these|those|latest)\s+(?:\w+\s+)?(?:figures|numbers|data|results)\s+(?:also\s+)?"
    r"(?:mean|means|meant|imply|implies|implied)\b",
    re.I,
)


# Words every match of ``_MEASURE_EXPLAINED`` holds whole: a measure and "by" (the first branch),
# or a verb of meaning and a noun of figures (the second). Most sentences lack them, and the pattern,
# tried at every character, is not run (12 us on an average sentence).
_MEASURE_NOUNS = frozenset(
    """figures numbers sales prices profit profits losses revenue revenues earnings growth demand exports imports
    rise fall drop increase decline slump surge jump slowdown upturn downturn""".split()
)
_MEANING_VERBS = frozenset("mean means meant imply implies implied".split())
_FIGURE_NOUNS = frozenset("figures numbers data results".split())


def _explains_a_measure(text: str) -> bool:
    words = word_set(text)
    if not (
        ("by" in words and not words.isdisjoint(_MEASURE_NOUNS))
        or (not words.isdisjoint(_MEANING_VERBS) and not words.isdisjoint(_FIGURE_NOUNS))
    ):
        return False
    return _MEASURE_EXPLAINED.search(text) is not None


def _worth_flagging(
    probability: float, rule_score: float, features: tuple[str, ...], topic: NewsTopic, *, explained: bool = False
) -> bool:
    # The writer's account of what moved a measure, or of what figures mean, is checkable
    # whatever its subject, from the statistic bar.
    if explained and probability >= STATISTIC_PROBABILITY and not _NOT_FACT.intersection(features):
        return True
    # A measured statistic or trend is checkable whatever its subject ("attendances have fallen
    # by a quarter this season"); trivia among them (box office, chart places) never gets here.
    if rule_score >= RULE_STATISTIC and probability >= STATISTIC_PROBABILITY:
        if not topic.is_leisure or _LEISURE_MEASURED.intersection(features):
            return True
    if topic.is_leisure:
        return False  # routine leisure news (awards, films, sport, gadgets)
    statement = not _NOT_FACT.intersection(features)
    if probability >= UNSOURCED_PROBABILITY and statement:
        return True
    # The law acting on someone, stated as a fact ("Two others were arrested", "the court quashed
    # the convictions"): an accusation or a record, checkable whatever the model's score.
    if topic.law_event and statement and "background" not in features:
        return True
    # Background everybody agrees on ("X borders Y") is not news, whatever the subject.
    return (
        topic.is_public_interest
        and probability >= PUBLIC_INTEREST_PROBABILITY
        and statement
        and "background" not in features
    )


@lru_cache(maxsize=4096)  # a pure function of the text: a sentence seen before is not read again
def _screen(text: str) -> tuple[float, tuple[str, ...], NewsTopic] | None:
    """The rule checks of an unattributed statement: None when a rule rules it out, else its rule
    score, features and topic, for the learned model to score."""
    worth = checkworthiness(text)
    if _TRIVIA & set(worth.features) or find_hedge(text) is not None:
        return None  # trivia (box office, copies sold, rankings, routine sport) is never flagged
    if _reaction(text) or _characterisation(text, worth.score):
        return None  # who reacted to what, or called it what: the act of speaking itself
    if _voice_of_someone(text):
        return None  # someone's own account or belief: theirs, not the writer's claim
    if forecast(text):
        return None  # "X expects five firms to cut jobs": what is forecast has not happened yet
    features = _statement_features(text, worth.features)
    if _long_standing(text, features):
        return None  # history since a date sets the scene: background, not the news
    if worth.score < RULE_STATISTIC and _NOT_FACT.intersection(features):
        return None  # a prediction or an opinion, and no statistic: no probability can flag it
    return worth.score, features, news_topic(text)  # the topic only for the sentences the model will score


class UnsourcedDetector:
    """``unverified_claim`` findings with reason ``unsourced``."""

    name = "unsourced"
    version = DETECTOR_VERSION
    # Its claim and sourcing cues are English.
    languages: frozenset[str] | None = ENGLISH_ONLY

    def detect(self, document: Document, context: AnalysisContext, earlier: Sequence[Finding]) -> list[Finding]:
        findings: list[Finding] = []
        # Cheap rule checks first; the learned model then scores the survivors in one batch.
        candidates = []
        for sentence, att in unflagged_sentences(document, earlier):
            if att.attributed or att.quoted:
                continue
            # "X did Y shortly before the minister announced Z": the speaker vouches for Z only;
            # the writer's own statement, X did Y, is what is judged.
            text = sentence.text[: att.clause_end].rstrip(" ,;-\u2013\u2014") if att.clause_end else sentence.text
            screened = _screen(text)
            if screened is not None:
                candidates.append((sentence, text, *screened))
        probabilities = claim_checkworthiness_many([text for _, text, _, _, _ in candidates])
        for (sentence, text, rule_score, features, topic), probability in zip(candidates, probabilities, strict=True):
            if not _worth_flagging(probability, rule_score, features, topic, explained=_explains_a_measure(text)):
                continue
            positive = [f for f in features if f not in _NEGATIVE] or ["factual-claim"]
            findings.append(
                sentence_finding(
                    document,
                    sentence,
                    kind="unverified_claim",
                    detector=f"{self.name}@{self.version}",
                    rule="checkworthy:" + "+".join([*positive[:3], "no-attribution"]),
                    confidence=flag_confidence(checkworthiness=probability),
                    explanation=(
                        f"A check-worthy factual claim ({', '.join(positive[:3])}) with no source given; "
                        f"check-worthiness {probability:.2f}."
                    ),
                    reason="unsourced",
                    checkworthiness=probability,
                    meta={"checkworthiness": f"{probability:.2f}"},
                )
            )
        return findings
