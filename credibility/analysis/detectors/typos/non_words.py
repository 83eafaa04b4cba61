"""The non-word check: one walk over the tokens.

A lower-case word no dictionary holds is classified (``_classify``): a listed misspelling, a
contraction without its apostrophe, a run-together pair or a correction from ``candidates``.
A capitalised one goes to the name model (``capitalised``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from functools import partial

from credibility.analysis import budget
from credibility.analysis.budget import check
from credibility.analysis.detectors.typos.candidates import (
    _best_correction,
    _content_word,
    _derived_slip,
    _letter_left_out,
    _listed_correction,
)
from credibility.analysis.detectors.typos.capitalised import (
    _NAME_GLUE_WORDS,
    _calendar_slip,
    _capital_counts,
    _capitalised,
    _function_word_swap,
    _name_run_together,
)
from credibility.analysis.detectors.typos.findings import _typo_finding
from credibility.analysis.detectors.typos.splits import (
    _dropped_letter_word,
    _lost_last_letter,
    _run_together,
    _slip_over_split,
)
from credibility.analysis.detectors.typos.tokens import _Token
from credibility.analysis.detectors.typos.vocabulary import _is_compound, _is_derived, _match_case, _y_adjective_form
from credibility.analysis.lexicons import english as lexicon
from credibility.analysis.types import Finding


def _contraction_finding_fields(token: _Token, contraction: str) -> tuple[_Token, str, str, str, float]:
    """A contraction written without its apostrophe ("weve") or a letter off ("could't")."""
    shown = _match_case(contraction, token.text)
    return (
        token,
        "contraction",
        contraction,
        f'"{token.text}" looks like the contraction "{shown}" misspelt.',
        0.8,
    )


def _contraction_hit(token: _Token) -> tuple[_Token, str, str, str, float] | None:
    contraction = lexicon.contraction_slip(token.text.lower())
    return None if contraction is None else _contraction_finding_fields(token, contraction)


def _non_words(
    text: str, tokens: list[_Token], title: str = "", protected_names: AbstractSet[str] = frozenset()
) -> Iterable[Finding]:
    # Jargon is handled word by word, never by dropping a sentence: tokens that look like code,
    # units, identifiers or addresses are marked ``skip`` in ``_tokens``. None marks a lower-case
    # word still to classify.
    hits: list[tuple[_Token, str, str, str, float] | tuple[_Token, None, bool]] = []
    mid_sentence_capitals = {t.text for t in tokens if not t.initial and t.text[:1].isupper()}
    capital_counts: dict[str, int] | None = None  # counted on the first capitalised word that needs it
    capitals_seen: set[str] = set()
    # Each distinct capitalised word may cost a near-word search. Real news needs at most
    # about 0.04 per character plus 5 (BBC, PolNeAR, dev and held-out articles); a text of
    # thousands of distinct capitalised non-words ("the Aaaa the Aaab ...") is not prose.
    capital_checks = budget.allowance(
        "the typo check of capitalised words", text_length=len(text), floor=20, per_1000_chars=40
    )
    # A sentence opener the web has never seen gets the full near-word search (about 0.2 ms):
    # real news needs it at most 10 times in 8,000 characters.
    opener_searches = budget.allowance(
        "the correction search for sentence openers", text_length=len(text), floor=10, per_1000_chars=2
    )
    bare_contractions = lexicon.bare_contractions()
    jumbled = lexicon.jumbled_function_words(lexicon.JUMBLED_WORD_ZIPF)
    for token in tokens:
        word = token.text
        if token.skip or not word.isascii() or len(word) < 4:
            # A dict probe before any call: three-letter words are a fifth of all tokens.
            if len(word) == 3 and not (token.skip or token.mention):
                listed = jumbled.get(word) or (jumbled.get(word.lower()) if word[0].isupper() else None)
                short = _function_word_swap(token, listed) if listed is not None else None
                if short is not None:
                    hits.append(short)
            continue
        if not word.isalpha():
            if not token.mention and (word.islower() or (token.initial and word[1:].islower())):
                contraction = _contraction_hit(token)
                if contraction is not None:
                    hits.append(contraction)
            continue
        if len(word) > lexicon.MAX_WORD_LENGTH:
            continue  # no dictionary work on a token no English word is as long as (see lexicon)
        bare = (
            word
            if word.islower()
            else word.lower()
            if token.initial and word[0].isupper() and word[1:].islower()
            else ""
        )
        if bare in bare_contractions:  # a set look-up per word; "" is never in it
            if not token.mention:
                hits.append(_contraction_finding_fields(token, bare_contractions[bare]))
            continue
        if not word.islower():
            if token.mention and len(word) >= 5 and word[1:].islower() and not token.joined:
                # A short quotation may be a title or a foreign phrase, but not a mistyped date
                # ("defeat her in Novembber").
                calendar = _calendar_slip(token, text)
                if calendar is not None:
                    hits.append((token, *calendar))
                continue
            if (
                # four letters only as a sentence opener codespell lists, a blank before a lower-case
                # word ("Thsi is"): shorter capitals are mostly names ("Otis Lane"), initialisms
                # and elisions ("Nothin' doing")
                (
                    len(word) >= 5
                    or (
                        token.initial
                        and token.next is not None
                        and token.next.text.islower()
                        and lexicon.known_misspelling(word.lower()) is not None
                    )
                )
                and word not in capitals_seen  # a second occurrence: a name (see _capital_counts below)
                and word[1:].islower()
                and not token.joined
                and not token.compound
                and not (token.initial and word in mid_sentence_capitals)
            ):
                capitals_seen.add(word)
                if not capital_checks.take(token.start):
                    continue
                capitalised = _capitalised(token, text, protected_names, partial(opener_searches.take, token.start))
                if (
                    capitalised is None
                    and len(word) >= 6
                    and word.lower().endswith(_NAME_GLUE_WORDS)
                    and not lexicon.is_word(word.lower())  # "England", "Scotland": before any counting
                ):
                    previous = token.prev
                    capitalised = _name_run_together(
                        word,
                        text,
                        after_given_name=previous is not None
                        and previous.sentence == token.sentence
                        and previous.text[:1].isupper()
                        and lexicon.is_given_name(previous.text.lower()),
                    )
                if capitalised is not None:
                    # Counted only now: few capitalised words get this far, and most articles have none.
                    if capital_counts is None:
                        capital_counts = _capital_counts(tokens, title)
                    if capital_counts.get(word.lower(), 0) < 2:  # repeated in any case: a name
                        hits.append((token, *capitalised))
            continue
        if lexicon.is_word(word):
            continue
        if token.compound:
            parts = [p for p in re.split(r"[-\s]+", token.compound) if p]
            if any(p[:1].isupper() for p in parts) or lexicon.is_word("".join(parts).lower()):
                continue  # part of a name ("Kai-shek") or a word split at a hyphen ("pre-empted")
        name_like = word.capitalize() in mid_sentence_capitals
        hits.append((token, None, name_like))
    # The dictionary work per unknown word (about 0.2 ms, 2 ms with the double-edit search) is
    # the detector's cost on text made of unknown words. Real news needs at most about 3
    # classifications and 1.5 double-edit searches per 1,000 characters (300 BBC and dev
    # articles: 6 searches in all); text past these allowances is not English prose.
    unknown_words = budget.allowance(
        "the typo check of unknown words", text_length=len(text), floor=20, per_1000_chars=6
    )
    double_edits = budget.allowance(
        "the two-edit correction search", text_length=len(text), floor=5, per_1000_chars=0.5
    )
    for entry in hits:
        if entry[1] is None:
            check()  # before the dictionary work, not for every token
            token, _, name_like = entry
            if not unknown_words.take(token.start):
                continue
            classified = _classify(
                token.text,
                compound=token.joined,
                mention=token.mention,
                seen_slip=not name_like,
                far_allowed=partial(double_edits.take, token.start),
                neighbours=(_content_word(token.prev), _content_word(token.next)),
            )
            if classified is None:
                continue
            rule, suggestion, explanation, confidence = classified
        else:
            token, rule, suggestion, explanation, confidence = entry
        if not rule:
            continue
        yield _typo_finding(
            text,
            token.start,
            token.end,
            rule=rule,
            confidence=round(confidence, 3),
            explanation=explanation,
            suggestion=_match_case(suggestion, token.text),
        )


def _classify(
    word: str,
    *,
    compound: bool,
    mention: bool = False,
    seen_slip: bool = False,
    far_allowed: Callable[[], bool] = lambda: True,
    neighbours: tuple[str, str] = ("", ""),
) -> tuple[str, str, str, float] | None:
    listed = _listed_correction(word)
    if listed:
        return "known-misspelling", listed, f'"{word}" is a common misspelling of "{listed}".', 0.9
    if _is_derived(word) or _y_adjective_form(word):
        slip = None if compound or mention else _derived_slip(word)
        if slip is None:
            return None
        candidate, confidence = slip
        return (
            "non-word",
            candidate,
            f'"{word}" is not an English word; the nearest common word is "{candidate}".',
            confidence,
        )
    split, strength = _run_together(word) or ("", 0)
    solid = _is_compound(word)
    if split and not compound and (strength == 2 or solid):
        dropped = _dropped_letter_word(word, split) or _slip_over_split(word, split, neighbours)
        if dropped is not None:
            return (
                "non-word",
                dropped,
                f'"{word}" is not an English word; the nearest common word is "{dropped}".',
                0.75,
            )
        return "run-together", split, f'"{word}" looks like two words run together: "{split}".', 0.8
    if solid:
        lost = _lost_last_letter(word)
        if lost is None:
            return None
        return "non-word", lost, f'"{word}" is not an English word; the nearest common word is "{lost}".', 0.7
    best = _best_correction(word, seen_slip, far_allowed, neighbours)
    # Inside a hyphenated compound only a long token the web has never seen, or one with a
    # letter left out, is corrected ("two-thousanth"): short parts are prefixes and coinages
    # ("e-bike", "co-op").
    if (
        best
        # In a short quotation (a term, a title, a foreign phrase) only a word the web has never
        # seen, one slip from the correction, is corrected ("the “bad angekls”"): a coinage
        # or a foreign word is mostly known, or further off ("in terrorem").
        and (
            not mention
            or (len(word) >= 5 and lexicon.zipf(word) == 0.0 and lexicon.damerau_levenshtein(word, best[0]) == 1)
        )
        and (not compound or (len(word) >= 6 and (lexicon.zipf(word) == 0.0 or _letter_left_out(word, best[0]))))
    ):
        candidate, confidence = best
        return (
            "non-word",
            candidate,
            f'"{word}" is not an English word; the nearest common word is "{candidate}".',
            confidence,
        )
    if split and not compound:
        return "run-together", split, f'"{word}" looks like two words run together: "{split}".', 0.7
    return None
