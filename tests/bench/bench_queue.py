"""Import the whole FA-KES corpus through the task queue on PostgreSQL with 1 and with 2 db_worker processes
and print reports per second, the ratio, and where the time went.

    .venv/bin/python tests/bench/bench_queue.py          (or `make bench`)

Uses BENCH_QUEUE_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/sitrep_bench_queue), which is
recreated, migrated and given the gazetteer; before each run it is emptied (flush) and the places reloaded.
The workers are started first and the clock runs from the job's enqueueing to its last chunk, so Django's
start-up is not counted. Skipped with a message when no PostgreSQL answers.
"""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
URL = os.environ.get("BENCH_QUEUE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sitrep_bench_queue")
SHARED = Path(os.environ.get("SITREP_SHARED_DIR", ROOT.parent / "shared"))
FAKES = SHARED / "data" / "fa-kes" / "FA-KES-Dataset.csv"
TICKS = os.sysconf("SC_CLK_TCK")


def recreate():
    import psycopg

    parts = urlsplit(URL)
    name = parts.path.lstrip("/")
    try:
        with psycopg.connect(urlunsplit(parts._replace(path="/postgres", query="")), autocommit=True,
                             connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        print(f"SKIPPED bench_queue: no PostgreSQL at {URL} ({error})")
        sys.exit(0)


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def database_backends():
    """The PostgreSQL server processes serving this database (when the server runs on this machine)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        return [pid for (pid,) in cursor.fetchall() if Path(f"/proc/{pid}/stat").exists()]


def run(workers):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from reports import jobs, tasks
    from reports.models import Job, Report, WorkerHeartbeat

    call_command("flush", interactive=False, verbosity=0)
    call_command("load_places", verbosity=0, stdout=open(os.devnull, "w"))
    env = {**os.environ, "DATABASE_URL": URL, "DEBUG": "1", "SITREP_WORKER_HEARTBEAT_SECONDS": "1"}
    processes = [subprocess.Popen([sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay",
                                   "--interval", "0.1", "--queue-name", "*", "--worker-id", f"bench-{n}", "-v", "0"],
                                  cwd=ROOT, env=env) for n in range(workers)]
    while WorkerHeartbeat.objects.count() < workers:  # every worker up and polling
        time.sleep(0.1)
    cpu_before = [cpu_seconds(p.pid) for p in processes]
    backends_before = {pid: cpu_seconds(pid) for pid in database_backends()}
    job = jobs.import_job(FAKES.name, FAKES.read_bytes())
    started = time.perf_counter()
    tasks.start(job)
    while not Job.objects.filter(pk=job.pk, state__in=["finished", "failed"]).exists():
        time.sleep(0.05)
    wall = time.perf_counter() - started
    cpu = [cpu_seconds(p.pid) - before for p, before in zip(processes, cpu_before)]
    database_cpu = sum(cpu_seconds(pid) - backends_before.get(pid, 0) for pid in database_backends())
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(60)
    job.refresh_from_db()
    counts = jobs.counts(job)
    assert job.state == "finished" and counts["failed"] == 0, (job.state, job.error, counts)
    chunk_runs = DBTaskResult.objects.filter(task_path="reports.tasks.run_chunk")
    busy = sum((t.finished_at - t.started_at).total_seconds() for t in chunk_runs)
    per_worker = {}
    for t in chunk_runs:
        per_worker[t.worker_ids[-1]] = per_worker.get(t.worker_ids[-1], 0) + 1
    print(f"{workers} worker(s): {counts['read']} rows ({Report.objects.count()} reports) in {wall:.1f} s = "
          f"{counts['read'] / wall:.1f} rows/s; chunks per worker {sorted(per_worker.values())}; "
          f"worker CPU {' + '.join(f'{c:.1f}' for c in cpu)} s; chunk tasks busy {busy:.1f} s "
          f"({busy / (wall * workers):.0%} of {workers} x wall); PostgreSQL backends CPU {database_cpu:.1f} s; "
          f"load average {os.getloadavg()[0]:.1f}")
    return counts["read"] / wall, wall, sum(cpu) + database_cpu


def main():
    if not FAKES.exists():
        print(f"SKIPPED bench_queue: no FA-KES at {FAKES}")
        return
    recreate()
    os.environ["DATABASE_URL"] = URL
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sitrep.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    cores = os.cpu_count()
    one, one_wall, one_cpu = run(1)
    two, two_wall, two_cpu = run(2)
    print(f"FA-KES through the queue on PostgreSQL ({cores} cores): 1 worker {one:.1f} rows/s, 2 workers {two:.1f} "
          f"rows/s, ratio {two / one:.2f}x; CPU per row (workers and their PostgreSQL backends) "
          f"{one_cpu / 804 * 1000:.1f} ms with 1 worker, {two_cpu / 804 * 1000:.1f} ms with 2; an idle machine "
          f"would take about {one_cpu:.0f} s with 1 worker and {two_cpu / min(2, cores):.0f} s with 2 "
          f"(the rest of the wall time above was spent waiting for a core)")


if __name__ == "__main__":
    main()
