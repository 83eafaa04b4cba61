"""Issue 22: the W3C / Hypothesis reader maps what it can and names what it cannot, per annotation."""

from __future__ import annotations

from credibility.formats.w3c import Utf16Offsets, parse_annotations

TARGET = {"selector": {"type": "TextQuoteSelector", "exact": "rose"}}


def test_body_value_purpose_lists_choice_and_specific_resource_tags_are_read():
    [value, purposes, choice, tagged] = parse_annotations(
        [
            {"type": "Annotation", "bodyValue": "Comment text", "target": TARGET},
            {
                "type": "Annotation",
                "body": [
                    {"type": "TextualBody", "value": "unverified_claim", "purpose": ["tagging", "classifying"]},
                    {"type": "TextualBody", "value": "Who says so?", "purpose": ["commenting", "questioning"]},
                    {"type": "TextualBody", "value": "rise", "purpose": "editing"},
                ],
                "target": TARGET,
            },
            {
                "type": "Annotation",
                "body": {
                    "type": "Choice",
                    "items": [
                        {"type": "TextualBody", "value": "In English", "language": "en"},
                        {"type": "TextualBody", "value": "Auf Deutsch", "language": "de"},
                    ],
                },
                "target": TARGET,
            },
            {
                "type": "Annotation",
                "body": [
                    {"type": "SpecificResource", "purpose": "tagging", "source": "http://example.org/city1"},
                    "http://example.org/post1",
                ],
                "target": TARGET,
            },
        ]
    )
    assert (value.comment, value.unmapped) == ("Comment text", [])
    assert (purposes.kind, purposes.comment, purposes.suggestion) == ("unverified_claim", "Who says so?", "rise")
    assert choice.comment == "In English"
    assert choice.unmapped == ["body: Choice of 2 bodies; only the first (the default) is kept"]
    assert tagged.comment == "http://example.org/post1\n\nTags: http://example.org/city1"


def test_hypothesis_author_dates_and_utf16_positions_are_mapped_and_the_rest_named():
    [item] = parse_annotations(
        {
            "rows": [
                {
                    "id": "hyp-9",
                    "uri": "https://example.org/page",
                    "user": "acct:alice@hypothes.is",
                    "created": "2024-01-02T10:00:00+00:00",
                    "updated": "2024-01-03T11:00:00+00:00",
                    "text": "Source?",
                    "tags": ["typo", "style"],
                    "group": "__world__",
                    "permissions": {"read": ["group:__world__"]},
                    "document": {"title": ["Page"]},
                    "references": ["hyp-1"],
                    "target": [
                        {
                            "source": "https://example.org/page",
                            "selector": [
                                {"type": "RangeSelector", "startContainer": "/p[1]", "startOffset": 0},
                                {"type": "TextPositionSelector", "start": 4, "end": 8},
                                {"type": "TextQuoteSelector", "exact": "rose", "prefix": "x ", "suffix": " y"},
                            ],
                        }
                    ],
                }
            ]
        }
    )
    assert (item.kind, item.position, item.position_unit, item.exact) == ("typo", (4, 8), "utf-16", "rose")
    assert item.comment == (
        "Source?\n\nTags: style\n\n— by acct:alice@hypothes.is, created 2024-01-02T10:00:00+00:00, "
        "updated 2024-01-03T11:00:00+00:00"
    )
    assert item.unmapped == [
        "target[0].selector[0]: RangeSelector (a range in the page's DOM, not in the article's plain text)",
        "document: the page's metadata (title, links)",
        "group: the Hypothesis group",
        "permissions: Hypothesis permissions",
        "references: the reply thread (a reply's parents)",
    ]


def test_our_extension_terms_and_the_earlier_credibility_member_are_both_read():
    [ours, legacy] = parse_annotations(
        [
            {
                "type": "Annotation",
                "kind": "unverified_claim",
                "reason": "hedged",
                "origin": "machine",
                "detector": "hedges@4",
                "confidence": 0.5,
                "status": "dismissed",
                "review_note": "fine",
                "assignee": "rita",
                "review_history": [{"from_status": "open", "to_status": "dismissed", "note": "fine"}],
                "body": [{"type": "TextualBody", "purpose": "describing", "value": "hedge"}],
                "explanation": "hedge",
                "target": TARGET,
            },
            {
                "type": "Annotation",
                "body": [
                    {
                        "type": "TextualBody",
                        "purpose": "classifying",
                        "value": "contradicted_claim",
                        "credibility": {"kind": "contradicted_claim", "status": "confirmed", "origin": "editor"},
                    }
                ],
                "target": TARGET,
            },
        ]
    )
    assert (ours.kind, ours.origin, ours.detector, ours.confidence, ours.status, ours.assignee) == (
        "unverified_claim",
        "machine",
        "hedges@4",
        0.5,
        "dismissed",
        "rita",
    )
    assert ours.comment == "" and ours.explanation == "hedge" and ours.unmapped == []
    assert (legacy.kind, legacy.status, legacy.ours) == ("contradicted_claim", "confirmed", True)


def test_a_foreign_annotation_never_carries_a_review_status():
    [item] = parse_annotations([{"type": "Annotation", "bodyValue": "x", "target": TARGET, "rights": "http://x"}])
    assert (item.status, item.review_note, item.ours) == (None, None, False)
    assert item.unmapped == ["rights: no matching field here"]


def test_utf16_offsets_convert_to_code_points_and_refuse_the_middle_of_a_character():
    offsets = Utf16Offsets("a😀b")  # UTF-16: a=0, 😀=1..2, b=3
    assert [offsets.to_code_points(n) for n in (0, 1, 3, 4)] == [0, 1, 2, 3]
    assert offsets.to_code_points(2) is None
    assert Utf16Offsets("plain").to_code_points(3) == 3
