"""Import the demo corpus (the seeds and FA-KES) the way `make run` does and print the figures.

    .venv/bin/python tests/bench/bench_import.py          (or `make bench`)

Uses a fresh throwaway database: SQLite in a temporary folder, or PostgreSQL when BENCH_IMPORT_DATABASE_URL
is set (e.g. postgres://postgres@127.0.0.1:5432/sitrep_bench_import; the database is recreated).
Prints: places load, first import (reports/s, with extraction and duplicate flagging), second import
(nothing new: how fast `make run` starts again), and the peak traced memory of importing a 100 MB CSV.
"""

import csv
import io
import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="sitrep-bench-import-"))


def setup_django():
    url = os.environ.get("BENCH_IMPORT_DATABASE_URL")
    if url:
        import psycopg
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(url)
        name = parts.path.lstrip("/")
        with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = url
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{TMP / 'bench.sqlite3'}"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sitrep.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return os.environ["DATABASE_URL"].split(":")[0]


def timed(function):
    start = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - start
    return result, seconds


def big_csv(path, size=100 * 1024 * 1024):
    repeated = " ".join(f"{i:06d}" + "x" * 90 for i in range(2000))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "body", "published_on", "source", "url"])
        rows = 0
        while handle.tell() < size:
            writer.writerow([f"copy {rows}", repeated, "2017-01-02", "AFP", ""])
            rows += 1


def main():
    engine = setup_django()
    from django.conf import settings

    from reports.ingest import import_paths
    from reports.models import Indicator, Report
    from reports.places import load_places

    shared = settings.SITREP_SHARED_DIR
    paths = [shared / "seeds", shared / "data" / "fa-kes" / "FA-KES-Dataset.csv"]
    _, seconds = timed(load_places)
    print(f"import bench ({engine}): load_places {seconds:.1f} s")
    out = io.StringIO()
    summary, seconds = timed(lambda: import_paths(paths, out=out))
    print(f"first import: {summary.line()} in {seconds:.1f} s = {summary.read / seconds:.0f} reports/s; "
          f"{Indicator.objects.figures().count()} figures, {Indicator.objects.conditions().count()} conditions, "
          f"{Report.objects.filter(indicators__isnull=True).count()} reports without any")
    for line in out.getvalue().splitlines()[:10]:
        print("  " + line)
    summary, seconds = timed(lambda: import_paths(paths, out=out))
    print(f"second import: {summary.line()} in {seconds:.2f} s")
    big = TMP / "big.csv"
    big_csv(big)
    tracemalloc.start()
    summary, seconds = timed(lambda: import_paths([big], out=out))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"100 MB CSV ({big.stat().st_size / 1e6:.0f} MB): {summary.line()} in {seconds:.1f} s under tracemalloc, "
          f"peak traced memory {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
