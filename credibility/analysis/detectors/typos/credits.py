"""Photo credits and captions run into the text (rules ``glued-credit`` and ``caption-line``).

Besides their own findings they tell the tokeniser which tokens are credit text (skipped) and
where the real sentence starts inside a glued token.
"""

from __future__ import annotations

import re
from itertools import chain

from credibility.analysis.detectors.typos.findings import _typo_finding
from credibility.analysis.detectors.typos.tokens import _MOJIBAKE
from credibility.analysis.lexicons import english as lexicon
from credibility.analysis.types import Document, Finding

_CREDIT_PREFIX = re.compile(
    r"(?:photo(?:graph)?s?|pictures?|pictured|images?|illustrations?|graphics?|video|credit|source|map|"
    r"caption|file photo|main image|top image)\s*(?::|by\b)",
    re.I,
)

_CREDIT_AGENCIES = (
    "google maps",
    "google earth",
    "google street view",
    "getty images",
    "getty",
    "reuters",
    "ap photo",
    "ap",
    "afp",
    "afp via getty images",
    "shutterstock",
    "pa media",
    "pa wire",
    "pa",
    "epa",
    "epa-efe",
    "alamy",
    "istock",
    "istockphoto",
    "bloomberg",
    "xinhua",
    "anadolu",
    "sipa",
    "rex features",
    "rex",
    "wikimedia commons",
    "unsplash",
    "pexels",
    "supplied",
    "handout",
    "file photo",
    "twitter",
    "x",
    "instagram",
    "facebook",
    "youtube",
    "nasa",
    "alamy stock photo",
    "the associated press",
    "associated press",
    "press association",
    "corbis",
)

# The agencies by their first two letters: a sentence opening is compared with the few that can match.
_CREDIT_AGENCIES_BY_HEAD: dict[str, tuple[str, ...]] = {}
for _agency in _CREDIT_AGENCIES:
    _CREDIT_AGENCIES_BY_HEAD[_agency[:2]] = (*_CREDIT_AGENCIES_BY_HEAD.get(_agency[:2], ()), _agency)

# A credit line's prefix when only a space separates the credit from the sentence after it.
_CAPTION_PREFIX = re.compile(
    r"(?:(?:file |main |top )?photo(?:graph)?s?|pictures?|pictured|images?|illustrations?|graphics?|credits?|"
    r"caption)(?::| by\b)\s*",
    re.I,
)

# Lower-case words a credit may hold ("AFP via Getty Images", "Jane Doe for The Times", "Anna de Vries").
_CREDIT_CONNECTORS = frozenset("via for and of de da di del der den van von le la du dos al bin el".split())

# Openers that start a sentence whatever follows ("The Home Office said"); any other opener must be
# followed by a lower-case word or a number ("Police said", not "Police Scotland").
_FIRM_OPENERS = frozenset(
    """the a an this these those in on at after before during since despite for by with from as when while
    according""".split()
)

_AGENCY_AT_END = re.compile(
    r"(?:^|[\s:/,(])(" + "|".join(re.escape(a) for a in sorted(_CREDIT_AGENCIES, key=len, reverse=True)) + r")$", re.I
)

# Words that typically open a news sentence; a capitalised phrase glued onto one is a stray caption.
_SENTENCE_OPENERS = frozenset(
    """despite however meanwhile although though earlier later yesterday today tonight last also still
    once now then there here many most several such other after before during since while when
    according officials police residents""".split()
)

_CAMEL_JOIN = re.compile(r"(?<=[a-z\u00df-\u00ff])(?=[A-Z][a-z\u00df-\u00ff]*)")

# The credit-line convention "Agency/Photographer Name" ("Reuters/Jane Doe", "Delta Wire/Le Thu Trang").
_AGENCY_SLASH_PHOTOGRAPHER = re.compile(
    r"^[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3}/[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}$"
)

# An all-caps credit run into a capitalised word: "Photo: AFPAt least", "EPA-EFEThe".
_CAPS_JOIN = re.compile(r"(?<=[A-Z]{2})(?=[A-Z][a-z\u00df-\u00ff])")

# Where either join above can be, found from the capital it comes before: a pattern that opens with a
# look-behind is tried at every character (the two above cost six times this on a sentence opening
# with neither, as most have).
_ANY_JOIN = re.compile(r"[A-Z](?:(?<=[a-z\u00df-\u00ff][A-Z])|(?<=[A-Z]{3})[a-z\u00df-\u00ff])")

_LINE_START = re.compile(r"\n\s*")


def _glued_credits(document: Document) -> tuple[list[Finding], dict[int, int], list[tuple[int, int, int]]]:
    """Credit text at a paragraph or sentence start run into the next sentence's first word.

    Returns the findings, for each glued token's start where the real sentence begins, and
    for each credit line set off by a space only, its span and where the sentence begins.
    """
    text = document.text
    size = len(text)
    # Only the starts at a capital are read below: kept as they are found, not three sets of
    # every line and sentence start (a text of 50,000 two-character lines made them 11 MB).
    starts = {
        start
        for start in chain((0,), (m.end() for m in _LINE_START.finditer(text)), (s.start for s in document.sentences))
        if start < size and text[start].isupper()
    }
    findings: list[Finding] = []
    glued: dict[int, int] = {}
    captions: list[tuple[int, int, int]] = []
    # Every match of _MOJIBAKE holds one of these: a text with none skips the search per opening.
    damaged = any(mark in text for mark in ("\u00c3", "\u00c2", "\u0303", "\u0302"))
    for start in sorted(starts):
        line = text[start : start + 200].split("\n", 1)[0]
        caption = _caption_line(line)
        if caption is not None:
            credit_end, opener = caption
            captions.append((start, start + credit_end, start + opener))
            credit = line[:credit_end]
            findings.append(
                _typo_finding(
                    text,
                    start,
                    start + credit_end,
                    rule="caption-line",
                    confidence=0.8,
                    explanation=f'Caption or credit text "{credit}" is left in front of the sentence; delete it.',
                    suggestion="",
                )
            )
            continue
        window = line[:100]
        if damaged and _MOJIBAKE.search(window):
            continue  # encoding damage ("CarreÃ±o") splits words where no credit ends
        join = _credit_join(window)
        if join is None:
            continue
        credit = window[:join].rstrip()
        end = start + len(credit)
        word_start = join
        while word_start > 0 and window[word_start - 1].isalpha():
            word_start -= 1
        glued[start + word_start] = start + join
        findings.append(
            _typo_finding(
                text,
                start,
                end,
                rule="glued-credit",
                confidence=0.85 if _CREDIT_PREFIX.match(credit) else 0.75,
                explanation=f'Caption or credit text "{credit}" is run into the next sentence; delete it.',
                suggestion="",
            )
        )
    return findings, glued, captions


def _caption_line(line: str) -> tuple[int, int] | None:
    """(end of the credit, start of the sentence) for "Photo: Jane Doe/City Courier The recall ...".

    After the prefix the credit runs over capitalised words (names, agencies, "A/B" pairs)
    and a few lower-case connectors ("via", "for", "de"); it ends at a capitalised function
    word or usual sentence opener that starts a sentence of three words or more. Any other
    lower-case word first means the prefix opens a real sentence ("Photo: the mayor ...").
    """
    prefix = _CAPTION_PREFIX.match(line)
    if prefix is None:
        return None
    chunks = list(re.finditer(r"\S+", line[prefix.end() :]))
    names = 0
    credit_end = 0
    for i, chunk in enumerate(chunks[:10]):
        word = chunk.group(0)
        bare = word.rstrip(",;")
        lowered = bare.lower()
        after = chunks[i + 1].group(0) if i + 1 < len(chunks) else ""
        previous = chunks[i - 1].group(0) if i else ""
        if (
            names
            and bare == word
            and bare.isalpha()
            and bare[0].isupper()
            and bare[1:].islower()
            and (lowered in lexicon.FUNCTION_WORDS or lowered in _SENTENCE_OPENERS)
            and previous not in _CREDIT_CONNECTORS
            and len(chunks) - i >= 3
            and (lowered in _FIRM_OPENERS or after[:1].islower() or after[:1].isdigit())
            and sum(c.group(0).isalpha() and c.group(0).islower() for c in chunks[i + 1 : i + 7]) >= 2
        ):  # and prose follows, not a title-case headline ("Photos: The Best Of 2023 At The Festival")
            return credit_end, prefix.end() + chunk.start()
        parts = [part for part in re.split(r"[/&]", bare) if part]
        if not parts:
            return None
        for part in parts:
            if part in _CREDIT_CONNECTORS:
                continue
            if not (part[0].isupper() and re.fullmatch(r"[A-Za-z\u00c0-\u024f.'\u2019-]+", part)):
                return None
            if part.lower() not in lexicon.FUNCTION_WORDS:
                names += 1
        credit_end = prefix.end() + chunk.start() + len(bare)
    return None


def _credit_join(window: str) -> int | None:
    """Where the glued sentence starts inside ``window`` (a paragraph or sentence opening)."""
    joins: list[int] = []
    if _ANY_JOIN.search(window):
        joins += [m.start() for m in _CAMEL_JOIN.finditer(window)]
        joins += [m.start() for m in _CAPS_JOIN.finditer(window)]
    lowered = window.lower()
    # all-caps credits: "REUTERSThe", "AFPAt" (one-letter names are keyed by their letter: "x")
    agencies = (*_CREDIT_AGENCIES_BY_HEAD.get(lowered[:2], ()), *_CREDIT_AGENCIES_BY_HEAD.get(lowered[:1], ()))
    for credit_name in agencies:
        cut = len(credit_name)
        if (
            lowered.startswith(credit_name)
            and len(window) > cut + 1
            and window[cut].isupper()
            and window[cut + 1].islower()
            and window[cut - 1].isupper()
        ):
            joins.append(cut)
    candidates: list[tuple[float, int]] = []
    for join in sorted(set(joins)):
        left, right = window[:join], window[join:]
        if re.search(r"[.!?]\s", left) or len(left.split()) > 8 or len(right.split()) < 3:
            continue
        first = re.match(r"[A-Za-z]+", right)
        opener = first.group(0).lower() if first else ""
        starts_sentence = opener in lexicon.FUNCTION_WORDS or opener in _SENTENCE_OPENERS
        agency = _AGENCY_AT_END.search(left.rstrip())
        words = left.split()
        glued_word = words[-1].split("/")[-1] if words else ""
        if first and lexicon.zipf((glued_word + first.group(0)).lower()) >= 3.0:
            continue  # one word the web knows in camel case ("LinkedIn", "YouTube"), not a credit and a word
        if _CREDIT_PREFIX.match(left):
            candidates.append((lexicon.zipf(opener), join))
        elif (
            _AGENCY_SLASH_PHOTOGRAPHER.search(left)
            and 2 <= len(words) <= 7
            and len(glued_word) >= 2
            and all(w[:1].isupper() for w in words)
        ):
            candidates.append((lexicon.zipf(opener), join))
        elif agency and len(words) <= 4 and (" " in agency.group(1) or starts_sentence):
            candidates.append((lexicon.zipf(opener), join))
        elif (
            2 <= len(words) <= 5
            and starts_sentence
            and len(glued_word) >= 4  # "McDonald", "MacBook", "JetBlue": a short head is part of a name
            and all(
                w[:1].isupper() and w.lower() not in lexicon.FUNCTION_WORDS and lexicon.zipf(w.lower()) < 6.0
                for w in words
            )
        ):
            candidates.append((lexicon.zipf(opener), join))
    if not candidates:
        return None
    return max(candidates)[1]
