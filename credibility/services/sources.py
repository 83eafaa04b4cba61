"""Writes for sources: find-or-create by name or alias, so detectors never duplicate a Source."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from annotations.services.validation import text_check
from credibility.models import Source, SourceAlias, SourceKind, SourceRatingChange

_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def normalize_name(name: str) -> str:
    """Case-folded, quote- and whitespace-normalised form used as the natural key."""
    return _SPACES.sub(" ", name.translate(_QUOTES)).strip().casefold()


def source_find(*, name: str) -> Source | None:
    """The Source called ``name``, by its own name or else by an alias; None when there is none."""
    return sources_find(names=[name]).get(name)


def sources_find(*, names: Iterable[str]) -> dict[str, Source]:
    """``source_find`` for many names in two queries: name -> Source for the names that exist."""
    keys: dict[str, list[str]] = {}
    for name in names:
        key = normalize_name(name)
        if key:
            keys.setdefault(key, []).append(name)
    found: dict[str, Source] = {}
    for source in Source.objects.filter(normalized_name__in=list(keys)):
        for name in keys.pop(source.normalized_name, ()):
            found[name] = source
    if keys:
        aliases = (
            SourceAlias.objects.select_related("source").filter(normalized_alias__in=list(keys)).order_by("source_id")
        )
        for alias in aliases:
            for name in keys.pop(alias.normalized_alias, ()):
                found[name] = alias.source
    return found


def sources_table() -> dict[str, Source]:
    """Every source by its normalised name and aliases, for callers resolving many names in memory
    (batch commands): the same answers as ``sources_find`` (own names first, then the alias of the
    lowest source id), in two queries for the whole batch."""
    table: dict[str, Source] = {}
    for alias in SourceAlias.objects.select_related("source").order_by("-source_id"):
        table[alias.normalized_alias] = alias.source  # the lowest id is written last and wins
    for source in Source.objects.all():
        table[source.normalized_name] = source
    return table


def _validate(*, name: str, kind: str, rating: int | None) -> None:
    errors: dict[str, str] = {}
    if not name or not name.strip():
        errors["name"] = "A source needs a name."
    if kind not in SourceKind.values:
        errors["kind"] = f"Unknown kind {kind!r}; expected one of {', '.join(SourceKind.values)}."
    if rating is not None and not 0 <= rating <= 100:
        errors["rating"] = "rating must be between 0 and 100."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def source_aliases_set(*, source: Source, aliases: Iterable[str]) -> None:
    """Make the source's aliases exactly ``aliases`` (its own name is never stored as an alias)."""
    wanted = {normalize_name(a): a.strip() for a in aliases if a and a.strip()}
    wanted.pop(source.normalized_name, None)
    source.aliases.exclude(normalized_alias__in=wanted).delete()
    have = set(source.aliases.values_list("normalized_alias", flat=True))
    SourceAlias.objects.bulk_create(
        SourceAlias(source=source, alias=alias, normalized_alias=key)
        for key, alias in wanted.items()
        if key not in have
    )


@transaction.atomic
def source_create(
    *,
    name: str,
    kind: str,
    aliases: Iterable[str] = (),
    domain: str = "",
    description: str = "",
    rating: int | None = None,
    rating_rationale: str = "",
    changed_by: Any = None,
) -> Source:
    """Create a source; a rating given at creation is the first entry of its rating history."""
    text_check(
        name=name, aliases=list(aliases), domain=domain, description=description, rating_rationale=rating_rationale
    )
    _validate(name=name, kind=kind, rating=rating)
    _refuse_vague(kind=kind)
    key = normalize_name(name)
    if Source.objects.filter(normalized_name=key).exists():
        raise ValidationError({"name": f"A source named {name!r} already exists."})
    source = Source.objects.create(
        name=name.strip(),
        normalized_name=key,
        kind=kind,
        domain=domain,
        description=description,
        rating=rating,
        rating_rationale=rating_rationale,
    )
    source_aliases_set(source=source, aliases=aliases)
    if rating is not None or rating_rationale:
        _rating_change_record(source=source, old_rating=None, changed_by=changed_by)
    return source


def _refuse_vague(*, kind: str) -> None:
    """Unnamed speakers are labels on annotations, not Sources: there is nobody to rate."""
    if kind == SourceKind.VAGUE:
        raise ValidationError(
            {
                "kind": "An unnamed source ('officials', 'sources close to the company') is not a Source: "
                "put the phrase in the annotation's vague_source label instead. Choose person, organization, "
                "outlet, government_body or document for a source you can name."
            }
        )


def _rating_change_record(*, source: Source, old_rating: int | None, changed_by: Any) -> None:
    """History entry plus a score recompute on commit: the rating is the score's prior."""
    from credibility.services.scoring import source_scores_recompute_on_commit

    SourceRatingChange.objects.create(
        source=source,
        old_rating=old_rating,
        new_rating=source.rating,
        rationale=source.rating_rationale,
        changed_by=changed_by if getattr(changed_by, "is_authenticated", False) else None,
    )
    source_scores_recompute_on_commit(source_ids=[source.pk])


SOURCE_EDITABLE_FIELDS = frozenset({"name", "kind", "domain", "description", "rating", "rating_rationale"})


@transaction.atomic
def source_update(
    *, source: Source, aliases: Iterable[str] | None = None, changed_by: Any = None, **changes: object
) -> Source:
    """Apply ``changes``; a changed rating or rationale is written to the rating history."""
    unknown = set(changes) - SOURCE_EDITABLE_FIELDS
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in sorted(unknown)})
    text_check(
        aliases=list(aliases or ()), **{field: value for field, value in changes.items() if isinstance(value, str)}
    )
    name = str(changes.get("name", source.name))
    kind = str(changes.get("kind", source.kind))
    rating = changes.get("rating", source.rating)
    _validate(name=name, kind=kind, rating=rating if rating is None else int(rating))  # type: ignore[call-overload]
    if kind != source.kind:
        _refuse_vague(kind=kind)
    key = normalize_name(name)
    if Source.objects.filter(normalized_name=key).exclude(pk=source.pk).exists():
        raise ValidationError({"name": f"Another source is already named {name!r}."})
    old_rating, old_rationale = source.rating, source.rating_rationale
    for field, value in changes.items():
        setattr(source, field, value)
    source.normalized_name = key
    # Only what changed: never write back score fields a concurrent recompute has just stored.
    source.save(update_fields=[*changes, "normalized_name", "updated_at"])
    if (source.rating, source.rating_rationale) != (old_rating, old_rationale):
        _rating_change_record(source=source, old_rating=old_rating, changed_by=changed_by)
    if aliases is not None:
        source_aliases_set(source=source, aliases=aliases)
    return source


def source_get_or_create(*, name: str, kind: str, aliases: Iterable[str] = (), description: str = "") -> Source:
    """The Source called ``name`` (by name or alias), created with ``kind`` (and ``description``,
    e.g. the speaker's role) if none exists; an existing row is returned unchanged.

    Safe under concurrency: two workers creating the same source race on the unique key,
    and the loser reads the winner's row.
    """
    found = source_find(name=name)
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return source_create(name=name, kind=kind, aliases=aliases, description=description[:500])
    except (IntegrityError, ValidationError):
        found = source_find(name=name)
        if found is None:
            raise
        return found


@transaction.atomic
def source_delete(*, source: Source) -> None:
    """Delete a source. Articles and annotations that named it keep existing with the link cleared."""
    source.delete()
