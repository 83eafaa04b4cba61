"""Candidates made into ``Finding``s: the detector's name and version, a finding's span, rule and
confidence (``_to_finding``), the speaker's role, the overlap and full-stop tests the detector applies
between candidates, and a lead's unnamed speaker named by a later cue (``_name_lead_speakers``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from itertools import islice

from credibility.analysis.detectors.attribution.cue_patterns import _LEAD_SENTENCES
from credibility.analysis.detectors.attribution.grammar import _norm
from credibility.analysis.detectors.attribution.speakers import _ROLE_FILLER, _ROLE_WORDS
from credibility.analysis.detectors.attribution.state import _NP, _Candidate
from credibility.analysis.lexicons import attribution as lex
from credibility.analysis.types import Finding, Sentence, SourceRef

DETECTOR_NAME = "attribution"
DETECTOR_VERSION = 1
_DETECTOR = f"{DETECTOR_NAME}@{DETECTOR_VERSION}"
_LEAD_REACH = 4  # how many sentences after the lead the person is looked for


# A news lead credits someone unnamed ("..., a clergyman has said.", "A senior Tory MP has
# criticised ...") and names them in the paragraphs after it. Heads that stay anonymous by design
# ("a source said", "an official said") are never named so.
_LEAD_SCAN = 16  # and how many findings after the lead's: a text made of cues stays linear
_INDEFINITE_SPEAKER = re.compile(r"(?:an?|one)\s", re.I)
_ANONYMOUS_HEADS = frozenset(
    """source sources insider insiders official officials aide aides witness witnesses resident
    residents person man woman boy girl people member members spokesman spokeswoman spokesperson
    representative""".split()
)


def _name_lead_speakers(findings: list[Finding], sentences: Sequence[Sentence]) -> None:
    """A lead's indefinite speaker ("a clergyman") becomes the first person credited by name in the
    few sentences after it, when no other cue credits anyone in between. One pass over the findings."""
    if not sentences:
        return
    lead_end = sentences[min(_LEAD_SENTENCES, len(sentences)) - 1].index
    for i, f in enumerate(findings):
        index = int(f.meta.get("sentence_index", "-1"))
        if index > lead_end:
            break
        if f.source is None or f.source.named or f.rule.startswith("relative-cue"):
            continue
        speaker = f.meta.get("speaker_text", "")
        words = speaker.casefold().split()
        if (
            f.source.kind not in {"person", "vague"}
            or not _INDEFINITE_SPEAKER.match(speaker)
            or not words
            or words[-1] in _ANONYMOUS_HEADS
            or not (words[-1] in _ROLE_WORDS or lex.SPEAKER_HEADS.get(words[-1]) == "person")
        ):
            continue  # only someone described by a job ("a survey", "an official" stay as they are)
        for later in islice(findings, i + 1, i + 1 + _LEAD_SCAN):
            later_index = int(later.meta.get("sentence_index", "-1"))
            if later_index <= index:
                continue
            if later_index > index + _LEAD_REACH or later.source is None:
                break
            if later.source.kind not in {"person", "vague"} and later.source.named:
                continue  # a body's statement in between ("The audit office said ... But Mr X said")
            if later.source.kind == "person" and later.source.named and len(later.source.name.split()) >= 2:
                ref = replace(later.source, role=f.source.role or speaker)
                findings[i] = replace(
                    f,
                    source=ref,
                    explanation=f'Statement attributed to {ref.name} ({ref.role}) by "{f.quote}"',
                )
            break


_FULL_STOP_INSIDE = re.compile(
    r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bGen)(?<!\bJr)(?<!\bSr)"
    r"(?<![A-Z])[.?!][\u201d\"'\u2019]*\s+[\u201c\"'\u2018]*[A-Z]"
)


def _full_stops(text: str, sentence: Sentence) -> tuple[list[int], list[int]]:
    """The starts and ends of the full stops (``_FULL_STOP_INSIDE``) inside ``sentence``, in order."""
    spans = [m.span() for m in _FULL_STOP_INSIDE.finditer(text, sentence.start, sentence.end)]
    return [a for a, _ in spans], [b for _, b in spans]


def _apart(stops: tuple[list[int], list[int]], starts: list[int], start: int) -> bool:
    """Whether a full stop lies between ``start`` and every cue at ``starts`` (sorted): two sentences
    the segmenter left joined ("''...,'' he said. ''...,'' he said."), each with its own cue.

    ``stops`` is the sentence's ``_full_stops``, found once: a search per cue pair read ever longer
    stretches, quadratic on a sentence of thousands of cues. Only the nearest cue on each side can
    fail where a farther one holds (a stop between the nearest and ``start`` lies between every
    farther one and ``start`` too)."""
    i = bisect_left(starts, start)
    if i < len(starts) and starts[i] == start:
        return False
    stop_starts, stop_ends = stops
    for at in ([starts[i - 1]] if i else []) + ([starts[i]] if i < len(starts) else []):
        lo, hi = min(at, start), max(at, start)
        k = bisect_left(stop_starts, lo)  # the first stop from ``lo`` on; it must end by ``hi``
        if k == len(stop_starts) or stop_ends[k] > hi:
            return False
    return True


def _overlaps_any(
    cand: _Candidate, starts: list[int], ends: list[int], accepted: list[tuple[_Candidate, SourceRef]], has_empty: bool
) -> bool:
    """Whether ``cand`` overlaps an accepted span (``starts``/``ends``: those spans sorted, pairwise disjoint).

    The spans starting before ``cand`` ends are a prefix of the sorted list, and their ends
    are sorted too, so only the last of them can reach past ``cand.start``. Empty spans can
    break that order: with one among them (never seen in practice) the plain scan decides.
    """
    if has_empty or cand.start >= cand.end:
        return any(cand.start < a.end and a.start < cand.end for a, _ in accepted)
    j = bisect_left(starts, cand.end)
    return j > 0 and ends[j - 1] > cand.start


def _speaker_role(np: _NP, ref: SourceRef) -> str:
    """The job words and titles the text put before a person's name ("broadcaster", "Clinic
    director"), which the canonical name leaves out; "" when none."""
    if ref.kind != "person" or np.shape not in {"proper", "spokes"}:
        return ""
    at = np.text.find(ref.name)
    words = (np.desc + " " + (np.text[:at] if at > 0 else "")).split()
    words = [w.strip(",") for w in words if _norm(w) not in _ROLE_FILLER]
    if not any(_norm(w) in _ROLE_WORDS for w in words):
        words = []  # "which Mr Bez", "And ILO-based": no job word, no role
    # "Mira Olsen, chief economist at Harbour Bank, said": the appositive is the role.
    appositive = np.role.split()
    if appositive and _norm(appositive[0]) in _ROLE_FILLER:
        appositive = appositive[1:]
    if appositive and any(_norm(w) in _ROLE_WORDS for w in appositive):
        words = words or appositive
    return " ".join(w for w in words if w)


def _to_finding(text: str, cand: _Candidate, ref: SourceRef) -> Finding:
    confidence = cand.confidence
    if cand.np.shape in {"pronoun", "descriptor"}:
        confidence -= 0.1
    confidence = max(0.05, min(0.99, confidence))
    meta = {"sentence_index": str(cand.sentence.index), "speaker_text": text[cand.np.start : cand.np.end]}
    if cand.statement is not None and cand.statement[1] > cand.statement[0]:
        meta["statement_start"] = str(cand.statement[0])
        meta["statement_end"] = str(cand.statement[1])
    return Finding(
        kind="source_attribution",
        start=cand.start,
        end=cand.end,
        quote=text[cand.start : cand.end],
        detector=_DETECTOR,
        rule=cand.rule,
        confidence=round(confidence, 3),
        # The role stripped from the name ("broadcaster") stays on the annotation, in its explanation.
        explanation=f"Statement attributed to {ref.name}{f' ({ref.role})' if ref.role else ''} by "
        f'"{text[cand.start : cand.end]}"',
        source=ref,
        meta=meta,
    )
