"""Articles and the annotations anchored in their text.

Offsets are Python ``str`` indices (code points) into ``Article.body``. Credibility models
(Source, FactCheck) are referenced by string so this app never imports ``credibility``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

# Low-value flags the flagged-claim report shows per article unless the article says otherwise.
LOW_VALUE_FLAG_LIMIT_DEFAULT = 3


class AnalysisState(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    # The run stopped at its time budget: the detectors that finished wrote their findings, the rest
    # did not run; the run's error text says which (a hostile or very long body).
    PARTIAL = "partial", "Partial (time budget)"
    FAILED = "failed", "Failed"


# A finished analysis, whatever its outcome: stamped ``analyzed_at``, read by other articles' runs.
ANALYSIS_FINISHED = (AnalysisState.DONE, AnalysisState.PARTIAL, AnalysisState.FAILED)


class LanguageOrigin(models.TextChoices):
    # Detected from the body on save (``annotations.text.language``); re-detected when the body changes.
    DETECTED = "detected", "Detected"
    # Set by an editor: detection never overwrites it (send "auto" to hand it back to detection).
    EDITOR = "editor", "Set by an editor"
    # The body was too short or ambiguous to detect, so the given or previous language was kept.
    DEFAULT = "default", "Default (too short or ambiguous to detect)"


class Article(models.Model):
    title = models.CharField(max_length=500)
    body = models.TextField(help_text="Plain text. Annotation offsets index this string in code points.")
    url = models.URLField(max_length=2000, null=True, blank=True, unique=True)
    outlet = models.ForeignKey(
        "credibility.Source", null=True, blank=True, on_delete=models.SET_NULL, related_name="published_articles"
    )
    byline = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(
        max_length=16,
        default="en",
        help_text="ISO 639-1 code ('en', 'uk', 'ar'). Detected from the body unless an editor sets it; 'auto' detects again.",
    )
    language_origin = models.CharField(
        max_length=16,
        choices=LanguageOrigin.choices,
        default=LanguageOrigin.DEFAULT,
        help_text="Where the language came from: detected from the body, set by an editor, or a default.",
    )
    # What the last analysis could not do for this article (e.g. detectors that do not support its
    # language), in words for the admin, the API and the report; "" when it analysed everything.
    analysis_notice = models.TextField(blank=True, default="")
    low_value_flag_limit = models.PositiveSmallIntegerField(
        default=LOW_VALUE_FLAG_LIMIT_DEFAULT,
        help_text=(
            "How many low-value flags (check-worthiness below FLAG_REPORT_LOW_VALUE_THRESHOLD) of this article "
            "the flagged-claim report shows; every other flag is always shown."
        ),
    )
    body_sha256 = models.CharField(max_length=64, db_index=True, editable=False)
    analysis_state = models.CharField(max_length=16, choices=AnalysisState.choices, default=AnalysisState.PENDING)
    analyzed_at = models.DateTimeField(null=True, blank=True)
    # Bumped on every saved change of title/body: the number of its latest ArticleRevision.
    revision = models.PositiveIntegerField(default=1)
    # Bumped on every saved change of any field (the ETag; optimistic concurrency).
    version = models.PositiveIntegerField(default=1, help_text="Incremented on every change (optimistic concurrency).")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(analysis_state__in=AnalysisState.values), name="article_analysis_state_valid"
            ),
        ]
        indexes = [
            # Every analysis reads the most recent analysed articles, newest first (by publication,
            # or storage when undated): credibility.retrieval.statements.other_claim_candidates.
            models.Index(
                Coalesce("published_at", "created_at").desc(),
                F("id").desc(),
                name="article_recent_analysed",
                condition=Q(analysis_state__in=ANALYSIS_FINISHED),
            ),
        ]

    history = HistoricalRecords(excluded_fields=["analysis_state", "analyzed_at", "analysis_notice"])

    def __str__(self) -> str:
        return self.title


class ArticleRevision(models.Model):
    """The title and body as saved: revision 1 at creation, one more per change of either."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=500)
    body = models.TextField()
    sha256 = models.CharField(max_length=64)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="article_revision_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="article_revision_number_positive"),
        ]

    def __str__(self) -> str:
        return f"Article {self.article_id} revision {self.number}"


class AnchorState(models.TextChoices):
    ANCHORED = "anchored", "Anchored"  # the quote and its place survived every edit
    MOVED = "moved", "Moved"  # found again by its quote and context after an edit touched it
    ORPHANED = "orphaned", "Orphaned"  # no confident match: old offsets and quote kept


class AnnotationKind(models.TextChoices):
    TYPO = "typo", "Typo"
    UNVERIFIED_CLAIM = "unverified_claim", "Unverified claim"
    SOURCE_ATTRIBUTION = "source_attribution", "Source attribution"
    CONTRADICTED_CLAIM = "contradicted_claim", "Contradicted claim"
    NOTE = "note", "Note"


class UnverifiedReason(models.TextChoices):
    UNSOURCED = "unsourced", "Unsourced"
    VAGUE_SOURCE = "vague_source", "Vague source"
    HEDGED = "hedged", "Hedged"


class Origin(models.TextChoices):
    EDITOR = "editor", "Editor"
    MACHINE = "machine", "Machine"


class ReviewStatus(models.TextChoices):
    OPEN = "open", "Open"
    CONFIRMED = "confirmed", "Confirmed"
    DISMISSED = "dismissed", "Dismissed"
    RESOLVED = "resolved", "Resolved"


class Annotation(models.Model):
    # No index of its own: the (article, kind) index below serves every lookup by article.
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="annotations", db_index=False)
    kind = models.CharField(max_length=32, choices=AnnotationKind.choices)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    # W3C TextQuoteSelector: exact quote plus context, so spans can be re-anchored after edits.
    quote = models.TextField()
    prefix = models.CharField(max_length=64, blank=True)
    suffix = models.CharField(max_length=64, blank=True)
    comment = models.TextField(blank=True)
    suggestion = models.TextField(null=True, blank=True, help_text="Typo correction; empty string means delete.")
    reason = models.CharField(max_length=16, choices=UnverifiedReason.choices, blank=True)
    source = models.ForeignKey(
        "credibility.Source", null=True, blank=True, on_delete=models.SET_NULL, related_name="annotations"
    )
    # An unnamed source as the text names it ("officials", "sources close to the company"): a label,
    # never a Source row, since there is nobody to rate or keep a track record for.
    vague_source = models.CharField(
        max_length=300, blank=True, default="", help_text="Unnamed source as the text names it, e.g. 'officials'."
    )
    evidence_factcheck = models.ForeignKey(
        "credibility.FactCheck", null=True, blank=True, on_delete=models.SET_NULL, related_name="annotations"
    )
    evidence_annotation = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="contradicted_by"
    )
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.EDITOR)
    detector = models.CharField(max_length=64, blank=True, help_text="name@version for machine findings.")
    rule = models.CharField(max_length=200, blank=True, help_text="The cue or rule that fired.")
    explanation = models.TextField(blank=True)
    confidence = models.FloatField(null=True, blank=True)
    checkworthiness = models.FloatField(
        null=True,
        blank=True,
        help_text="Machine flags: how worth a fact-checker's time the claim is, in [0, 1]. Ranks the flagged-claim report.",
    )
    status = models.CharField(max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.OPEN)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_note = models.TextField(blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Optional: the reviewer expected to decide this flag (the report filters on it).
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_annotations"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="created_annotations",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, help_text="Incremented on every change (optimistic concurrency).")
    # Invariant: ``quote == article.body[start:end]`` unless ORPHANED, whose offsets and quote are
    # those of the revision it was last anchored in (``annotation_reattach`` restores the invariant).
    anchor_state = models.CharField(max_length=16, choices=AnchorState.choices, default=AnchorState.ANCHORED)

    # Every analysis writes ~20 machine annotations and their history rows: the history table
    # keeps only the indexes its reads use (by annotation id, article and date), not one per
    # foreign key, which each insert would have to maintain.
    history = HistoricalRecords(
        no_db_index=["source", "evidence_factcheck", "evidence_annotation", "created_by", "reviewer", "assignee"]
    )

    class Meta:
        ordering = ["article_id", "start", "end", "id"]
        permissions = [
            ("review_annotation", "Can review annotations (confirm, dismiss, resolve, reopen)"),
            ("edit_any_annotation", "Can edit, re-attach and delete anyone's annotation"),
        ]
        indexes = [
            models.Index(fields=["article", "kind"]),
            models.Index(fields=["kind", "status"]),
            models.Index(fields=["detector"]),
            models.Index(fields=["anchor_state"], condition=~Q(anchor_state="anchored"), name="annotation_unanchored"),
            # The API's list filtered by kind, in its default order (and its count, index-only).
            models.Index(fields=["kind", "article", "start", "end", "id"], name="annotation_kind_ordered"),
            # The flagged-claim report: its exact filter, newest first (flagged_claim_annotation_list).
            models.Index(
                fields=["-created_at", "-id"],
                condition=Q(kind__in=["unverified_claim", "contradicted_claim"]) | Q(anchor_state="orphaned"),
                name="annotation_flagged_recent",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(start__gte=0) & Q(end__gt=F("start")), name="annotation_span_valid"),
            models.CheckConstraint(condition=Q(kind__in=AnnotationKind.values), name="annotation_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=ReviewStatus.values), name="annotation_status_valid"),
            models.CheckConstraint(condition=Q(origin__in=Origin.values), name="annotation_origin_valid"),
            models.CheckConstraint(
                condition=Q(anchor_state__in=AnchorState.values), name="annotation_anchor_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(reason="") | Q(reason__in=UnverifiedReason.values), name="annotation_reason_valid"
            ),
            models.CheckConstraint(
                condition=Q(confidence__isnull=True) | (Q(confidence__gte=0) & Q(confidence__lte=1)),
                name="annotation_confidence_in_unit_interval",
            ),
            models.CheckConstraint(
                condition=Q(checkworthiness__isnull=True) | (Q(checkworthiness__gte=0) & Q(checkworthiness__lte=1)),
                name="annotation_checkworthiness_in_unit_interval",
            ),
            # One machine finding per span and detector version: re-runs upsert instead of duplicating.
            # Orphans are out: their offsets point into an older revision of the body.
            models.UniqueConstraint(
                fields=["article", "kind", "start", "end", "detector"],
                condition=Q(origin="machine") & ~Q(anchor_state="orphaned"),
                name="annotation_machine_unique_span",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} [{self.start}:{self.end}] {self.quote[:40]}"


class ReviewDecision(models.TextChoices):
    CONFIRM = "confirm", "Confirm"
    DISMISS = "dismiss", "Dismiss"
    RESOLVE = "resolve", "Resolve"
    REOPEN = "reopen", "Reopen"


class ReviewLog(models.Model):
    """One review transition of an annotation: append-only, written by ``annotation_review``.

    The reviewer is kept as a name too, so the log still says who decided after the user is deleted.
    """

    annotation = models.ForeignKey(Annotation, on_delete=models.CASCADE, related_name="review_logs")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    from_status = models.CharField(max_length=16, choices=ReviewStatus.choices)
    to_status = models.CharField(max_length=16, choices=ReviewStatus.choices)
    decision = models.CharField(max_length=16, choices=ReviewDecision.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["annotation_id", "created_at", "id"]
        indexes = [models.Index(fields=["annotation", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(decision__in=ReviewDecision.values), name="reviewlog_decision_valid"),
            models.CheckConstraint(
                condition=Q(from_status__in=ReviewStatus.values) & Q(to_status__in=ReviewStatus.values),
                name="reviewlog_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Annotation {self.annotation_id}: {self.from_status} -> {self.to_status}"
