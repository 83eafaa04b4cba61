"""Cue verbs ("said", "told", "warned"): the speaker on either side of a reporting verb, with the
senses that report nothing ruled out (results posted, promises, namings, questions asked, "tells a
story"), inverted, relative and coordinated cues, and the patterns only this reading uses.
"""

from __future__ import annotations

import re

from credibility.analysis.detectors.attribution.cue_patterns import _CLOSING_CUE_TAIL, _SPEECH_FOLLOW, _VERB_FORMS
from credibility.analysis.detectors.attribution.documents import _definite_document, _work_before
from credibility.analysis.detectors.attribution.grammar import (
    _BY_AFTER,
    _CAP,
    _LINKING_ADVERBS,
    _MONTH,
    _POSSESSIVE_TAIL,
    _PROPER_RUN,
    _WB,
    _WEEKDAY,
    _alt,
)
from credibility.analysis.detectors.attribution.speakers import (
    _WINDOW,
    _clause_start,
    _parse_end,
    _parse_start,
    _speaker_before,
)
from credibility.analysis.detectors.attribution.state import _NP, _Candidate
from credibility.analysis.detectors.attribution.statements import (
    _aux_from,
    _bounded,
    _ends_with_comma,
    _statement_span,
    _tail_from,
)
from credibility.analysis.detectors.attribution.subjects import (
    _OPEN_QUOTE,
    _PLAIN_SPEECH,
    _PLURAL_HEAD,
    _QUOTE_CLOSES_BEFORE,
    _after_quote,
    _clause_subject,
    _closing_credit,
    _generic_after,
    _generic_subject,
    _in_quotation,
    _noun_phrase_start,
    _plural_common_noun_at_start,
    _portion_tail,
    _subordinate_subject,
)
from credibility.analysis.lexicons import attribution as lex
from credibility.analysis.types import Sentence

# A time phrase closing the text before a cue verb (searched in a short window, end-anchored).
_TIME_TAIL = re.compile(
    rf"\s+(?:(?:on\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|on\s+(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})"
    r"|(?:last|this|earlier\s+this|late\s+last|early\s+last)\s+(?:week|month|year|night|weekend|morning|afternoon|evening)"
    rf"|(?:last|this)\s+{_WEEKDAY}|at\s+the\s+time|at\s+one\s+point)\s*$"
)
_PAREN_TAIL = re.compile(r"\s*\((?:[A-Z][\w&.'\u2019-]*)(?:\s+[A-Z][\w&.'\u2019-]*){0,2}\)\s*$")
# After a stance verb, what shows it has no object: an adverb, a preposition, the clause's end.
_NO_OBJECT_FOLLOW = re.compile(
    r"\s*(?:[.,;:!?)]|$)|\s+(?:[a-z]+ly|well|badly|hard|deep|in|on|at|for|with|from|against|to|by|as|until|after|down|up|into|through|over|across|along|around|towards?|past|off|out|back)(?![\w-])"
)
_AS_BEFORE = re.compile(r"(?<![\w'\u2019])as\s+$", re.I)
# ("put it" is its own past tense: "As Ann Bell put it" needs no plural subject)
# ("read" is its own past tense: "the statement read" needs no plural subject)
_BASE_FORMS = frozenset(lemma for lemma, forms in lex.CUE_VERBS.items() if lemma in forms) - {"put it", "read"}
_AUX_TAIL = re.compile(
    r"(?:\s+|^)(?:(?:has|have|had|will|would|shall|should|could|can|may|might|must|did|does|do|also|later|"
    r"previously|earlier|again|then|repeatedly|publicly|privately|recently|already|once|first|last|just|long|meanwhile|"
    r"further|separately|yesterday|today|not|never|often|always|reportedly|now|still|even|himself|herself|themselves|itself|"
    rf"{_LINKING_ADVERBS}|(?!(?:daily|weekly|monthly|yearly|quarterly|family|ally|rally|early|elderly|italy|assembly|supply)\b)[a-z]+ly|n['\u2019]t)\s*)+$"
)
_PASSIVE_AUX = re.compile(r"(?:^|\s)(?:is|are|was|were|be|been|being|get|got|gets)\s*$", re.I)
_MODAL_AUX = re.compile(r"\b(?:will|would|shall|should|could|can|may|might|must|did|does|do|to)\b", re.I)
_ADJECTIVAL_BEFORE = re.compile(
    r"(?:^|\s)(?:the|a|an|this|that|these|those|its|his|her|their|our|my|your|said|any|no|every)\s*$", re.I
)
_NOUNLIKE_FOLLOW = re.compile(
    r"\s*(?:that\b|(?-i:Mr|Mrs|Ms|Dr)\b|[\u201c\"\u2018:,]|(?:he|she|it|they|we|the|a|an|his|her|its|their|to|on|in|there|this)\b|[a-z]+ly\b)"
)
_POSSESSIVE_WORD_BEFORE = re.compile(r"\w['\u2019]s?\s+$")
# What a dismissal as a stance dismisses: words, ideas and reports, or anything "as" something.
_DISMISSED_WHAT = re.compile(
    r"\s+(?:[\w'\u2019-]+\s+){0,3}?(?:claims?|talk|suggestions?|criticisms?|reports?|rumou?rs?|allegations?"
    r"|ideas?|notion|fears|concerns|speculation|comments?|remarks?|warnings?|calls|accusations?|attacks?|charges"
    r"|proposals?|theor(?:y|ies)|stor(?:y|ies)|complaints?|questions?|findings?|it|them|this|that)\b"
    r"|\s+(?:[\w'\u2019-]+\s+){1,4}?as\b",
    re.I,
)
# "put it" reports words only as a manner of saying: "As Ann Bell put it, ...", "she put it bluntly:",
# never "He put it on the table".
_PUT_IT_FORMS = frozenset({"put it", "puts it"})
_PUT_IT_FOLLOW = re.compile(
    r"\s*(?:[,:;.!?\u2014\u2013\"\u201d]|(?:this|that|another|the\s+following)\s+way\b|(?:more\s+)?(?:bluntly|simply|"
    r"succinctly|best|plainly|mildly|starkly|colorfully|colourfully)\b|$)",
    re.I,
)
# "posted" also reports a result: an amount after it within a few words ("posted a net profit of $5m").
_RESULT_FORMS = frozenset({"posted"})
_AMOUNT_AFTER = re.compile(
    r"(?:\s+(?![\u201c\"'])[^\s\d$\u00a3\u20ac\u00a5:]+){0,5}?\s+"
    r"(?:(?:[$\u00a3\u20ac\u00a5]|[A-Z]{1,3}\$)\d|\d[\d,.]*\s*(?:%|m\b|bn\b|million|billion|per\s*cent|percent))"
)
# A commitment is reported speech with a to-infinitive for content ("pledged to cut fares").
_COMMITMENT_FORMS = frozenset("promise promises promised pledge pledges pledged".split())
_TO_VERB = re.compile(r"\s+to\s+(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b)[a-z]+\b")
_APPOSITIVE_NAME_AFTER = re.compile(rf",\s*(?P<name>{_PROPER_RUN})\s*(?=[,.;:!?\u201d\"]|$)")
_RELATIVE_BEFORE = re.compile(r"\b(?:which|that|what)\s+$", re.I)
_CALL_FOLLOW = re.compile(r"\s+(?:it|them|this|that|him|her|these|those)\b|\s+for\b")
_NAMING_VERBS = frozenset("call called describe described dubbed branded labelled labeled termed hailed".split())
# (two apostrophes open a quotation in some copy: "called the plan ''a shambles''")
_NAMED_AS_QUOTE = re.compile(r"\s+(?:[\w'\u2019-]+\s+){1,5}?(?:as\s+)?(?:[\u201c\"\u2018]|'')")
_QUOTE_BEFORE_SENTENCE = re.compile(r"[?!.][\u201d\"\u2019']{1,2}\s*$")
# "asked the minister whether ...", "asks voters to ...": a question or a request put to someone.
_ASKING_FORMS = frozenset("asked asks".split())
_ASKED_WHAT = re.compile(
    rf"\s+(?:him|her|them|me|us|you|{_PROPER_RUN}|(?:the|a|an|his|her|their)\s+(?:[\w-]+\s+){{0,2}}?[\w-]+|[a-z]+s)"
    r"\s+(?:if|whether|why|what|how|when|where|who|to\s+[a-z]+)\b"
)
# "described the deal as a betrayal": a characterisation, the subject's stance on something named.
_DESCRIBING_FORMS = frozenset("described describes".split())
_DESCRIBED_AS = re.compile(r"(?:\s+(?!as\b)[\w'\u2019.-]+){1,6}?\s+as\s+(?!well\b|soon\b|much\b|many\b|long\b)")
# A short prepositional phrase between a verb and its "that"-clause: "conceded in an interview that".
_PHRASE_THEN_THAT = re.compile(r"\s+(?:on|in|at|during|to|before|after|over)\s+[^,;:.!?\u201c\u201d\"]{1,40}?\s+that\b")
_ADDRESS_VERBS = frozenset("asked asks questioned answered".split())
_ADDRESSEE_TAIL = re.compile(
    rf"\s+(?:him|her|them|me|us|you|(?:the|a|an|his|her|their)\s+(?:[\w-]+\s+){{0,3}}?[\w-]+|{_PROPER_RUN})(?=\s*[.!?,])"
)
# A time phrase between a cue verb and its content: "stated earlier this week that", "announced on
# Monday that".
_TIME_AFTER = re.compile(
    rf"\s+(?:(?:on\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?|yesterday|today|overnight"
    r"|(?:earlier|later)\s+(?:this|that|in\s+the)\s+(?:week|month|year|day)|(?:last|this)\s+(?:week|month|year|weekend)"
    rf"|on\s+(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH}))(?=\s|,)"
)


_SPEECH_AFTER_TIME = re.compile(r",?\s*(?:that\b|whether\b|[\u201c\"\u2018:])")


def _time_after(after: str) -> int:
    """Where the words after a cue verb begin once a time phrase opening them is skipped (0: none)."""
    m = _TIME_AFTER.match(after)
    return m.end() if m else len(after)


_INVERTIBLE = frozenset(
    """said says added wrote explained continued asked recalled noted insisted argued warned
    admitted acknowledged replied answered stated declared claimed remarked observed
    say warn argue insist claim""".split()
)
_THAT_AFTER = re.compile(r"\s+that\b", re.I)
_STATEMENT_PREFIX = re.compile(
    r"(?:^|(?<=[\s\u201c\"]))(?:in|on)\s+(?:a|an|his|her|its|their)\s+(?:[a-z]+\s+)?(?:statement|interview|post|tweet|letter|email|video)(?:\s+on\s+\w+)?,\s*$",
    re.I,
)
_STATEMENT_SUFFIX = re.compile(
    r"\s+(?:in\s+(?:a|an|the|his|her|its|their)\s+(?:[\w-]+\s+){0,2}?(?:statement|interview|post|blog\s+post|tweet|letter|email|video|speech|briefing|filing)"
    r"|on\s+(?:Facebook|X|Twitter|LinkedIn|Instagram|TikTok|Threads|Bluesky|Telegram|social\s+media))\b"
)


# A verb (or preposition) right before a noun-like cue's subject makes the noun its object.
_OBJECT_OF_VERB = re.compile(
    rf"\b(?:{_alt(_VERB_FORMS)}|dismissed|rejected|disputed|of|about|over|against|to|with|by)\s+(?:the\s+)?$", re.I
)
# What before "they" shows the clause is embedded: a relative word, a conjunction of content, a cue.
_THEY_EMBEDDED = re.compile(
    rf"\b(?:who|whom|what|which|that|whether|if|{_alt(sorted(lex.CUE_PARTICIPLES))}|{_alt(_VERB_FORMS)})\s+$", re.I
)


# "cue-verb:said" and the like, one string per verb form (the forms are the lexicon's: a bounded
# set), shared by every candidate and finding instead of one copy per cue.
_CUE_RULES: dict[str, str] = {}


# A verb right after the noun of an inverted cue ("..., said ministers should expect"): the noun
# is the subject of the reported content, not the speaker.
_INVERTED_TAIL = re.compile(
    r"\s+(?:should|would|will|could|can|may|might|must|had|has|have|was|were|is|are|need|needed|did|do|does)\b"
    r"|\s+(?:not|never)\b"
    # a negated auxiliary or a past tense ("said the mayor couldn't recall", "said Gates described")
    r"|\s+\w+n['\u2019]t\b|\s+(?-i:[a-z]+ed)\b(?!\s+(?:in|on|with|by|to|at|for|from|about|of)\b)",
    re.I,
)
_AFTER_NAME_END = re.compile(r"\s*(?:[,.;:]|$)|\s+(?:in|at|on|from|for|of|and|who)\b")
_ROLE_THEN_OWNED_NAME = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){0,4}[a-z][\w-]*,?\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][\w'\u2019-]+){1,2})(?=\s*(?:[,.;:]|$))"
)
# What may follow an inverted pronoun speaker ('"...," said he.'): a pause or the end, never a verb
# ("said he hadn't thought": the pronoun opens the content).
_PRONOUN_SPEAKER_END = re.compile(r"\s*(?:[,.;:!?\u201d\"]|$)")
# "Analysts surveyed by Bellwether Data", "economists polled by Reuters": the group polled is the
# source of an expectation, not the pollster (searched end-anchored in a short window).
_SURVEYED_TAIL = re.compile(
    rf"(?P<np>{_WB}(?P<head>{_alt(sorted(lex.GROUP_PLURALS | lex.VAGUE_NOUNS))})\s+(?:surveyed|polled|questioned|interviewed|canvassed)"
    rf"\s+by\s+{_PROPER_RUN})(?:\s+(?:had|have|has))?\s*$",
    re.I,
)


# An indefinite person before "who": "a British man", "an architect", "one local farmer".
_SOMEONE_BEFORE = re.compile(
    r"(?<![\w'\u2019-])(?P<np>(?:an?|one|another)\s+(?:[\w'\u2019-]+\s+){0,2}?(?P<head>[a-z][a-z-]+))\s*$"
)
_RELATIVE_WHO_TAIL = re.compile(r"(?:,\s*|\s+)(?P<who>who|which)(?:\s+(?:also|then|later|now))?\s*$", re.I)
# A restrictive who-clause between a subject and its cue verb ("traders who attended the meeting said").
_WHO_CLAUSE_TAIL = re.compile(r"\s+who\s+(?!said\b|says\b)[^,;:\"\u201c\u201d()]{3,100}$")
# "... and said", "..., but insisted", "and later added": a verb coordinated with the one before it.
_COORD_TAIL = re.compile(r"(?:^|[\s,])(?:and|but)(?:\s+(?:also|then|later|again|yet))?\s*$", re.I)
# Cue verbs with a common sense that reports nothing ("The pound added 0.5%", "the habit explains the
# rise", "The list acknowledges key influences", "The red carpet boasted dancers"): after a subject of
# unknown head they must open content. Unambiguous ones ("alleges", "noted", "insisted") need not.
_OTHER_SENSES = (
    frozenset(
        """add adds added explain explains explained boast boasts boasted acknowledge acknowledges acknowledged
    offer offers offered challenge challenged attack attacked echo echoed highlight highlighted signal signalled
    signaled project projected forecast forecasts estimate estimates estimated express expresses expressed
    mention mentioned cite cites cited describe describes described reveal reveals revealed indicate indicates
    indicated suggest suggests suggested show shows showed find finds found predict predicts predicted call
    calls called continue continued repeat repeated reflect reflects reject rejects rejected oppose opposed
    propose proposed defend defends defended rule rules ruled question questioned state states stated
    report reports reported note notes""".split()
    )
    | lex.WEAK_CUE_FORMS
)
_TELLS_A_STORY = re.compile(r"\s+(?:the|a|an|its|his|her|their)\s+(?:\w+\s+)?(?:story|stories|tale|tales)\b", re.I)
_BELIEF_FORMS = frozenset(
    "believe believes believed think thinks thought fear fears feared expect expects suggest suggests suggested"
    " indicate indicates indicated".split()
)
_CLAUSE_FOLLOW = re.compile(rf"\s+(?:the|a|an|this|these|those|more|most|many|some|it|he|she|they|we|there|[{_CAP}])\b")
_SAID_TO_BE = re.compile(r"\s+to\s+(?:be|have)\b")  # "the plan said to be costing millions": no speaker


_PLURAL_AUX = re.compile(r"\b(?:have|are|were|do)\b", re.I)
# "Proponents, including the Conference of Mayors, have urged": a group that names its members.
_NAMED_MEMBERS = re.compile(r",\s+(?:including|such\s+as|among\s+them|led\s+by)\s+(?:the\s+)?[A-Z]")


def _cue_verb(text: str, sentence: Sentence, v_start: int, v_end: int) -> _Candidate | None:
    lo, hi = sentence.start, sentence.end
    verb = text[v_start:v_end]
    verb_l = verb.casefold()
    if not verb_l.isalpha():
        verb_l = re.sub(r"\s+", " ", verb_l)
    # Left context is read through a short window: the "$"-anchored patterns below would
    # otherwise rescan the whole sentence for every verb. Each starts where its longest match
    # can begin ("(^|\s)" and a word of at most five letters; "\w's" and blanks).
    before = text[max(lo, v_start - 80) : v_start]
    if _ADJECTIVAL_BEFORE.search(before, _tail_from(before, 6)):
        return None
    if (
        verb[:1].isupper()
        and (verb_l in lex.NAMED_DOCUMENT_WORDS or verb_l == "states")
        and v_start > lo
        and before.rstrip()[-1:].isalpha()
    ):
        return None  # "The Hollis Report found", "the United States": a name, not "Hollis reported"
    after = text[v_end : min(hi, v_end + 40)]
    # A noun-like form ("reports", "estimates") is a verb when content follows it or when it closes
    # the sentence as a credit; otherwise it is a noun ("the agency reports were late").
    noun_like = verb_l in lex.NOUN_LIKE_FORMS and not _closing_credit(text, before, v_end, hi)
    if noun_like and not _NOUNLIKE_FOLLOW.match(after):
        return None
    if verb_l in lex.STANCE_CUE_FORMS and (_NO_OBJECT_FOLLOW.match(after) or _AS_BEFORE.search(before)):
        return None  # "Wales defended well", "as opposed to": no stance taken on anything
    if verb_l in {"dismissed", "dismisses"} and not _DISMISSED_WHAT.match(after):
        return None  # "dismissed two players": a firing; "dismissed the claims as ...": a stance
    if _POSSESSIVE_WORD_BEFORE.search(before, _tail_from(before, 3)):
        return None  # "the Kremlin's continued assault": a participle used as an adjective
    if verb_l in _PUT_IT_FORMS and not _PUT_IT_FOLLOW.match(after):
        return None
    if verb_l in _RESULT_FORMS and _AMOUNT_AFTER.match(after):
        return None  # "posted a profit of $2m", "posted 3% growth": a result, not a post
    weak = (
        verb_l in lex.WEAK_CUE_FORMS
        and not _SPEECH_FOLLOW.match(after)
        and not _SPEECH_AFTER_TIME.match(after, _time_after(after))  # "stated earlier this week that"
        and not (verb_l in _COMMITMENT_FORMS and _TO_VERB.match(after))  # "promised to publish the accounts"
        and not (verb_l in _NAMING_VERBS and (_NAMED_AS_QUOTE.match(after) or _CALL_FOLLOW.match(after)))
        and not (verb_l in _ASKING_FORMS and _ASKED_WHAT.match(text, v_end, hi))  # "asked Ann Bell whether"
        and not (verb_l in _DESCRIBING_FORMS and _DESCRIBED_AS.match(text, v_end, hi))  # "described the plan as"
        # "admitted in court that", "revealed on air that" (not "continued in the job that he loved")
        and not (verb_l != "continued" and _PHRASE_THEN_THAT.match(text, v_end, hi))
    )  # "called the plan “a shambles”", "critics call it a giveaway"
    # "..., the board admitted on Thursday.": a cue closing the sentence reports what precedes it.
    closing = bool(_CLOSING_CUE_TAIL.match(text, v_end, hi))
    aux = _AUX_TAIL.search(before, _aux_from(before))
    aux_start = v_start - (len(aux.group(0)) if aux else 0)
    if aux and aux.group(0).strip() == "":
        aux_start = v_start
    aux_text = text[aux_start:v_start]
    window = text[max(lo, aux_start - 20) : aux_start]
    if _PASSIVE_AUX.search(window, _tail_from(window, 6)) or _PASSIVE_AUX.search(before, _tail_from(before, 6)):
        return None
    # "The Electoral Commission on Thursday said": a time phrase between subject and verb is skipped.
    time_tail = _TIME_TAIL.search(text, max(lo, aux_start - 40), aux_start)
    if time_tail:
        aux_start = time_tail.start()
    # "The Northern Examinations Board (NEB) said": the bracketed acronym is skipped.
    paren = _PAREN_TAIL.search(text, max(lo, aux_start - 40), aux_start)
    speaker_end = paren.start() if paren else aux_start
    surveyed = _SURVEYED_TAIL.search(text, max(lo, speaker_end - 120), speaker_end) if " by " in before else None
    np: _NP | None
    if surveyed is not None:  # "Analysts surveyed by Bellwether Data had expected": the polled group
        np = _NP(
            surveyed.start("np"), surveyed.end("np"), "vague", surveyed.group("np"), surveyed.group("head").casefold()
        )
        weak = False
    else:
        np = (
            _work_before(text, lo, speaker_end)
            or _speaker_before(text, lo, speaker_end)
            or _definite_document(text, lo, speaker_end)
        )
    coordinated = False
    coord_start = v_start
    relative = _RELATIVE_WHO_TAIL.search(text, max(lo, speaker_end - 12), speaker_end) if np is None else None
    if relative is not None:
        # "Ann Bell, who said ...", "voters who say ...": the relative pronoun's antecedent speaks.
        ante_end = relative.start()
        ante_lo = _clause_start(text, lo, ante_end)
        if not relative.group(0).lstrip().startswith(","):
            ante_lo = _noun_phrase_start(text, ante_lo, ante_end)  # "critics who say", not "X rebuked critics"
        np = _parse_end(text, ante_lo, ante_end, full=False)
        if np is not None and np.shape == "vague" and relative.group("who").casefold() == "which":
            # "members of the Saudi government, which denied": "which" is the body, not its people
            of_at = text.rfind(" of ", np.start, ante_end)
            np = _parse_end(text, of_at + 4, ante_end, full=False) if of_at >= 0 else np
        if (
            np is not None
            and relative.group("who").casefold() == "which"
            and not (np.shape == "proper" or (np.shape == "common" and np.det.strip().casefold() == "the"))
        ):
            np = None  # "a company which believes": no body named or referred back to
        if np is None and relative.group("who").casefold() == "who" and not _in_quotation(text, lo, hi, v_start):
            # "a British man who said", "an architect who said": someone unnamed, a vague label
            person = _SOMEONE_BEFORE.search(text, max(ante_lo, ante_end - 60), ante_end)
            if person is not None:
                np = _NP(person.start("np"), person.end("np"), "vague", person.group("np"), person.group("head"))
            portion = _portion_tail(text, max(lo, ante_end - 90), ante_end) if person is None else None
            if portion is not None:  # "compared with 30 percent who say ...": the poll's share
                np = _NP(portion.start("np"), portion.end("np"), "portion", portion.group("np"), "respondents")
        if np is not None and np.shape != "pronoun":
            # The speaker as written is the pronoun; its antecedent gives the name.
            np.start, np.end = relative.start("who"), relative.end("who")
            coordinated, coord_start = True, relative.start("who")
        else:
            np = None
    if np is None and surveyed is None and not _in_quotation(text, lo, hi, v_start):
        # "Local traders who attended the meeting said": the subject before a restrictive who-clause
        restricted = _WHO_CLAUSE_TAIL.search(text, max(lo, speaker_end - 120), speaker_end)
        if restricted is not None and not re.search(r"\b(?:and|but|or)\b", restricted.group(0)):
            # (with "and" the verb is the who-clause's own: "the man who lacks experience and has attacked")
            ante_end = restricted.start()
            ante_lo = _noun_phrase_start(text, _clause_start(text, lo, ante_end), ante_end)
            np = _parse_end(text, ante_lo, ante_end, full=False)
            if np is not None and np.shape not in {"proper", "vague", "common", "spokes"}:
                np = None
    if np is None and surveyed is None:
        portion = _portion_tail(text, max(lo, speaker_end - 90), speaker_end)
        if portion is not None and not _BY_AFTER.match(after):  # "Sixty percent said", "one in four say"
            np = _NP(portion.start("np"), portion.end("np"), "portion", portion.group("np"), "respondents")
    if np is None and surveyed is None:
        # "Ann Bell criticised the plan and said ...": a second verb shares the clause's subject.
        coord = _COORD_TAIL.search(text, max(lo, speaker_end - 24), speaker_end)
        if coord is not None:
            coord_start = coord.end() - len(coord.group(0).lstrip(" \t\n,"))
            # Without a subject read here, the cue still waits for the one of an earlier cue in
            # the sentence (see ``_sentence_candidates``), which it is dropped without.
            np = (
                _clause_subject(text, lo, coord.start())
                or _subordinate_subject(text, lo, coord.start())
                or _clause_subject(text, lo, coord.start(), definite=True)
                or _NP(coord_start, coord_start, "pending", "")
            )
            coordinated = True
    if (
        np is not None
        and np.shape == "proper"
        and (verb_l in _BASE_FORMS or _PLURAL_AUX.search(aux_text))
        and _plural_common_noun_at_start(text, lo, np.start, text[np.start : np.end])
        and not _NAMED_MEMBERS.match(text, np.end, hi)
    ):
        # "Beekeepers say", "Lifeguards have warned": an unnamed group (plural verb), not a name.
        np = _NP(np.start, np.end, "vague", text[np.start : np.end], text[np.start : np.end].casefold())
    if (
        paren is not None
        and np is not None
        and np.shape == "proper"
        and not np.kind_hint
        and re.fullmatch(r"\s*\([A-Z][A-Za-z&.]*[A-Z]\)\s*", paren.group(0))
    ):
        np.kind_hint = "organization"  # a name that carries an acronym is a body, not a person
    rule = _CUE_RULES.get(verb_l) or _CUE_RULES.setdefault(verb_l, f"cue-verb:{verb_l}")
    confidence = 0.9
    if coordinated:
        kind_of = "relative-cue" if relative is not None else "coordinated-cue"
        rule, confidence = f"{kind_of}:{verb_l}", 0.8
    inverted = False
    # The left context as one string only when an inverted cue is possible (a copy per cue otherwise).
    left = text[max(lo, speaker_end - _WINDOW) : speaker_end].rstrip() if np is None and verb_l in _INVERTIBLE else ""
    if (
        np is None
        and verb_l in _INVERTIBLE
        and (not left or left[-1] in ",\u201d\"'\u2019" or left.endswith(("\u2014", "\u2013")))
    ):
        # "argue that imports from X grew": what follows "that" is the content, never the speaker
        np = None if _THAT_AFTER.match(text, v_end, hi) else _parse_start(text, v_end, _bounded(text, v_end, hi))
        if np is None and verb_l in _PLAIN_SPEECH | {"added", "tweeted", "wrote", "asked", "explained", "recalled"}:
            # '"...," said one longtime adviser to the mayor', 'said the woman, who ...'
            np = _generic_after(text, v_end, _bounded(text, v_end, hi))
        if np is not None and (
            _INVERTED_TAIL.match(text, np.end, hi)
            or (np.shape == "pronoun" and not _PRONOUN_SPEAKER_END.match(text, np.end, hi))
        ):
            np = None  # "..., said ministers should expect": the noun opens the content, it does not speak
        if (
            np is not None
            and _POSSESSIVE_TAIL.search(np.text)
            and not _AFTER_NAME_END.match(text, np.end, hi)  # "said David Wyss of Standard & Poor's in New York"
        ):
            # "said Clinton's top aide Jake Sullivan": the named holder of the role; "said Ali's death
            # is painful": content
            owned = _ROLE_THEN_OWNED_NAME.match(text, np.end, hi)
            np = (
                _NP(
                    np.start,
                    owned.end("name"),
                    "proper",
                    owned.group("name"),
                    desc=text[np.start : owned.start("name")].strip(),
                )
                if owned
                else None
            )
        inverted = np is not None
        if np is not None and np.shape in {"common", "descriptor", "vague"}:
            appos = _APPOSITIVE_NAME_AFTER.match(text, np.end, hi)
            if appos:  # "said the minister, Lars Holm": the name that follows is the speaker
                named = _parse_start(text, appos.start("name"), appos.end("name"))
                if named is not None and named.shape == "proper":
                    np = _NP(np.start, named.end, "proper", named.text, desc=text[np.start : appos.start("name")])
        if inverted:
            rule = (
                "quote-speaker-after"
                if re.search(r"[\u201d\"'\u2019]\s*$|[\u201d\"'\u2019],?\s*$", left)
                else f"cue-verb-inverted:{verb_l}"
            )
    if np is None and not weak and not inverted and not noun_like:
        # "Both candidates said", "Most of the candidates say", "the unsigned opinion said", "His wife
        # had warned": a noun phrase that opens its clause speaks, even with a head no list holds.
        np = _generic_subject(text, lo, speaker_end, aside=closing or after[:1] == "," or verb_l in _PLAIN_SPEECH)
        if (
            np is not None
            and (
                _SAID_TO_BE.match(text, v_end, hi)
                or not (
                    (verb_l in _PLAIN_SPEECH and not _TELLS_A_STORY.match(after))
                    or (verb_l not in _PLAIN_SPEECH and verb_l not in _OTHER_SENSES)
                    or _SPEECH_FOLLOW.match(after)
                    or (verb_l in _BELIEF_FORMS and _CLAUSE_FOLLOW.match(after))
                    # "..., a survey suggests.": the cue closes the sentence and reports what precedes it
                    or (closing and text[max(lo, np.start - _WINDOW) : np.start].rstrip()[-1:] in {",", '"', "\u201d"})
                )
            )
        ):
            np = None
        if np is not None:
            rule, confidence = f"subject-cue:{verb_l}", 0.75
    if (
        weak
        and np is not None
        and verb_l in _NAMING_VERBS
        and _RELATIVE_BEFORE.search(text, max(lo, np.start - 12), np.start)
    ):
        weak = False  # "the plan, which critics call a giveaway": the object is the relative pronoun
    if weak and np is not None and not inverted and not closing and verb_l in _ADDRESS_VERBS:
        # '"Is it over?" Ann Bell asked the minister.': the one asked closes the sentence
        addressee = _ADDRESSEE_TAIL.match(text, v_end, hi)
        closing = addressee is not None and bool(_CLOSING_CUE_TAIL.match(text, addressee.end(), hi))
    if weak and closing and np is not None and not inverted:
        # (a closing "''" or "\u2019" too: copy that quotes with two apostrophes or single quotes)
        weak = not text[max(lo, np.start - _WINDOW) : np.start].rstrip().endswith((",", "\u201d", '"', "'", "\u2019"))
        if weak and not text[lo : np.start].strip():
            # '"Is it over?" Ann Bell asked.': a quotation ending in ?/!/. closes a sentence of its
            # own, and the cue opening the next one credits it.
            weak = not _QUOTE_BEFORE_SENTENCE.search(text, max(0, lo - 4), lo)
    if weak and not closing and np is not None and not inverted and np.shape in {"proper", "pronoun"}:
        # '"...," Ann Bell admitted during an interview for ...': the quotation closed just before the
        # speaker is what the cue reports, however long the sentence runs on after it
        weak = not _QUOTE_CLOSES_BEFORE.search(text, max(lo, np.start - 6), np.start)
    if np is None or (weak and not inverted):
        return None
    if (
        verb_l in lex.NOUN_LIKE_FORMS
        and not inverted
        and _OBJECT_OF_VERB.search(text, max(lo, np.start - 40), np.start)
    ):
        return None  # "Ann Bell denied Labour claims that ...": the noun is the object of a cue before it
    if verb_l in {"expect", "fear", "hope"} and not inverted and _MODAL_AUX.search(aux_text):
        return None  # "said farmers should expect lower payments": a prediction about them, not their words
    if np.text.strip().casefold() in lex.NON_SOURCES:
        return None  # "Nobody told the staff", "People said": no one is credited
    if verb_l in _BASE_FORMS and not inverted and not _MODAL_AUX.search(aux_text):
        plural = (
            np.shape in {"vague", "common", "portion", "group"}
            and (np.head.endswith("s") or np.head in lex.COLLECTIVE_PLURALS)
            or (np.shape == "pronoun" and np.text in {"they", "we", "i"})
            or (np.shape == "proper" and np.text.split()[-1].endswith("s"))
            # "Some Harbour Board staff say", "GOP strategists say": a body's people, the phrase's own head
            or (np.shape == "proper" and _PLURAL_HEAD.search(text[np.start : np.end].split()[-1]) is not None)
            or (np.shape == "proper" and np.text.split()[-1].casefold() in lex.COLLECTIVE_PLURALS)
            or np.head == "police"
            # "Mr. Dahl and Mr. Berg say": two named people
            or (np.shape == "proper" and " and " in np.text and not np.text.endswith(" I"))
        )
        if not plural:
            return None
    if np.shape == "pronoun" and np.text not in {"he", "she", "it", "they"}:
        return None
    if np.text == "they" and np.shape == "pronoun" and not _after_quote(text, lo, np.start):
        # "They say ..." speaks for the group or body credited just before (``_resolve_they``), but
        # not inside a quotation, a relative clause ("who they say they are") or another cue's
        # content ("12% saying they had posted").
        if _OPEN_QUOTE.search(text, lo, np.start) or _THEY_EMBEDDED.search(text, max(lo, np.start - 20), np.start):
            return None
    if verb_l in {
        "believe",
        "believes",
        "believed",
        "think",
        "thinks",
        "thought",
        "fear",
        "fears",
        "feared",
        "hope",
        "hopes",
        "worry",
        "worries",
        "worried",
        "agree",
        "agrees",
        "agreed",
    }:
        confidence -= 0.1
    if np.shape in {"vague", "common", "portion", "group"}:
        confidence -= 0.1
    if inverted:
        start, end = v_start, np.end
    elif coordinated:  # the cue is "and said": the subject's mention belongs to the first verb
        start, end = coord_start, v_end
    else:
        start, end = np.start, v_end
    suffix = _STATEMENT_SUFFIX.match(text, end, hi)
    if suffix:
        end = suffix.end()
        if "statement" in suffix.group(0).casefold():
            rule = "in-a-statement"
    prefix_lo = max(lo, start - 60)
    prefix = _STATEMENT_PREFIX.search(text[prefix_lo:start]) if _ends_with_comma(text, prefix_lo, start) else None
    if prefix:
        start = prefix_lo + prefix.start()
        rule = "in-a-statement" if "statement" in prefix.group(0).casefold() else rule
    if np.shape == "spokes" and rule.startswith("cue-verb"):
        rule = "spokesperson-for"
    return _Candidate(start, end, rule, np, confidence, sentence, _statement_span(sentence, start, end))
