"""Prints every detection-quality figure: the gold dev corpus and the public labelled sets.

Runs the pure pipeline and touches no database. Data paths are arguments (default: the ``shared/`` folder beside the checkout); nothing
here is copied into the repository. A missing data set is reported and skipped.
"""

from __future__ import annotations

import csv
import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from annotations.models import LOW_VALUE_FLAG_LIMIT_DEFAULT
from credibility.analysis.claims.checkworthiness_model import load_model
from credibility.analysis.detectors.typos import TypoDetector
from credibility.analysis.lexicons import english as lexicon
from credibility.analysis.pipeline import AnalysisResult, analyze_text, finding_to_json
from credibility.analysis.types import AnalysisContext, FactCheckEntry
from credibility.formats.claimreview import load_claim_reviews, parse_claim_review
from credibility.formats.records import RecordError
from credibility.quality.evaluation.attribution_eval import score_polnear, score_polnear_corpus
from credibility.quality.evaluation.attribution_labels_eval import (
    FoundAttribution,
    in_split,
    labelled_attribution,
    score_attributions,
)
from credibility.quality.evaluation.bbc_typos_eval import bbc_typo_figures, bbc_typo_split
from credibility.quality.evaluation.checkworthiness_eval import checkworthiness_systems
from credibility.quality.evaluation.claims_eval import checkworthiness_scores, hedge_weasel_scores
from credibility.quality.evaluation.factcheck_eval import (
    averitec_records,
    factcheck_figures,
    liar_records,
    unrelated_registry_flags,
)
from credibility.quality.evaluation.labelled_articles import labelled_articles, read_jsonl
from credibility.quality.evaluation.typo_eval import (
    REAL_TYPO_SPLITS,
    RealTypoCase,
    RealTypoFigures,
    baseline_finder,
    detector_finder,
    misspelling_figures,
    real_typo_case,
    real_typo_cases_in_split,
    real_typo_figures,
)
from credibility.quality.evaluation.typo_flag_labels_eval import flag_precision
from credibility.quality.evaluation.unverified_eval import (
    RankedFlag,
    labelled_sentence,
    score_unverified,
    within_report_budget,
)

SHARED = Path(settings.BASE_DIR).parent / "shared"
# Hand labels of every sentence of 100 BBC articles (offsets only, no text), with their guide.
UNVERIFIED_LABELS = Path(__file__).resolve().parents[2] / "quality" / "evaluation" / "labels" / "bbc_unverified.jsonl"
# Hand labels of every attribution in 30 other random BBC articles (offsets and speakers only).
ATTRIBUTION_LABELS = UNVERIFIED_LABELS.with_name("bbc_attributions.jsonl")
TYPO_LABELS = UNVERIFIED_LABELS.with_name("bbc_typos.jsonl")
TYPO_FLAG_LABELS = UNVERIFIED_LABELS.with_name("polnear_typo_flags.jsonl")
BASELINE_MISSPELLINGS = 400  # pairs the slow off-the-shelf baseline is run on
# The sections, in the order they run; --only picks some of them.
SECTIONS = [
    "dev",
    "hedges",
    "checkworthiness",
    "checkworthiness-learned",
    "polnear-quotes",
    "polnear",
    "factchecks",
    "unrelated-flags",
    "misspellings",
    "real-typos",
    "bbc-typos",
    "typo-flags",
    "unverified",
    "attribution",
]


def _load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("gold_scorer", path)
    if spec is None or spec.loader is None:
        raise CommandError(f"Cannot load the scorer at {path}.")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tsv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t")


class Command(BaseCommand):
    help = (
        "Print detection-quality figures: the gold dev corpus per kind (with a pyspellchecker baseline for typos), "
        "WikiWeasel hedge F1, ClaimBuster check-worthiness F1, learned check-worthiness (CheckThat! 2024, ClaimBuster), PolNeAR source F1, codespell misspellings and real typos in context."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dev",
            action="append",
            default=None,
            help="Gold articles (JSONL; default: the shared dev corpus). Repeat it to score several sets: each is "
            "printed on its own, then all of them pooled (micro-averaged over every article).",
        )
        parser.add_argument(
            "--factchecks",
            default=None,
            help="ClaimReview registry (JSON) put into every dev article's context (default: factchecks.json beside "
            "each --dev; with several --dev, each keeps its own).",
        )
        parser.add_argument(
            "--only",
            action="append",
            choices=SECTIONS,
            default=None,
            help="Run only this section (repeatable; default: every section): " + ", ".join(SECTIONS) + ".",
        )
        parser.add_argument("--scorer", default=str(SHARED / "eval" / "score.py"), help="The gold scorer, score.py.")
        parser.add_argument("--data", default=str(SHARED / "data"), help="Folder of the public labelled sets.")
        parser.add_argument("--limit", type=int, default=0, help="Use at most N rows of each public set (0: all).")
        parser.add_argument("--no-baseline", action="store_true", help="Skip the off-the-shelf spell-checker baseline.")
        parser.add_argument(
            "--unverified-labels",
            default=str(UNVERIFIED_LABELS),
            help="Hand labels of real-news sentences (JSONL: article, split, index, start, end, kind, sourcing).",
        )
        parser.add_argument(
            "--unverified-articles",
            default=str(SHARED / "data" / "external" / "bbc-news-sample.jsonl"),
            help="The articles those labels index into (JSONL with id, title, text).",
        )
        parser.add_argument(
            "--attribution-labels",
            default=str(ATTRIBUTION_LABELS),
            help="Hand labels of every attribution in real-news articles (JSONL: article, start, end, speaker, "
            "speaker_kind); the articles come from --unverified-articles.",
        )
        parser.add_argument(
            "--typo-labels",
            default=str(TYPO_LABELS),
            help="Hand labels of every real typo found in the real-news articles (JSONL: article, start, end, quote, "
            "correction, kind; see labels/TYPO_GUIDE.md); every article of --unverified-articles is in scope.",
        )
        parser.add_argument(
            "--typo-flag-labels",
            default=str(TYPO_FLAG_LABELS),
            help="Labels of the typo flags raised on PolNeAR train and dev articles (JSONL: article, start, end, "
            "quote, typo yes/no/unsure, note); the articles come from --data's polnear folder.",
        )
        parser.add_argument(
            "--unverified-split",
            choices=["dev", "test", "all"],
            default="dev",
            help="Which labelled articles to score: tune on dev; report test once.",
        )
        parser.add_argument(
            "--attribution-split",
            choices=["dev", "test", "all"],
            default="dev",
            help="Which attribution-labelled articles to score (a seeded hash of the article id, ~40%% dev): "
            "tune on dev; report test once, at the end.",
        )
        parser.add_argument(
            "--real-typo-split",
            choices=REAL_TYPO_SPLITS,
            default="dev",
            help="Which half of the real typo set to score (a seeded hash of each record's id, about 50/50): "
            "tune on dev; report test (and all) once, at the end.",
        )
        parser.add_argument(
            "--checkthat-test",
            action="store_true",
            help="Also score the CheckThat! 2024 English test split in the learned check-worthiness section "
            "(default: only its dev sets, dev_test and ClaimBuster groundtruth): report it once, at the end.",
        )
        parser.add_argument(
            "--polnear-split",
            choices=["train", "dev", "test"],
            default="dev",
            help="Which split of the full PolNeAR corpus to score: tune on train/dev; report test once, at the end.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.limit = options["limit"] or None
        # The real-news sections (typos, unverified, attribution) read the same articles: each is
        # analysed once, on first use.
        self.analyses: dict[str, AnalysisResult] = {}
        data = Path(options["data"])
        dev_paths = options["dev"] or [str(SHARED / "eval" / "dev" / "articles.jsonl")]
        if isinstance(dev_paths, str):  # call_command(dev=...) passes the value as given
            dev_paths = [dev_paths]
        if options["factchecks"] and len(dev_paths) > 1:
            raise CommandError(
                "--factchecks names one registry: give it with one --dev, or keep factchecks.json beside each."
            )
        sections: list[tuple[str, Callable[[], None]]] = [
            (
                "Dev corpus" if len(dev_paths) == 1 else f"Gold sets ({len(dev_paths)})",
                lambda: self._dev(
                    [Path(path) for path in dev_paths],
                    Path(options["scorer"]),
                    not options["no_baseline"],
                    options["factchecks"],
                ),
            ),
            (
                "Hedge/weasel (CoNLL-2010 WikiWeasel)",
                lambda: self._hedges(data / "hedge_weasel_conll2010" / "wikiweasel_2000.tsv"),
            ),
            (
                "Check-worthiness (ClaimBuster)",
                lambda: self._checkworthy(data / "checkworthy_claimbuster" / "claimbuster_2000.tsv"),
            ),
            (
                "Check-worthiness, learned (CheckThat! 2024 English, ClaimBuster groundtruth)",
                lambda: self._checkworthy_learned(
                    data / "checkthat-checkworthiness" / "2024-task1-en",
                    data / "claimbuster-full",
                    with_test=options["checkthat_test"],
                ),
            ),
            (
                "Quote attribution (PolNeAR test)",
                lambda: self._polnear(data / "quote_attribution_polnear" / "polnear_test_600.jsonl"),
            ),
            (
                f"Attribution roles (full PolNeAR corpus, {options['polnear_split']} split)",
                lambda: self._polnear_corpus(data / "polnear" / f"articles-{options['polnear_split']}.jsonl"),
            ),
            (
                "Fact-check matching (LIAR, AVeriTeC)",
                lambda: self._factchecks(
                    data / "factchecks_liar" / "liar_3000.jsonl",
                    data / "factchecks_averitec" / "averitec_dev_500.jsonl",
                ),
            ),
            (
                "Contradicted flags on real news against an unrelated registry (BBC 2004-05 vs LIAR 3000)",
                lambda: self._unrelated_flags(
                    Path(options["unverified_articles"]), data / "factchecks_liar" / "liar_3000.jsonl"
                ),
            ),
            (
                "Misspellings (codespell) in neutral sentences",
                lambda: self._misspellings(
                    data / "misspellings_codespell" / "misspellings.tsv", not options["no_baseline"]
                ),
            ),
            (
                f"Real typos in context (typo-fix commits, each with its clean twin; {options['real_typo_split']} split)",
                lambda: self._real_typos(
                    data / "external" / "real-typos" / "typos_in_context.jsonl",
                    not options["no_baseline"],
                    options["real_typo_split"],
                ),
            ),
            (
                "Typos on real news (hand labels of every article)",
                lambda: self._bbc_typos(Path(options["typo_labels"]), Path(options["unverified_articles"])),
            ),
            (
                "Typo flags on US news (PolNeAR train and dev, each flag labelled)",
                lambda: self._typo_flags(
                    Path(options["typo_flag_labels"]),
                    [data / "polnear" / "articles-train.jsonl", data / "polnear" / "articles-dev.jsonl"],
                ),
            ),
            (
                "Unverified flags on real news (hand labels)",
                lambda: self._unverified(
                    Path(options["unverified_labels"]),
                    Path(options["unverified_articles"]),
                    options["unverified_split"],
                ),
            ),
            (
                f"Attribution on real news (hand labels, {options['attribution_split']} split)",
                lambda: self._attribution_labels(
                    Path(options["attribution_labels"]),
                    Path(options["unverified_articles"]),
                    options["attribution_split"],
                ),
            ),
        ]
        only = options["only"] or SECTIONS
        if isinstance(only, str):
            only = [only]
        ran = 0
        for key, (title, section) in zip(SECTIONS, sections, strict=True):
            if key not in only:
                continue
            self.stdout.write(self.style.MIGRATE_HEADING(title))
            try:
                section()
                ran += 1
            except FileNotFoundError as exc:
                self.stdout.write(f"  skipped: {exc.filename} not found")
            except (OSError, ValueError, KeyError) as exc:
                self.stderr.write(f"  failed: {type(exc).__name__}: {exc}")
        if not ran:
            raise CommandError("No data set could be evaluated; pass --dev/--scorer/--data paths.")

    def _analysis(self, key: str, article: dict[str, Any]) -> AnalysisResult:
        """The pipeline's result for one real-news article (id ``key``), analysed once per run."""
        if key not in self.analyses:
            self.analyses[key] = analyze_text(text=article["text"], title=article.get("title", ""))
        return self.analyses[key]

    def _rows(self, rows: Iterator[Any] | list[Any]) -> list[Any]:
        rows = list(rows)
        return rows[: self.limit] if self.limit else rows

    def _line(self, label: str, figures: dict[str, Any]) -> None:
        self.stdout.write(f"  {label:<28} " + " ".join(f"{k}={v}" for k, v in figures.items()))

    def _registry(self, path: Path) -> tuple[FactCheckEntry, ...]:
        entries: list[FactCheckEntry] = []
        for position, record in enumerate(load_claim_reviews(path.read_text(encoding="utf-8")), start=1):
            try:
                parsed = parse_claim_review(record)
            except RecordError as exc:
                self.stderr.write(f"  factcheck record {position} skipped: {exc}")
                continue
            entries.append(
                FactCheckEntry(
                    identifier=parsed.identifier,
                    url=parsed.url,
                    claim_reviewed=parsed.claim_reviewed,
                    verdict=parsed.verdict,
                    rating_label=parsed.rating_label,
                )
            )
        return tuple(entries)

    def _dev(self, paths: list[Path], scorer_path: Path, baseline: bool, factchecks: str | None) -> None:
        scorer = _load_scorer(scorer_path) if scorer_path.is_file() else None
        if scorer is None:
            raise FileNotFoundError(2, "scorer not found", str(scorer_path))
        pooled_gold: list[dict[str, Any]] = []
        pooled_predictions: dict[str, list[dict[str, object]]] = {}
        find = baseline_finder() if baseline else None  # loads its dictionary once, for every set
        for path in paths:
            gold = read_jsonl(path)
            registry_path = Path(factchecks) if factchecks else path.parent / "factchecks.json"
            registry = self._registry(registry_path) if registry_path.is_file() else ()
            if len(paths) > 1:
                self.stdout.write(f"  {path}")
            self.stdout.write(f"  registry: {len(registry)} fact-checks from {registry_path if registry else '(none)'}")
            # The pure pipeline with the whole (small) registry as candidates and nothing from a
            # database: figures must not depend on what a database holds.
            context = AnalysisContext(factchecks=registry)
            predictions = {
                art["id"]: [
                    finding_to_json(f)
                    for f in analyze_text(text=art["text"], title=art.get("title", ""), context=context).findings
                ]
                for art in gold
            }
            for kind, figures in scorer.score(gold, predictions).items():
                self._line(kind, figures)
            if find is not None:
                typo_only = {
                    art["id"]: [
                        {"kind": "typo", "start": s, "end": e, "suggestion": sug} for s, e, sug in find(art["text"])
                    ]
                    for art in gold
                }
                self._line("typo (pyspellchecker)", scorer.score(gold, typo_only)["typo"])
            # Pooled under keys of their own: two sets may both have an article "a1".
            for art in gold:
                key = f"{len(pooled_gold)}:{art['id']}"
                pooled_gold.append({**art, "id": key})
                pooled_predictions[key] = predictions[art["id"]]
        if len(paths) > 1:
            self.stdout.write(f"  pooled, {len(paths)} sets, {len(pooled_gold)} articles (micro-averaged)")
            for kind, figures in scorer.score(pooled_gold, pooled_predictions).items():
                self._line(kind, figures)

    def _hedges(self, path: Path) -> None:
        rows = self._rows(_tsv(path))
        scores = hedge_weasel_scores((row["text"], row["label"] == "1") for row in rows)
        self._line(
            "sentence-level",
            {"precision": scores.precision, "recall": scores.recall, "f1": scores.f1, "n": scores.total},
        )
        self.stdout.write("  (best CoNLL-2010 system on this Wikipedia track: F1 ~0.60)")

    def _checkworthy(self, path: Path) -> None:
        rows = self._rows(_tsv(path))
        scores = checkworthiness_scores((row["text"], row["label"] == "1") for row in rows)
        self._line(
            "check-worthy sentences",
            {"precision": scores.precision, "recall": scores.recall, "f1": scores.f1, "n": scores.total},
        )

    def _unverified(self, labels_path: Path, articles_path: Path, split: str) -> None:
        rows = [row for row in read_jsonl(labels_path) if split == "all" or row.get("split") == split]
        labels = [labelled_sentence(row) for row in rows]
        articles = labelled_articles(articles_path, (label.article for label in labels))
        ranked = {
            key: [
                RankedFlag(f.start, f.end, f.checkworthiness, f.confidence)
                for f in self._analysis(key, art).findings
                if f.kind == "unverified_claim"
            ]
            for key, art in articles.items()
        }
        words = {key: len(art["text"].split()) for key, art in articles.items()}
        figures = score_unverified(
            {key: [(f.start, f.end) for f in flags] for key, flags in ranked.items()}, labels, words
        )
        self._line(
            f"{split} split, {len(articles)} articles",
            {"flags": figures.flags, "per_1000_words": round(figures.flags_per_1000_words, 2)},
        )
        self.stdout.write(f"  strict precision  {figures.strict_precision}")
        self.stdout.write(f"  lenient precision {figures.lenient_precision}")
        self.stdout.write(f"  recall (strict positives flagged) {figures.recall}")
        # What a reviewer sees: the report's default budget (every flag worth checking, and at most
        # LOW_VALUE_FLAG_LIMIT_DEFAULT low-value ones per article).
        threshold = settings.FLAG_REPORT_LOW_VALUE_THRESHOLD
        shown = {
            key: [
                (f.start, f.end)
                for f in within_report_budget(flags, threshold=threshold, low_value_limit=LOW_VALUE_FLAG_LIMIT_DEFAULT)
            ]
            for key, flags in ranked.items()
        }
        budgeted = score_unverified(shown, labels, words)
        self.stdout.write(
            f"  shown by the report's default budget (check-worthiness >= {threshold}, at most "
            f"{LOW_VALUE_FLAG_LIMIT_DEFAULT} others an article): {budgeted.flags} flags, strict precision "
            f"{budgeted.strict_precision}, recall {budgeted.recall}"
        )

    def _checkworthy_learned(self, checkthat: Path, claimbuster: Path, *, with_test: bool = False) -> None:
        model = load_model()
        self.stdout.write(f"  model {model.version}, threshold {model.threshold}: {model.trained_on}")
        found = False
        for label, path in (
            ("CheckThat! 2024 test", checkthat / "test.jsonl"),
            ("CheckThat! 2024 dev_test", checkthat / "dev_test.jsonl"),
            ("ClaimBuster groundtruth", claimbuster / "groundtruth.jsonl"),
        ):
            if label.endswith(" test") and not with_test:
                # Tuning runs never see the test split's figure; --checkthat-test reports it once.
                self.stdout.write(f"  {label}: not scored (--checkthat-test scores it, once, at the end)")
                continue
            if not path.is_file():
                self.stdout.write(f"  {label}: skipped, {path} not found")
                continue
            found = True
            rows = self._rows(read_jsonl(path))
            texts = [str(row["text"]) for row in rows]
            gold = [bool(row["checkworthy"] if "checkworthy" in row else row["label"]) for row in rows]
            self.stdout.write(f"  {label} (n={len(rows)}, positive F1)")
            for system, scores in checkworthiness_systems(texts, gold, model=model).items():
                self._line(f"  {system}", {"precision": scores.precision, "recall": scores.recall, "f1": scores.f1})
        if not found:
            raise FileNotFoundError(2, "no check-worthiness data set", str(checkthat))
        self.stdout.write(
            "  (CheckThat! 2024 test: winner F1 ~0.80; organisers' n-gram baseline 0.60 on dev_test. The model was "
            "trained on ClaimBuster crowdsourced only, threshold chosen on groundtruth)"
        )

    def _attribution_labels(self, labels_path: Path, articles_path: Path, split: str) -> None:
        labels = [
            label for label in (labelled_attribution(row) for row in read_jsonl(labels_path)) if in_split(label, split)
        ]
        articles = labelled_articles(articles_path, (label.article for label in labels))
        analysed = {}
        for key, art in articles.items():
            result = self._analysis(key, art)
            found = [
                FoundAttribution(f.start, f.end, f.source.name if f.source else "", f.source.kind if f.source else "")
                for f in result.findings
                if f.kind == "source_attribution"
            ]
            analysed[key] = (result.sentences, found)
        figures = score_attributions(analysed, labels)
        self._line(f"{split} split, {len(articles)} articles, {len(labels)} labelled attributions", {})
        self.stdout.write(f"  recall            {figures.recall}")
        self.stdout.write(f"  source accuracy   {figures.source_accuracy}")
        self.stdout.write(f"  precision         {figures.precision}")

    def _bbc_typos(self, labels_path: Path, articles_path: Path) -> None:
        labels = list(read_jsonl(labels_path))
        articles = {str(row["id"]): row for row in self._rows(read_jsonl(articles_path))}
        if self.limit:  # a --limit run scores the labels of the articles it analysed
            labels = [row for row in labels if str(row.get("article")) in articles]
        findings = {
            key: [(f.start, f.end, f.suggestion) for f in self._analysis(key, art).findings if f.kind == "typo"]
            for key, art in articles.items()
        }
        figures = bbc_typo_figures({key: art["text"] for key, art in articles.items()}, labels, findings)
        self._line(f"{len(articles)} articles, {len(labels)} labelled typos", {})
        self.stdout.write(f"  recall              {figures.recall}")
        for kind, proportion in figures.recall_by_kind.items():
            self.stdout.write(f"    {kind:<17} {proportion}")
        self.stdout.write(f"  precision           {figures.precision}")
        self.stdout.write(f"  suggestion accuracy {figures.suggestion_accuracy} (of those found)")
        self.stdout.write(
            f"  false flags ({len(figures.false_flags)}): "
            + ", ".join(f"{flag.article} {flag.quote!r}" for flag in figures.false_flags)
        )
        for split in ("dev", "test"):
            half = {key: art["text"] for key, art in articles.items() if bbc_typo_split(key) == split}
            half_figures = bbc_typo_figures(
                half,
                [row for row in labels if str(row.get("article")) in half],
                {key: findings[key] for key in half},
            )
            self.stdout.write(
                f"  {split} half ({len(half)} articles): recall {half_figures.recall}, "
                f"false flags {len(half_figures.false_flags)}"
            )

    def _typo_flags(self, labels_path: Path, article_paths: list[Path]) -> None:
        labels = list(read_jsonl(labels_path))
        articles = {str(row["id"]): row for path in article_paths for row in self._rows(read_jsonl(path))}
        findings = {
            key: [(f.start, f.end) for f in self._analysis(key, art).findings if f.kind == "typo"]
            for key, art in articles.items()
        }
        figures = flag_precision({key: art["text"] for key, art in articles.items()}, labels, findings)
        self._line(f"{len(articles)} articles, {figures.flags} typo flags", {})
        self.stdout.write(f"  precision           {figures.strict}")
        self.stdout.write(f"  unsure counted real {figures.lenient}")
        self.stdout.write(
            f"  unlabelled ({len(figures.unlabelled)}): "
            + ", ".join(f"{article} {quote!r}" for article, quote in figures.unlabelled)
        )
        self.stdout.write(
            f"  wrong ({len(figures.wrong)}): " + ", ".join(f"{quote!r} ({note})" for _, quote, note in figures.wrong)
        )

    def _polnear(self, path: Path) -> None:
        figures = score_polnear(self._rows(read_jsonl(path))).as_dict()
        self._line(
            "source (exact)",
            {"precision": figures["precision_exact"], "recall": figures["recall_exact"], "f1": figures["f1_exact"]},
        )
        self._line(
            "source (overlap)",
            {
                "precision": figures["precision_overlap"],
                "recall": figures["recall_overlap"],
                "f1": figures["f1_overlap"],
            },
        )
        self.stdout.write(
            "  (BBC Citron on PARC 3.0: source F1 0.82 exact, 0.85 overlap; precision estimated from negative rows)"
        )

    def _polnear_corpus(self, path: Path) -> None:
        for role, figures in score_polnear_corpus(self._rows(read_jsonl(path))).items():
            self._line(role, figures.as_dict())
        self.stdout.write(
            "  (overlap measure, one-to-one; every finding is a prediction, so precision is measured. "
            "Citron on PARC 3.0: source F1 0.85 overlap)"
        )

    def _factchecks(self, liar: Path, averitec: Path) -> None:
        found = False
        for label, path, reader in (
            ("LIAR (false, pants-fire)", liar, liar_records),
            ("AVeriTeC (Refuted)", averitec, averitec_records),
        ):
            if not path.is_file():
                self.stdout.write(f"  {label}: skipped, {path} not found")
                continue
            found = True
            figures = factcheck_figures(reader(self._rows(read_jsonl(path))))
            self._line(label, figures.as_dict())
        if not found:
            raise FileNotFoundError(2, "no fact-check data set", str(liar.parent))
        self.stdout.write(
            '  top1 / flagged_right: reported paraphrase ("X said that ..."); negated and number-changed paraphrases '
            "must not be flagged / matched"
        )

    def _unrelated_flags(self, articles: Path, liar: Path) -> None:
        figures = unrelated_registry_flags(self._rows(read_jsonl(articles)), liar_records(read_jsonl(liar)))
        self._line("flags (every one false)", figures.as_dict())
        for article, sentence, claim in figures.flags[:5]:
            self.stdout.write(f"    {article}: \u201c{sentence[:90]}\u201d against \u201c{claim[:70]}\u201d")

    def _misspellings(self, path: Path, baseline: bool) -> None:
        pairs = [(row["misspelling"], row["correction"]) for row in self._rows(_tsv(path))]
        finders = [("ours", detector_finder(TypoDetector()), pairs)]
        if baseline:
            # pyspellchecker's distance-2 correction takes ~0.2 s a word: compare on the same
            # evenly spaced sample rather than spend a quarter of an hour on all pairs.
            sample = pairs[:: max(1, len(pairs) // BASELINE_MISSPELLINGS)]
            finders.append(("ours (same sample)", detector_finder(TypoDetector()), sample))
            finders.append(("pyspellchecker", baseline_finder(), sample))
        for label, finder, subset in finders:
            figures = misspelling_figures(subset, finder)
            self._line(
                label,
                {
                    "detection_recall": round(figures.recall, 3),
                    "top1_accuracy": round(figures.top1_accuracy, 3),
                    "false_flags": figures.false_flags,
                    "n": figures.cases,
                },
            )

    def _real_typos(self, path: Path, baseline: bool, split: str) -> None:
        cases = real_typo_cases_in_split((real_typo_case(row) for row in self._rows(read_jsonl(path))), split)

        def groups(case: RealTypoCase) -> list[str]:
            labels = ["capitalised" if case.capitalised else "lower-case"]
            if case.error_type == "non-word":
                typo = case.typo_text[case.start : case.end].lower()
                listed = lexicon.known_misspelling(typo) is not None
                labels.append("non-word, in codespell" if listed else "non-word, not in codespell")
            return labels

        systems = [("ours", detector_finder(TypoDetector()))]
        if baseline:
            systems.append(("pyspellchecker", baseline_finder()))
        for label, finder in systems:
            self.stdout.write(f"  {label}")
            self._real_typo_lines(real_typo_figures(cases, finder, groups=groups))

    def _real_typo_lines(self, figures: RealTypoFigures) -> None:
        order = ["all", "non-word", "name", "real-word", "capitalised", "lower-case"]
        labels = order + sorted(set(figures.groups) - set(order))
        for label in labels:
            group = figures.groups.get(label)
            if group is None:
                continue
            self._line(
                f"  {label}",
                {
                    "recall": group.recall,
                    "suggestion_accuracy": group.suggestion_accuracy,
                    "found": group.detected,
                    "n": group.cases,
                },
            )
        self._line(
            "  clean twins",
            {
                "false_flag_rate": figures.false_flag_rate,
                "flagged": figures.clean_flagged,
                "flags": figures.clean_flags,
                "n": figures.clean_twins,
                "off_target_in_typo_sentences": figures.off_target,
            },
        )
