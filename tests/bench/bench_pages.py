"""Every dashboard page through gunicorn over HTTP on the million-indicator bench database, with production
settings (DEBUG off, 2 workers x 2 threads): per page the first request after a write (nothing cached),
then median and p95 for one client and for four concurrent clients, and the overview's pages per second
with four clients.

    .venv/bin/python tests/bench/bench_pages.py            (or `make bench`)

Uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/sitrep_bench), filled once by
tests/bench/bench_summaries.py's fill (run here when the database is not filled yet). The shared cache is
the one of the settings (the database cache table, or Redis with REDIS_URL). Before the pages are timed the
page cache is invalidated as a write would (dashboard.page_cache.invalidate), so each page's first request
computes. BENCH_PAGES_RUNS (default 15) requests per page for one client, and as many per client for four.
Target (issue #16): every page <= 300 ms median with one client, >= 10 overview pages a second with four.
"""

import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_summaries  # noqa: E402  (the shared bench database and its fill)

RUNS = int(os.environ.get("BENCH_PAGES_RUNS", "15"))
CLIENTS = 4
COMMON_WORD = "synthetic"  # every bench report's body says it


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch_ms(url):
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=300) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: HTTP {response.status}")
    return (time.perf_counter() - t0) * 1000


def p95(times):
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def concurrent(url, clients=CLIENTS, runs=RUNS):
    """`clients` threads each fetching `url` `runs` times: every request's ms and the wall-clock seconds."""
    times, lock = [], threading.Lock()

    def client():
        for _ in range(runs):
            ms = fetch_ms(url)
            with lock:
                times.append(ms)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    t0 = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, time.perf_counter() - t0


def pages(busiest_source):
    source = quote(busiest_source)
    year = "date_after=2017-01-01&date_before=2017-12-31"
    return [
        ("overview (default period)", "/"),
        ("reports list", "/reports/"),
        ("place SY02 (governorate)", "/places/SY02/"),
        ("place SY0200, 2017, killed", f"/places/SY0200/?{year}&kind=killed"),
        ("districts", "/districts/"),
        ("place SY0200", "/places/SY0200/"),
        ("overview, busiest source", f"/?source={source}"),
        ("districts, verified", "/districts/?status=verified"),
        ("overview, verified", "/?status=verified"),
        (f"overview, q={COMMON_WORD}", f"/?q={COMMON_WORD}"),
        (f"reports list, q={COMMON_WORD}", f"/reports/?q={COMMON_WORD}"),
        ("provenance of killed, SY0200, 2017", f"/provenance/?of=killed&place=SY0200&{year}"),
        ("provenance of killed (all)", "/provenance/?of=killed"),
    ]


def main():
    bench_summaries.ready()
    from django.db.models import Count

    from reports.models import Indicator, Source
    busiest = (Source.objects.annotate(n=Count("indicators")).order_by("-n").values_list("name", flat=True)
               .first())
    count = Indicator.objects.count()
    try:
        from dashboard import page_cache
    except ImportError:  # before the page cache existed (for the "before" figures)
        page_cache = None
    if page_cache is not None:
        page_cache.invalidate()  # as a write does: every page's first request below computes

    env = {key: value for key, value in os.environ.items() if key != "DEBUG"}
    env.update(DATABASE_URL=bench_summaries.URL, SITREP_PUBLIC="1", SECRET_KEY="bench-only-not-secret-" * 3,
               SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0", ALLOWED_HOSTS="127.0.0.1", LOG_LEVEL="ERROR")
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env,
                   check=True)
    port = free_port()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stopped: still stop the server (finally below)
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "sitrep.wsgi", "--bind", f"127.0.0.1:{port}",
                               "--workers", "2", "--threads", "2", "--timeout", "300", "-c", "/dev/null"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                fetch_ms(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.2)
        print(f"database: {bench_summaries.URL} ({count:,} indicators); gunicorn, production settings, "
              f"2 workers x 2 threads; {RUNS} requests per page and client; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"{'page':40s} {'first':>7s} | {'1 client p50':>12s} {'p95':>7s} | {'4 clients p50':>13s} "
              f"{'p95':>7s} | load")
        for label, path in pages(busiest):
            url = base + path
            first = fetch_ms(url)
            single = [fetch_ms(url) for _ in range(RUNS)]
            together, _wall = concurrent(url)
            print(f"{label:40s} {first:5.0f}ms | {statistics.median(single):10.0f}ms {p95(single):5.0f}ms | "
                  f"{statistics.median(together):11.0f}ms {p95(together):5.0f}ms | {os.getloadavg()[0]:.1f}",
                  flush=True)
        times, wall = concurrent(base + "/", runs=max(RUNS, 25))
        print(f"overview with {CLIENTS} concurrent clients: {len(times) / wall:.1f} pages/s ({len(times)} pages in "
              f"{wall:.1f} s; median {statistics.median(times):.0f} ms, p95 {p95(times):.0f} ms); load average "
              f"{os.getloadavg()[0]:.1f}; target >= 10 pages/s")
        print(f"(busiest source: {busiest!r})")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
