"""Stream 1,000,000 figure rows from PostgreSQL through the real CSV download and print rows/s and memory.

    .venv/bin/python tests/bench/bench_exports.py            (or `make bench`)

Uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/sitrep_bench) when it already
holds 1M figures (the summaries benchmark fills it); otherwise fills its own database, sitrep_bench_exports,
once with COPY (100,000 reports, 1,000,000 figures on the real gazetteer) and reuses it afterwards.

The download runs in a fresh process: the view `export_figures` is called with a real request and its
streaming content is read to the end, as Django's WSGI handler would. Memory is the process's resident
set: its peak (VmHWM) while streaming minus its size just before. Targets: >= 50,000 rows/s, < 50 MB.
"""

import os
import random
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
ROWS = 1_000_000
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


def figure_count(url):
    import psycopg

    if not database_exists(url):
        return 0
    with psycopg.connect(url) as conn:
        try:
            return conn.execute(
                "SELECT count(*) FROM reports_indicator WHERE kind IN "
                "('killed', 'injured', 'missing', 'trapped', 'displaced')").fetchone()[0]
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


def memory_kb(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(field)


def stream(url):
    """Download every figure through the real view and print the figures (runs in its own process)."""
    setup_django(url)
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.test import RequestFactory

    from dashboard.exports import export_figures
    from reports.models import Indicator

    call_command("migrate", verbosity=0)  # a migration added since the fill must not break the query
    # Counted from the database: a quoted cell may hold a newline (one gazetteer Arabic name does).
    rows = Indicator.objects.figures().count()

    request = RequestFactory().get("/export/figures.csv")
    request.user = AnonymousUser()
    before = memory_kb("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current size (Linux)
    t0, cpu0 = time.perf_counter(), time.process_time()
    response = export_figures(request)
    size = chunks = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        chunks += 1
        if chunks == 2:  # the header, then the first batch of rows
            first_rows = time.perf_counter() - t0
    response.close()
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    peak = memory_kb("VmHWM")
    print(f"rows: {rows:,} in {elapsed:.1f} s = {rows / elapsed:,.0f} rows/s (target >= 50,000)")
    print(f"this process's CPU: {cpu:.1f} s = {rows / cpu:,.0f} rows per CPU-second; {size / 1e6:,.0f} MB of CSV; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"first rows after {first_rows:.2f} s")
    print(f"peak memory growth: {(peak - before) / 1024:.1f} MB (resident set; target < 50 MB)")
    compare_with_copy(request, export_figures)


def compare_with_copy(request, export_figures):
    """The download against PostgreSQL's own COPY of the same rows of the same join (the figures with
    their report, source and place columns, unformatted), each read to the end, alternately 3 times."""
    from django.db import connection
    from django.db.models import F

    from dashboard.exports import _COPY_INDICATOR_VALUES, FIGURE_KINDS, copy_blocks
    from reports.models import Indicator

    if connection.vendor != "postgresql":
        return
    inner = (Indicator.objects.filter(kind__in=FIGURE_KINDS).order_by("id")
             .values(**{alias: F(path) for alias, path in _COPY_INDICATOR_VALUES.items()}))
    sql, params = inner.query.sql_with_params()

    def plain_copy():
        return sum(len(block) for block in copy_blocks(sql, params))

    def download():
        response = export_figures(request)
        size = sum(len(chunk) for chunk in response.streaming_content)
        response.close()
        return size

    times = {"download": [], "copy": []}
    for _ in range(3):
        for name, run in (("download", download), ("copy", plain_copy)):
            t0 = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - t0)
    down, copy = sorted(times["download"])[1], sorted(times["copy"])[1]
    print(f"figures.csv {down:.2f} s vs PostgreSQL COPY of the same join {copy:.2f} s (medians of 3): "
          f"{down / copy:.2f}x (target <= 2.5x)")


def main():
    if len(sys.argv) > 2 and sys.argv[1] in ("--fill", "--stream"):
        {"--fill": fill, "--stream": stream}[sys.argv[1]](sys.argv[2])
        return
    url = SHARED_BENCH if figure_count(SHARED_BENCH) >= ROWS else OWN_BENCH
    if figure_count(url) < ROWS:
        subprocess.run([sys.executable, __file__, "--fill", url], check=True)
    print(f"database: {url}")
    subprocess.run([sys.executable, __file__, "--stream", url], check=True)


if __name__ == "__main__":
    main()
