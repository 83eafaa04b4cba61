"""factory_boy factories for credibility's models."""

from __future__ import annotations

import factory

from credibility.models import AnalysisRun, FactCheck, Source
from credibility.services.sources import normalize_name
from tests.annotations.factories import ArticleFactory


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Source {n}")
    normalized_name = factory.LazyAttribute(lambda s: normalize_name(s.name))
    kind = "person"


class FactCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FactCheck

    identifier = factory.Sequence(lambda n: f"fc-test-{n}")
    url = factory.LazyAttribute(lambda f: f"https://factcheck.example.org/{f.identifier}")
    claim_reviewed = "The moon is made of cheese."
    rating_label = "False"
    verdict = "false"


class AnalysisRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnalysisRun

    article = factory.SubFactory(ArticleFactory)
