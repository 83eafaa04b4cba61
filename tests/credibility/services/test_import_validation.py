"""Issue 16, findings 5 and 6: imports validate numbers and lines.

- Ratings must be finite, and worst <= value <= best where given: ``"bestRating": "Infinity"``
  was stored as ``inf`` and every API page holding it answered 500. Such a record is skipped
  and listed; the raw record is refused too when it holds NaN or Infinity anywhere.
- LIAR and CSV input is split by the format's own rules (``\\n`` and ``\\r\\n`` only; CSV by the
  csv module with strict quoting), not ``str.splitlines()``, which cut ``liar-9`` in two at a
  U+2028. A malformed record (an unterminated quote) is skipped and listed, never stored garbled.
- Property: any imported record either round-trips through the API (detail and list 200) or is
  reported as skipped.
"""

from __future__ import annotations

import io
import json
import math
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credibility.formats import read_factchecks
from credibility.formats.claimreview import read_claimreview_json
from credibility.models import FactCheck
from tests.annotations.factories import UserFactory

pytestmark = pytest.mark.django_db
IMPORT_URL = "/api/v1/factchecks/import/"


@pytest.fixture
def staff_client(client_for):
    return client_for(UserFactory(is_staff=True, is_superuser=True))


def _claimreview(identifier: str, **rating) -> dict:
    return {
        "@type": "ClaimReview",
        "identifier": identifier,
        "claimReviewed": "The moon is cheese.",
        "url": f"https://fc.example.org/{identifier}",
        "reviewRating": {"@type": "Rating", **rating},
    }


BAD_RATINGS = [
    {"ratingValue": 1, "bestRating": "Infinity", "worstRating": 1},
    {"ratingValue": "NaN", "bestRating": 5, "worstRating": 1},
    {"ratingValue": "-Infinity"},
    {"ratingValue": "1e999", "bestRating": 5},
    {"ratingValue": 7, "bestRating": 5, "worstRating": 1},
    {"ratingValue": 0, "bestRating": 5, "worstRating": 1},
    {"ratingValue": 3, "bestRating": 1, "worstRating": 5},
]


@pytest.mark.parametrize("rating", BAD_RATINGS, ids=[json.dumps(r) for r in BAD_RATINGS])
def test_non_finite_or_out_of_bounds_ratings_are_skipped_and_listed(rating, staff_client):
    records = [_claimreview("ok-1", ratingValue=2, bestRating=5, worstRating=1), _claimreview("bad-2", **rating)]
    body = staff_client.post(IMPORT_URL, records, format="json").json()
    assert body["created"] == 1 and [s["position"] for s in body["skipped"]] == [2]
    assert not FactCheck.objects.filter(identifier="bad-2").exists()
    for factcheck in FactCheck.objects.all():
        for value in (factcheck.rating_value, factcheck.best_rating, factcheck.worst_rating):
            assert value is None or math.isfinite(value)
    assert staff_client.get("/api/v1/factchecks/").status_code == 200


def test_a_raw_record_holding_nan_anywhere_is_skipped():
    record = {**_claimreview("nan-1", ratingValue=2), "extra": float("nan")}
    read = read_claimreview_json([record])
    assert read.records[0].parsed is None and "non-finite" in read.records[0].error


def test_the_api_refuses_non_finite_ratings_on_create_too(staff_client):
    response = staff_client.post(
        "/api/v1/factchecks/",
        {
            "claim_reviewed": "C.",
            "url": "https://fc.example.org/inf",
            "rating_value": 9,
            "best_rating": 5,
        },
        format="json",
    )
    assert response.status_code == 400 and not FactCheck.objects.exists()


def _upload(client, text: str, fmt: str, name: str):
    return client.post(IMPORT_URL, {"file": io.BytesIO(text.encode()), "format": fmt}, format="multipart")


def test_liar_lines_split_only_at_newlines(staff_client):
    jsonl = (
        '{"id": "8", "label": "false", "statement": "Plain.", "speaker": "a"}\n'
        '{"id": "9", "label": "true", "statement": "Before\u2028after\u0085and C. more", "speaker": "b"}\r\n'
        '{"id": "10", "label": "true", "statement": "Paragraph\u2029separator.", "speaker": "c"}\n'
    )
    read = read_factchecks(jsonl, format="liar")
    assert [r.position for r in read.records] == [1, 2, 3] and all(r.parsed for r in read.records)
    assert read.records[1].parsed.claim_reviewed == "Before\u2028after\u0085and C. more"
    tsv = "9\ttrue\tBefore\u2028after\u0085and C. more\tsubjects\tb\n11\tfalse\tOther.\tx\tc\r\n"
    body = _upload(staff_client, tsv, "liar", "liar.tsv").json()
    assert (body["created"], body["skipped"]) == (2, [])
    assert FactCheck.objects.get(identifier="liar-9").claim_reviewed == "Before\u2028after\u0085and C. more"
    assert not FactCheck.objects.filter(identifier__startswith="liar-C").exists()


HEADER = "identifier,url,claim_reviewed,rating_label\n"


def test_csv_unterminated_quote_is_skipped_and_listed_not_stored_garbled(staff_client):
    text = HEADER + 'c-1,,"First, with a comma",False\nc-2,,"Never closes,False\nc-3,,Third.,True\n'
    body = _upload(staff_client, text, "csv", "registry.csv").json()
    assert body["created"] == 2
    assert [s["position"] for s in body["skipped"]] == [3] and "quote" in body["skipped"][0]["error"]
    assert set(FactCheck.objects.values_list("identifier", flat=True)) == {"c-1", "c-3"}
    assert FactCheck.objects.get(identifier="c-1").claim_reviewed == "First, with a comma"


def test_csv_text_after_a_closing_quote_is_skipped(staff_client):
    text = HEADER + 'c-1,,"Quoted"tail,False\nc-2,,Fine.,True\n'
    body = _upload(staff_client, text, "csv", "registry.csv").json()
    assert body["created"] == 1 and [s["position"] for s in body["skipped"]] == [2]


def test_csv_keeps_u2028_in_a_cell_and_quoted_newlines_in_one_record(staff_client):
    text = HEADER + 'c-1,,Line\u2028separator\u0085inside.,False\r\nc-2,,"Two\nlines.",True\nc-3,,Three.,True\n'
    body = _upload(staff_client, text, "csv", "registry.csv").json()
    assert (body["created"], body["skipped"]) == (3, [])
    assert FactCheck.objects.get(identifier="c-1").claim_reviewed == "Line\u2028separator\u0085inside."
    assert FactCheck.objects.get(identifier="c-2").claim_reviewed == "Two\nlines."


# --- property: round-trips as 200 or is reported as skipped --------------------------------------

numbers = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**400), 10**400),
    st.sampled_from(["Infinity", "-Infinity", "NaN", "nan", "1e999", "3", " 4.5 ", "x"]),
)
texts = st.text(st.characters(codec="utf-8"), min_size=0, max_size=40)


@st.composite
def claimreviews(draw):
    record = {"identifier": f"p-{uuid.uuid4().hex}", "claimReviewed": draw(texts)}
    rating = {
        key: value for key in ("ratingValue", "bestRating", "worstRating") if (value := draw(numbers)) is not None
    }
    if draw(st.booleans()):
        rating["alternateName"] = draw(texts)
    record["reviewRating"] = rating
    if draw(st.booleans()):
        record["author"] = {"name": draw(texts)}
    return record


def _round_trips_or_is_skipped(client, body, identifiers):
    skipped = {s["position"] for s in body["skipped"]}
    for position, identifier in enumerate(identifiers, start=1):
        stored = FactCheck.objects.filter(identifier=identifier).first()
        if position in skipped:
            assert stored is None
            continue
        assert stored is not None, (position, body)
        assert client.get(f"/api/v1/factchecks/{stored.pk}/").status_code == 200
    assert client.get("/api/v1/factchecks/", {"page_size": 500}).status_code == 200


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(records=st.lists(claimreviews(), min_size=1, max_size=4))
def test_property_claimreview_records_round_trip_or_are_skipped(records, staff_client):
    body = staff_client.generic(
        "POST", IMPORT_URL, json.dumps(records, allow_nan=True), content_type="application/json"
    )
    if body.status_code == 400:  # the JSON body itself refused (e.g. a NUL the parser rejects): nothing stored
        assert not FactCheck.objects.filter(identifier__in=[r["identifier"] for r in records]).exists()
        return
    assert body.status_code == 200, body.content
    _round_trips_or_is_skipped(staff_client, body.json(), [r["identifier"] for r in records])


cells = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=30)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    rows=st.lists(
        st.tuples(cells, cells, st.sampled_from(["1", "inf", "nan", "", "9", "-1e999"])), min_size=1, max_size=4
    )
)
def test_property_csv_records_round_trip_or_are_skipped(rows, staff_client):
    import csv as csv_module

    out = io.StringIO()
    writer = csv_module.writer(out, lineterminator="\n")
    writer.writerow(["identifier", "claim_reviewed", "rating_label", "rating_value", "best_rating"])
    identifiers = []
    for claim, label, value in rows:
        identifier = f"q-{uuid.uuid4().hex}"
        identifiers.append(identifier)
        writer.writerow([identifier, claim, label, value, "5"])
    body = _upload(staff_client, out.getvalue(), "csv", "p.csv")
    assert body.status_code == 200, body.content
    data = body.json()
    # Positions are lines: map each record's first line back to its identifier.
    lines = out.getvalue().split("\n")
    starts = [n for n, line in enumerate(lines, start=1) if line.startswith("q-")]
    by_line = dict(zip(starts, identifiers, strict=False))
    skipped_lines = {s["position"] for s in data["skipped"]}
    for line, identifier in by_line.items():
        stored = FactCheck.objects.filter(identifier=identifier).first()
        if line in skipped_lines:
            assert stored is None
        elif stored is None:
            assert not rows[identifiers.index(identifier)][0].strip()  # an empty claim is skipped too
        else:
            assert staff_client.get(f"/api/v1/factchecks/{stored.pk}/").status_code == 200
            assert stored.claim_reviewed == rows[identifiers.index(identifier)][0].strip()
    assert staff_client.get("/api/v1/factchecks/", {"page_size": 500}).status_code == 200
