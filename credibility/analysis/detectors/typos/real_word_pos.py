"""Real-word slips that the parts of speech around them rule out (rule ``real-word-pos``).

Read with the Brill lexicon's tags, one dictionary probe per token: "he closures" (the),
"users hard difficulty" (had), "out attitude is" (our), "wider then" (than) and the like.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from credibility.analysis.detectors.typos.findings import _overlaps, _typo_finding
from credibility.analysis.detectors.typos.real_words import _DETERMINERS
from credibility.analysis.detectors.typos.tokens import _plain_word, _Token
from credibility.analysis.detectors.typos.vocabulary import _match_case
from credibility.analysis.lexicons import english as lexicon
from credibility.analysis.types import Finding


def _real_word_pos(text: str, tokens: list[_Token], protected: list[tuple[int, int]]) -> Iterable[Finding]:
    """Real-word slips that the parts of speech around them rule out (rule ``real-word-pos``).

    Six checks (``_classic_confusion``, ``_pronoun_for_the``, ``_determiner_for_subject``,
    ``_adjective_for_verb``, ``_then_for_than``, ``_verb_for_plural``) on one walk over the tokens, one dictionary
    probe for each token (the detector passes only the tokens whose word is in ``_pos_slip_kinds``).
    Of a possessive token only "it's" and "who's" are read (as "its", "whose").
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


# "then it will be to fix": a subject, "be" (after a modal or not) and an infinitive, the second
# half of a comparison ("easier now than it will be to fix later").
_COMPARED_INFINITIVE = re.compile(
    r"\s+(?:it|they|this|that)\s+(?:(?:will|would|could|might)\s+be|is|was|are|were)\s+to\s+(?P<verb>[a-z]+)\b"
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
