"""Check-worthy factual sentences that carry no attribution at all (reason ``unsourced``).

Runs after the attribution and hedge detectors and reads their findings: a sentence with
any attribution (named or vague, in the sentence or, for quoted speech, in the quote's
neighbouring sentence) is not unsourced, and a sentence that already has an
``unverified_claim`` finding is never flagged twice. Hedged sentences are left to the
hedge detector even when it did not run, so a hedge is never reported as "unsourced".

The flag threshold is stricter than the generic check-worthiness threshold: in news copy
the writer's own narration of an event ("the clinic closed shortly after noon") is
verifiable in principle but is not what a reviewer wants flagged. What clears the bar is
a statistic, a trend, an estimate, a money figure, a comparison or a causal claim.
"""

from __future__ import annotations

from collections.abc import Sequence

from credibility.analysis.claims.checkworthiness import checkworthiness
from credibility.analysis.claims.flag_value import claim_checkworthiness, flag_confidence
from credibility.analysis.detectors.hedges import find_hedge, unflagged_sentences
from credibility.analysis.types import AnalysisContext, Document, Finding, sentence_finding

DETECTOR_VERSION = 1
UNSOURCED_THRESHOLD = 0.45
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
    }
)


class UnsourcedDetector:
    """``unverified_claim`` findings with reason ``unsourced``."""

    name = "unsourced"
    version = DETECTOR_VERSION

    def detect(self, document: Document, context: AnalysisContext, earlier: Sequence[Finding]) -> list[Finding]:
        findings: list[Finding] = []
        for sentence, att in unflagged_sentences(document, earlier):
            if att.attributed or att.quoted:
                continue
            worth = checkworthiness(sentence.text)
            if worth.score < UNSOURCED_THRESHOLD or find_hedge(sentence.text) is not None:
                continue
            positive = [f for f in worth.features if f not in _NEGATIVE]
            score = claim_checkworthiness(sentence.text)
            findings.append(
                sentence_finding(
                    document,
                    sentence,
                    kind="unverified_claim",
                    detector=f"{self.name}@{self.version}",
                    rule="checkworthy:" + "+".join([*positive[:3], "no-attribution"]),
                    confidence=flag_confidence(checkworthiness=score),
                    explanation=(
                        f"A check-worthy factual claim ({', '.join(positive[:3])}) with no source given; "
                        f"check-worthiness {worth.score:.2f}."
                    ),
                    reason="unsourced",
                    checkworthiness=score,
                    meta={"checkworthiness": f"{worth.score:.2f}"},
                )
            )
        return findings
