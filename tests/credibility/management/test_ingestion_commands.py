"""Ingestion commands (fetch_article, import_articles, reanalyze), progress output and the admin pages."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from annotations.models import Article
from credibility.models import AnalysisRun, ArticleAuthor, Feed, FeedStatus, IngestionJob, Source, SourceKind
from tests.webserver import WEB

HARBOUR = "/news/2024/03/harbour-bridge-closure.html"


def _run(*args, **kwargs) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err, **kwargs)
    return out.getvalue(), err.getvalue()


# --- progress --------------------------------------------------------------------------------------


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.django_db
def test_progress_bar_is_drawn_on_a_terminal_only():
    from tests.annotations.factories import ArticleFactory

    ArticleFactory.create_batch(2)
    tty = _Tty()
    call_command("reanalyze", "--all", stdout=io.StringIO(), stderr=tty)
    assert "re-analysing: 100%" in tty.getvalue() and "2/2" in tty.getvalue()  # tqdm's bar
    out, err = _run("reanalyze", "--all")  # stderr is a pipe (StringIO): no bar, only the summary
    assert "Re-analysed 2 articles" in out and err == ""


# --- fetch_article ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_fetch_article_refuses_a_private_address_with_a_clear_message(news_server):
    with pytest.raises(CommandError, match="non-public address.*FETCH_ALLOW_PRIVATE_ADDRESSES"):
        _run("fetch_article", news_server.url(HARBOUR))
    assert not news_server.requests


@pytest.mark.django_db
@override_settings(FETCH_ALLOW_PRIVATE_ADDRESSES=True)
def test_fetch_article_stores_and_prints_then_reports_the_duplicate(news_server):
    out, _ = _run("fetch_article", news_server.url(HARBOUR))
    article = Article.objects.get()
    assert f"Created article {article.pk}: Harbour bridge closure" in out
    assert "outlet:    The Coastal Herald" in out and "Maria Lopez (sources: Maria Lopez)" in out
    assert "2024-03-12T08:30:00+00:00" in out
    again, _ = _run("fetch_article", news_server.url(HARBOUR), "--json")
    assert json.loads(again)["status"] == "duplicate" and json.loads(again)["article"] == article.pk


@pytest.mark.django_db
@override_settings(FETCH_ALLOW_PRIVATE_ADDRESSES=True)
def test_fetch_article_reports_a_page_without_text(news_server):
    with pytest.raises(CommandError, match="No article text"):
        _run("fetch_article", news_server.url("/empty.html"))


# --- import_articles -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_import_articles_jsonl_skips_bad_records_by_line_and_reports_duplicates(tmp_path):
    html = (WEB / "harbour-bridge.html").read_text(encoding="utf-8").replace("{base}", "https://coastalherald.example")
    lines = [
        json.dumps(
            {
                "title": "Budget passed",
                "text": "The council passed the budget on Tuesday.",
                "url": "https://valley.example/a",
                "published_at": "2024-02-27T17:05:00Z",
                "outlet": "Valley Courier",
            }
        ),
        "{not json",
        json.dumps({"title": "No body"}),
        "",
        json.dumps({"html": html, "url": "https://coastalherald.example" + HARBOUR}),
        json.dumps({"title": "Same url again", "text": "Different text.", "url": "https://valley.example/a"}),
        json.dumps({"title": "Bad date", "text": "Some text.", "published_at": "last Tuesday"}),
        json.dumps({"title": "Same text", "text": "The council passed the budget on Tuesday."}),
        json.dumps({"title": "Bad url", "text": "Other text.", "url": "ftp://x.example/"}),
        json.dumps(["a list"]),
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, err = _run("import_articles", str(path))
    assert "9 records; created 2, duplicates 2, skipped 5." in out
    first = Article.objects.get(url="https://valley.example/a")
    assert first.outlet.name == "Valley Courier" and first.outlet.kind == SourceKind.OUTLET
    assert first.published_at.isoformat() == "2024-02-27T17:05:00+00:00"
    assert f"duplicate line 6: already stored as article {first.pk}" in out
    assert f"duplicate line 8: already stored as article {first.pk}" in out
    for line in (2, 3, 7, 9, 10):
        assert f"skipped line {line}:" in out
    assert 'skipped line 7: "published_at" is not an ISO 8601' in out
    page = Article.objects.get(url="https://coastalherald.example" + HARBOUR)
    assert page.title.startswith("Harbour bridge closure") and "Reuters" not in page.body
    assert ArticleAuthor.objects.filter(article=page, source__name="Maria Lopez").exists()
    assert err == ""  # no bar when stderr is not a terminal

    again, _ = _run("import_articles", str(path))
    assert "created 0, duplicates 4, skipped 5." in again
    assert Article.objects.count() == 2


@pytest.mark.django_db
def test_import_articles_folder_of_html_and_txt(tmp_path):
    (tmp_path / "a-harbour.html").write_text(
        (WEB / "harbour-bridge.html").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "b-note.txt").write_text(
        "Ferry timetable changes\n\nThe ferry will run every 20 minutes from May.\n", encoding="utf-8"
    )
    (tmp_path / "c-empty.txt").write_text("Only a title\n", encoding="utf-8")
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    with pytest.raises(CommandError, match="1 record"):
        _run("import_articles", str(tmp_path), "--strict")
    out, _ = _run("import_articles", str(tmp_path))
    assert "3 records; created 0, duplicates 2, skipped 1." in out and "skipped file c-empty.txt" in out
    assert set(Article.objects.values_list("title", flat=True)) == {
        "Harbour bridge closure to last six weeks, council says",
        "Ferry timetable changes",
    }


# --- reanalyze -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reanalyze_all_and_since():
    from tests.annotations.factories import ArticleFactory

    articles = ArticleFactory.create_batch(3)
    out, _ = _run("reanalyze", "--all")
    assert "Re-analysed 3 articles" in out and "failed 0" in out
    assert AnalysisRun.objects.filter(state="done").count() == 3
    out, _ = _run("reanalyze", "--since", "2999-01-01")
    assert "Re-analysed 0 articles" in out
    out, _ = _run("reanalyze", str(articles[0].pk))
    assert "Re-analysed 1 article " in out
    with pytest.raises(CommandError, match="Say which articles"):
        _run("reanalyze")


# --- admin -----------------------------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(FETCH_ALLOW_PRIVATE_ADDRESSES=True)
def test_admin_fetch_form_starts_a_job_and_shows_progress(
    client, staff, news_server, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    page = client.get("/admin/credibility/ingestionjob/add/")
    assert page.status_code == 200 and b"Fetch articles from URLs" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/credibility/ingestionjob/add/", {"urls": news_server.url(HARBOUR)})
    job = IngestionJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(
        f"/admin/credibility/ingestionjob/{job.pk}/change/"
    )
    detail = client.get(response["Location"])
    assert detail.status_code == 200 and b"1/1" in detail.content
    listing = client.get("/admin/credibility/ingestionjob/")
    assert listing.status_code == 200 and b"Harbour bridge closure" in listing.content
    authors = client.get("/admin/credibility/articleauthor/")
    assert authors.status_code == 200 and b"Maria Lopez" in authors.content


@pytest.mark.django_db
def test_admin_fetch_form_refuses_a_private_address(client, staff):
    client.force_login(staff)
    response = client.post("/admin/credibility/ingestionjob/add/", {"urls": "http://169.254.169.254/latest/"})
    assert response.status_code == 200 and b"non-public address" in response.content
    assert not IngestionJob.objects.exists()


@pytest.mark.django_db
def test_admin_feed_list_shows_each_feeds_error(client, staff):
    Feed.objects.create(
        url="https://broken.example/feed.xml",
        last_status=FeedStatus.ERROR,
        error_count=3,
        last_error="https://broken.example/feed.xml answered HTTP 500.",
    )
    Feed.objects.create(url="https://fine.example/feed.xml", last_status=FeedStatus.OK)
    client.force_login(staff)
    response = client.get("/admin/credibility/feed/")
    assert response.status_code == 200
    assert b"error: https://broken.example/feed.xml answered HTTP 500." in response.content
    feed = Feed.objects.get(url="https://fine.example/feed.xml")
    assert client.get(f"/admin/credibility/feed/{feed.pk}/change/").status_code == 200


@pytest.mark.django_db
def test_admin_feed_add_goes_through_the_service(client, staff):
    outlet = Source.objects.create(name="Valley Courier", normalized_name="valley courier", kind=SourceKind.OUTLET)
    client.force_login(staff)
    response = client.post(
        "/admin/credibility/feed/add/",
        {"url": "http://127.0.0.1/feed.xml", "title": "", "outlet": outlet.pk, "interval": 600, "active": "on"},
    )
    assert response.status_code == 200 and b"non-public address" in response.content
    assert not Feed.objects.exists()
