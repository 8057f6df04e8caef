"""Time the situation report draft of a governorate-year on the million-indicator bench database: the draft
as data (a function call), then the page and each download through gunicorn over HTTP.

    .venv/bin/python tests/bench/bench_sitrep.py            (or `make bench`)

Uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/sitrep_bench), filled once by
tests/bench/bench_summaries.py's fill (run here when the database is not filled yet). Prints the median of
several runs. Targets (issue #15): <= 1 s for the HTML page, <= 3 s for the PDF.
"""

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
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_summaries  # noqa: E402  (the shared bench database and its fill)

GOVERNORATE = "SY02"  # Aleppo, the busiest
YEAR = ("2017-01-01", "2017-12-31")
RUNS = 5
QUERY = f"?place={GOVERNORATE}&date_after={YEAR[0]}&date_before={YEAR[1]}"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def median_s(call, runs=RUNS):
    call()  # warm
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times), max(times)


def main():
    bench_summaries.ready()
    from django.http import QueryDict

    from dashboard import sitrep
    from reports.models import Indicator
    print(f"database: {bench_summaries.URL} ({Indicator.objects.count():,} indicators); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    params = QueryDict(QUERY[1:])
    draft = sitrep.build_draft(params)
    print(f"draft of {GOVERNORATE}, {YEAR[0]}..{YEAR[1]}: {len(draft.highlights)} highlights, "
          f"{len(draft.places_rows)} places, {len(draft.sources)} sources")
    median, low, high = median_s(lambda: sitrep.build_draft(params))
    print(f"draft as data (function call): median {median * 1000:.0f} ms (min {low * 1000:.0f}, max {high * 1000:.0f})")

    port = free_port()
    env = dict(os.environ, DATABASE_URL=os.environ["DATABASE_URL"], SITREP_PUBLIC="1", DEBUG="1",
               ALLOWED_HOSTS="127.0.0.1")
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
                               "--timeout", "300", "sitrep.wsgi"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        for path, target in (("/sitrep/", "1 s"), ("/sitrep.md", ""), ("/sitrep.docx", ""), ("/sitrep.pdf", "3 s")):
            url = f"http://127.0.0.1:{port}{path}{QUERY}"
            size = len(urllib.request.urlopen(url, timeout=300).read())
            median, low, high = median_s(lambda url=url: urllib.request.urlopen(url, timeout=300).read())
            print(f"GET {path} over HTTP: median {median:.2f} s (min {low:.2f}, max {high:.2f}; {RUNS} runs; "
                  f"{size / 1024:.0f} KB){f'; target {target}' if target else ''}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
