"""Print the flagged-claim report (the API's and the admin page's rows and filters) on the console."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.http import QueryDict

from credibility.formats.flagged_claims import flagged_claims_csv, flagged_claims_json, flagged_claims_text
from credibility.management.help_format import RawHelpCommand
from credibility.selectors import FlaggedClaimFilter, flagged_claim_list, flagged_claim_rows, report_analysis_notices

HELP = """\
Print the flagged-claim report: every unverified and contradicted claim, most check-worthy first
(then most confident), with its article, sentence, source, evidence, detector, check-worthiness,
confidence, status and assignee. --ordering takes the older orders too (-created: newest first).

Each article shows at most its low_value_flag_limit low-value flags (open unverified claims scored
below FLAG_REPORT_LOW_VALUE_THRESHOLD); the text format says how many were held back, and
--show-all lists every flag.

Formats (--format): text (default; the flag is [[bracketed]] in its sentence), csv (the API's
?format=csv columns, formula-like cells neutralised) or json (the API's rows, unpaginated).

Filters are the API's: --status and --kind may repeat; --detector takes name@version or a bare
name (every version); --assignee takes a user id or "none"; dates are YYYY-MM-DD, inclusive.
Exit status 1, with the reason, when a filter value is invalid."""

# option -> FilterSet parameter; repeated options become repeated parameters.
FILTER_OPTIONS = {
    "status": "status",
    "kind": "kind",
    "reason": "reason",
    "source": "source",
    "outlet": "outlet",
    "article": "article",
    "detector": "detector",
    "assignee": "assignee",
    "created_after": "created_after",
    "created_before": "created_before",
    "min_confidence": "min_confidence",
    "ordering": "ordering",
    "show_all": "show_all",
}


class Command(RawHelpCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["text", "csv", "json"], default="text")
        parser.add_argument(
            "--bom",
            action="store_true",
            help="With --format csv: start with a UTF-8 byte order mark, so spreadsheet programs read UTF-8.",
        )
        parser.add_argument("--status", action="append", help="open, confirmed, dismissed or resolved (repeatable).")
        parser.add_argument("--kind", action="append", help="unverified_claim or contradicted_claim (repeatable).")
        parser.add_argument("--reason", help="unsourced, vague_source or hedged.")
        parser.add_argument("--source", help="Source id.")
        parser.add_argument("--outlet", help="Source id of the article's outlet.")
        parser.add_argument("--article", help="Article id.")
        parser.add_argument("--detector", help="name@version, or a bare name for every version.")
        parser.add_argument("--assignee", help='User id, or "none".')
        parser.add_argument("--created-after", dest="created_after", help="YYYY-MM-DD (inclusive).")
        parser.add_argument("--created-before", dest="created_before", help="YYYY-MM-DD (inclusive).")
        parser.add_argument("--min-confidence", dest="min_confidence", help="0 to 1.")
        parser.add_argument(
            "--ordering",
            help=(
                "rank (default: check-worthiness, then confidence), checkworthiness, created, confidence or outlet; "
                "prefix - for descending (--ordering=-created)."
            ),
        )
        parser.add_argument(
            "--show-all",
            dest="show_all",
            action="store_const",
            const="true",
            help="Every flag: no per-article limit on low-value flags.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        params = QueryDict(mutable=True)
        for option, name in FILTER_OPTIONS.items():
            value = options.get(option)
            if value is None:
                continue
            for item in value if isinstance(value, list) else [value]:
                params.appendlist(name, str(item))
        filterset = FlaggedClaimFilter(data=params, queryset=flagged_claim_list())
        if not filterset.is_valid():
            problems = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in filterset.errors.items())
            raise CommandError(f"Invalid filter: {problems}")
        rows = flagged_claim_rows(annotations=filterset.qs)
        if options["format"] == "text":
            output = flagged_claims_text(rows, held_back=filterset.held_back)
        else:
            output = {"csv": flagged_claims_csv, "json": flagged_claims_json}[options["format"]](rows)
            if options["format"] == "csv" and options["bom"]:
                output = "\ufeff" + output
        self.stdout.write(output, ending="" if output.endswith("\n") else "\n")
        # Articles the detectors could not analyse (their language): on stderr, so CSV and JSON stay clean.
        notices = report_analysis_notices(filterset)
        if notices["count"]:
            self.stderr.write(
                f"{notices['count']} article(s) not fully analysed; no flags from them is not a clean bill:"
            )
            for article in notices["articles"]:
                self.stderr.write(f"  article {article['id']} ({article['language']}): {article['notice']}")
