"""Sitrep under load, then under load with its database restarted, with an import running meanwhile.

    .venv/bin/python tests/bench/bench_load.py            (or `make bench`)

Starts a private PostgreSQL cluster in a temporary directory on a free port (tests/processes.py; never the
machine's shared server, which it only reads), copies the million-indicator bench database
(BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/sitrep_bench, filled by
tests/bench/bench_summaries.py) into it with pg_dump | pg_restore, and serves it with gunicorn (production
settings, 2 workers x 2 threads, kept connections checked at the start of each request). Locust
(tests/bench/locust_mix.py) then runs CLIENTS clients, each asking again as soon as answered, for SECONDS
over a mix of pages (/, /reports/, /places/SY02/, /districts/, a provenance page, filtered variants) and
downloads (figures.csv of a district and quarter, districts.csv of a year):

(a) steady: p50, p95, requests/s and errors (there must be none);
(b) restart: the same load; `manage.py import_reports` of FA-KES's first IMPORT_ROWS rows starts with it
    against the same database; STOP_AT seconds in (or later, once the import has stored a few reports),
    PostgreSQL is stopped (pg_ctl stop -m fast), left down DOWN_SECONDS and started again; gunicorn is not
    touched. Every error must be a 503 (or a download cut short) during the outage, give or take
    GRACE_SECONDS; none after; then every page is asked once more and must answer 200. The import is run
    again until a run creates nothing, and every report of the file is checked to be in the database
    exactly once: "nothing lost" is printed only then.

The cluster and gunicorn are stopped and removed at the end, on failure and on Ctrl-C. The exit status
is 1 when an error falls outside the outage or a report is missing or doubled.
"""

import csv
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.processes import PrivateServer, serve, status, stop  # noqa: E402

SOURCE = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sitrep_bench")
CLIENTS = 20
SECONDS = 60
STOP_AT, DOWN_SECONDS, GRACE_SECONDS = 8, 4, 2  # an import of 400 rows takes about 20 s on a quiet machine
STOP_AFTER_REPORTS = 10  # the stop waits until the import has stored this many reports: it is mid-way
SHARED = Path(os.environ.get("SITREP_SHARED_DIR", ROOT.parent / "shared"))
FAKES = SHARED / "data" / "fa-kes" / "FA-KES-Dataset.csv"
IMPORT_ROWS = 400  # the first rows of FA-KES, imported during the restart (5-20 rows/s on a busy machine)
PAGES = ["/", "/reports/", "/places/SY02/", "/districts/", "/provenance/?of=killed&day=2017-03-15&at=SY0200",
         "/export/districts.csv?date_after=2017-01-01&date_before=2017-12-31"]
SUMMARY = re.compile(r"reports: read (\d+), created (\d+), unchanged (\d+), failed (\d+)")


def load_average():
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def copy_database(server):
    """The bench database into the private cluster; seconds taken."""
    t0 = time.perf_counter()
    server.run("createdb", "-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres", "sitrep")
    dump = subprocess.Popen(["pg_dump", "--format=custom", "--compress=0", "--dbname", SOURCE],
                            stdout=subprocess.PIPE)
    restore = subprocess.run(["pg_restore", "--no-owner", "--no-privileges", "--dbname", server.url_of("sitrep")],
                             stdin=dump.stdout, capture_output=True, text=True)
    dump.stdout.close()
    if dump.wait() != 0 or restore.returncode != 0:
        raise RuntimeError(f"pg_dump | pg_restore failed: {restore.stderr[-2000:]}")
    import psycopg

    with psycopg.connect(server.url_of("sitrep"), autocommit=True) as conn:
        conn.execute("ANALYZE")
    return time.perf_counter() - t0


def write_import_file(folder):
    """The first IMPORT_ROWS rows of FA-KES as a CSV file of their own (latin-1, as the original)."""
    path = Path(folder) / "fakes-part.csv"
    with open(FAKES, encoding="latin-1", newline="") as source, open(path, "w", encoding="latin-1",
                                                                         newline="") as part:
        rows = csv.reader(source)
        csv.writer(part).writerows(row for _, row in zip(range(IMPORT_ROWS + 1), rows, strict=False))
    return path


def manage_env(database_url):
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DATABASE_URL")}
    env.update(DATABASE_URL=database_url, SECRET_KEY="sitrep-bench-load", SITREP_SHARED_DIR=str(SHARED))
    return env


def manage(database_url, *args, timeout=900):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=manage_env(database_url),
                          capture_output=True, text=True, timeout=timeout)


class Finished:
    """A finished command's output, as subprocess.run gives it."""

    def __init__(self, process):
        self.stdout, self.stderr = process.communicate()
        self.returncode = process.returncode


def run_locust(port, records):
    env = {**os.environ, "SITREP_LOAD_RECORDS": str(records)}
    return subprocess.Popen([sys.executable, "-m", "locust", "-f", str(Path(__file__).with_name("locust_mix.py")),
                             "--headless", "--users", str(CLIENTS), "--spawn-rate", str(CLIENTS),
                             "--run-time", f"{SECONDS}s", "--host", f"http://127.0.0.1:{port}", "--only-summary",
                             "--loglevel", "ERROR", "--stop-timeout", "30", "--exit-code-on-error", "0"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def read_records(path):
    """The answered requests; and the number asked but unanswered when the run ended."""
    records, asked = [], 0
    for line in Path(path).read_text().splitlines():
        start, end, status, name, error = line.split("\t")
        if start == "asked":
            asked += 1
            continue
        records.append({"start": float(start), "end": float(end), "status": int(status), "name": name,
                        "error": error})
    return records, asked - len(records)


def percentile(values, share):
    return statistics.quantiles(values, n=100, method="inclusive")[share - 1] if len(values) > 1 else values[0]


def print_figures(records, unanswered, began, ended):
    took = [(r["end"] - r["start"]) * 1000 for r in records]
    errors = [r for r in records if r["error"] or r["status"] != 200]
    print(f"  {len(records):,} requests in {ended - began:.0f} s = {len(records) / (ended - began):.1f} requests/s; "
          f"p50 {percentile(took, 50):,.0f} ms, p95 {percentile(took, 95):,.0f} ms; errors: {len(errors)}; "
          f"{unanswered} still unanswered when the run ended; {load_average()}")
    for name in sorted({r["name"] for r in records}):
        own = [(r["end"] - r["start"]) * 1000 for r in records if r["name"] == name]
        print(f"    {name:40s} {len(own):5d} requests  p50 {percentile(own, 50):7,.0f} ms  "
              f"p95 {percentile(own, 95):7,.0f} ms")
    return errors


def steady(port):
    print(f"(a) steady load: {CLIENTS} clients for {SECONDS} s")
    with tempfile.NamedTemporaryFile(prefix="sitrep-load-", suffix=".tsv") as records:
        began = time.time()
        locust = run_locust(port, records.name)
        try:
            _out, err = locust.communicate(timeout=SECONDS + 120)
        finally:
            if locust.poll() is None:
                locust.kill()
                locust.wait()
        ended = time.time()
        rows, unanswered = read_records(records.name)
    if not rows:
        raise RuntimeError(f"locust recorded nothing: {err[-2000:]}")
    errors = print_figures(rows, unanswered, began, ended)
    for error in errors[:10]:
        print(f"    ERROR {error['status']} {error['name']}: {error['error']}")
    return not errors


def import_summary(result):
    found = SUMMARY.search(result.stdout)
    if not found:
        return None
    return dict(zip(("read", "created", "unchanged", "failed"), map(int, found.groups()), strict=True))


def report_count(database_url):
    import psycopg

    with psycopg.connect(database_url, connect_timeout=5) as conn:
        return conn.execute("SELECT count(*) FROM reports_report").fetchone()[0]


def restart(server, port, database_url, import_file):
    print(f"(b) the same load; an import of {IMPORT_ROWS} FA-KES rows from the start; PostgreSQL stopped at "
          f"{STOP_AT} s or later, once the import has stored {STOP_AFTER_REPORTS} reports, for {DOWN_SECONDS} s "
          f"and started again (gunicorn untouched)")
    before = report_count(database_url)
    with tempfile.NamedTemporaryFile(prefix="sitrep-load-", suffix=".tsv") as records:
        began = time.time()
        locust = run_locust(port, records.name)
        importer = subprocess.Popen([sys.executable, "manage.py", "import_reports", str(import_file)], cwd=ROOT,
                                    env=manage_env(database_url), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True)
        try:
            time.sleep(STOP_AT)
            while report_count(database_url) - before < STOP_AFTER_REPORTS and importer.poll() is None:
                time.sleep(0.5)
            stored = report_count(database_url) - before
            down_from = time.time()
            server.pg_ctl("stop", "-m", "fast")
            time.sleep(DOWN_SECONDS)
            server.pg_ctl("start")
            up_at = time.time()
            print(f"  the import had stored {stored} of {IMPORT_ROWS} reports when PostgreSQL stopped"
                  + (" (it had ENDED: the restart did not meet it)" if importer.poll() is not None else ""))
            _out, err = locust.communicate(timeout=max(SECONDS - (time.time() - began), 0) + 120)
            ended = time.time()
            first_import = Finished(importer)
        finally:
            for process in (locust, importer):
                if process.poll() is None:
                    process.kill()
                    process.wait()
        rows, unanswered = read_records(records.name)
    if not rows:
        raise RuntimeError(f"locust recorded nothing: {err[-2000:]}")
    print(f"  PostgreSQL down from {down_from - began:.1f} s to {up_at - began:.1f} s ({up_at - down_from:.1f} s, "
          f"pg_ctl's stop and start included)")
    errors = print_figures(rows, unanswered, began, ended)
    window = (down_from - GRACE_SECONDS, up_at + GRACE_SECONDS)

    def in_outage(record):
        return record["start"] <= window[1] and record["end"] >= window[0]

    expected = [r for r in errors if in_outage(r) and (r["status"] == 503 or r["name"].startswith("/export/"))]
    unexpected = [r for r in errors if r not in expected]
    kinds = {}
    for r in expected:
        key = f"{r['status']} {r['error']}" if r["status"] != 503 else "503"
        kinds[key] = kinds.get(key, 0) + 1
    print(f"  errors during the outage: {len(expected)} ("
          + ", ".join(f"{count} x {kind}" for kind, count in sorted(kinds.items())) + ")")
    if expected:
        print(f"  first error at {min(r['end'] for r in expected) - began:.1f} s, last at "
              f"{max(r['end'] for r in expected) - began:.1f} s; first answer 200 after the restart at "
              f"{min((r['end'] for r in rows if r['status'] == 200 and not r['error'] and r['start'] >= up_at),
                     default=float('nan')) - began:.1f} s")
    print(f"  errors outside the outage: {len(unexpected)}")
    for r in unexpected[:10]:
        print(f"    UNEXPECTED {r['status']} {r['name']} at {r['start'] - began:.1f}-{r['end'] - began:.1f} s: "
              f"{r['error']}")
    after = [r for r in rows if r["start"] > window[1]]
    print(f"  after the outage: {len(after):,} requests answered, "
          f"{sum(1 for r in after if r['error'] or r['status'] != 200)} errors")
    # However slow the machine, the same gunicorn must answer every page again.
    answers = {path: status(port, path, timeout=300) for path in PAGES}
    print("  then, one by one: " + ", ".join(f"{path} {code}" for path, code in answers.items()))
    return not unexpected and set(answers.values()) == {200}, first_import


def check_import(database_url, import_file, first):
    """Run the import again until a run creates nothing; then every report of the file must be in the
    database exactly once. True when nothing was lost."""
    runs = [first]
    while import_summary(runs[-1]) and import_summary(runs[-1])["created"] and len(runs) < 5:
        runs.append(manage(database_url, "import_reports", str(import_file)))
    if import_summary(runs[-1]) is None or import_summary(runs[-1])["created"]:
        runs.append(manage(database_url, "import_reports", str(import_file)))
    for number, run in enumerate(runs, 1):
        summary = import_summary(run)
        waits = run.stderr.count("The database is not answering")
        refused = len(re.findall(r"(OperationalError|InterfaceError)", run.stderr))
        print(f"  import run {number}: {summary or run.stderr[-500:]}; waited {waits} s for the database, "
              f"{refused} item(s) refused by it")
    last = import_summary(runs[-1])
    check = subprocess.run([sys.executable, __file__, "--count", database_url, str(import_file)],
                           capture_output=True, text=True, cwd=ROOT)
    if check.returncode != 0:
        print(f"  the check failed: {check.stderr[-2000:]}")
        return False
    in_file, present, doubled = map(int, check.stdout.split())
    print(f"  the file holds {in_file} distinct reports; {present} of them are in the database, "
          f"{doubled} more than once; the last run created {last['created'] if last else '?'} and failed "
          f"{last['failed'] if last else '?'}")
    return last is not None and last["created"] == 0 and last["failed"] == 0 and present == in_file and not doubled


def count_imported(database_url, import_file):
    """(In its own process, for Django's settings.) Distinct texts of the import file, how many are in
    the database, how many more than once; printed."""
    os.environ.update(DATABASE_URL=database_url, DEBUG="1", DJANGO_SETTINGS_MODULE="sitrep.settings")
    import django

    django.setup()
    from django.db.models import Count

    from reports.ingest import _items
    from reports.models import Report, content_hash

    with open(import_file, "rb") as fileobj:
        hashes = {content_hash(item.fields["text"]) for item in _items(Path(import_file).name, fileobj)
                  if not item.error}
    stored = Report.objects.filter(content_hash__in=hashes).values("content_hash").annotate(n=Count("id"))
    print(len(hashes), len(stored), sum(1 for row in stored if row["n"] > 1))


def main():
    if len(sys.argv) > 3 and sys.argv[1] == "--count":
        count_imported(sys.argv[2], sys.argv[3])
        return
    import psycopg

    try:
        with psycopg.connect(SOURCE, connect_timeout=5) as conn:
            count = conn.execute("SELECT count(*) FROM reports_indicator").fetchone()[0]
    except psycopg.Error as error:
        print(f"SKIPPED: no bench database at {SOURCE} ({error.__class__.__name__}); "
              "run tests/bench/bench_summaries.py")
        return
    if count < 1_000_000:
        print(f"SKIPPED: {SOURCE} holds {count:,} indicators, not a million; run tests/bench/bench_summaries.py first")
        return
    # Ctrl-C raises KeyboardInterrupt; a TERM is made to do the same, so the cleanup below always runs.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    ok = True
    with PrivateServer() as server, tempfile.TemporaryDirectory(prefix="sitrep-load-") as folder:
        import_file = write_import_file(folder)
        seconds = copy_database(server)
        database_url = server.url_of("sitrep")
        for command in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
            done = manage(database_url, *command)
            if done.returncode != 0:  # (the pages need the static files' manifest without DEBUG)
                raise RuntimeError(f"{command[0]} failed: {done.stderr[-2000:]}")
        print(f"private PostgreSQL on port {server.port}: {count:,} indicators copied from {SOURCE} in "
              f"{seconds:.0f} s (pg_dump | pg_restore, ANALYZE); {load_average()}")
        process, port = serve(database_url, workers=2, threads=2, debug=False, env={"SITREP_PUBLIC": "1"},
                              log_name="sitrep-bench-load")
        try:
            print(f"gunicorn on port {port}: 2 workers x 2 threads, production settings, kept connections")
            # Warm: each page twice (templates compiled, caches filled in both workers, mostly), not timed.
            t0 = time.perf_counter()
            warm = [status(port, path, timeout=300) for path in PAGES * 2]
            print(f"warmed: every page twice in {time.perf_counter() - t0:.0f} s ({warm.count(200)} answered 200)")
            ok &= steady(port)
            served, first_import = restart(server, port, database_url, import_file)
            ok &= served
            print(f"  gunicorn still the same process: {process.poll() is None} (pid {process.pid})")
        finally:
            stop(process)
        if check_import(database_url, import_file, first_import):
            print("  nothing lost: every report of the file is in the database exactly once")
        else:
            ok = False
            print("  LOST OR DOUBLED: see above")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
