"""Claims stated inside another sentence's structure, as sentences of their own.

News often states a claim in passing: in a non-restrictive relative clause ("vitamin C, which
stops colds, sold out"; "the scheme, whose budget has risen to €340m, was criticised") or in what
someone is said to have told an audience inside such a clause ("the MP, who told parliament that
the ward would close, said ..."). Read whole, the sentence's main clause puts another subject
first and dilutes the match; read as its own clause ("vitamin C stops colds"; "the ward would
close"), the claim stands as stated. ``embedded_claims`` gives those clauses; the contradiction
detector matches them beside the whole sentence and reads the stance on the whole sentence, so a
denial or a report around the clause still counts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from credibility.analysis.lexicons.english import FUNCTION_WORDS

# ", which ...," / ", who ...," / ", whose ...,": the clause runs to the next comma followed by a
# space (not the comma of "3,000"), a dash or the end of the sentence.
_RELATIVE = re.compile(r",\s+(?P<pronoun>which|who|whose)\s+(?P<body>.+?)(?=,\s|\s[\u2013\u2014-]\s|[.;:!?]?$)")
# Inside a "who" clause, what the antecedent told or said to someone: the "that" complement.
_SPEECH_COMPLEMENT = re.compile(
    r"\b(?:told|said|claimed|insisted|warned|announced|assured|informed|argued|suggested|alleged|wrote|posted)\b"
    r"[^,]*?\bthat\s+(?P<complement>.+)$",
    re.I,
)
# How many words back the antecedent may reach ("high-dose vitamin C", "the Westby stadium").
_ANTECEDENT_WORDS = 4
_TOKEN = re.compile(r"\S+")
# Fewer words than this make no claim of their own.
_MIN_WORDS = 4


def _antecedent(before: str) -> str:
    """The noun phrase just before the comma: up to ``_ANTECEDENT_WORDS`` words, back to the
    first function word ("out of high-dose vitamin C" -> "high-dose vitamin C")."""
    words = _TOKEN.findall(before)
    kept: list[str] = []
    for word in reversed(words[-_ANTECEDENT_WORDS:]):
        bare = word.strip("\"'\u2018\u2019\u201c\u201d()").lower()
        if not bare or bare in FUNCTION_WORDS or word.endswith((",", ";", ":")):
            break
        kept.append(word)
    return " ".join(reversed(kept))


@lru_cache(maxsize=4096)
def embedded_claims(sentence: str) -> tuple[str, ...]:
    """The claims a sentence states inside relative clauses, each as a sentence of its own
    (possibly none): "X, which VP," and "X, who VP," give "X VP"; "X, whose N VP," gives
    "X N VP"; "X, who told Y that S," gives "S"."""
    if ", wh" not in sentence:
        return ()
    out: list[str] = []
    for found in _RELATIVE.finditer(sentence):
        body = found.group("body").strip()
        speech = _SPEECH_COMPLEMENT.search(body) if found.group("pronoun") == "who" else None
        if speech is not None:
            clause = speech.group("complement")  # what the antecedent told someone
        else:
            subject = _antecedent(sentence[: found.start()])
            if not subject:
                continue
            clause = f"{subject} {body}"
        if len(_TOKEN.findall(clause)) >= _MIN_WORDS:
            out.append(clause.rstrip(" ,;") + ".")
    return tuple(out)
