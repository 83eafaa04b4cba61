"""Fact-check matching measured on public fact-checked claims (LIAR, AVeriTeC): records in, figures out.

Every record joins the registry. Each claim rated false is rewritten with templates and run
through the contradiction detector as a one-sentence article, against the candidates a small
concept index retrieves from the whole registry (as the service's retrieval would):

- *reported* ("<speaker> said that <claim>") must be flagged with the right fact-check;
- *negated* (an auxiliary negated, or "It is not true that ...") must NOT be flagged with it;
- *number-changed* (the first figure multiplied by ten) must NOT be matched to it at all.

Templates are mechanical on purpose: they test stance and number handling, not fluency, and
a template that cannot apply to a claim (no auxiliary, no figure) skips that claim.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from credibility.analysis.claims.matching import profile
from credibility.analysis.detectors.contradiction import stance_decisions
from credibility.analysis.pipeline import analyze_text
from credibility.analysis.segment import split_sentences
from credibility.analysis.types import AnalysisContext, Document, FactCheckEntry
from credibility.formats.liar import LIAR_VERDICTS  # the registry's own reading of LIAR's labels

_AUXILIARY = re.compile(r"\b(is|are|was|were|has|have|had|will|would|can|could|does|did|do)\b(?! not\b)", re.I)
_NUMBER = re.compile(r"(?<![\w.,])(\d+(?:,\d{3})*(?:\.\d+)?)(?![\d,]*\s?(?:[-/]\d))")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    identifier: str
    claim: str
    verdict: str  # one of the six normalised verdicts
    speaker: str = ""


@dataclass(frozen=True, slots=True)
class FactCheckFigures:
    registry: int
    false_claims: int
    top1: float  # the right fact-check is the best-matching candidate of the reported paraphrase
    flagged_right: float  # the reported paraphrase is flagged "asserts-false" with the right fact-check
    negated_cases: int
    negated_flagged: float  # share of negated paraphrases still flagged with the original fact-check
    number_cases: int
    number_matched: float  # share of number-changed paraphrases matched to the original at all

    def as_dict(self) -> dict[str, float | int]:
        return {
            "registry": self.registry,
            "false_claims": self.false_claims,
            "top1": self.top1,
            "flagged_right": self.flagged_right,
            "negated_n": self.negated_cases,
            "negated_wrongly_flagged": self.negated_flagged,
            "numbers_n": self.number_cases,
            "number_changed_wrongly_matched": self.number_matched,
        }


def clean_claim(text: str) -> str:
    """LIAR statements are quoted and often start "Says ..."; keep the proposition."""
    text = text.strip().strip('"\u201c\u201d').strip()
    text = re.sub(r"^(?:Says|Said)\s+(?:that\s+)?", "", text)
    return text[:1].upper() + text[1:] if text else text


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2].upper() != text[:2] else text


def reported(claim: str, speaker: str) -> str:
    who = speaker.replace("-", " ").title() if speaker else "A campaign spokesperson"
    return f"{who} said that {_lower_first(claim.rstrip('.'))}."


def negated(claim: str) -> str:
    match = _AUXILIARY.search(claim)
    if match and match.start() < 80:
        return claim[: match.end()] + " not" + claim[match.end() :]
    return f"It is not true that {_lower_first(claim.rstrip('.'))}."


def number_changed(claim: str) -> str | None:
    for match in _NUMBER.finditer(claim):
        raw = match.group(1)
        if _YEAR.match(raw):
            continue
        value = float(raw.replace(",", "")) * 10
        new = f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"
        return claim[: match.start(1)] + new + claim[match.end(1) :]
    return None


class ConceptIndex:
    """Inverted index over claim concepts: the candidates sharing the most weighted concepts."""

    def __init__(self, records: Sequence[ClaimRecord]) -> None:
        self.records = list(records)
        self.postings: dict[str, list[int]] = defaultdict(list)
        for position, record in enumerate(self.records):
            for head in profile(record.claim).concepts:
                self.postings[head].append(position)

    def candidates(self, text: str, limit: int = 30) -> list[ClaimRecord]:
        analysed = profile(text)
        scores: dict[int, float] = defaultdict(float)
        for head, weight in analysed.weights.items():
            posting = self.postings.get(head, [])
            if len(posting) > max(50, len(self.records) // 5):
                continue  # too common to discriminate
            for position in posting:
                scores[position] += weight
        best = sorted(scores, key=lambda p: (-scores[p], p))[:limit]
        return [self.records[p] for p in best]


def _entry(record: ClaimRecord) -> FactCheckEntry:
    return FactCheckEntry(identifier=record.identifier, url=None, claim_reviewed=record.claim, verdict=record.verdict)


def _decisions(text: str, index: ConceptIndex) -> list[tuple[str, str, float]]:
    """(fact-check identifier, relation, score) for every fact-check the sentence matched."""
    document = Document(text=text, sentences=split_sentences(text))
    context = AnalysisContext(factchecks=tuple(_entry(r) for r in index.candidates(text)))
    return [
        (d.factcheck.identifier or "", d.relation, d.score)
        for d in stance_decisions(document, context)
        if d.factcheck is not None
    ]


def factcheck_figures(records: Iterable[ClaimRecord], *, limit: int | None = None) -> FactCheckFigures:
    registry = [r for r in records if r.claim.strip()]
    index = ConceptIndex(registry)
    false = [r for r in registry if r.verdict in ("false", "mostly_false")]
    if limit:
        false = false[:limit]
    top1 = flagged = neg_n = neg_hit = num_n = num_hit = 0
    for record in false:
        decisions = _decisions(reported(record.claim, record.speaker), index)
        if decisions and max(decisions, key=lambda d: d[2])[0] == record.identifier:
            top1 += 1
        flagged += any(i == record.identifier and rel == "contradicts" for i, rel, _ in decisions)
        neg_n += 1
        neg_hit += any(
            i == record.identifier and rel == "contradicts" for i, rel, _ in _decisions(negated(record.claim), index)
        )
        changed = number_changed(record.claim)
        if changed is not None:
            num_n += 1
            num_hit += any(i == record.identifier for i, _, _ in _decisions(changed, index))
    n = len(false) or 1
    return FactCheckFigures(
        registry=len(registry),
        false_claims=len(false),
        top1=round(top1 / n, 3),
        flagged_right=round(flagged / n, 3),
        negated_cases=neg_n,
        negated_flagged=round(neg_hit / (neg_n or 1), 3),
        number_cases=num_n,
        number_matched=round(num_hit / (num_n or 1), 3),
    )


# ---------------------------------------------------------------------------------------
# Paraphrase bench: richer rewrites of each false claim, by phenomenon. The substitution
# lexicon below is written for the bench, independently of the matcher's own lexicon, so the
# figures measure how far the matcher generalises to other writers' wording.

_REPORT_VERBS = (
    "claimed",
    "alleged",
    "insisted",
    "told reporters",
    "wrote in a post",
    "maintained",
    "asserted",
    "argued",
    "repeated the claim",
    "suggested",
)
_SUBSTITUTES: dict[str, str] = {
    "increased": "went up",
    "increase": "rise",
    "decreased": "went down",
    "raised": "hiked",
    "cut": "slashed",
    "cuts": "reductions",
    "banned": "outlawed",
    "ban": "prohibition",
    "killed": "left dead",
    "people": "individuals",
    "jobs": "positions",
    "taxes": "levies",
    "children": "kids",
    "money": "funds",
    "doctors": "physicians",
    "company": "firm",
    "companies": "firms",
    "government": "administration",
    "law": "legislation",
    "bill": "legislation",
    "more than": "over",
    "less than": "under",
    "nearly": "almost",
    "about": "roughly",
    "voted": "cast a vote",
    "illegal": "unlawful",
    "spent": "paid out",
    "spending": "expenditure",
    "paid": "handed",
    "workers": "employees",
    "country": "nation",
    "created": "added",
    "lost": "shed",
    "biggest": "largest",
    "largest": "biggest",
    "highest": "greatest",
    "lowest": "smallest",
    "doubled": "went up twofold",
    "passed": "approved",
    "supports": "backs",
    "opposes": "is against",
    "wants": "seeks",
    "gave": "handed",
    "received": "got",
    "prices": "costs",
    "price": "cost",
    "election": "vote",
    "elections": "votes",
    "students": "pupils",
    "receive": "get",
    "plan": "proposal",
    "fired": "sacked",
    "hired": "took on",
    "million": "million",
    "percent": "per cent",
    "died": "lost their lives",
    "deaths": "fatalities",
    "caused": "led to",
}
_FRACTIONS = {
    50: "half",
    25: "a quarter",
    75: "three-quarters",
    33: "a third",
    66: "two-thirds",
    67: "two-thirds",
    20: "a fifth",
    10: "a tenth",
}
_PASSIVE = re.compile(
    r"^(?P<subj>(?:[A-Z][\w'.-]*|the|The)(?:\s[\w'.-]+){0,3}?) (?P<verb>[a-z]+ed) "
    r"(?P<obj>(?:the|a|an|his|her|their|its|more than|over|\$?\d)[^,;]*?)"
    r"(?P<tail>(?:\s(?:in|on|at|since|during|for|by|from|to)\s[^,;]*)?)\.?$"
)
_TRAILING = re.compile(
    r"^(?P<main>.{20,}?)\s(?P<pp>(?:in|since|during|last|over|between|after|before|this|by)\s(?:\S+\s?){1,5})\.?$"
)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def reported_variant(claim: str, speaker: str, turn: int) -> str:
    who = speaker.replace("-", " ").title() if speaker else "A campaign spokesperson"
    verb = _REPORT_VERBS[turn % len(_REPORT_VERBS)]
    if turn % 3 == 2:
        return f"{claim.rstrip('.')}, {who} {'said' if turn % 2 else 'wrote'}."
    return f"{who} {verb} that {_lower_first(claim.rstrip('.'))}."


def synonym_variant(claim: str) -> str | None:
    changed, out = 0, claim
    for word, repl in sorted(_SUBSTITUTES.items(), key=lambda kv: -len(kv[0])):
        if word == repl:
            continue
        new = re.sub(rf"\b{re.escape(word)}\b", repl, out)
        if new != out:
            changed += 1
            out = new
    return out if changed else None


def passive_variant(claim: str) -> str | None:
    m = _PASSIVE.match(claim.strip().rstrip("."))
    if not m or m.group("subj").strip().lower() in {"it", "he", "she", "they", "we", "i"}:
        return None
    obj = m.group("obj").strip()
    subject = m.group("subj").strip()
    subject = _lower_first(subject) if subject.startswith("The ") else subject
    return f"{_capitalise(obj)} was {m.group('verb')} by {subject}{m.group('tail')}."


def reordered_variant(claim: str) -> str | None:
    m = _TRAILING.match(claim.strip().rstrip("."))
    if not m or "," in m.group("pp"):
        return None
    return f"{_capitalise(m.group('pp').strip())}, {_lower_first(m.group('main').strip())}."


def number_format_variant(claim: str) -> str | None:
    """The same figure written another way: 1,200,000 / 1.2 million, 50% / half, percent / %."""

    def millions(m: re.Match[str]) -> str:
        value = float(m.group(1).replace(",", ""))
        for size, word in ((1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
            if value >= size and value % (size / 10) == 0:
                return f"{value / size:g} {word}"
        return m.group(0)

    def expand(m: re.Match[str]) -> str:
        value = float(m.group(1)) * {"thousand": 1e3, "million": 1e6, "billion": 1e9}[m.group(2).lower()]
        return f"{value:,.0f}"

    def fraction(m: re.Match[str]) -> str:
        value = float(m.group(1))
        return _FRACTIONS.get(int(value), m.group(0)) if value == int(value) else m.group(0)

    for pattern, repl in (
        (r"(\d+(?:\.\d+)?) (thousand|million|billion)\b", expand),
        (r"(?<![\d.])(\d{1,3}(?:,\d{3}){1,3})(?![\d,])", millions),
        (r"(\d+(?:\.\d+)?) ?(?:%|percent\b|per cent\b)", fraction),
    ):
        new = re.sub(pattern, repl, claim, count=1)
        if new != claim:
            return new
    new = re.sub(r"(\d) percent\b", r"\1%", claim)
    return new if new != claim else None


def negated_variants(claim: str, speaker: str) -> dict[str, str]:
    """Ways of denying the claim: an auxiliary negated, 'never', a denial frame, 'no evidence'."""
    body = _lower_first(claim.rstrip("."))
    who = speaker.replace("-", " ").title() if speaker else "The ministry"
    out = {
        "negated_aux": negated(claim),
        "negated_false_that": f"It is false that {body}.",
        "negated_denied": f"{who} denied that {body}.",
        "negated_no_evidence": f"There is no evidence that {body}.",
        "negated_debunked": f"The claim that {body} has been debunked.",
    }
    never = re.sub(r"\b(has|have|had)\b(?! not)", r"\1 never", claim, count=1)
    if never != claim:
        out["negated_never"] = never
    return out


@dataclass(frozen=True, slots=True)
class BenchFigures:
    """Per phenomenon: cases, recall (flagged with the right fact-check), wrong (flagged with another one)."""

    positives: dict[str, tuple[int, float, float]]
    negatives: dict[str, tuple[int, float]]  # negation forms / changed numbers / true claims: wrongly flagged

    def lines(self) -> list[str]:
        out = [f"{kind}: n={n} recall={r} wrong_fc={w}" for kind, (n, r, w) in self.positives.items()]
        out += [f"{kind}: n={n} wrongly_flagged={r}" for kind, (n, r) in self.negatives.items()]
        return out


def paraphrase_bench(records: Iterable[ClaimRecord], *, limit: int | None = None) -> BenchFigures:
    registry = [r for r in records if r.claim.strip()]
    index = ConceptIndex(registry)
    false = [r for r in registry if r.verdict in ("false", "mostly_false")]
    true = [r for r in registry if r.verdict in ("true", "mostly_true")]
    if limit:
        false, true = false[:limit], true[:limit]
    pos: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    neg: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for turn, record in enumerate(false):
        variants = {
            "reported": reported_variant(record.claim, record.speaker, turn),
            "synonyms": synonym_variant(record.claim),
            "passive": passive_variant(record.claim),
            "reordered": reordered_variant(record.claim),
            "number_format": number_format_variant(record.claim),
        }
        for kind, text in variants.items():
            if text is None:
                continue
            decisions = _decisions(text, index)
            tally = pos[kind]
            tally[0] += 1
            tally[1] += any(i == record.identifier and rel == "contradicts" for i, rel, _ in decisions)
            tally[2] += any(i != record.identifier and rel == "contradicts" for i, rel, _ in decisions)
        for kind, text in negated_variants(record.claim, record.speaker).items():
            neg[kind][0] += 1
            neg[kind][1] += any(
                i == record.identifier and rel == "contradicts" for i, rel, _ in _decisions(text, index)
            )
        changed = number_changed(record.claim)
        if changed is not None:
            neg["number_changed"][0] += 1
            neg["number_changed"][1] += any(i == record.identifier for i, _, _ in _decisions(changed, index))
    for turn, record in enumerate(true):
        neg["true_asserted"][0] += 1
        text = reported_variant(record.claim, record.speaker, turn)
        neg["true_asserted"][1] += any(rel == "contradicts" for _, rel, _ in _decisions(text, index))
    return BenchFigures(
        positives={k: (n, round(r / (n or 1), 3), round(w / (n or 1), 3)) for k, (n, r, w) in pos.items()},
        negatives={k: (n, round(r / (n or 1), 3)) for k, (n, r) in neg.items()},
    )


AVERITEC_VERDICTS = {
    "Refuted": "false",
    "Supported": "true",
    "Conflicting Evidence/Cherrypicking": "mixed",
    "Not Enough Evidence": "unproven",
}


def liar_records(rows: Iterable[dict[str, str]]) -> list[ClaimRecord]:
    """LIAR rows as registry records; only ``false`` and ``pants-fire`` count as false claims to test."""
    out = []
    for row in rows:
        verdict = LIAR_VERDICTS.get(row.get("label", ""), "unproven")
        if verdict == "mostly_false":
            verdict = "mixed"  # issue 4: only false / pants-fire are tested as contradicted claims
        out.append(
            ClaimRecord(
                identifier=f"liar-{row['id']}",
                claim=clean_claim(row.get("statement", "")),
                verdict=verdict,
                speaker=row.get("speaker") or "",
            )
        )
    return out


def averitec_records(rows: Iterable[dict[str, object]]) -> list[ClaimRecord]:
    return [
        ClaimRecord(
            identifier=str(row["id"]),
            claim=clean_claim(str(row.get("claim") or "")),
            verdict=AVERITEC_VERDICTS.get(str(row.get("label")), "unproven"),
            speaker=str(row.get("speaker") or ""),
        )
        for row in rows
    ]


@dataclass(frozen=True, slots=True)
class UnrelatedFlags:
    """Contradicted flags raised on real articles against a registry of claims they never discuss."""

    articles: int
    words: int
    flags: tuple[tuple[str, str, str], ...]  # (article id, flagged sentence, fact-check claim)

    def as_dict(self) -> dict[str, object]:
        return {
            "articles": self.articles,
            "flags": len(self.flags),
            "per_1000_words": round(1000 * len(self.flags) / max(self.words, 1), 3),
            "flagged_articles": len({article for article, _, _ in self.flags}),
        }


def unrelated_registry_flags(articles: Iterable[dict[str, str]], records: Iterable[ClaimRecord]) -> UnrelatedFlags:
    """Run the whole pipeline on each article with every record in the registry.

    The articles and the registry must not overlap in subject (BBC News of 2004-05 against LIAR's
    US political statements of 2007-16): every flag is then a false flag, so this measures how
    often a large registry of generic claims makes the detector cry wolf on real news.
    """
    context = AnalysisContext(factchecks=tuple(_entry(record) for record in records))
    count = words = 0
    flags: list[tuple[str, str, str]] = []
    for article in articles:
        count += 1
        words += len(article["text"].split())
        result = analyze_text(text=article["text"], title=article.get("title", ""), context=context)
        flags.extend(
            (article["id"], finding.quote, finding.evidence.claim_reviewed if finding.evidence else "")
            for finding in result.findings
            if finding.kind == "contradicted_claim"
        )
    return UnrelatedFlags(articles=count, words=words, flags=tuple(flags))
