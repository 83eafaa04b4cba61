"""factory_boy factories for users and annotations' models (articles, annotations)."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from annotations.models import Annotation, Article
from annotations.services.annotations import span_context
from annotations.services.articles import body_sha256


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get_or_create(name=name)[0])


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    body = "The council approved the budget on Tuesday. Taxes will rise by 4.99%, the council said."
    body_sha256 = factory.LazyAttribute(lambda a: body_sha256(a.body))


class AnnotationFactory(factory.django.DjangoModelFactory):
    """An editor annotation over the first word of its article's body."""

    class Meta:
        model = Annotation

    article = factory.SubFactory(ArticleFactory)
    kind = "note"
    start = 0
    end = factory.LazyAttribute(lambda a: len(a.article.body.split(" ")[0]))
    quote = factory.LazyAttribute(lambda a: a.article.body[a.start : a.end])
    prefix = factory.LazyAttribute(lambda a: span_context(body=a.article.body, start=a.start, end=a.end)[0])
    suffix = factory.LazyAttribute(lambda a: span_context(body=a.article.body, start=a.start, end=a.end)[1])
    origin = "editor"
    status = "open"


def claim_annotation(article: Article, text: str, **fields: object) -> Annotation:
    """An unverified claim (reason "unsourced") over the first ``text`` in the article's body; ``fields`` override."""
    start = article.body.index(text)
    values = {"kind": "unverified_claim", "reason": "unsourced", **fields}
    return AnnotationFactory(article=article, start=start, end=start + len(text), **values)


def machine_flag(article: Article, text: str, **fields: object) -> Annotation:
    """A claim the unsourced detector flagged (confidence 0.8 unless ``fields`` say otherwise)."""
    values = {"origin": "machine", "detector": "unsourced@3", "confidence": 0.8, **fields}
    return claim_annotation(article, text, **values)
