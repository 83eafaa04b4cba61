"""`within_report_budget`: the evaluation's copy of the flagged-claim report's default budget.

`evaluate` prints the precision of what a reviewer sees by default; that figure is only true while
the pure copy keeps the rule the report applies in the database (`flagged_claim_budget`).
"""

from __future__ import annotations

import pytest
from django.test import override_settings

from annotations.models import Annotation
from credibility.quality.evaluation.unverified_eval import RankedFlag, within_report_budget
from credibility.selectors import flagged_claim_budget
from tests.annotations.factories import ArticleFactory, machine_flag

SENTENCES = [f"Item {n} of the budget went up by {n}0 per cent last year." for n in range(1, 8)]
# (check-worthiness, confidence) of each sentence's flag; None: an unscored flag
SCORES = [(0.9, 0.5), (0.45, 0.3), (0.45, 0.7), (0.2, 0.9), (0.49, 0.1), (None, 0.6), (0.5, 0.2)]


def test_keeps_every_flag_worth_checking_and_the_best_low_value_ones():
    flags = [RankedFlag(n * 10, n * 10 + 5, worth, sure) for n, (worth, sure) in enumerate(SCORES)]
    shown = within_report_budget(flags, threshold=0.5, low_value_limit=2)
    # low value: 0.45/0.3, 0.45/0.7, 0.2/0.9, 0.49/0.1 -> the two best are 0.49 and 0.45/0.7
    assert [flag.start for flag in shown] == [0, 20, 40, 50, 60]
    assert within_report_budget(flags, threshold=0.5, low_value_limit=0) == [flags[0], flags[5], flags[6]]


@pytest.mark.django_db
@pytest.mark.parametrize("limit", [0, 1, 2, 3])
def test_agrees_with_the_report_in_the_database(limit):
    article = ArticleFactory(body=" ".join(SENTENCES), low_value_flag_limit=limit)
    made = [
        machine_flag(article, sentence, checkworthiness=worth, confidence=sure)
        for sentence, (worth, sure) in zip(SENTENCES, SCORES, strict=True)
    ]
    with override_settings(FLAG_REPORT_LOW_VALUE_THRESHOLD=0.5):
        kept, _held_back = flagged_claim_budget(Annotation.objects.filter(article=article))
        in_database = {annotation.start for annotation in kept}
    pure = within_report_budget(
        [RankedFlag(a.start, a.end, a.checkworthiness, a.confidence or 0.0) for a in made],
        threshold=0.5,
        low_value_limit=limit,
    )
    assert {flag.start for flag in pure} == in_database
