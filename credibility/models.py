"""Sources and their credibility, the fact-check registry, and analysis runs."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords


class SourceKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANIZATION = "organization", "Organization"
    OUTLET = "outlet", "Outlet"
    GOVERNMENT_BODY = "government_body", "Government body"
    DOCUMENT = "document", "Document or data (report, study, poll, ruling)"
    VAGUE = "vague", "Vague (unnamed) source"


# The columns a score recompute writes (``credibility.services.scoring``): derived from reviews, so
# neither versioned in the history nor written by anything else.
SOURCE_SCORE_FIELDS = (
    "score", "score_prior", "track_contradicted", "track_unverified", "track_dismissed", "track_sourced",
    "track_pending", "score_computed_at",
)  # fmt: skip


class Source(models.Model):
    name = models.CharField(max_length=300)
    # Case-folded, whitespace-collapsed name: the natural key used for lookups and uniqueness.
    normalized_name = models.CharField(max_length=300, unique=True, editable=False)
    kind = models.CharField(max_length=32, choices=SourceKind.choices, default=SourceKind.PERSON)
    description = models.CharField(max_length=500, blank=True)
    domain = models.CharField(max_length=253, blank=True, db_index=True)
    rating = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Editorial credibility rating, 0 (not credible) to 100 (highly credible).",
    )
    rating_rationale = models.TextField(blank=True)
    # Computed by credibility.services.scoring.source_score_recompute from reviewed annotations;
    # never edited by hand. See credibility/analysis/scoring.py for the definitions and the formula.
    score = models.FloatField(null=True, blank=True, help_text="Combined credibility, 0-100 (Bayesian estimate).")
    score_prior = models.FloatField(null=True, blank=True, help_text="Prior mean, 0-100: the rating, or 50 unrated.")
    track_contradicted = models.PositiveIntegerField(default=0, help_text="Confirmed contradicted claims.")
    track_unverified = models.PositiveIntegerField(default=0, help_text="Confirmed unsourced/vague/hedged claims.")
    track_dismissed = models.PositiveIntegerField(default=0, help_text="Flags reviewers dismissed.")
    track_sourced = models.PositiveIntegerField(default=0, help_text="Attributed claims no flag stands against.")
    track_pending = models.PositiveIntegerField(default=0, help_text="Flags still open (not counted).")
    score_computed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=SourceKind.values), name="source_kind_valid"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | (Q(rating__gte=0) & Q(rating__lte=100)),
                name="source_rating_0_100",
            ),
        ]

    # Audit trail (ratings included); the computed score and track record are left out: they are
    # recomputed from reviews, and every review is in the annotation history already.
    history = HistoricalRecords(excluded_fields=list(SOURCE_SCORE_FIELDS))

    def __str__(self) -> str:
        return self.name


class SourceRatingChange(models.Model):
    """One change of a source's editorial rating or rationale, written by the source services."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="rating_changes")
    old_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    new_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    rationale = models.TextField(blank=True, help_text="The rationale as it stood after the change.")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["source", "-changed_at"])]

    def __str__(self) -> str:
        return f"{self.source_id}: {self.old_rating} -> {self.new_rating}"


class SourceAlias(models.Model):
    """Another name the same source goes by ("Kyrylov", "the Rada", "Ukraine's parliament")."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=300)
    normalized_alias = models.CharField(max_length=300, db_index=True, editable=False)

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "source aliases"
        constraints = [
            models.UniqueConstraint(fields=["source", "normalized_alias"], name="source_alias_unique_per_source"),
        ]

    def __str__(self) -> str:
        return self.alias


class Verdict(models.TextChoices):
    FALSE = "false", "False"
    MOSTLY_FALSE = "mostly_false", "Mostly false"
    MIXED = "mixed", "Mixed"
    MOSTLY_TRUE = "mostly_true", "Mostly true"
    TRUE = "true", "True"
    UNPROVEN = "unproven", "Unproven"


class FactCheck(models.Model):
    """A schema.org ClaimReview, with its rating normalised to a six-point verdict."""

    identifier = models.CharField(max_length=300, null=True, blank=True, unique=True)
    url = models.URLField(max_length=2000, null=True, blank=True, unique=True)
    claim_reviewed = models.TextField()
    claimant = models.CharField(max_length=300, blank=True)
    claim_date = models.DateField(null=True, blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    review_date = models.DateField(null=True, blank=True)
    rating_label = models.CharField(max_length=200, blank=True, help_text="The publisher's own label, kept verbatim.")
    rating_value = models.FloatField(null=True, blank=True)
    best_rating = models.FloatField(null=True, blank=True)
    worst_rating = models.FloatField(null=True, blank=True)
    verdict = models.CharField(max_length=16, choices=Verdict.choices, default=Verdict.UNPROVEN)
    language = models.CharField(max_length=16, default="en")
    raw = models.JSONField(default=dict, blank=True, help_text="The record as imported.")
    # Set when the record is one of our own exported reviews coming back (its url is our public
    # claim page): the article it reviews, against which it is never cited as evidence.
    own_review_article = models.ForeignKey(
        "annotations.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Our own review of a claim in this article (re-imported export): never evidence against it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-review_date", "-id"]
        verbose_name = "fact-check"
        constraints = [
            models.CheckConstraint(condition=Q(verdict__in=Verdict.values), name="factcheck_verdict_valid"),
            models.CheckConstraint(
                condition=Q(identifier__isnull=False) | Q(url__isnull=False), name="factcheck_has_identifier_or_url"
            ),
        ]

    history = HistoricalRecords(excluded_fields=["raw"])

    def __str__(self) -> str:
        return f"{self.claim_reviewed[:80]} ({self.get_verdict_display()})"


class RunState(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class AnalysisRun(models.Model):
    article = models.ForeignKey("annotations.Article", on_delete=models.CASCADE, related_name="analysis_runs")
    state = models.CharField(max_length=16, choices=RunState.choices, default=RunState.PENDING)
    detector_versions = models.JSONField(default=dict, blank=True)
    # The article revision analysed; lets a stale run notice that the body moved on.
    article_revision = models.PositiveIntegerField(default=1)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.FloatField(null=True, blank=True)
    timings_ms = models.JSONField(default=dict, blank=True, help_text="Per-detector wall time.")
    counts = models.JSONField(default=dict, blank=True, help_text="Findings per kind, created/kept/removed.")
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The article's language as analysed, and the detectors that did not run because they do not
    # support it (each detector declares its languages: credibility.analysis.pipeline).
    language = models.CharField(max_length=16, blank=True, default="")
    skipped_detectors = models.JSONField(
        default=list, blank=True, help_text="Detectors not run: they do not support the article's language."
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["article", "-created_at"]), models.Index(fields=["state"])]
        constraints = [models.CheckConstraint(condition=Q(state__in=RunState.values), name="analysis_run_state_valid")]

    def __str__(self) -> str:
        return f"Run {self.pk} on article {self.article_id} ({self.state})"


class FactCheckTerm(models.Model):
    """One normalised term of a fact-check's claim: the portable retrieval index.

    Maintained on every registry write only where PostgreSQL full-text search is not the
    retrieval path (SQLite, or ``FACTCHECK_RETRIEVAL=terms``); see ``credibility.retrieval.factchecks``.
    """

    factcheck = models.ForeignKey(FactCheck, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["term", "factcheck"], name="factcheck_term_lookup")]
        constraints = [models.UniqueConstraint(fields=["factcheck", "term"], name="factcheck_term_unique")]

    def __str__(self) -> str:
        return self.term


class FactCheckEmbedding(models.Model):
    """A fact-check's claim as a sentence embedding: the stored half of semantic retrieval.

    One row per fact-check, written by the registry services with the term rows
    (``credibility.retrieval.semantic.factcheck_embeddings_store``) and removed with the
    fact-check. ``vector`` is ``EMBEDDING_DIM`` little-endian float16 values of a unit vector
    (half the bytes of float32; cosines move by under 1e-3). A row is valid only for the
    ``encoder_version`` it names: rows of another version are ignored by the index and
    re-embedded by ``manage.py embed_factchecks``. ``updated_at`` (indexed with the version) is
    what each process's index reads incrementally.
    """

    factcheck = models.OneToOneField(FactCheck, primary_key=True, on_delete=models.CASCADE, related_name="embedding")
    encoder_version = models.CharField(max_length=64)
    vector = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["encoder_version", "updated_at"], name="factcheck_embedding_version")]

    def __str__(self) -> str:
        return f"Embedding of fact-check {self.factcheck_id} ({self.encoder_version})"


class FactCheckProfile(models.Model):
    """A fact-check's claim as the contradiction detector analyses it: the stored half of matching.

    One row per fact-check, written by the registry services on import, update and create
    (``credibility.retrieval.profiles.factcheck_profiles_store``) and removed with the fact-check,
    so that a worker checking an article never re-analyses a candidate claim (0.4 ms each, about
    45 new claims an article). ``data`` is ``credibility.analysis.claims.profile_codec``'s
    encoding, which carries a digest of the claim it was computed from; it is used only when
    ``analyser_version`` is the running analyser's and that digest is the current claim's.
    Anything else is stale: readers analyse the claim themselves, and ``manage.py
    profile_factchecks`` (or the periodic re-check) rewrites the row. Kept out of the fact-check's
    own row (and its history): the lexical search reads that table's pages, and a wider row
    would mean more of them.
    """

    factcheck = models.OneToOneField(FactCheck, primary_key=True, on_delete=models.CASCADE, related_name="profile")
    analyser_version = models.CharField(max_length=64)
    # Compact JSON text (not jsonb): read back as one string and parsed once, it costs half the
    # bytes and a third of the time of a jsonb column read through the ORM.
    data = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Profile of fact-check {self.factcheck_id} ({self.analyser_version})"


class ArticleStatementIndex(models.Model):
    """An article's retrievable statements with their normalised terms: a cache of its body.

    Every analysis compares its sentences with the statements of the most recent articles
    (``credibility.retrieval.statements.other_claim_candidates``); reading them from here spares each run
    re-splitting and stemming those bodies. A row is valid only for the body hash and the
    ``scheme`` (the version of the term normalisation) it was built from; anything else is
    rebuilt on the next read.
    """

    article = models.OneToOneField(
        "annotations.Article", primary_key=True, on_delete=models.CASCADE, related_name="statement_index"
    )
    body_sha256 = models.CharField(max_length=64)
    scheme = models.PositiveSmallIntegerField()
    statements = models.JSONField(help_text="[[start, end, [term, ...]], ...] in code points of the body.")
    # Every sentence of the body as the analysis segmented it, so reads (credibility, report) never
    # re-segment (issue 15). Valid for ``sentences_key`` = "<segmentation scheme>:<body sha256>" only.
    sentences_key = models.CharField(max_length=80, blank=True, default="")
    sentences = models.JSONField(
        null=True, blank=True, help_text="[start, end, start, end, ...]: every sentence, in code points of the body."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "article statement indexes"

    def __str__(self) -> str:
        return f"Statement index of article {self.article_id}"


class RecheckTrigger(models.TextChoices):
    IMPORT = "import", "Import"
    PERIODIC = "periodic", "Periodic"
    MANUAL = "manual", "Manual"


class FactCheckRecheck(models.Model):
    """One re-check of recent articles against new or changed fact-checks.

    The periodic sweep re-checks the fact-checks changed since ``until`` of its last finished
    run, so the rows double as its bookmark.
    """

    trigger = models.CharField(max_length=16, choices=RecheckTrigger.choices, default=RecheckTrigger.IMPORT)
    until = models.DateTimeField(help_text="Fact-checks changed up to this instant are covered.")
    factchecks = models.PositiveIntegerField(default=0)
    articles_checked = models.PositiveIntegerField(default=0)
    articles_with_candidates = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    removed = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["trigger", "-until"], name="factcheck_recheck_bookmark")]

    def __str__(self) -> str:
        return f"Re-check {self.pk} ({self.trigger}, {self.factchecks} fact-checks)"


# --- ingestion from the web (issue 10) ---------------------------------------------------------


class ArticleAuthor(models.Model):
    """A person Source named in an article's byline, in byline order.

    Kept here rather than as an M2M on Article so annotations/ needs no knowledge of bylines
    being sources; ``Article.byline`` stays the text as the page printed it.
    """

    article = models.ForeignKey("annotations.Article", on_delete=models.CASCADE, related_name="authors")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="authored_articles")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["article_id", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["article", "source"], name="article_author_unique")]

    def __str__(self) -> str:
        return f"{self.source} on article {self.article_id}"


class FeedStatus(models.TextChoices):
    NEVER = "never", "Not polled yet"
    OK = "ok", "OK"
    NOT_MODIFIED = "not_modified", "Not modified (304)"
    ERROR = "error", "Error"


class Feed(models.Model):
    """An outlet's RSS or Atom feed, polled every ``interval`` seconds by celery beat.

    ``etag`` and ``last_modified`` are the validators of the last 200 answer, sent back as
    If-None-Match / If-Modified-Since. ``error_count`` counts consecutive failures and backs the
    next poll off; a success resets it.
    """

    outlet = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="feeds")
    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=500, blank=True)
    interval = models.PositiveIntegerField(
        default=900, validators=[MinValueValidator(60)], help_text="Seconds between polls (at least 60)."
    )
    active = models.BooleanField(default=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True, help_text="Due when empty or past.")
    last_status = models.CharField(max_length=16, choices=FeedStatus.choices, default=FeedStatus.NEVER)
    last_http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    error_count = models.PositiveIntegerField(default=0, help_text="Consecutive failed polls.")
    last_new_entries = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["url"]
        indexes = [models.Index(fields=["active", "next_poll_at"], name="feed_due")]
        constraints = [
            models.CheckConstraint(condition=Q(interval__gte=60), name="feed_interval_at_least_60s"),
            models.CheckConstraint(condition=Q(last_status__in=FeedStatus.values), name="feed_last_status_valid"),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class IngestionJobKind(models.TextChoices):
    URL = "url", "URL"
    FEED = "feed", "Feed entries"


class IngestionJob(models.Model):
    """Fetching one or more URLs into articles, in a Celery task; progress is ``done`` of ``total``.

    ``results`` has one entry per finished URL: ``{"url", "status": created|duplicate|failed,
    "article", "error"}``; ``article`` is the (first) article the job produced or found.
    """

    kind = models.CharField(max_length=16, choices=IngestionJobKind.choices, default=IngestionJobKind.URL)
    state = models.CharField(max_length=16, choices=RunState.choices, default=RunState.PENDING)
    urls = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    results = models.JSONField(default=list, blank=True)
    article = models.ForeignKey(
        "annotations.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="ingestion_jobs"
    )
    duplicate = models.BooleanField(default=False, help_text="The article already existed (same URL or body).")
    feed = models.ForeignKey(Feed, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs")
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "created_at"], name="ingestion_job_state")]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=RunState.values), name="ingestion_job_state_valid"),
            models.CheckConstraint(condition=Q(kind__in=IngestionJobKind.values), name="ingestion_job_kind_valid"),
            models.CheckConstraint(condition=Q(done__lte=F("total")), name="ingestion_job_done_le_total"),
        ]

    def __str__(self) -> str:
        return f"Ingestion job {self.pk} ({self.state}, {self.done}/{self.total})"
