"""Rank fact-checks for a sentence: lexical and semantic candidates, fused, then re-scored.

Pure (numpy, no Django). Three stages, each usable alone:

1. ``terms``: the text normalisation both sides share. Unicode is folded (NFKD, combining marks
   dropped: "Tam Kỳ" -> "tam ky"), case-folded; numbers are written as digits whatever their
   form ("four million" and "4 million" -> ``4000000``; "£1,000" and "a thousand pounds" ->
   ``1000 pounds``; "a tenth", "10%" and "10 per cent" -> ``10 percent``); words get a light
   suffix stemmer. ``LexicalIndex`` is Lucene's BM25 (k1 1.2, b 0.75) over those terms.
2. ``reciprocal_rank_fusion`` merges the lexical and the semantic (``semantic.encode`` cosine)
   candidate lists.
3. ``Reranker`` re-scores each candidate with a linear model over ``FEATURES`` (per-field BM25
   relative to the query's best, cosines, fused ranks, number and date agreement, the tweet
   author's name). Sentences of one document are ranked together (``ClaimIndex.rank_document``):
   each other sentence's best first-pass match joins a sentence's candidates, and a second model
   also reads ``DOCUMENT_FEATURES``, what the other sentences matched first. Both
   models (``Rerankers``) are learned on the CLEF CheckThat! train splits by
   ``credibility.quality.training.claim_reranker`` and shipped as ``reranker.json`` beside this
   module; applying them needs numpy only.

``ClaimIndex`` holds a registry's fact-checks with both indexes and ranks queries with all three
stages; ``manage.py match_claims`` calls exactly it, and the analysis shares its normalisation and fusion.

Why this design (CLEF CheckThat! dev splits, MAP@5; the full table is in the README):

=====================================================  =======  =======  =======
option                                                 2021-2A  2021-2B  2022-2A
=====================================================  =======  =======  =======
BM25 baseline (organisers' setup, raw tokens)          0.818    0.338    0.816
BM25 with ``terms``, claim + title                     0.864    0.376    0.864
wordllama cosine, cleaned query vs title + claim       0.849    0.331    0.848
reciprocal rank fusion of the two                      0.892    0.386    0.888
re-ranker, pointwise logistic regression               0.943    0.418    0.943
re-ranker, pairwise logistic regression                0.946    0.446    0.946
+ hashtags as words, tweet author, document pass       0.949    0.526    0.949
+ the best match of sentences <= 3 lines away as a      0.949    0.552    0.949
  candidate (``ClaimIndex.document_rows``)
=====================================================  =======  =======  =======

Test splits, scored once at the end, before the document pass: 2021-2A 0.930, 2022-2A 0.918,
2021-2B 0.379 (BM25 baseline 0.742, 0.801, 0.300).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from credibility.analysis.claims.normalise import fold_diacritics
from credibility.analysis.lexicons.numbers import CARDINALS

if TYPE_CHECKING:
    import numpy.typing as npt

    Vectors = npt.NDArray[np.float32]
    Encoder = Callable[[Sequence[str]], Vectors]

RERANKER_PATH = Path(__file__).with_name("reranker.json")

T = TypeVar("T", bound=Hashable)

# ---------------------------------------------------------------------------------------------
# 1. Normalisation

_UNITS = {"zero": 0, "one": 1, **CARDINALS}
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "dozen": 12}
# Scale suffixes only after digits: "4m", "$2bn", "10k".
_DIGIT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5}
_FRACTIONS |= {"tenth": 10, "tenths": 10}
_CURRENCIES = {"$": "dollars", "£": "pounds", "€": "euros", "¥": "yen"}
_CURRENCY_WORDS = {"dollar": "dollars", "pound": "pounds", "euro": "euros", "usd": "dollars", "gbp": "pounds"}
_PERCENT_WORDS = {"%": "percent", "percent": "percent", "pct": "percent"}

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)?|[%$£€¥]")

STOPWORDS = frozenset(
    """a an and are as at be been but by for from has have he her his i in is it its of on or our she
    that the their them they this to was we were which who will with you your""".split()
)


def fold(text: str) -> str:
    """Case-folded, without diacritics (``fold_diacritics``), curly apostrophes straight."""
    return fold_diacritics(text.replace("’", "'").replace("‘", "'")).casefold()


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.2f}".rstrip("0").rstrip(".")


def _digits(token: str) -> float | None:
    """1,000 / 4.5 / 1.000.000 as a value; None for things like 1.2.3 that are no number."""
    if "," in token:
        parts = token.split(",")
        if all(len(p) == 3 for p in parts[1:]) and "." not in token:
            return float(token.replace(",", ""))
        if token.count(",") == 1 and "." not in token:
            return float(token.replace(",", "."))  # 4,5 read as a decimal
        return None
    if token.count(".") > 1:
        return None
    return float(token)


def normalise_tokens(text: str) -> list[str]:
    """Folded tokens with every number written as digits, currencies and percentages as words."""
    tokens = _TOKEN.findall(fold(text))
    out: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        currency = _CURRENCIES.get(token)
        start = i + 1 if currency else i
        value, end = _read_number(tokens, start)
        if value is None:
            if currency:
                out.append(currency)
            else:
                out.append(token)
            i += 1
            continue
        # "a tenth", "two thirds": a share, written as a percentage
        if end < n and tokens[end] in _FRACTIONS and value < _FRACTIONS[tokens[end]]:
            out += [_number(round(100 * value / _FRACTIONS[tokens[end]])), "percent"]
            i = end + 1
            continue
        out.append(_number(value))
        i = end
        if currency:
            out.append(currency)
        elif i < n and tokens[i] in _PERCENT_WORDS:
            out.append("percent")
            i += 1
        elif i + 1 < n and tokens[i] == "per" and tokens[i + 1] == "cent":
            out.append("percent")
            i += 2
        elif i < n and tokens[i] in _CURRENCY_WORDS:
            out.append(_CURRENCY_WORDS[tokens[i]])
            i += 1
    return out


def _read_number(tokens: Sequence[str], i: int) -> tuple[float | None, int]:
    """The number starting at tokens[i] (digits and/or number words) and the index after it."""
    n = len(tokens)
    total = current = 0.0
    seen = False
    j = i
    while j < n:
        token = tokens[j]
        if token[0].isdigit():
            if seen:
                break
            value = _digits(token)
            if value is None:
                break
            current, seen = value, True
            if j + 1 < n and tokens[j + 1] in _DIGIT_SCALES:
                total += current * _DIGIT_SCALES[tokens[j + 1]]
                current = 0.0
                j += 1
        elif token in _UNITS:
            current += _UNITS[token]
            seen = True
        elif token in _SCALES and (seen or (j == i)):
            if not seen and token != "dozen":
                break  # a bare "hundred" / "thousand" starts no number ("thousands of")
            if token == "hundred":
                current = max(current, 1.0) * 100
            else:
                total += max(current, 1.0) * _SCALES[token]
                current = 0.0
            seen = True
        elif (
            token in ("a", "one")
            and not seen
            and j + 1 < n
            and (tokens[j + 1] in _SCALES or tokens[j + 1] in _FRACTIONS)
        ):
            current, seen = 1.0, True
        elif token == "and" and seen and j + 1 < n and tokens[j + 1] in _UNITS and j > i and tokens[j - 1] in _SCALES:
            pass  # "one hundred and twenty"
        else:
            break
        j += 1
    if not seen:
        return None, i
    return total + current, j


# (suffix, replacement, shortest word it applies to): the first that fits is replaced.
SuffixRules = tuple[tuple[str, str, int], ...]

_STEM_RULES: SuffixRules = (
    ("ational", "ate", 8),
    ("ization", "ize", 8),
    ("ations", "ate", 7),
    ("ation", "ate", 6),
    ("ments", "", 7),
    ("ment", "", 7),
    ("ies", "y", 5),
    ("ied", "y", 5),
    ("ing", "", 6),
    ("edly", "", 7),
    ("ed", "", 5),
    ("ly", "", 6),
    ("es", "", 5),
    ("s", "", 4),
)


def strip_suffix(word: str, rules: SuffixRules) -> str:
    """``word`` with the first of ``rules`` that fits replaced ("-s" never after "ss", "us", "is"),
    then a final "e" dropped: the core of the suffix strippers here and in retrieval."""
    for suffix, replacement, min_len in rules:
        if word.endswith(suffix) and len(word) >= min_len and not (suffix == "s" and word.endswith(("ss", "us", "is"))):
            word = word[: len(word) - len(suffix)] + replacement
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


@lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """A light, deterministic suffix stripper ("vaccines"/"vaccinated"/"vaccine" -> "vaccin")."""
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    if len(word) <= 3 or word[0].isdigit():
        return word
    word = strip_suffix(word, _STEM_RULES)
    if word.endswith("at") and len(word) > 6:
        word = word[:-2]  # vaccinate, vaccinated -> vaccin, like vaccine
    return word


def terms(text: str) -> list[str]:
    """Normalised, stemmed index terms of a text, stopwords dropped, in order."""
    return [stem(t) for t in normalise_tokens(text) if t not in STOPWORDS]


_URL = re.compile(r"https?://\S+|pic\.twitter\.com/\S+|www\.\S+")
_SIGNATURE = re.compile(r"\s[—–-]\s([^—–\n]{0,80})\(@(\w+)\)\s*[A-Z][a-z]+ \d{1,2}, \d{4}\s*$")
_TAG = re.compile(r"[#@](\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z0-9])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[0-9])(?=[A-Za-z])")


def split_tag(tag: str) -> str:
    """A hashtag or handle as words: "ReginaldVelJohnson" -> "Reginald Vel Johnson"."""
    return _CAMEL.sub(" ", tag.replace("_", " "))


def query_text(text: str) -> str:
    """A query without what only tweets add and no fact-check shares (links, the embed signature),
    hashtags and handles written as words ("#FyreFestival" -> "Fyre Festival")."""
    text = _URL.sub(" ", _SIGNATURE.sub(" ", text))
    return _TAG.sub(lambda m: split_tag(m[1]), text).strip()


def tweet_author(text: str) -> str:
    """The name and handle (as words) in a tweet's embed signature: "Neko Case (@NekoCase)" -> "Neko Case Neko Case"."""
    found = _SIGNATURE.search(text)
    return f"{found[1].strip()} {split_tag(found[2])}" if found else ""


# ---------------------------------------------------------------------------------------------
# Dates: a tweet's embed signature dates it; a claim is usually checked within months.

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        )
    )
}
_DATE = re.compile(r"\b(" + "|".join(_MONTHS) + r") (\d{1,2}), (\d{4})\b", re.I)


def text_date(text: str) -> date | None:
    """The last "Month D, YYYY" date in a text (where a tweet's embed signature puts it)."""
    found = _DATE.findall(text)
    if not found:
        return None
    month, day, year = found[-1]
    try:
        return date(int(year), _MONTHS[month.lower()], int(day))
    except ValueError:
        return None


def iso_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _content_words(text: str) -> list[str]:
    """The distinct non-stopword words of a text, folded, unstemmed (the encoder has its own vocabulary)."""
    return list(dict.fromkeys(t for t in normalise_tokens(text) if t not in STOPWORDS and not t[0].isdigit()))


def _bigrams(text: str) -> frozenset[tuple[str, str]]:
    """Adjacent normalised words, stopwords kept: shared phrases, not just shared words."""
    words = [stem(t) for t in normalise_tokens(text)]
    return frozenset(zip(words, words[1:], strict=False))


# ---------------------------------------------------------------------------------------------
# Lexical index


class LexicalIndex:
    """BM25 (Lucene's idf and length norm) over one field of every document; scores are dense arrays."""

    def __init__(self, documents: Sequence[Sequence[str]], *, k1: float = 1.2, b: float = 0.75) -> None:
        self.size = len(documents)
        lengths = np.array([len(d) for d in documents], dtype=np.float32)
        non_empty = lengths[lengths > 0]
        average = float(non_empty.mean()) if len(non_empty) else 1.0
        norm = k1 * (1 - b + b * lengths / average)
        postings: dict[str, dict[int, int]] = {}
        for doc, words in enumerate(documents):
            for word in words:
                row = postings.setdefault(word, {})
                row[doc] = row.get(doc, 0) + 1
        count = len(non_empty)
        self.postings: dict[str, tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]] = {}
        for word, row in postings.items():
            docs = np.fromiter(row.keys(), dtype=np.int32, count=len(row))
            tf = np.fromiter(row.values(), dtype=np.float32, count=len(row))
            idf = math.log(1 + (count - len(row) + 0.5) / (len(row) + 0.5))
            self.postings[word] = (docs, (idf * tf / (tf + norm[docs])).astype(np.float32))

    def scores(self, query: Iterable[str]) -> npt.NDArray[np.float32]:
        out = np.zeros(self.size, dtype=np.float32)
        for word in query:  # a repeated query word counts again, as in Lucene
            hit = self.postings.get(word)
            if hit is not None:
                out[hit[0]] += hit[1]
        return out


# ---------------------------------------------------------------------------------------------
# 2. Fusion


# Cormack, Clarke and Buettcher (SIGIR 2009): k = 60 damps the head of each list, so an item two
# lists rank fairly high beats one that a single list ranks first.
RRF_K = 60


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[T]], *, k: int = RRF_K, weights: Sequence[float] | None = None
) -> list[tuple[T, float]]:
    """Items of several best-first rankings ordered by the sum over rankings of ``weight / (k + rank)``.

    ``rank`` starts at 1; an item repeated within one ranking counts at its best rank there. Ties
    keep the order in which the items were first met (the first ranking first), so the result
    is deterministic and a single ranking comes back unchanged.
    """
    if weights is not None and len(weights) != len(rankings):
        raise ValueError("one weight per ranking")
    scores: dict[T, float] = {}
    for number, ranking in enumerate(rankings):
        weight = 1.0 if weights is None else weights[number]
        seen: set[T] = set()
        for rank, item in enumerate(ranking, start=1):
            if item in seen:
                continue
            seen.add(item)
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    first_met = {item: position for position, item in enumerate(scores)}
    return sorted(scores.items(), key=lambda pair: (-pair[1], first_met[pair[0]]))


def top_indices(scores: npt.NDArray[np.float32], depth: int) -> list[int]:
    """Indices of the ``depth`` best scores, best first, ties by index (deterministic)."""
    depth = min(depth, len(scores))
    if depth <= 0:
        return []
    part = np.argpartition(-scores, depth - 1)[:depth]
    return [int(i) for i in part[np.lexsort((part, -scores[part]))]]


# ---------------------------------------------------------------------------------------------
# 3. Features and the re-ranker

FEATURES = (
    "bm25_claim",
    "bm25_title",
    "bm25_all",
    "bm25_all_log",
    "cos_claim",
    "cos_title",
    "cos_all",
    "cos_all_gap",
    "rrf",
    "lexical_rank",
    "semantic_rank",
    "numbers_shared",
    "numbers_missing",
    "term_cover",
    "query_cover",
    "bigram_cover",
    "soft_cover",
    "date_near",
    "date_known",
    "author_cover",
    "claimant_doc",
    "date_doc",
    "pooled",
)
# Non-zero only in ``ClaimIndex.document_rows``: what the other sentences of the document matched
# (``document_features``), and ``pooled``: 1 for a candidate that only the other sentences' matches brought.
DOCUMENT_FEATURES = ("claimant_doc", "date_doc", "pooled")


@dataclass(frozen=True)
class Reranker:
    """A linear scorer: standardise each feature, then a dot product with the learned weights."""

    features: tuple[str, ...]
    mean: npt.NDArray[np.float64]
    scale: npt.NDArray[np.float64]
    weights: npt.NDArray[np.float64]
    bias: float
    version: str

    def score(self, matrix: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.asarray(((matrix - self.mean) / self.scale) @ self.weights + self.bias, dtype=np.float64)

    def score_rows(self, matrix: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Scores of rows holding every one of ``FEATURES`` (what ``ClaimIndex.features`` returns)."""
        return self.score(matrix[:, [FEATURES.index(f) for f in self.features]])

    def to_json(self) -> dict[str, object]:
        return {
            "version": self.version,
            "features": list(self.features),
            "mean": [round(float(x), 8) for x in self.mean],
            "scale": [round(float(x), 8) for x in self.scale],
            "weights": [round(float(x), 8) for x in self.weights],
            "bias": round(self.bias, 8),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Reranker:
        features = tuple(str(f) for f in _list(data["features"]))
        unknown = set(features) - set(FEATURES)
        if unknown:
            raise ValueError(f"re-ranker uses unknown features: {sorted(unknown)}")
        bias = data["bias"]
        if not isinstance(bias, int | float):
            raise ValueError("re-ranker bias must be a number")
        arrays = [
            np.array([_number_value(x) for x in _list(data[key])], dtype=np.float64)
            for key in ("mean", "scale", "weights")
        ]
        if any(len(a) != len(features) for a in arrays):
            raise ValueError("re-ranker arrays and features differ in length")
        return cls(features, arrays[0], arrays[1], arrays[2], float(bias), str(data["version"]))


def _number_value(value: object) -> float:
    if not isinstance(value, int | float):
        raise ValueError(f"expected a number in the re-ranker file, got {value!r}")
    return float(value)


def _list(value: object) -> list[object]:
    if not isinstance(value, list):
        raise ValueError("expected a list in the re-ranker file")
    return value


@dataclass(frozen=True)
class Rerankers:
    """Two linear models: ``sentence`` ranks a text alone; ``document`` ranks a sentence of a document
    once the other sentences' first matches are known (it reads ``DOCUMENT_FEATURES`` too)."""

    sentence: Reranker
    document: Reranker

    def to_json(self) -> dict[str, object]:
        return {"sentence": self.sentence.to_json(), "document": self.document.to_json()}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Rerankers:
        models = {}
        for key in ("sentence", "document"):
            part = data.get(key)
            if not isinstance(part, dict):
                raise ValueError(f"the re-ranker file has no {key} model")
            models[key] = Reranker.from_json(part)
        if set(models["sentence"].features) & set(DOCUMENT_FEATURES):
            raise ValueError("the sentence model cannot read document features")
        return cls(models["sentence"], models["document"])


@lru_cache(maxsize=4)
def load_reranker(path: Path = RERANKER_PATH) -> Rerankers:
    return Rerankers.from_json(json.loads(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class FactCheckText:
    id: str
    claim: str
    title: str = ""
    date: date | None = None
    claimant: str = ""


@dataclass(frozen=True)
class Match:
    id: str
    score: float


class ClaimIndex:
    """A registry's fact-checks, indexed lexically (claim, title, both) and by sentence vectors."""

    LEXICAL_DEPTH = 50
    SEMANTIC_DEPTH = 50
    RRF_K = 60

    def __init__(
        self,
        factchecks: Sequence[FactCheckText],
        *,
        encode: Encoder,
        vectors: Vectors | None = None,
        reranker: Rerankers | None = None,
    ) -> None:
        self.factchecks = list(factchecks)
        claim_terms = [terms(f.claim) for f in self.factchecks]
        title_terms = [terms(f.title) for f in self.factchecks]
        self.claim_sets = [frozenset(t) for t in claim_terms]
        self.claim_bigrams = [_bigrams(f.claim) for f in self.factchecks]
        self.all_sets = [frozenset(c) | frozenset(t) for c, t in zip(claim_terms, title_terms, strict=True)]
        # A fact-check's words and its claimant's name: where a tweet's author is looked for.
        self.full_sets = [a | frozenset(terms(f.claimant)) for a, f in zip(self.all_sets, self.factchecks, strict=True)]
        # For the document features: claimants compared folded, dates as day numbers (NaN: undated).
        self.claimants = [" ".join(fold(f.claimant).split()) for f in self.factchecks]
        self.days = np.array([f.date.toordinal() if f.date else np.nan for f in self.factchecks], dtype=np.float64)
        self.claim_index = LexicalIndex(claim_terms)
        self.title_index = LexicalIndex(title_terms)
        self.all_index = LexicalIndex([c + t for c, t in zip(claim_terms, title_terms, strict=True)])
        self.idf = {w: math.log(1 + self.all_index.size / (1 + len(p[0]))) for w, p in self.all_index.postings.items()}
        self.encode = encode
        texts = [f.claim for f in self.factchecks] + [f.title for f in self.factchecks]
        both = [f"{f.title}. {f.claim}" if f.title else f.claim for f in self.factchecks]
        encoded = encode(texts + both)
        n = len(self.factchecks)
        self.claim_vectors, self.title_vectors = encoded[:n], encoded[n : 2 * n]
        self.vectors = encoded[2 * n :] if vectors is None else vectors
        self.reranker = reranker
        # Word vectors of the claims' content words, for soft term matching ("fee" ~ "cost").
        claim_words = [_content_words(f.claim) for f in self.factchecks]
        self.words: dict[str, int] = {}
        df: list[int] = []
        for words in claim_words:
            for word in words:
                row = self.words.setdefault(word, len(self.words))
                if row == len(df):
                    df.append(0)
                df[row] += 1
        self.word_vectors = encode(list(self.words)) if self.words else np.zeros((0, 1), dtype=np.float32)
        word_idf = np.log(1.0 + n / (1.0 + np.array(df, dtype=np.float64)))
        self.claim_words = [np.array([self.words[w] for w in words], dtype=np.int64) for words in claim_words]
        self.claim_word_idf = [word_idf[rows] for rows in self.claim_words]

    def features(
        self, text: str, *, when: date | None = None, extra: Sequence[int] = ()
    ) -> tuple[list[int], npt.NDArray[np.float64]]:
        """Candidates for one query (lexical and semantic, fused) and their feature rows.

        ``when`` is the day the text was said or published; without it, a tweet's embed signature
        dates it. ``extra`` are more candidates (fact-check positions) put after the fused ones,
        with fused and list ranks of 0 unless a list found them too (``document_rows`` passes
        what the other sentences of a document matched). The document features (``claimant_doc``,
        ``date_doc``) are left at 0: only ``rank_document`` knows the other sentences.
        """
        cleaned = query_text(text)
        query = terms(cleaned)
        claim, title, both = (ix.scores(query) for ix in (self.claim_index, self.title_index, self.all_index))
        vector = self.encode([cleaned or text])[0]
        cosine = self.vectors @ vector
        lexical = top_indices(both, self.LEXICAL_DEPTH) if both.max(initial=0) > 0 else []
        semantic = top_indices(cosine, self.SEMANTIC_DEPTH)
        fused = dict(reciprocal_rank_fusion([lexical, semantic], k=self.RRF_K))
        candidates = sorted(fused, key=lambda i: (-fused[i], i))
        candidates += [d for d in dict.fromkeys(extra) if d not in fused]
        if not candidates:
            return [], np.zeros((0, len(FEATURES)))
        lexical_rank = {d: r for r, d in enumerate(lexical, start=1)}
        semantic_rank = {d: r for r, d in enumerate(semantic, start=1)}
        idx = np.array(candidates)
        top = [max(float(s[idx].max()), 1e-6) for s in (claim, title, both)]
        cos_claim = self.claim_vectors[idx] @ vector
        cos_title = self.title_vectors[idx] @ vector
        cos_all = cosine[idx]
        best_cos = float(cos_all.max())
        query_set = frozenset(query)
        query_bigrams = _bigrams(cleaned)
        query_weight = sum(self.idf.get(t, 0.0) for t in query_set) or 1.0
        query_numbers = {t for t in query_set if t[0].isdigit()}
        if when is None:
            when = text_date(text)
        author = frozenset(terms(tweet_author(text)))
        author_weight = sum(self.idf.get(t, 0.0) for t in author)
        soft = self._soft_cover(cleaned, candidates)
        rows = []
        for j, d in enumerate(candidates):
            numbers = {t for t in self.all_sets[d] if t[0].isdigit()}
            weight = sum(self.idf.get(t, 0.0) for t in self.claim_sets[d]) or 1.0
            shared = sum(self.idf.get(t, 0.0) for t in self.claim_sets[d] & query_set)
            bigrams = self.claim_bigrams[d]
            fact_date = self.factchecks[d].date
            known = when is not None and fact_date is not None
            near = math.exp(-abs((when - fact_date).days) / 180.0) if known else 0.0  # type: ignore[operator]
            rows.append(
                (
                    claim[d] / top[0],
                    title[d] / top[1],
                    both[d] / top[2],
                    math.log1p(float(both[d])),
                    float(cos_claim[j]),
                    float(cos_title[j]),
                    float(cos_all[j]),
                    float(cos_all[j]) - best_cos,
                    fused.get(d, 0.0) * self.RRF_K,
                    1.0 / lexical_rank[d] if d in lexical_rank else 0.0,
                    1.0 / semantic_rank[d] if d in semantic_rank else 0.0,
                    float(len(numbers & query_numbers)),
                    float(len(numbers - query_numbers)),
                    shared / weight,
                    shared / query_weight,
                    len(bigrams & query_bigrams) / len(bigrams) if bigrams else 0.0,
                    soft[j],
                    near,
                    1.0 if known else 0.0,
                    self._cover(author, self.full_sets[d], author_weight),
                    0.0,
                    0.0,
                    0.0 if d in fused else 1.0,
                )
            )
        return candidates, np.array(rows, dtype=np.float64)

    def _cover(self, wanted: frozenset[str], found: frozenset[str], weight: float) -> float:
        """The idf-weighted share of ``wanted`` terms (total idf ``weight``) among ``found``."""
        return sum(self.idf.get(t, 0.0) for t in wanted & found) / weight if weight else 0.0

    def _soft_cover(self, text: str, candidates: Sequence[int]) -> list[float]:
        """Per candidate: the idf-weighted mean, over its claim's words, of the best cosine with a query word."""
        words = sorted(set(_content_words(text)))
        if not words:
            return [0.0] * len(candidates)
        known = [self.words[w] for w in words if w in self.words]
        unknown = [w for w in words if w not in self.words]
        query = self.word_vectors[known]
        if unknown:
            query = np.vstack([query, self.encode(unknown)])
        rows = [self.claim_words[d] for d in candidates]
        lengths = np.array([len(r) for r in rows])
        if not lengths.sum():
            return [0.0] * len(candidates)
        best = (self.word_vectors[np.concatenate(rows)] @ query.T).max(axis=1)
        weights = np.concatenate([self.claim_word_idf[d] for d in candidates])
        out = []
        start = 0
        for length in lengths:
            end = start + int(length)
            total = float(weights[start:end].sum())
            out.append(float(best[start:end] @ weights[start:end]) / total if total else 0.0)
            start = end
        return out

    def rank(self, text: str, *, when: date | None = None, top: int = 5) -> list[Match]:
        """The ``top`` fact-checks for a text, best first, scored by the sentence re-ranker (fusion without one)."""
        candidates, matrix = self.features(text, when=when)
        model = self.reranker.sentence if self.reranker else None
        return self._best(candidates, matrix, model, top)

    def rank_document(
        self, texts: Sequence[str], *, when: date | None = None, top: int = 5, positions: Sequence[int] | None = None
    ) -> list[list[Match]]:
        """The ``top`` fact-checks for each sentence of one document (a debate, a speech, an article).

        Each sentence is ranked alone first; then ``document_features`` tells every candidate how
        much of the other sentences' best matches share its claimant and its date, and the document
        re-ranker ranks again. Without a re-ranker this is ``rank`` of each sentence.
        """
        if self.reranker is None:
            return [self._best(*self.features(text, when=when), None, top) for text in texts]
        rows = self.document_rows(texts, when=when, first=self.reranker.sentence, positions=positions)
        return [self._best(c, m, self.reranker.document, top) for c, m in rows]

    # Which other sentences' first-pass matches join a sentence's candidates: the POOL_DEPTH best of
    # those at most POOL_LINES lines away when the sentences' positions are known, else of every
    # other one. CLEF 2021-2B, MAP@5 dev / 5-fold train CV by debate: no pool 0.528 / 0.620; the
    # best 1 of every other sentence 0.539 / 0.631 (3 best: 0.527 / 0.621); within 3 lines, the
    # best 1: 0.552 / 0.641, the best 3: 0.551 / 0.637 (within 2 lines 0.557 / 0.638, 5 lines 0.555 / 0.637).
    POOL_DEPTH = 1
    POOL_LINES = 3

    def document_rows(
        self,
        texts: Sequence[str],
        *,
        first: Reranker,
        when: date | None = None,
        positions: Sequence[int] | None = None,
    ) -> list[tuple[list[int], npt.NDArray[np.float64]]]:
        """Candidates and feature rows, document features filled, of each sentence of one document.

        Each sentence is ranked alone by ``first``; then the best first-pass matches of the *other*
        sentences join its candidates (the ``POOL_DEPTH`` best of each): with ``positions`` (each
        sentence's line or sentence number in the document), of those at most ``POOL_LINES`` away;
        without, of every other sentence. A debate sentence often names too little of its claim
        ("Very few children.") for either list to find it, while a neighbour says more of the same
        claim. The document features are read from the first pass only, so the pooled candidates
        change no sentence's profile.
        """
        rows = [self.features(text, when=when) for text in texts]
        if len(rows) < 2:
            self.document_features(rows, first)
            return rows
        if positions is not None and len(positions) != len(texts):
            raise ValueError("one position per sentence")
        best = [self._first_best(candidates, matrix, first) for candidates, matrix in rows]
        pooled = []
        for number, text in enumerate(texts):
            extra = [
                d
                for other, found in enumerate(best)
                if other != number
                and (positions is None or abs(positions[other] - positions[number]) <= self.POOL_LINES)
                for d in found
            ]
            pooled.append(self.features(text, when=when, extra=extra))
        self.document_features(rows, first, targets=pooled)
        return pooled

    def _first_best(self, candidates: list[int], matrix: npt.NDArray[np.float64], first: Reranker) -> list[int]:
        if not candidates:
            return []
        scores = first.score_rows(matrix)
        return [candidates[j] for j in np.argsort(-scores, kind="stable")[: self.POOL_DEPTH]]

    # First-pass matches of a sentence that speak for the document: the best few, softmax-weighted.
    PROFILE_DEPTH = 10
    DATE_SCALE_DAYS = 7.0

    def document_features(
        self,
        rows: Sequence[tuple[list[int], npt.NDArray[np.float64]]],
        first: Reranker,
        *,
        targets: Sequence[tuple[list[int], npt.NDArray[np.float64]]] | None = None,
    ) -> None:
        """Fill the ``DOCUMENT_FEATURES`` columns of every sentence's rows (or of ``targets``, the
        same sentences with more candidates), in place.

        ``claimant_doc``: the share of the *other* sentences' first-pass match weight (``first``'s
        scores, softmax over each sentence's ``PROFILE_DEPTH`` best) held by fact-checks of this
        candidate's claimant. ``date_doc``: the same weight, discounted by the days between those
        matches' dates and this candidate's (``DATE_SCALE_DAYS``). One speaker says most of a
        speech, and a debate's checked claims cluster on its day; a sentence never votes for itself.
        """
        others = len(rows) - 1
        if others < 1:
            return
        claimant_column, date_column = FEATURES.index("claimant_doc"), FEATURES.index("date_doc")
        shares: list[dict[str, float]] = []
        matched, weights, owners = [], [], []  # every sentence's first matches, their weight, the sentence
        for number, (candidates, matrix) in enumerate(rows):
            share: dict[str, float] = {}
            if candidates:
                scores = first.score_rows(matrix)
                best = np.argsort(-scores, kind="stable")[: self.PROFILE_DEPTH]
                weight = np.exp(scores[best] - scores[best].max())
                weight /= weight.sum()
                for j, w in zip(best, weight, strict=True):
                    key = self.claimants[candidates[j]]
                    if key:
                        share[key] = share.get(key, 0.0) + float(w)
                    matched.append(candidates[j])
                    weights.append(float(w))
                    owners.append(number)
            shares.append(share)
        total: dict[str, float] = {}
        for share in shares:
            for key, w in share.items():
                total[key] = total.get(key, 0.0) + w
        matched_days = self.days[np.array(matched, dtype=np.int64)]
        dated_match = ~np.isnan(matched_days)
        matched_days, weight_array = matched_days[dated_match], np.array(weights)[dated_match]
        owner_array = np.array(owners, dtype=np.int64)[dated_match]
        for number, (candidates, matrix) in enumerate(rows if targets is None else targets):
            for j, d in enumerate(candidates):
                key = self.claimants[d]
                if key:
                    matrix[j, claimant_column] = (total.get(key, 0.0) - shares[number].get(key, 0.0)) / others
            own = self.days[np.array(candidates, dtype=np.int64)]
            dated = np.flatnonzero(~np.isnan(own))
            if len(dated) and len(matched_days):
                near = np.exp(-np.abs(own[dated, None] - matched_days[None, :]) / self.DATE_SCALE_DAYS)
                matrix[dated, date_column] = near @ np.where(owner_array == number, 0.0, weight_array) / others

    def _best(
        self, candidates: list[int], matrix: npt.NDArray[np.float64], model: Reranker | None, top: int
    ) -> list[Match]:
        if not candidates:
            return []
        scores = matrix[:, FEATURES.index("rrf")] if model is None else model.score_rows(matrix)
        order = sorted(range(len(candidates)), key=lambda j: (-scores[j], candidates[j]))[:top]
        return [Match(self.factchecks[candidates[j]].id, float(scores[j])) for j in order]
