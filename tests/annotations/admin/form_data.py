"""POST data for the annotation admin's change form, shared by the admin and revision tests."""

from __future__ import annotations


def annotation_admin_form(**fields: str) -> dict[str, str]:
    """Every optional field blank and the status "open"; ``fields`` fill in or override the rest."""
    return {
        "quote": "",
        "comment": "",
        "suggestion": "",
        "reason": "",
        "source": "",
        "vague_source": "",
        "evidence_factcheck": "",
        "evidence_annotation": "",
        "status": "open",
        "review_note": "",
        **fields,
    }
