"""Who may call what: one table, from which the permission tests are generated and the README's
"Permission matrix" is rendered (``python -m tests.security.permission_matrix`` prints it; a test
checks the README holds exactly that rendering).

Each row is one URL name + method (some methods have two rows, e.g. an annotation PATCH that
changes content and one that changes review fields), the request sent, and the status expected
for every role:

- ``anonymous``: no credentials;
- ``no role``: logged in, in no group;
- ``annotator``: an annotator who did *not* create the annotation under test;
- ``owner``: the annotator who created it;
- ``reviewer``: a reviewer who did not create it;
- ``staff``: a superuser.

Three more roles (issue 16, finding 8: ``is_staff`` grants nothing by itself) answer like a
base role unless a row says otherwise (``extra``):

- ``staff, no perms``: ``is_staff`` and no group, no permission: like ``no role``;
- ``staff annotator``: ``is_staff`` in the annotator group: like ``annotator`` (no article delete);
- ``admin reviewer``: the "reviewer with admin access" role, ``is_staff`` in the reviewer
  group: like ``reviewer``.

Placeholders in paths and bodies (``{article}``, ``{annotation}``, ...) are the ids of the rows
the test creates for each case; every case runs in its own transaction, so a DELETE in one
cannot change another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ROLES = ("anonymous", "no role", "annotator", "owner", "reviewer", "staff")
EXTRA_ROLES = {"staff, no perms": "no role", "staff annotator": "annotator", "admin reviewer": "reviewer"}
ALL_ROLES = (*ROLES, *EXTRA_ROLES)

# Status shorthands: everyone logged in may read; some roles may write.
READ = (401, 200, 200, 200, 200, 200)
PUBLIC = (200, 200, 200, 200, 200, 200)
WRITERS_201 = (401, 403, 201, 201, 201, 201)
STAFF_ONLY = {
    200: (401, 403, 403, 403, 403, 200),
    201: (401, 403, 403, 403, 403, 201),
    204: (401, 403, 403, 403, 403, 204),
}
REVIEWERS_200 = (401, 403, 403, 403, 200, 200)


@dataclass(frozen=True)
class Row:
    name: str  # the URL name (config/urls.py and the routers)
    method: str
    path: str
    expected: tuple[int, ...]
    data: Any = None
    note: str = ""
    if_match: str = ""  # "article" or "annotation": send the current ETag of that row
    variant: str = field(default="")
    extra: tuple[tuple[str, int], ...] = ()  # statuses of EXTRA_ROLES that differ from their base role

    def status(self, role: str) -> int:
        if role in EXTRA_ROLES:
            return dict(self.extra).get(role, self.status(EXTRA_ROLES[role]))
        return self.expected[ROLES.index(role)]


ARTICLE_BODY = {"title": "Matrix", "body": "Taxes rose by 40% last year, officials said."}
# Not the span of the fixture's note (0-5): that would be a duplicate, 409.
ANNOTATION_BODY = {"article": "{article}", "kind": "note", "start": 14, "end": 17, "comment": "why"}
SOURCE_BODY = {"name": "Matrix Source", "kind": "organization"}
FACTCHECK_BODY = {
    "claim_reviewed": "The moon is cheese.",
    "url": "https://fc.example.org/matrix",
    "rating_label": "False",
}

MATRIX: tuple[Row, ...] = (
    Row("schema", "GET", "/api/v1/schema/", PUBLIC, note="OpenAPI 3"),
    Row("swagger-ui", "GET", "/api/v1/docs/", PUBLIC, note="Swagger UI, offline"),
    Row(
        "auth-token",
        "POST",
        "/api/v1/auth/token/",
        PUBLIC,
        {"username": "matrix-login", "password": "correct-horse-battery"},
        note="username + password in, token out",
    ),
    Row("article-list", "GET", "/api/v1/articles/", READ),
    Row("article-list", "POST", "/api/v1/articles/", WRITERS_201, ARTICLE_BODY),
    Row("article-detail", "GET", "/api/v1/articles/{article}/", READ),
    Row(
        "article-detail",
        "PUT",
        "/api/v1/articles/{article}/",
        (401, 403, 200, 200, 200, 200),
        {"title": "Edited", "body": "Taxes rose by 41% last year, officials said."},
        if_match="article",
    ),
    Row(
        "article-detail",
        "PATCH",
        "/api/v1/articles/{article}/",
        (401, 403, 200, 200, 200, 200),
        {"title": "Edited"},
        if_match="article",
    ),
    Row("article-detail", "DELETE", "/api/v1/articles/{article}/", STAFF_ONLY[204], note="takes its annotations along"),
    Row("article-history", "GET", "/api/v1/articles/{article}/history/", READ),
    Row("article-revisions", "GET", "/api/v1/articles/{article}/revisions/", READ),
    Row("article-revisions-diff", "GET", "/api/v1/articles/{article}/revisions/diff/?from=1", READ),
    Row("article-analyze", "POST", "/api/v1/articles/{article}/analyze/", (401, 403, 202, 202, 202, 202)),
    Row("article-credibility", "GET", "/api/v1/articles/{article}/credibility/", READ),
    Row("article-export", "GET", "/api/v1/articles/{article}/export/?format=csv", READ, note="w3c, claimreview, csv"),
    Row(
        "article-import",
        "POST",
        "/api/v1/articles/{article}/import/",
        (401, 403, 200, 200, 200, 200),
        {"type": "AnnotationCollection", "items": []},
    ),
    Row(
        "article-import-job",
        "GET",
        "/api/v1/articles/{article}/import/jobs/{import_job}/",
        (401, 404, 404, 404, 404, 404),
        note="a large import's job, its URL given by the 202 (any logged-in user; an unknown job 404)",
    ),
    Row(
        "article-fetch",
        "POST",
        "/api/v1/articles/fetch/",
        (401, 403, 200, 200, 200, 200),
        {"url": "{article_url}"},
        note="a stored URL answers 200 without fetching",
    ),
    Row(
        "article-bulk",
        "POST",
        "/api/v1/articles/bulk/",
        (401, 403, 200, 200, 200, 200),
        {"articles": [ARTICLE_BODY]},
        note="up to 500 articles, one transaction; per-item results",
    ),
    Row("ingestionjob-list", "GET", "/api/v1/ingestion-jobs/", READ),
    Row("ingestionjob-detail", "GET", "/api/v1/ingestion-jobs/{job}/", READ),
    Row("annotation-list", "GET", "/api/v1/annotations/", READ),
    Row("annotation-list", "POST", "/api/v1/annotations/", WRITERS_201, ANNOTATION_BODY),
    Row("annotation-detail", "GET", "/api/v1/annotations/{annotation}/", READ),
    Row(
        "annotation-detail",
        "PUT",
        "/api/v1/annotations/{annotation}/",
        (401, 403, 403, 200, 403, 200),
        {"kind": "note", "start": 0, "end": 5, "comment": "edited"},
        if_match="annotation",
        note="content: owner or staff",
    ),
    Row(
        "annotation-detail",
        "PATCH",
        "/api/v1/annotations/{annotation}/",
        (401, 403, 403, 200, 403, 200),
        {"comment": "edited"},
        if_match="annotation",
        note="content: owner or staff",
    ),
    Row(
        "annotation-detail",
        "PATCH",
        "/api/v1/annotations/{annotation}/",
        REVIEWERS_200,
        {"status": "confirmed"},
        if_match="annotation",
        note="review status: reviewers and staff",
        variant="review",
    ),
    Row(
        "annotation-detail",
        "DELETE",
        "/api/v1/annotations/{annotation}/",
        (401, 403, 403, 204, 403, 204),
        note="owner or staff",
    ),
    Row("annotation-history", "GET", "/api/v1/annotations/{annotation}/history/", READ),
    Row("annotation-reviews", "GET", "/api/v1/annotations/{annotation}/reviews/", READ),
    Row(
        "annotation-review",
        "POST",
        "/api/v1/annotations/{annotation}/review/",
        REVIEWERS_200,
        {"decision": "confirm", "version": "{annotation_version}"},
        note="the version decided on is required",
    ),
    Row(
        "annotation-review",
        "POST",
        "/api/v1/annotations/{annotation}/review/",
        (401, 403, 403, 403, 428, 428),
        {"decision": "confirm"},
        note="without version: 428",
        variant="no-version",
    ),
    Row(
        "annotation-apply",
        "POST",
        "/api/v1/annotations/{typo}/apply/",
        REVIEWERS_200,
        {"note": "house style"},
        if_match="article",
        note="a typo's suggestion into the text; If-Match: the article's ETag",
    ),
    Row(
        "annotation-apply",
        "POST",
        "/api/v1/annotations/{typo}/apply/",
        (401, 403, 403, 403, 428, 428),
        note="without If-Match: 428",
        variant="no-if-match",
    ),
    Row(
        "annotation-apply-bulk",
        "POST",
        "/api/v1/annotations/apply/",
        REVIEWERS_200,
        {"annotations": ["{typo}"]},
        if_match="article",
        note="several typos of one article, one edit; per-id results",
    ),
    Row(
        "annotation-assign",
        "POST",
        "/api/v1/annotations/{annotation}/assign/",
        REVIEWERS_200,
        {"assignee": "{reviewer}"},
    ),
    Row(
        "annotation-reattach",
        "POST",
        "/api/v1/annotations/{annotation}/reattach/",
        (401, 403, 403, 200, 403, 200),
        {"start": 0, "end": 5},
        note="anchored: owner or staff",
    ),
    Row(
        "annotation-reattach",
        "POST",
        "/api/v1/annotations/{orphan}/reattach/",
        (401, 403, 403, 200, 200, 200),
        {"start": 6, "end": 10},
        note="orphaned: owner, reviewers, staff",
        variant="orphan",
    ),
    Row("detector-scoreboard", "GET", "/api/v1/detectors/", READ),
    Row("source-list", "GET", "/api/v1/sources/", READ),
    Row("source-list", "POST", "/api/v1/sources/", STAFF_ONLY[201], SOURCE_BODY),
    Row("source-detail", "GET", "/api/v1/sources/{source}/", READ),
    Row("source-detail", "PUT", "/api/v1/sources/{source}/", STAFF_ONLY[200], SOURCE_BODY),
    Row("source-detail", "PATCH", "/api/v1/sources/{source}/", STAFF_ONLY[200], {"rating": 70}),
    Row("source-detail", "DELETE", "/api/v1/sources/{source}/", STAFF_ONLY[204]),
    Row("source-history", "GET", "/api/v1/sources/{source}/history/", READ),
    Row("factcheck-list", "GET", "/api/v1/factchecks/", READ),
    Row("factcheck-list", "POST", "/api/v1/factchecks/", STAFF_ONLY[201], FACTCHECK_BODY),
    Row("factcheck-import-records", "POST", "/api/v1/factchecks/import/", STAFF_ONLY[200], []),
    Row("factcheck-detail", "GET", "/api/v1/factchecks/{factcheck}/", READ),
    Row("factcheck-detail", "PUT", "/api/v1/factchecks/{factcheck}/", STAFF_ONLY[200], FACTCHECK_BODY),
    Row("factcheck-detail", "PATCH", "/api/v1/factchecks/{factcheck}/", STAFF_ONLY[200], {"claimant": "Someone"}),
    Row("factcheck-detail", "DELETE", "/api/v1/factchecks/{factcheck}/", STAFF_ONLY[204]),
    Row("factcheck-history", "GET", "/api/v1/factchecks/{factcheck}/history/", READ),
    Row("analysisrun-list", "GET", "/api/v1/analysis-runs/", READ),
    Row("analysisrun-detail", "GET", "/api/v1/analysis-runs/{run}/", READ),
    Row("flagged-claim-list", "GET", "/api/v1/reports/flagged-claims/", READ, note="also ?format=csv"),
    Row("flagged-claim-summary", "GET", "/api/v1/reports/flagged-claims/summary/", READ),
)


def render_markdown() -> str:
    """The matrix as the README shows it: one line per row, statuses per role."""
    header = "| endpoint | method | " + " | ".join(ALL_ROLES) + " | notes |"
    rule = "|---|---|" + "---|" * len(ALL_ROLES) + "---|"
    lines = [header, rule]
    for row in MATRIX:
        path = row.path.removeprefix("/api/v1").split("?")[0]
        statuses = " | ".join(str(row.status(role)) for role in ALL_ROLES)
        lines.append(f"| `{path}` | {row.method} | {statuses} | {row.note} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")
