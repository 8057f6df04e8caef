"""The JSON API through gunicorn over HTTP on the million-indicator bench database: median milliseconds of
figures/ (first page, and a page 500 pages deep), districts/ for a year, and reports/?q=.

    .venv/bin/python tests/bench/bench_api.py            (or `make bench`)

Uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/sitrep_bench) as filled by
tests/bench/bench_summaries.py (run that first: this script skips until the database holds a million indicators). Reads only, with
SITREP_PUBLIC on (no token). Aim: <= 100 ms for a page of 100.
"""

import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sitrep_bench")
RUNS = 7
DEEP = 500


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url):
    with urllib.request.urlopen(url, timeout=120) as response:
        return json.loads(response.read())


def median_ms(url):
    get(url)  # warm
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        get(url)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), min(times), max(times)


def main():
    import psycopg

    try:
        with psycopg.connect(URL, connect_timeout=5) as conn:
            count = conn.execute("SELECT count(*) FROM reports_indicator").fetchone()[0]
    except psycopg.Error as error:
        print(f"SKIPPED: no bench database at {URL} ({error.__class__.__name__}); run tests/bench/bench_summaries.py")
        return
    if count < 1_000_000:
        print(f"SKIPPED: {URL} holds {count:,} indicators, not a million; run tests/bench/bench_summaries.py first")
        return
    port = free_port()
    env = {**os.environ, "DATABASE_URL": URL, "DEBUG": "1", "SITREP_PUBLIC": "1",
           "SITREP_API_RATE_ADDRESS": "100000/minute", "SITREP_API_RATE_TOKEN": "100000/minute"}
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "sitrep.wsgi", "-b", f"127.0.0.1:{port}",
                               "-w", "2", "--timeout", "300", "-c", "/dev/null"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        for _ in range(100):
            try:
                get(f"{base}/sources/?page_size=1")
                break
            except OSError:
                time.sleep(0.2)
        print(f"database: {URL} ({count:,} indicators); gunicorn, 2 workers; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        first = f"{base}/figures/?page_size=100"
        url, t0 = first, time.perf_counter()
        for _ in range(DEEP):
            url = get(url)["next"]
        walk = time.perf_counter() - t0
        print(f"(walked {DEEP} pages of 100 in {walk:.1f} s: {walk / DEEP * 1000:.0f} ms a page)")
        cases = {
            "figures/ first page (100)": first,
            f"figures/ page {DEEP} (100)": url,
            "figures/ first page (100), Aleppo governorate, killed": f"{base}/figures/?page_size=100&place=SY02&kind=killed",
            "districts/ one year (2017)": f"{base}/districts/?date_after=2017-01-01&date_before=2017-12-31",
            "reports/?q=shelling (100; no bench report says it)": f"{base}/reports/?q=shelling&page_size=100",
            "reports/?q=synthetic (100; every bench report says it)": f"{base}/reports/?q=synthetic&page_size=100",
        }
        for label, address in cases.items():
            median, low, high = median_ms(address)
            print(f"{label:60s} median {median:7.1f} ms  (min {low:.1f}, max {high:.1f})")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
