"""Real db_worker processes on PostgreSQL sharing the queue: two workers split one import, a worker killed
with SIGKILL in the middle of the FA-KES import loses nothing, a task that raises is FAILED with its
traceback while the others go on.

The tests commit (transaction=True) so that the workers, separate processes on the test database, see
the jobs; they wait for the queue to drain with a generous bound (a safety net on a shared machine, never
a measure of speed: that is tests/bench/bench_queue.py)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Count, F
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from dashboard import summaries
from dashboard.models import DayTotal, StaleDay
from reports import jobs, tasks
from reports.models import Indicator, Job, Report
from tests.reports.feed_server import _feed_server  # noqa: F401
from tests.reports.review_support import places  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.postgres_only, pytest.mark.queue, pytest.mark.django_db(transaction=True)]

# The FA-KES file: 804 rows, 789 distinct texts (the 15 repeats are the same report), none failing.
FAKES_COUNTS = {"read": 804, "created": 789, "unchanged": 15, "failed": 0}
WAIT_LIMIT = 900  # seconds; a bound so that a hung worker fails the test instead of hanging the suite
WORKER_ENV = {"SITREP_WORKER_HEARTBEAT_SECONDS": "0.5", "SITREP_TASK_STALE_SECONDS": "3",
              "SITREP_TASK_MAX_ATTEMPTS": "3", "SITREP_IMPORT_CHUNK_ROWS": "50"}


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: several worker processes claim tasks with SELECT ... FOR UPDATE SKIP LOCKED")


@pytest.fixture
def workers(tmp_path, settings):
    """start(name) runs `manage.py db_worker` on the test database as a separate process."""
    settings.SITREP_IMPORT_CHUNK_ROWS = 50
    db = connection.settings_dict
    url = (f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
           f"{db['NAME']}?pool=false")
    started = []

    def start(name):
        log = open(tmp_path / f"{name}.log", "wb")
        env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1", **WORKER_ENV}
        process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2",
             "--queue-name", "*", "--worker-id", name],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        started.append((process, log))
        return process

    yield start
    for process, log in started:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


def wait_for(condition, what):
    deadline = time.monotonic() + WAIT_LIMIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting ({WAIT_LIMIT} s) for {what}")
        time.sleep(0.2)


def job_ended(job):
    return lambda: Job.objects.filter(pk=job.pk, state__in=["finished", "failed"]).exists()


def queue_drained():
    return not DBTaskResult.objects.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]).exists()


def import_fakes(fakes_csv):
    job = jobs.import_job(fakes_csv.name, fakes_csv.read_bytes())
    tasks.start(job)
    return job


def chunk_tasks():
    return DBTaskResult.objects.filter(task_path="reports.tasks.run_chunk")


def no_figure_stored_twice():
    """No report has two identical extracted indicators read from the same words (what a row done twice
    would leave; the extractor itself never gives two, as a serial import of FA-KES shows)."""
    return not (Indicator.objects.filter(origin="extracted", start__isnull=False)
                .values("report", "kind", "group", "value", "date", "place", "start", "end")
                .annotate(n=Count("id")).filter(n__gt=1).exists())


def stored_totals():
    return sorted(DayTotal.objects.values_list("scope", "series", "day", "low", "high", "incidents"))


def test_two_workers_share_one_import_without_doing_any_report_twice(workers, fakes_csv):
    job = import_fakes(fakes_csv)
    workers("worker-a"), workers("worker-b")
    wait_for(job_ended(job), "the import job")
    job.refresh_from_db()
    assert job.state == "finished", job.error
    assert {name: jobs.counts(job)[name] for name in FAKES_COUNTS} == FAKES_COUNTS
    assert Report.objects.count() == 789
    runs = list(chunk_tasks().values_list("status", "worker_ids"))
    assert len(runs) == job.chunks.count() == 17
    assert all(status == TaskResultStatus.SUCCESSFUL and len(ids) == 1 for status, ids in runs)
    assert {ids[0] for _status, ids in runs} == {"worker-a", "worker-b"}
    assert no_figure_stored_twice()


def test_a_worker_killed_mid_import_loses_nothing_and_another_finishes(workers, fakes_csv):
    job = import_fakes(fakes_csv)
    first = workers("doomed")
    # Killed in the middle of a chunk: some rows of a chunk it is running are done, not all.
    wait_for(lambda: job.chunks.filter(done=False, position__gt=F("first") + 5).exists()
             and Report.objects.count() > 100, "the first worker to be well into the import")
    first.send_signal(signal.SIGKILL)
    first.wait()
    abandoned = chunk_tasks().get(status=TaskResultStatus.RUNNING)
    assert abandoned.worker_ids == ["doomed"]

    workers("rescuer")
    wait_for(job_ended(job), "the import job")
    wait_for(queue_drained, "the daily totals refresh after the import")
    job.refresh_from_db()
    assert job.state == "finished", job.error
    assert {name: jobs.counts(job)[name] for name in FAKES_COUNTS} == FAKES_COUNTS
    assert Report.objects.count() == 789
    assert no_figure_stored_twice()
    abandoned.refresh_from_db()
    assert (abandoned.status, abandoned.worker_ids) == (TaskResultStatus.SUCCESSFUL, ["doomed", "rescuer"])
    assert not StaleDay.objects.exists()
    refreshed = stored_totals()
    summaries.rebuild_day_totals()
    assert refreshed == stored_totals() and refreshed


def test_a_task_that_raises_is_failed_with_its_traceback_and_the_others_go_on(workers, tmp_path):
    broken = jobs.extract_job([])
    broken.report_ids = ["not-an-id"]  # bad data reaching a task: the lookup raises on the worker
    broken.save()
    tasks.start(broken)
    good_file = tmp_path / "good.csv"
    good_file.write_text("title,body,published_on,source,url\n"
                         "Shelling,\"Shelling killed 4 civilians in Douma on Monday, medics said.\",2018-02-20,AFP,\n")
    good = jobs.import_job("good.csv", good_file.read_bytes())
    tasks.start(good)
    workers("worker-a")
    wait_for(job_ended(broken), "the broken job")
    wait_for(job_ended(good), "the good job")
    broken.refresh_from_db(), good.refresh_from_db()
    failed = chunk_tasks().get(status=TaskResultStatus.FAILED)
    assert failed.exception_class_path == "builtins.ValueError"
    assert "Traceback (most recent call last)" in failed.traceback and "not-an-id" in failed.traceback
    assert broken.state == "failed" and "ValueError" in broken.error
    assert good.state == "finished" and jobs.counts(good)["created"] == 1
    assert Report.objects.filter(title="Shelling").exists()


def test_a_feed_added_with_one_command_reaches_the_dashboard_through_a_worker(workers, _feed_server, places,  # noqa: F811
                                                                               client, monkeypatch):
    """What `make run` does: the scheduler's enqueue (poll_feeds) and a real db_worker polling the feed."""
    from io import StringIO

    from django.core.management import call_command

    from tests.reports.test_feeds import SHELLING, shelling_feed

    monkeypatch.setenv("SITREP_FETCH_ALLOW_PRIVATE", "1")  # the worker fetches from the test's 127.0.0.1
    _feed_server.reset()
    out = StringIO()
    call_command("add_feed", shelling_feed(_feed_server), stdout=out)
    assert out.getvalue().strip().isdigit()
    call_command("poll_feeds", stdout=StringIO())  # a new feed is due at once
    workers("feed-worker")
    wait_for(lambda: Report.objects.filter(body__contains=SHELLING).exists(), "the feed's report")
    wait_for(queue_drained, "the queue to drain")
    report = Report.objects.get(body__contains=SHELLING)
    assert Indicator.objects.get(report=report).value == 7
    assert "Shelling in Aleppo" in client.get("/reports/").content.decode()
    assert "killed 7 civilians" in b"".join(client.get("/export/figures.csv").streaming_content).decode()
