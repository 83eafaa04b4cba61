"""The profile store: each fact-check's claim analysed once, at import, for the contradiction detector.

``credibility.analysis.claims.matching.profile`` costs about 0.4 ms a claim, and an article's
candidates are mostly claims the worker has never seen (about 45 an article at a million
fact-checks): analysing them was the largest cold cost of the detector. The registry services
now write each claim's profile beside it (``FactCheckProfile``, on import, create and update,
as the embeddings are), and retrieval reads it with the candidates (``with_stored_profiles``:
one join, no extra round trip) and hands it to the detector in ``FactCheckEntry.profile``.

A stored profile is used only when its ``analyser_version`` is the running analyser's
(``profile_codec.analyser_version()``: a fingerprint of the analyser's code and data, so an
analyser change makes every row stale without anyone bumping a number) and its digest is the
current claim's. Otherwise the entry carries no profile and the detector analyses the claim,
exactly as before: a stale profile is recomputed, never trusted. Stale and missing rows are
rewritten by ``factcheck_profiles_sync`` (``manage.py profile_factchecks``, and the periodic
re-check); readers do not write back (a worker's transaction never takes locks on the
registry).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, Q, QuerySet

from credibility.analysis.claims.matching import Profile, profile
from credibility.analysis.claims.profile_codec import analyser_version, profile_dumps, profile_loads
from credibility.models import FactCheck, FactCheckProfile
from credibility.retrieval.semantic import factcheck_claim_batches

# Claims analysed and written per batch.
PROFILE_BATCH = 2000


def factcheck_profiles_store(*, factcheck_ids: Iterable[int] | None = None, batch_size: int = PROFILE_BATCH) -> int:
    """Analyse the claims of these fact-checks (all when None) and write their profiles; returns the rows written.

    Batched: ``batch_size`` claims are read, analysed and upserted at a time (two queries a batch).
    """
    return sum(_store_batch(pairs) for pairs in factcheck_claim_batches(factcheck_ids, batch_size))


def _store_batch(pairs: list[tuple[int, str]]) -> int:
    version = analyser_version()
    rows = [
        FactCheckProfile(factcheck_id=pk, analyser_version=version, data=profile_dumps(profile(claim)))
        for pk, claim in pairs
    ]
    with transaction.atomic(savepoint=False):
        FactCheckProfile.objects.bulk_create(
            rows,
            batch_size=len(rows),
            update_conflicts=True,
            unique_fields=["factcheck"],
            update_fields=["analyser_version", "data", "updated_at"],
        )
    return len(rows)


def factcheck_profiles_stale() -> Q:
    """Fact-checks whose stored profile is missing, of another analyser, or older than the fact-check.

    The last catches claims edited by a path that did not rewrite the profile (readers reject
    those anyway: the digest differs); an edit that leaves ``updated_at`` alone is caught only by
    ``rebuild``.
    """
    return (
        Q(profile__isnull=True)
        | ~Q(profile__analyser_version=analyser_version())
        | Q(profile__updated_at__lt=F("updated_at"))
    )


def factcheck_profiles_sync(*, batch_size: int = PROFILE_BATCH, rebuild: bool = False) -> int:
    """Write the profile of every fact-check whose stored one is stale (of every one with ``rebuild``).

    What ``manage.py profile_factchecks`` and the periodic re-check run: after an analyser change,
    the migration onto an existing registry, or a write that bypassed the services.
    """
    if rebuild:
        return factcheck_profiles_store(batch_size=batch_size)
    stale = FactCheck.objects.filter(factcheck_profiles_stale()).order_by("pk").values_list("pk", flat=True)
    return factcheck_profiles_store(factcheck_ids=list(stale), batch_size=batch_size)


def with_stored_profiles(queryset: QuerySet[FactCheck]) -> QuerySet[FactCheck]:
    """``queryset`` with each row's stored profile read along (a join; plain columns, no related
    model built): what ``stored_profile`` reads."""
    return queryset.annotate(
        stored_profile_version=F("profile__analyser_version"), stored_profile_data=F("profile__data")
    )


def stored_profile(factcheck: FactCheck) -> Profile | None:
    """The claim's stored profile when it was read with the fact-check (``with_stored_profiles``) and
    can be trusted (this analyser, this claim); None otherwise. Never queries."""
    data = getattr(factcheck, "stored_profile_data", None)
    if data is None or getattr(factcheck, "stored_profile_version", None) != analyser_version():
        return None
    return profile_loads(factcheck.claim_reviewed, data)
