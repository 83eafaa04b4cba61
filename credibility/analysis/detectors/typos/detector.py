"""``TypoDetector``: runs the checks in order over one document and drops overlapping findings."""

from __future__ import annotations

from collections.abc import Sequence

from credibility.analysis.detectors.typos.credits import _glued_credits
from credibility.analysis.detectors.typos.findings import DETECTOR_NAME, DETECTOR_VERSION, _without_overlaps
from credibility.analysis.detectors.typos.name_variants import _known_source_forms, _name_variants
from credibility.analysis.detectors.typos.non_words import _non_words
from credibility.analysis.detectors.typos.real_word_pos import _real_word_pos
from credibility.analysis.detectors.typos.real_words import (
    _article_agreement,
    _confusables,
    _doubled_words,
    _infinitives,
    _participles,
    _split_into,
)
from credibility.analysis.detectors.typos.splits import _split_words, _word_number_joins
from credibility.analysis.detectors.typos.tokens import _tokens, _unlink, _web_spans
from credibility.analysis.types import ENGLISH_ONLY, AnalysisContext, Document, Finding


class TypoDetector:
    """Flags misspellings, missing spaces, inconsistent names and glued credits (see the package doc)."""

    name = DETECTOR_NAME
    version = DETECTOR_VERSION
    # Its dictionaries (wordfreq English, codespell) and rules are English.
    languages: frozenset[str] | None = ENGLISH_ONLY

    def detect(self, document: Document, context: AnalysisContext, earlier: Sequence[Finding]) -> list[Finding]:
        text = document.text
        protected = _web_spans(text)
        findings: list[Finding] = []
        artifacts, glued_names, captions = _glued_credits(document)
        findings.extend(artifacts)
        tokens = _tokens(document, protected, glued_names, captions)
        try:
            findings.extend(_non_words(text, tokens, document.title, _known_source_forms(context.sources).protected))
            findings.extend(_participles(text, protected))
            findings.extend(_infinitives(text, tokens, protected))
            findings.extend(_word_number_joins(text, protected))
            findings.extend(_article_agreement(text, protected))
            findings.extend(_doubled_words(text, tokens, protected))
            findings.extend(_confusables(text, tokens, protected))
            findings.extend(_real_word_pos(text, tokens, protected))
            findings.extend(_split_into(text, protected))
            findings.extend(_split_words(text, tokens, protected))
            findings.extend(_name_variants(document, context, tokens))
        finally:
            _unlink(tokens)
        return _without_overlaps(findings)
