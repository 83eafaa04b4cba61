"""The admin "Flagged-claim report" page: linked from the index, escaped, filters kept, decisions via annotation_review."""

from __future__ import annotations

import pytest
from django.urls import reverse

from annotations.models import ReviewLog
from tests.annotations.factories import ArticleFactory, UserFactory, machine_flag
from tests.credibility.factories import FactCheckFactory, SourceFactory

pytestmark = pytest.mark.django_db

URL = "/admin/credibility/flagged-claim-report/"
EVIL = '<script>alert("x")</script> figures rose 40%, experts say.'
BODY = f"Intro sentence here. {EVIL} Closing line."


@pytest.fixture
def flags():
    article = ArticleFactory(
        body=BODY,
        title="<b>Headline</b>",
        url="https://news.example/a",
        outlet=SourceFactory(name="Daily <i>Bugle</i>", kind="outlet"),
    )
    factcheck = FactCheckFactory(claim_reviewed="Figures <em>rose</em>", verdict="false", url="javascript:alert(1)")
    return {
        "open": machine_flag(article, EVIL),
        "contradicted": machine_flag(
            article,
            "Closing line.",
            kind="contradicted_claim",
            reason="",
            detector="contradiction@1",
            evidence_factcheck=factcheck,
        ),
        "other": machine_flag(
            ArticleFactory(body="Elsewhere, unsourced 50% claim."), "Elsewhere, unsourced 50% claim."
        ),
    }


def test_report_is_linked_from_the_admin_index(staff_client):
    response = staff_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert URL.encode() in response.content and b"Flagged-claim report" in response.content


def test_report_page_renders_flags_escaped_in_their_sentence(staff_client, flags):
    response = staff_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; figures rose 40%, experts say." in html
    assert "&lt;b&gt;Headline&lt;/b&gt;" in html and "Daily &lt;i&gt;Bugle&lt;/i&gt;" in html
    assert "<mark" in html and "Intro sentence here." in html
    assert "Figures &lt;em&gt;rose&lt;/em&gt;" in html
    assert 'href="javascript:' not in html
    assert "csrfmiddlewaretoken" in html
    assert f'value="{flags["open"].pk}:confirm"' in html and f'value="{flags["open"].pk}:dismiss"' in html


def test_report_page_uses_the_api_filters(staff_client, flags):
    response = staff_client.get(URL, {"kind": "contradicted_claim"})
    html = response.content.decode()
    assert f'id="flag-{flags["contradicted"].pk}"' in html
    assert f'id="flag-{flags["open"].pk}"' not in html
    response = staff_client.get(URL, {"status": "bogus"})
    assert response.status_code == 200 and b"invalid" in response.content


def test_one_click_confirm_goes_through_annotation_review(staff_client, staff, flags):
    pk = flags["open"].pk
    response = staff_client.post(
        f"{URL}?kind=unverified_claim",
        {"single": f"{pk}:confirm", f"note-{pk}": "Checked <b>twice</b>", f"version-{pk}": flags["open"].version},
    )
    assert response.status_code == 302 and response["Location"] == f"{URL}?kind=unverified_claim"
    flags["open"].refresh_from_db()
    assert (flags["open"].status, flags["open"].reviewer, flags["open"].review_note) == (
        "confirmed",
        staff,
        "Checked <b>twice</b>",
    )
    log = ReviewLog.objects.get(annotation=flags["open"])
    assert (log.decision, log.from_status, log.to_status) == ("confirm", "open", "confirmed")
    page = staff_client.get(response["Location"]).content.decode()
    assert "Checked &lt;b&gt;twice&lt;/b&gt;" in page


def test_invalid_one_click_decision_is_reported_not_applied(staff_client, flags):
    pk = flags["open"].pk
    response = staff_client.post(URL, {"single": f"{pk}:resolve", f"version-{pk}": flags["open"].version}, follow=True)
    assert b"cannot go from open to resolved" in response.content
    flags["open"].refresh_from_db()
    assert flags["open"].status == "open"


def test_bulk_dismiss(staff_client, flags):
    ids = [flags["open"].pk, flags["other"].pk]
    versions = {f"version-{pk}": 1 for pk in ids}
    response = staff_client.post(
        URL, {"bulk": "apply", "bulk_decision": "dismiss", "bulk_note": "noise", "ids": ids, **versions}
    )
    assert response.status_code == 302
    for key in ("open", "other"):
        flags[key].refresh_from_db()
        assert (flags[key].status, flags[key].review_note) == ("dismissed", "noise")
    flags["contradicted"].refresh_from_db()
    assert flags["contradicted"].status == "open"


def test_report_needs_csrf(client, staff, flags):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(staff)
    response = csrf_client.post(URL, {"single": f"{flags['open'].pk}:confirm"})
    assert response.status_code == 403
    flags["open"].refresh_from_db()
    assert flags["open"].status == "open"


def test_non_staff_users_never_reach_the_page(client, flags):
    user = UserFactory(roles=["annotator"])
    client.force_login(user)
    response = client.post(URL, {"single": f"{flags['open'].pk}:confirm"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    flags["open"].refresh_from_db()
    assert flags["open"].status == "open"


def test_annotation_admin_status_change_is_logged_and_shown(staff_client, staff, flags):
    annotation = flags["other"]
    data = {
        "kind": annotation.kind,
        "comment": "",
        "suggestion": "",
        "reason": annotation.reason,
        "source": "",
        "evidence_factcheck": "",
        "evidence_annotation": "",
        "status": "resolved",
        "review_note": "",
        "review_logs-TOTAL_FORMS": "0",
        "review_logs-INITIAL_FORMS": "0",
        "review_logs-MIN_NUM_FORMS": "0",
        "review_logs-MAX_NUM_FORMS": "1000",
        "loaded_version": str(annotation.version),
    }
    url = reverse("admin:annotations_annotation_change", args=[annotation.pk])
    response = staff_client.post(url, data)
    assert response.status_code == 200 and b"cannot go from open to resolved" in response.content
    response = staff_client.post(url, {**data, "status": "dismissed", "review_note": "noise"})
    assert response.status_code == 302, response.content.decode()[:2000]
    annotation.refresh_from_db()
    assert annotation.status == "dismissed"
    page = staff_client.get(url).content.decode()
    assert "review log" in page.lower() and staff.username in page


def test_report_page_ranks_budgets_and_offers_every_order(staff_client):
    sentences = [f"Claim number {n} says prices rose by {n}0%." for n in range(1, 5)]
    article = ArticleFactory(body=" ".join(sentences), low_value_flag_limit=1)
    high = machine_flag(article, sentences[0], checkworthiness=0.9)
    lows = [machine_flag(article, s, checkworthiness=0.1 * n) for n, s in enumerate(sentences[1:], start=1)]
    page = staff_client.get(URL).content.decode()
    assert page.index(f"flag-{high.pk}") < page.index(f"flag-{lows[-1].pk}")
    assert f"flag-{lows[0].pk}" not in page and f"flag-{lows[1].pk}" not in page
    assert "2 low-value flags held back" in page and "show_all=true" in page
    assert 'value="-created"' in page and 'value="rank"' in page  # the ordering choices
    assert "worth 0.90" in page
    page = staff_client.get(URL, {"show_all": "true", "ordering": "-created"}).content.decode()
    assert all(f"flag-{flag.pk}" in page for flag in lows) and "held back" not in page


def test_report_opens_on_open_flags_with_human_labels_and_five_filters_up_front(staff_client, flags):
    flags["other"].status = "dismissed"
    flags["other"].save(update_fields=["status"])
    html = staff_client.get(URL).content.decode()
    assert f'id="flag-{flags["open"].pk}"' in html and f'id="flag-{flags["other"].pk}"' not in html
    assert '<option value="open" selected>Open</option>' in html
    assert ">Unverified claim</span>" in html and ">Unsourced</span>" in html and ">Open</span>" in html
    assert "unverified_claim / unsourced" not in html
    primary = html[: html.index('id="fcr-more"')]
    for name in ("kind", "reason", "status", "outlet", "created"):
        assert f'data-filter="{name}"' in primary
    more = html[html.index('id="fcr-more"') :]
    for name in ("article", "detector", "assignee", "source", "ordering", "show_all"):
        assert f'data-filter="{name}"' in more
    # The outlet filter names outlets, not a numeric box.
    assert '<select name="outlet"' in html and "Daily &lt;i&gt;Bugle&lt;/i&gt;</option>" in html
    # Every state on request: the dismissed flag is back.
    html = staff_client.get(URL, {"status": ""}).content.decode()
    assert f'id="flag-{flags["other"].pk}"' in html


def test_report_shows_the_vague_source_when_no_source_row_names_the_speaker(staff_client, flags):
    flags["open"].reason, flags["open"].rule = "vague_source", "vague-source:experts"
    flags["open"].save(update_fields=["reason", "rule"])
    html = staff_client.get(URL).content.decode()
    assert 'Vague source: &ldquo;<span class="fcr-vague">experts</span>&rdquo;' in html
