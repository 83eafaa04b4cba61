"""``TypoDetector``: runs the checks in order over one document and drops overlapping findings."""

from __future__ import annotations

import re
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
from credibility.analysis.detectors.typos.tokens import _tokens, _unlink
from credibility.analysis.types import ENGLISH_ONLY, AnalysisContext, Document, Finding

# Web addresses, emails, handles and hashtags are protected whole: nothing inside is a typo.
_CHUNK = re.compile(r"[^\s\"'\u201c\u201d\u2018\u2019()<>\[\]]+")


_WEBBY = re.compile(r"[@#]|://|^www\.|\w\.(?:com|org|net|gov|edu|io|co|uk|eu|int|info|example)\b", re.I)


# What any chunk ``_WEBBY`` accepts must contain: most articles have none, and are not split into chunks.
_WEBBY_ANYWHERE = re.compile(r"[@#]|://|www\.|\w\.(?:com|org|net|gov|edu|io|co|uk|eu|int|info|example)\b", re.I)


class TypoDetector:
    """Flags misspellings, missing spaces, inconsistent names and glued credits (see module doc)."""

    name = DETECTOR_NAME

    version = DETECTOR_VERSION

    # Its dictionaries (wordfreq English, codespell) and rules are English.
    languages: frozenset[str] | None = ENGLISH_ONLY

    def detect(self, document: Document, context: AnalysisContext, earlier: Sequence[Finding]) -> list[Finding]:
        text = document.text
        protected = (
            [
                (m.start(), m.end() - (len(m.group(0)) - len(m.group(0).rstrip(".,;:!?"))))
                for m in _CHUNK.finditer(text)
                if _WEBBY.search(m.group(0))
            ]
            if _WEBBY_ANYWHERE.search(text)
            else []
        )
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
