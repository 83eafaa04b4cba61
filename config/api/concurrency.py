"""Optimistic concurrency: a resource's version is its ETag, and a write names the version it read (If-Match)."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions

from config.api.exceptions import PreconditionFailed, PreconditionRequired


def etag(version: int) -> str:
    """The strong ETag of a versioned resource: its version number, quoted."""
    return f'"{version}"'


def if_match_version(request: Any, *, current: int) -> int:
    """The version an ``If-Match`` header names, checked against ``current``.

    Missing: 428. Unparseable: 400. Not ``current`` (a stale read): 412 with the current version.
    A list of ETags matches when any is current; weak ETags (``W/"3"``) compare by their version,
    which is the resource's whole state here. ``*`` is refused: it names no version.
    """
    header = (request.headers.get("If-Match") or "").strip()
    if not header:
        raise PreconditionRequired()
    versions: set[int] = set()
    for tag in header.split(","):
        tag = tag.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        tag = tag.strip('"')
        if not tag.isdigit():
            raise exceptions.ValidationError(
                {"If-Match": [f"Expected the ETag from a GET (e.g. {etag(current)}), got {header!r}."]}
            )
        versions.add(int(tag))
    if current not in versions:
        raise PreconditionFailed(
            f"Version {', '.join(str(v) for v in sorted(versions))} is stale: the resource is now version {current}. "
            "Reload it, reapply your change and send the new ETag.",
            extra={"current_version": current},
            headers={"ETag": etag(current)},
        )
    return current
