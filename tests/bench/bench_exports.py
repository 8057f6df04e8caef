"""Every CSV download of a million indicators through gunicorn over HTTP, against PostgreSQL's own COPY.

    .venv/bin/python tests/bench/bench_exports.py            (or `make bench`)

Uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/sitrep_bench) when it already
holds 1M indicators (the summaries benchmark fills it: 700,000 figures, 300,000 conditions); otherwise
fills its own database, sitrep_bench_exports, once with COPY (100,000 reports, 1,000,000 figures on the
real gazetteer) and reuses it afterwards.

gunicorn serves the database with production settings (2 workers x 2 threads); each download (figures,
conditions, reports, districts; plain and HXL) is read to its end over HTTP, alternated RUNS times with
PostgreSQL's COPY of the same rows (the same join, ordered alike, unformatted) and with a COPY of the
download's own query, timed in this process; medians are printed, with rows/s and the ratio to the COPY of
the same rows (target <= 2.5x). Memory: the peak resident set (VmHWM, reset before each download) of the
busiest gunicorn worker.
"""

import os
import random
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
ROWS = 1_000_000
RUNS = 3
REPORTS = 100_000
SHARED_BENCH = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sitrep_bench")
OWN_BENCH = "postgres://postgres@127.0.0.1:5432/sitrep_bench_exports"


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def database_exists(url):
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def indicator_count(url):
    import psycopg

    if not database_exists(url):
        return 0
    with psycopg.connect(url) as conn:
        try:
            return conn.execute("SELECT count(*) FROM reports_indicator").fetchone()[0]
        except psycopg.errors.UndefinedTable:
            return 0


def setup_django(url):
    os.environ["DATABASE_URL"] = url + ("&" if "?" in url else "?") + "pool=false"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sitrep.settings")
    import django

    django.setup()


def bench_day(i):
    return f"2016-{1 + i % 12:02d}-{1 + i % 28:02d}"


def fill(url):
    """Create and fill the exports benchmark database (runs in its own process)."""
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    if not database_exists(url):
        with psycopg.connect(with_database(url, "postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    setup_django(url)
    from django.core.management import call_command
    from django.db import connection

    from reports.models import Indicator, Place, Report, Source
    from reports.places import load_places

    call_command("migrate", verbosity=0)
    if not Place.objects.exists():
        load_places()
    Indicator.objects.all().delete()
    Report.objects.all().delete()
    sources = [Source.objects.get_or_create(name=f"Bench source {i}")[0].pk for i in range(50)]
    places = list(Place.objects.exclude(level="country").values_list("pk", flat=True))
    rng = random.Random(6)
    now = "2026-01-01 00:00:00+00"
    start = Report.objects.count()
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor, for COPY
        with raw.copy("COPY reports_report (title, body, published_on, publisher_id, url, language, content_hash,"
                      " duplicate_status, created, modified) FROM STDIN") as copy:
            for i in range(REPORTS):
                day = bench_day(i)
                copy.write_row((f"Bench report {i}, \"shelling\" in the north", f"Body of bench report {i}.",
                                day, rng.choice(sources), f"https://bench.example.org/{i}", "en",
                                f"{i:064x}", "", now, now))
        raw.execute("SELECT id FROM reports_report ORDER BY id")
        report_ids = [row[0] for row in raw.fetchall()][start:]
        kinds = ["killed", "injured", "missing", "trapped", "displaced"]
        qualifiers = ["exact", "at_least", "about", "more_than", "up_to"]
        with raw.copy('COPY reports_indicator (report_id, kind, "group", value, low, high, qualifier, unit,'
                      " cumulative, since, date, day, place_id, source_id, quote, start, \"end\", origin, status,"
                      " extractor_version, created, modified) FROM STDIN") as copy:
            for i in range(ROWS):
                value = rng.randint(1, 5000)
                ranged = i % 7 == 0
                copy.write_row((
                    report_ids[i % REPORTS], kinds[i % 5], "civilians" if i % 3 else "people", value,
                    value if ranged else None, value + 10 if ranged else None, qualifiers[i % 5], "people",
                    i % 11 == 0, "since March 2011" if i % 11 == 0 else "",
                    bench_day(i) if i % 13 else None,
                    bench_day(i) if i % 13 else bench_day(i % REPORTS),  # day: own date, else the report's
                    rng.choice(places), rng.choice(sources) if i % 4 else None,
                    f"- {value} people were killed, \"local\" sources said, in the shelling of {i}",
                    0, 60, "extracted", "unreviewed", "bench", now, now))
        raw.execute("ANALYZE")
    print(f"filled {url}: {REPORTS:,} reports and {ROWS:,} figures in {time.perf_counter() - t0:.0f} s")


def memory_kb(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(field)


def comparison_queries():
    """Per download: the SQL and parameters of PostgreSQL's COPY of the same rows (the same join, ordered
    alike, unformatted: no formula guard, names, true/false) and of the download's own query."""
    from django.db.models import Count, F, Q

    from dashboard.exports import _COPY_INDICATOR_VALUES, COPY_QUERIES, CONDITION_KINDS, FIGURE_KINDS
    from dashboard.filters import IndicatorFilter, ReportFilter
    from reports.models import Indicator, Report

    def plain_indicators(kinds):
        return (Indicator.objects.filter(kind__in=kinds).order_by("id")
                .values(**{alias: F(path) for alias, path in _COPY_INDICATOR_VALUES.items()}))

    plain_reports = (Report.objects.latest_first()
                     .annotate(figures=Count("indicators", filter=Q(indicators__kind__in=FIGURE_KINDS)),
                               conditions=Count("indicators", filter=Q(indicators__kind__in=CONDITION_KINDS)))
                     .values_list("id", "published_on", "title", "publisher__name", "url", "language",
                                  "duplicate_status", "duplicate_of_id", "figures", "conditions"))
    plain = {"figures": plain_indicators(FIGURE_KINDS), "conditions": plain_indicators(CONDITION_KINDS),
             "reports": plain_reports}
    filters = {"figures": IndicatorFilter, "conditions": IndicatorFilter, "reports": ReportFilter}
    queries = {}
    for name, queryset in plain.items():
        filterset = filters[name]({}, queryset=queryset.model.objects.all())
        assert filterset.is_valid()
        queries[name] = (queryset.query.sql_with_params(), COPY_QUERIES[name](filterset))
    return queries


def copy_bytes(sql, params):
    from dashboard.exports import copy_blocks

    return sum(len(block) for block in copy_blocks(sql, params))


def download(port, path, workers):
    """Read the whole file over HTTP; (seconds, bytes, largest resident set of a worker before it in MB,
    peak resident set of the busiest worker during it in MB)."""
    before = max(memory_kb(pid, "VmRSS") for pid in workers) / 1024
    for pid in workers:
        Path(f"/proc/{pid}/clear_refs").write_text("5")  # resets VmHWM to the current size (Linux)
    size, t0 = 0, time.perf_counter()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=600) as response:
        while block := response.read(1 << 20):
            size += len(block)
    elapsed = time.perf_counter() - t0
    return elapsed, size, before, max(memory_kb(pid, "VmHWM") for pid in workers) / 1024


def measure(url):
    """Every download through gunicorn over HTTP, each alternated RUNS times with PostgreSQL's COPY of the
    same rows and with a COPY of the download's own query (medians)."""
    setup_django(url)
    from django.core.management import call_command
    from django.db import connection

    from tests.processes import serve, stop, worker_pids

    call_command("migrate", verbosity=0)  # a migration added since the fill must not break the query
    queries = comparison_queries()
    counts = {}
    with connection.cursor() as cursor:
        for name, ((sql, params), _own) in queries.items():
            # Counted from the database: a quoted cell may hold a newline (one gazetteer Arabic name does).
            cursor.execute(f"SELECT count(*) FROM ({sql}) AS rows", params)
            counts[name] = cursor.fetchone()[0]
    server, port = serve(url, workers=2, threads=2, debug=False, env={"SITREP_PUBLIC": "1"},
                         log_name="sitrep-bench-exports")
    try:
        workers = worker_pids(server, 2)
        print("gunicorn: 2 workers x 2 threads, production settings")
        for path in ("/export/figures.csv", "/export/figures.csv?hxl=1", "/export/conditions.csv",
                     "/export/conditions.csv?hxl=1", "/export/reports.csv", "/export/reports.csv?hxl=1",
                     "/export/districts.csv", "/export/districts.csv?hxl=1"):
            name = path.split("/")[-1].split(".")[0]
            runs = {"download": [], "copy": [], "own": []}
            peak = before = 0
            for _ in range(RUNS):
                elapsed, size, worker_before, worker_peak = download(port, path, workers)
                runs["download"].append(elapsed)
                before, peak = max(before, worker_before), max(peak, worker_peak)
                if name in queries:
                    for label, (sql, params) in zip(("copy", "own"), queries[name], strict=True):
                        t0 = time.perf_counter()
                        copy_bytes(sql, params)
                        runs[label].append(time.perf_counter() - t0)
            down = statistics.median(runs["download"])
            line = f"{path:30s} {size / 1e6:6.1f} MB in {down:5.2f} s"
            if name in queries:
                copy, own = statistics.median(runs["copy"]), statistics.median(runs["own"])
                line += (f" = {counts[name] / down:8,.0f} rows/s; COPY of the same rows {copy:5.2f} s: "
                         f"{down / copy:.2f}x (target <= 2.5x); COPY of its own query {own:5.2f} s")
            else:
                line += " (a summary computed per request: no COPY of the same rows)"
            print(f"{line}; worker resident set {before:.0f} MB before, peak {peak:.0f} MB; "
                  f"load average {os.getloadavg()[0]:.1f}", flush=True)
    finally:
        stop(server)


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--fill":
        fill(sys.argv[2])
        return
    url = SHARED_BENCH if indicator_count(SHARED_BENCH) >= ROWS else OWN_BENCH
    if indicator_count(url) < ROWS:
        subprocess.run([sys.executable, __file__, "--fill", url], check=True)
    print(f"database: {url} ({indicator_count(url):,} indicators); load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores (other work slows every figure)")
    measure(url)


if __name__ == "__main__":
    main()
