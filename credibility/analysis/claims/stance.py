"""Whose position a sentence states on a claim it matched, and which position.

Pure Python, no Django. ``claims.matching`` decides *that* a sentence is about a claim and
the polarity of its words (``Match.content_same``: "does not cause" against "causes" is
False). This module reads the frame around those words:

- **question**: the claim is asked about ("Could the mast really cause headaches?", "asked
  whether ...") and nobody holds it. Never a contradiction.
- **reported**: a speaker holds it ("X claimed that ...", "according to X", a quote from a
  named speaker, "the council announced that ...") and the article does not rebut it. The
  speaker's position is what the report carries; the detector flags it as a reported
  assertion (or denial), with lower confidence and the speaker named.
- **debunked**: the article itself rejects it with an explicit cue: a rebuttal of a report
  ("X falsely claimed", "the myth that", "baseless claims that"), an own-voice rejection
  ("There is no evidence that ...", "It is not true that ..."), an opening that names what
  the writer corrects ("Contrary to claims ..., P": the writer's position is P as written),
  or a take-back right after ("... That claim is false.").
- **asserted** / **denied**: the article states it, or its opposite, in its own voice.

``Reading.holds`` is the position of the voice that carries the stance (the article, or the
reported speaker): True the claim is so, False it is not. ``Reading.rejection`` says an
explicit rejection cue governs the claim; the detector never flags such a sentence against a
false verdict, whatever the polarity arithmetic says (double negations under a rejection are
rare, and a flagged debunk is a false accusation against a newsroom).

Cues are scoped to the contrast segment that holds the claim ("A denied X, but Y" does not
deny Y); the speakers come from the attribution detector, with their offsets in the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from credibility.analysis.claims.matching import quick_concepts
from credibility.analysis.lexicons.stance import (
    BACK_REFERENCES,
    COUNTER_OBJECTS,
    COUNTER_OPENINGS,
    DATA_REBUTTALS,
    EMBEDDED_QUESTIONS,
    REBUTTALS,
    REJECTIONS,
    SPEAKING_MEDIA,
    SPEECH_VERBS,
)

Stance = Literal["asserted", "denied", "reported", "debunked", "question"]

_REBUTTAL = re.compile("|".join(REBUTTALS), re.I)
_REJECTION = re.compile("|".join(REJECTIONS), re.I)
# The next sentence may take the statement back in a speaker's words ("The council said the claim
# was false."): a short speech frame, then the back reference.
_SPEECH_FRAME = (
    r"(?:[\w'\u2019.-]+\s+){1,6}?(?:" + "|".join(SPEECH_VERBS) + r")\s+(?:[\w'\u2019-]+\s+){0,2}?(?:that\s+)?"
)
_BACK_REFERENCE = re.compile(
    r"^\W*(?:but\s+|however,?\s+|in fact,?\s+|in reality,?\s+)?(?:"
    + _SPEECH_FRAME
    + ")?(?:"
    + "|".join(BACK_REFERENCES)
    + ")",
    re.I,
)
_BACK_REFERENCE_ANYWHERE = re.compile(r"\b(?:" + "|".join(BACK_REFERENCES) + ")", re.I)
_DATA_REBUTTAL = re.compile(r"\b(?:" + "|".join(DATA_REBUTTALS) + ")", re.I)
_EMBEDDED_QUESTION = re.compile("|".join(EMBEDDED_QUESTIONS), re.I)
# "Contrary to ..." opens a correction whatever follows; the other openings only when they name
# claims ("despite claims that", not "despite the rain").
_COUNTER = re.compile(
    r"^\W*(?:(?:contrary to)|(?:"
    + "|".join(COUNTER_OPENINGS)
    + r")\s+(?:[\w'\u2019-]+\s+){0,3}?(?:"
    + COUNTER_OBJECTS
    + r")\b)[^,]*,\s*",
    re.I,
)
# "falsely denied": the article rejects a denial, which restores the claim; not a rejection of it.
_REBUTTED_DENIAL = re.compile(
    r"\b(?:falsely|wrongly|mistakenly|erroneously|incorrectly)\s+den(?:y|ies|ied|ying)\b", re.I
)
# Speech frames the attribution detector does not credit: "according to a viral post, ...",
# "a widely shared cooking video told viewers ...". Only consulted when it found no speaker.
_OTHER_SPEAKER = re.compile(
    r"\baccording to (?P<according>[^,.;]{3,60}?)(?:,|$)"
    r"|(?P<medium>\b(?:a|an|the|this|that|one|his|her|their)\s+(?:[\w'\u2019-]+\s+){0,4}?(?:"
    + "|".join(SPEAKING_MEDIA)
    + r"))\b[^,.;]{0,40}?\s(?:"
    + "|".join(SPEECH_VERBS)
    + r")\b",
    re.I,
)
# Contrast boundaries: a cue on one side does not govern a claim on the other.
_CONTRAST = re.compile(
    r"\s*;\s*|\s+[\u2014\u2013-]\s+|\u2014|,?\s+(?:but|however|although|though|whereas)\b,?\s*", re.I
)


@dataclass(frozen=True, slots=True)
class Reading:
    """How one sentence stands towards one claim."""

    stance: Stance
    holds: bool | None  # the voice's position: the claim is so (True) or not (False); None when only asked
    speaker: str | None = None  # who is reported holding it (``stance == "reported"``)
    cue: str = ""  # the words that decided the frame, for explanations
    rejection: bool = False  # an explicit rejection cue governs the claim


def _segments(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for boundary in _CONTRAST.finditer(text):
        bounds.append((start, boundary.start()))
        start = boundary.end()
    bounds.append((start, len(text)))
    return [(a, b) for a, b in bounds if b > a] or [(0, len(text))]


def _overlap(text: str, claim: frozenset[str]) -> int:
    return len(quick_concepts(text) & claim)


def rebuts(following: str) -> bool:
    """Whether a sentence opens by taking back what the one before stated ("That claim is false.")."""
    return bool(_BACK_REFERENCE.search(following))


def read_stance(
    text: str,
    *,
    claim: str,
    content_holds: bool,
    speakers: Sequence[tuple[str, int]] = (),
    following: str = "",
) -> Reading:
    """The stance of the sentence ``text`` towards ``claim``.

    ``content_holds`` is the polarity of the sentence's own words against the claim (matching's
    ``content_same``); ``speakers`` are (name, offset in ``text``) of the attributions the
    sentence holds; ``following`` is the next sentence, which may take the statement back.
    """
    wanted = quick_concepts(claim)
    segments = _segments(text)
    # The claim lives in the contrast segment sharing most of its concepts (the first on a tie).
    position = max(range(len(segments)), key=lambda i: (_overlap(text[slice(*segments[i])], wanted), -i))
    start, end = segments[position]
    segment = text[start:end]

    # A question asserts nothing, a quoted one included ("'Could it cause headaches?' she asked").
    if "?" in segment:
        return Reading("question", None, cue="?")
    embedded = _EMBEDDED_QUESTION.search(segment)
    # The cue asks about what follows it; a claim stated before it ("X, whose pay rose 40%, would
    # not say whether ...") is not asked about.
    if embedded and _overlap(segment[embedded.end() :], wanted) >= _overlap(segment[: embedded.start()], wanted):
        return Reading("question", None, cue=embedded.group(0))

    holds = content_holds
    rejection = False
    cue = ""
    own_voice = False  # the article's own words frame the claim, even inside a report
    region = segment
    counter = _COUNTER.match(segment)
    if counter:
        opening, rest = segment[: counter.end()], segment[counter.end() :]
        cue = counter.group(0).strip(" ,")
        own_voice = True
        if _overlap(rest, wanted) >= _overlap(opening, wanted):
            region = rest  # the writer's own statement after the comma: its polarity stands as written
        else:
            holds, rejection, region = not holds, True, ""  # the claim is among what the opening rejects

    rebuttal = _REBUTTAL.search(region)
    rejected = _REJECTION.search(region)
    if rebuttal and _REBUTTED_DENIAL.search(region):
        cue, own_voice = rebuttal.group(0), True  # "falsely denied": the denial is what is rejected
    elif found := rebuttal or rejected:
        holds, rejection, cue = not holds, True, found.group(0)
        own_voice = own_voice or bool(rebuttal)  # "falsely", "the myth that": the article's labels

    # A later clause or the next sentence that takes the statement back ("..., but that claim is
    # false"; "That is not true."): the article rejects it.
    after = text[end:]
    taken_back = (
        _BACK_REFERENCE_ANYWHERE.search(after)
        or (after and _DATA_REBUTTAL.search(after))
        or (following and _BACK_REFERENCE.search(following))
    )
    if taken_back and not rejection:
        holds, rejection, own_voice, cue = not holds, True, True, taken_back.group(0).strip()

    if not speakers:
        speakers = [
            ((other.group("according") or other.group("medium")).strip(), other.start())
            for other in _OTHER_SPEAKER.finditer(text)
        ]
    named = [name for name, offset in speakers if start <= offset < end] or (
        [name for name, _ in speakers] if len(segments) == 1 else []
    )
    if named and not own_voice:
        # Somebody else holds it and the article does not rebut it: a reported position.
        return Reading("reported", holds, speaker=named[0], cue=cue or "reported", rejection=rejection)
    if rejection or own_voice:
        # Explicit rejection in the article's voice. A double negation ("no evidence that it does
        # not ...") still counts as a rejection: ``rejection`` keeps it from being flagged.
        return Reading("debunked" if not holds else "asserted", holds, cue=cue, rejection=rejection)
    return Reading("asserted" if holds else "denied", holds)
