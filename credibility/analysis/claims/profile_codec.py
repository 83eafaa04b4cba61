"""A claim's ``Profile`` as plain JSON data, so a registry analyses each claim once, at import.

Pure Python, no Django. ``profile_encode`` turns a ``Profile`` into lists, numbers and strings
(JSON-ready); ``profile_decode`` turns them back into a ``Profile`` equal to what ``profile``
returns for the same text, or None when the data cannot be trusted for that text.

Trust rests on two checks, both made on every read:

- **the analyser.** ``analyser_version()`` is a fingerprint of everything ``profile`` reads: the
  code of the modules it runs (matching, number and diacritic normalisation, the word lists, the
  patterns, this encoding), as parsed (comments, docstrings and layout do not count; every
  statement and constant does), the versions of the packages whose data it uses (wordfreq's
  frequencies, symspellpy's vocabulary) and Python's Unicode tables. Any change to them makes
  every stored profile stale: a reader recomputes it, and the sync (``manage.py
  profile_factchecks``, the periodic re-check) rewrites it. No one has to remember to bump it.
- **the text.** The data carries a digest of the claim it was computed from; data whose digest
  is not the current claim's (a claim edited by a path that did not rewrite its profile) is
  never used.

What is stored is everything ``Profile`` holds except the text itself (the reader has it) and
``families`` (derived from the concepts). Order is kept wherever ``assess`` iterates (concepts,
names, quantities, clause negations): its penalties and products follow that order.
"""

from __future__ import annotations

import ast
import hashlib
import json
import sys
import unicodedata
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from credibility.analysis import patterns
from credibility.analysis.claims import matching, normalise
from credibility.analysis.claims.matching import Name, Profile, Quantity, profile_families
from credibility.analysis.lexicons import english, numbers, stance

# The layout of the encoded data; part of the fingerprint.
FORMAT = 3

# Every module whose code or data ``profile`` runs (the test checks this against matching's imports).
ANALYSER_MODULES = (matching, normalise, patterns, english, numbers, stance)
# Packages whose data ``profile`` reads: wordfreq (concept weights), symspellpy (the vocabulary).
ANALYSER_PACKAGES = ("wordfreq", "symspellpy")


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def code_fingerprint(source: bytes) -> str:
    """A module's code as parsed, without comments, docstrings or layout: what it does, not how it reads."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                node.body = node.body[1:] or [ast.Pass()]
    return ast.dump(tree)


@cache
def analyser_version() -> str:
    """The fingerprint stored profiles must carry to be used (read once per process: about 50 ms)."""
    digest = hashlib.sha256()
    digest.update(f"format={FORMAT};unicode={unicodedata.unidata_version};python={sys.version_info[:2]}".encode())
    for module in (*ANALYSER_MODULES, sys.modules[__name__]):
        digest.update(module.__name__.encode() + b"\0")
        digest.update(code_fingerprint(Path(module.__file__ or "").read_bytes()).encode())
    for package in ANALYSER_PACKAGES:
        digest.update(f"{package}={_package_version(package)};".encode())
    return f"profile{FORMAT}-{digest.hexdigest()[:24]}"


def text_digest(text: str) -> str:
    """A short digest of the claim a profile was computed from."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def profile_encode(analysed: Profile) -> list[Any]:
    """``analysed`` as JSON-ready data (see the module docstring for what is kept)."""
    heads = list(analysed.concepts)
    if list(analysed.weights) != heads:
        raise ValueError("a profile's weights must follow its concepts")
    return [
        text_digest(analysed.text),
        [[head, sign, clause] for head, (sign, clause) in analysed.concepts.items()],
        [analysed.weights[head] for head in heads],
        [[sorted(n.words), n.surface, int(n.speaker), sorted(n.parents), int(n.setting)] for n in analysed.names],
        sorted(analysed.name_words),
        sorted(analysed.name_concepts),
        sorted(analysed.words),
        [[q.value, q.unit, int(q.percent), q.bound] for q in analysed.quantities],
        sorted(analysed.years),
        list(analysed.clause_negations),
        int(analysed.denial),
        analysed.covers_from,
        sorted(analysed.predicate),
        [list(mention) for mention in analysed.contrasts],
    ]


def profile_dumps(analysed: Profile) -> str:
    """``profile_encode`` as compact JSON text (what the store holds)."""
    return json.dumps(profile_encode(analysed), ensure_ascii=False, separators=(",", ":"))


@lru_cache(maxsize=8192)
def profile_loads(text: str, data: str) -> Profile | None:
    """``profile_decode`` of ``profile_dumps`` text; None when it is not ``text``'s or not readable.

    Cached, as ``profile`` is: a claim that is a candidate for many articles is decoded once per
    process (about 30 microseconds; analysing it costs 0.2 to 0.4 ms)."""
    try:
        decoded = json.loads(data)
    except (TypeError, ValueError):
        return None
    return profile_decode(text, decoded)


def profile_decode(text: str, data: Any) -> Profile | None:
    """The ``Profile`` of ``text`` from ``profile_encode`` data; None when the data is not ``text``'s
    (another digest) or not of this encoding. The caller checks ``analyser_version`` first."""
    try:
        (
            digest,
            concepts,
            weights,
            names,
            name_words,
            name_concepts,
            words,
            quantities,
            years,
            negations,
            denial,
            covers_from,
            predicate,
            contrasts,
        ) = data
        if digest != text_digest(text) or len(weights) != len(concepts):
            return None
        concept_map = {head: (sign, clause) for head, sign, clause in concepts}
        return Profile(
            text=text,
            concepts=concept_map,
            weights={head: float(weight) for (head, _, _), weight in zip(concepts, weights, strict=True)},
            names=tuple(
                Name(
                    words=frozenset(w),
                    surface=surface,
                    speaker=bool(speaker),
                    parents=frozenset(parents),
                    setting=bool(setting),
                )
                for w, surface, speaker, parents, setting in names
            ),
            name_words=frozenset(name_words),
            name_concepts=frozenset(name_concepts),
            words=frozenset(words),
            quantities=tuple(
                Quantity(value=float(value), unit=unit, percent=bool(percent), bound=bound)
                for value, unit, percent, bound in quantities
            ),
            years=frozenset(years),
            clause_negations=tuple(negations),
            denial=bool(denial),
            families=profile_families(concept_map),
            covers_from=None if covers_from is None else int(covers_from),
            predicate=frozenset(predicate),
            contrasts=tuple(
                (int(klass), int(member), int(clause), str(modified)) for klass, member, clause, modified in contrasts
            ),
        )
    except (TypeError, ValueError):
        return None
