"""What the dashboard adds up over the whole demo corpus, next to the war's estimated totals (issue 11).

    .venv/bin/python tests/bench/eval_corpus_totals.py [--keep]

Imports the demo corpus (the seed reports and all FA-KES articles from SITREP_SHARED_DIR, default
../shared) into a new, temporary SQLite database with the project's own import - `load_places` and
`reports.ingest.import_paths`, as `make run` does, so every report is extracted in process by the
extractor of this checkout with the gazetteer built from the Place rows, dated by the FA-KES `date`
column, and duplicate texts stored once - and prints, per kind, what `dashboard.summaries.headline` gives for
the whole period: the sum of the daily incidents (non-cumulative figures, one incident per kind, day and
nested places; the conservative low and the high), never the running totals. The war's estimated totals
(about 600,000 killed and 13 million displaced) are the ceiling no honest sum of incidents reaches. The
largest incidents of each kind follow, as what to look at first when a sum is too high.

Takes about a minute (migrations, gazetteer, 806 reports). --keep leaves the database and prints its path.
"""

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

WAR_TOTALS = {"killed": 600_000, "displaced": 13_000_000}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary database and print its path")
    parser.add_argument("--top", type=int, default=3, metavar="N", help="largest incidents listed per kind")
    args = parser.parse_args(argv)

    directory = Path(tempfile.mkdtemp(prefix="sitrep-corpus-totals-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{directory / 'corpus.sqlite3'}"  # never the project's database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sitrep.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("SITREP_SHARED_DIR", str(ROOT.parent / "shared"))
    try:
        return measure(args)
    finally:
        if args.keep:
            print(f"database kept: {directory / 'corpus.sqlite3'}")
        else:
            shutil.rmtree(directory, ignore_errors=True)


def measure(args):
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from dashboard import summaries
    from reports.extraction import VERSION
    from reports.ingest import import_paths
    from reports.models import Indicator, Report
    from reports.places import load_places

    shared = settings.SITREP_SHARED_DIR
    paths = [shared / "seeds", shared / "data" / "fa-kes" / "FA-KES-Dataset.csv"]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"the demo corpus is not there: {', '.join(missing)} (set SITREP_SHARED_DIR)", file=sys.stderr)
        return 2

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_places()
    prepared = time.perf_counter()
    problems = io.StringIO()
    summary = import_paths(paths, out=problems)
    imported = time.perf_counter()
    figures = Indicator.objects.exclude(kind__in=summaries.CONDITION_KINDS)
    print(f"demo corpus (extractor {VERSION}): {summary.line()}; {Report.objects.count()} reports, "
          f"{figures.count()} figures ({figures.filter(cumulative=True).count()} cumulative); "
          f"database ready in {prepared - started:.0f}s, import {imported - prepared:.0f}s")
    if summary.failed:
        print(problems.getvalue().rstrip(), file=sys.stderr)

    shown = summaries.headline(Indicator.objects.all())
    print("\nsum of the daily incidents over the whole period, as the dashboard's cards add them up:")
    print(f"  {'series':20} {'low':>12} {'high':>12} {'incidents':>10}   war's estimated total")
    for series in ("killed", "injured", "missing", "displaced", "displaced_families", "trapped"):
        figure = shown.get(series)
        low, high, count = (figure.low, figure.high, figure.incidents) if figure else (0, 0, 0)
        ceiling = WAR_TOTALS.get(series)
        note = ""
        if ceiling:
            note = f"{ceiling:>12,}   low is {low / ceiling:.1%} of it" + ("  ABOVE" if low > ceiling else "")
        print(f"  {series:20} {low:>12,} {high:>12,} {count:>10,}   {note}")
    print("  (trapped: the latest estimate per place, summed; not daily incidents)")

    every = summaries.incidents(Indicator.objects.all())
    for kind in ("killed", "displaced"):
        largest = sorted((i for i in every if i.kind == kind), key=lambda i: -i.low)[:args.top]
        print(f"\nlargest {kind} incidents (low, high, day, place, reports):")
        for incident in largest:
            print(f"  {incident.low:>10,} {incident.high:>10,}  {incident.date}  "
                  f"{incident.place_pcode or '-'} {incident.place_name or ''}  ({incident.report_count} reports,"
                  f" figures {incident.figure_ids[:5]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
