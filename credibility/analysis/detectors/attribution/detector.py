"""``AttributionDetector``: prescans the article, takes each sentence's candidates best first, drops
overlaps and repeated speakers, resolves each speaker and makes the findings.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Sequence
from dataclasses import replace

from credibility.analysis import budget
from credibility.analysis.budget import check
from credibility.analysis.detectors.attribution.candidates import _sentence_candidates
from credibility.analysis.detectors.attribution.coreference import _resolve, _spokesperson_of
from credibility.analysis.detectors.attribution.cue_patterns import _VERB_FORMS
from credibility.analysis.detectors.attribution.entities import _name_spellings, _register_surname, _respelled
from credibility.analysis.detectors.attribution.findings import (
    DETECTOR_NAME,
    DETECTOR_VERSION,
    _apart,
    _full_stops,
    _name_lead_speakers,
    _overlaps_any,
    _speaker_role,
    _to_finding,
)
from credibility.analysis.detectors.attribution.grammar import _alt
from credibility.analysis.detectors.attribution.prescan import _prescan
from credibility.analysis.detectors.attribution.state import _Candidate, _DocState, _Entity
from credibility.analysis.lexicons import attribution as lex
from credibility.analysis.types import ENGLISH_ONLY, AnalysisContext, Document, Finding, KnownSource, SourceRef


class AttributionDetector:
    """Finds "who said it" cues and resolves the speaker to a canonical name and kind."""

    name = DETECTOR_NAME
    version = DETECTOR_VERSION
    # Its cue verbs, name grammar and role words are English.
    languages: frozenset[str] | None = ENGLISH_ONLY

    def detect(self, document: Document, context: AnalysisContext, earlier: Sequence[Finding]) -> list[Finding]:
        text = document.text
        known: dict[str, KnownSource] = {}
        for source in context.sources:
            for alias in (source.name, *source.aliases):
                if alias.strip():
                    known.setdefault(alias.strip().casefold(), source)
        state = _DocState(text=text, known=known, spelling=_name_spellings(earlier))
        _prescan(state, document.sentences)
        # Each cue read (and the speaker resolved for it) is the detector's unit of work. Real news
        # needs at most about 8 per 1,000 characters (300 BBC and dev articles); a text made of cues
        # ("Aaa said Aab said ...", one every 9 characters) is not prose, and past this allowance
        # the rest of it is not read for attributions.
        cues = budget.allowance("the attribution check", text_length=len(text), floor=40, per_1000_chars=25)

        findings: list[Finding] = []
        for sentence in document.sentences:
            check()
            if cues.exhausted:
                break
            candidates = _sentence_candidates(text, sentence, cues)
            accepted: list[tuple[_Candidate, SourceRef]] = []
            # The accepted spans, sorted and disjoint, and their speakers: a candidate's overlap and
            # name tests are a bisection and a set look-up, not a scan (a sentence can hold thousands).
            starts: list[int] = []
            ends: list[int] = []
            names: dict[str, list[int]] = {}  # speaker -> starts of the cues crediting them, sorted
            stops: tuple[list[int], list[int]] | None = None  # the sentence's full stops, found when first needed
            has_empty = False
            nested_at: set[int] = set()
            for cand in sorted(candidates, key=lambda c: (c.quoted, -c.confidence, c.start)):
                nested = False
                if _overlaps_any(cand, starts, ends, accepted, has_empty):
                    # "Ann Bell, who insists she is innocent, said": the relative clause's cue lies
                    # inside the main one and is an attribution of its own (kept out of the sorted
                    # spans, which stay disjoint).
                    if not (cand.rule.startswith("relative-cue") and cand.start not in nested_at):
                        continue
                    j = bisect_left(starts, cand.start + 1) - 1
                    if j < 0 or not (starts[j] < cand.start and cand.end < ends[j]):
                        continue
                    nested = True
                ref = _resolve(state, cand.np, sentence)
                unresolved = (
                    ref is None
                    and cand.np.shape == "pronoun"
                    and cand.np.text in _UNRESOLVED_SPEAKERS
                    and not cand.quoted
                    and not _EMBEDDED_AFTER_CUE.search(text, max(0, cand.np.start - 30), cand.np.start)
                    and not _WHAT_BEFORE.search(text, max(0, cand.np.start - 12), cand.np.start)
                )
                if unresolved:
                    # "He said ..." where the resolver is sure of nobody: still someone's statement,
                    # credited to the pronoun as a label (no Source row, no guess at a name); not
                    # inside a quotation, right after another cue ("said he thought": its content) or
                    # after "what" ("what she said was": a noun clause, no statement of its own)
                    ref = SourceRef(name=cand.np.text, kind="person")
                    cand.confidence -= 0.2
                if ref is None:
                    continue
                ref = _respelled(state, ref)
                if cand.rule == "speaker-colon" and (ref.kind != "person" or len(ref.name.split()) < 2):
                    continue  # "Note: ...", "Poll: ...": only a person the article names in full speaks so
                role = _speaker_role(cand.np, ref)
                if role:
                    ref = replace(ref, role=role)
                if (
                    ref.name.casefold() in names
                    and not cand.rule.startswith(("coordinated-cue", "relative-cue"))
                    and not _apart(
                        stops or (stops := _full_stops(text, sentence)), names[ref.name.casefold()], cand.start
                    )
                    and (
                        cand.np.shape != "pronoun"
                        or _EMBEDDED_AFTER_CUE.search(text, max(0, cand.np.start - 30), cand.np.start)
                    )
                ):
                    continue
                accepted.append((cand, ref))
                state.spokesperson = _spokesperson_of(text, cand.np, ref, sentence)
                insort(names.setdefault(ref.name.casefold(), []), cand.start)
                if nested:
                    nested_at.add(cand.start)
                else:
                    has_empty = has_empty or cand.start >= cand.end
                    at = bisect_left(starts, cand.start)
                    starts.insert(at, cand.start)
                    ends.insert(at, cand.end)
                if unresolved:
                    pass  # no antecedent for a later pronoun or "the X"
                elif ref.kind == "person":
                    state.persons.append(_Entity(cand.np.start, ref.name, ref.kind, sentence.index))
                    state.speakers.append(_Entity(cand.np.start, ref.name, ref.kind, sentence.index))
                    _register_surname(state, ref.name)
                    if cand.np.shape == "pronoun":
                        state.gender.setdefault(ref.name, "f" if cand.np.text == "she" else "m")
                elif ref.kind != "vague" and ref.name.casefold() not in lex.GENERIC_ORG_ANAPHORS:
                    # (a bare head, "firm", that named nobody is no body for a later "the firm" to mean)
                    state.entities.append(_Entity(cand.np.start, ref.name, ref.kind, sentence.index))
                if ref.kind != "person" and cand.np.shape != "pronoun":
                    state.groups.append(_Entity(cand.np.start, ref.name, ref.kind, sentence.index))
                if cand.np.work:  # "It claims ..." after "Salt Roads, by Kemal Aydin, says": the book
                    state.entities.append(_Entity(cand.np.start, cand.np.work, "document", sentence.index))
            # Each candidate is let go as its finding is made: a sentence of thousands of cues
            # would otherwise hold every candidate and every finding at once.
            del candidates
            ordered = sorted(accepted, key=lambda pair: pair[0].start)
            ordered.reverse()
            accepted.clear()
            while ordered:  # in text order (the sorted list, reversed, popped from its end)
                cand, ref = ordered.pop()
                findings.append(_to_finding(text, cand, ref))
        _name_lead_speakers(findings, document.sentences)
        return findings


# Pronouns that speak for a person even when the article leaves unclear which one ("they" may be
# a group: 6 of 11 right on PolNeAR dev, left out).
_UNRESOLVED_SPEAKERS = frozenset({"he", "she"})
_WHAT_BEFORE = re.compile(r"\b(?:what|whatever|which)\s+$", re.I)
# "X said he thought ...": a pronoun cue right after the speaker's own cue is the content of it.
_EMBEDDED_AFTER_CUE = re.compile(rf"\b(?:{_alt(_VERB_FORMS)})(?:\s+that)?\s+$", re.I)
