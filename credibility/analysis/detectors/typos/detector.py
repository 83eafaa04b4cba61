"""``TypoDetector``: runs the checks in order over one document and drops overlapping findings."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from credibility.analysis.detectors.typos.credits import _glued_credits
from credibility.analysis.detectors.typos.findings import DETECTOR_NAME, DETECTOR_VERSION, _without_overlaps
from credibility.analysis.detectors.typos.name_variants import _known_source_forms, _name_variants
from credibility.analysis.detectors.typos.non_words import _non_words
from credibility.analysis.detectors.typos.real_word_pos import _pos_slip_kinds, _real_word_pos
from credibility.analysis.detectors.typos.real_words import (
    _CONFUSABLE_KINDS,
    _CONFUSABLE_POSSESSIVES,
    _article_agreement,
    _confusables,
    _doubled_words,
    _infinitives,
    _participles,
    _split_into,
)
from credibility.analysis.detectors.typos.splits import _split_words, _word_number_joins
from credibility.analysis.detectors.typos.tokens import _Token, _tokens, _unlink, _web_spans
from credibility.analysis.lexicons import english as lexicon
from credibility.analysis.types import ENGLISH_ONLY, AnalysisContext, Document, Finding

# The checks that start from a closed list of words, by bit: 1 ``_real_word_pos``, 2 ``_confusables``
# (a possessive "it's"/"who's" is the token "it"/"who"), 4 ``_infinitives``.
_POS_SLIP, _CONFUSABLE, _PAST_FORM = 1, 2, 4


@cache
def _routes() -> dict[str, int]:
    """Each word, as a token holds it, that one of the closed-list checks starts from -> their bits."""
    routes: dict[str, int] = {}
    for words, bit in (
        (_pos_slip_kinds(), _POS_SLIP),
        (_CONFUSABLE_KINDS, _CONFUSABLE),
        (_CONFUSABLE_POSSESSIVES, _CONFUSABLE),
        (lexicon.PAST_ONLY, _PAST_FORM),
    ):
        for word in words:
            routes[word] = routes.get(word, 0) | bit
    return routes


def _routed(tokens: list[_Token]) -> tuple[list[_Token], list[_Token], list[_Token]]:
    """The tokens each closed-list check can start from, in text order: one dictionary probe per token
    here, where each check walked every token for its own probe. Each check still tests its tokens."""
    routes = _routes()
    slips: list[_Token] = []
    confusables: list[_Token] = []
    pasts: list[_Token] = []
    for token in tokens:
        route = routes.get(token.text)
        if route is not None:
            if route & _POS_SLIP:
                slips.append(token)
            if route & _CONFUSABLE:
                confusables.append(token)
            if route & _PAST_FORM:
                pasts.append(token)
    return slips, confusables, pasts


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
            slips, confusables, pasts = _routed(tokens)
            findings.extend(_non_words(text, tokens, document.title, _known_source_forms(context.sources).protected))
            findings.extend(_participles(text, protected))
            findings.extend(_infinitives(text, pasts, protected))
            findings.extend(_word_number_joins(text, protected))
            findings.extend(_article_agreement(text, protected))
            findings.extend(_doubled_words(text, tokens, protected))
            findings.extend(_confusables(text, confusables, protected))
            findings.extend(_real_word_pos(text, slips, protected))
            findings.extend(_split_into(text, protected))
            findings.extend(_split_words(text, tokens, protected))
            findings.extend(_name_variants(document, context, tokens))
        finally:
            _unlink(tokens)
        return _without_overlaps(findings)
