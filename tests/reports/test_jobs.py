"""Background jobs (reports/jobs.py) on both databases, tasks run inline: a file cut into chunks, every task
safe to run twice, the recovery of tasks left RUNNING by a dead worker, the jobs page.
Real worker processes are in test_workers.py (PostgreSQL)."""

import datetime
import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection
from django.tasks import TaskResultStatus
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dashboard.models import DayTotal, StaleDay
from reports import jobs, tasks
from reports.ingest import ingest_report
from reports.models import Job, JobChunk, Report, WorkerHeartbeat
from tests.reports.review_support import editor, make_user, roles  # noqa: F401

pytestmark = pytest.mark.django_db

STORIES = [f"Shelling killed {n} civilians in Douma on Monday, medics said. Story number {n}." for n in range(3, 8)]


def csv_of(stories, bad_rows=()):
    lines = ["title,body,published_on,source,url"]
    for n, story in enumerate(stories):
        lines.append(f"Story {n},\"{story}\",2018-02-20,AFP," if n not in bad_rows else f"Story {n},,2018-02-20,AFP,")
    return ("\n".join(lines) + "\n").encode()


def recording():
    """An enqueue that only records which chunks it was given (the chunks stay to be run by hand)."""
    given = []

    def enqueue(chunk_id):
        given.append(chunk_id)
        return SimpleNamespace(id=f"task-{chunk_id}-{len(given)}")

    return enqueue, given


def test_an_import_is_cut_into_chunks_of_the_configured_rows(settings):
    settings.SITREP_IMPORT_CHUNK_ROWS = 2
    job = jobs.import_job("five.csv", csv_of(STORIES))
    tasks.start(job)
    job.refresh_from_db()
    assert list(job.chunks.values_list("first", "last")) == [(0, 2), (2, 4), (4, 5)]
    assert job.state == "finished" and job.started and job.finished
    assert jobs.counts(job) == {"read": 5, "created": 5, "unchanged": 0, "failed": 0, "duplicates": 0}
    assert Report.objects.count() == 5


def test_failed_rows_are_kept_with_their_file_and_row(settings):
    settings.SITREP_IMPORT_CHUNK_ROWS = 2
    job = jobs.import_job("some-bad.csv", csv_of(STORIES, bad_rows={1, 4}))
    tasks.start(job)
    assert list(job.errors.values_list("where", "reason")) == [
        ("some-bad.csv, row 2", "empty body"), ("some-bad.csv, row 5", "empty body")]
    assert jobs.counts(job)["failed"] == 2 and Report.objects.count() == 3


def test_planning_twice_enqueues_each_chunk_once(settings):
    settings.SITREP_IMPORT_CHUNK_ROWS = 2
    job = jobs.import_job("five.csv", csv_of(STORIES))
    enqueue, given = recording()
    jobs.plan(job.pk, enqueue=enqueue)
    jobs.plan(job.pk, enqueue=enqueue)
    assert sorted(given) == sorted(job.chunks.values_list("pk", flat=True)) and len(given) == 3
    assert job.chunks.count() == 3


def test_a_chunk_run_twice_does_and_counts_nothing_twice(settings):
    settings.SITREP_IMPORT_CHUNK_ROWS = 10
    job = jobs.import_job("five.csv", csv_of(STORIES))
    enqueue, _ = recording()
    jobs.plan(job.pk, enqueue=enqueue)
    chunk = job.chunks.get()
    assert jobs.run_chunk(chunk.pk) == "job finished"
    JobChunk.objects.filter(pk=chunk.pk).update(done=False)  # as if the worker died before marking it done
    jobs.run_chunk(chunk.pk)
    assert jobs.counts(job) == {"read": 5, "created": 5, "unchanged": 0, "failed": 0, "duplicates": 0}
    assert Report.objects.count() == 5 and Report.history.count() == 5


def test_a_chunk_carries_on_after_the_last_row_it_committed(settings):
    settings.SITREP_IMPORT_CHUNK_ROWS = 10
    job = jobs.import_job("five.csv", csv_of(STORIES))
    enqueue, _ = recording()
    jobs.plan(job.pk, enqueue=enqueue)
    chunk = job.chunks.get()
    JobChunk.objects.filter(pk=chunk.pk).update(last=2)  # the first run stops after two rows...
    jobs.run_chunk(chunk.pk)
    JobChunk.objects.filter(pk=chunk.pk).update(last=5, done=False)  # ...and the next run has the rest
    jobs.run_chunk(chunk.pk)
    job.refresh_from_db()
    assert job.state == "finished"
    assert jobs.counts(job) == {"read": 5, "created": 5, "unchanged": 0, "failed": 0, "duplicates": 0}


def test_a_finished_import_leaves_the_stored_totals_refreshed():
    job = jobs.import_job("five.csv", csv_of(STORIES))
    tasks.start(job)
    assert DayTotal.objects.filter(series="killed").exists()
    assert not StaleDay.objects.exists()


def test_reimporting_a_file_creates_nothing():
    for _ in range(2):
        job = jobs.import_job("five.csv", csv_of(STORIES))
        tasks.start(job)
    assert jobs.counts(job) == {"read": 5, "created": 0, "unchanged": 5, "failed": 0, "duplicates": 0}
    assert Report.objects.count() == 5


def test_an_uploaded_import_is_in_the_history_under_its_uploader(editor):  # noqa: F811
    job = jobs.import_job("five.csv", csv_of(STORIES[:1]), user=editor)
    tasks.start(job)
    assert Report.history.get().history_user == editor


def test_the_extract_command_queues_a_job_that_rereads_the_reports():
    report, _ = ingest_report(text=STORIES[0], published_on=datetime.date(2018, 2, 20))
    out = io.StringIO()
    call_command("extract", "--all", stdout=out)
    job = Job.objects.get(kind="extract")
    assert out.getvalue().startswith(f"queued job {job.pk}: re-extract 1 report(s)")
    assert job.state == "finished" and jobs.counts(job)["unchanged"] == 1
    assert report.indicators.killed().get().value == 3


def test_an_extraction_job_names_a_report_deleted_since():
    report, _ = ingest_report(text=STORIES[0], published_on=datetime.date(2018, 2, 20))
    job = jobs.extract_job([report.pk, report.pk + 1000])
    tasks.start(job)
    assert list(job.errors.values_list("where", flat=True)) == [f"report {report.pk + 1000}"]
    assert jobs.counts(job)["failed"] == 1


# Recovery of tasks left RUNNING ----------------------------------------------------------------------

def running_task(worker_ids, started_minutes_ago=10):
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING, args_kwargs={"args": [1], "kwargs": {}}, task_path="reports.tasks.run_chunk",
        backend_name="default", worker_ids=worker_ids,
        started_at=timezone.now() - datetime.timedelta(minutes=started_minutes_ago))


def heartbeat(worker_id, minutes_ago):
    WorkerHeartbeat.objects.create(worker_id=worker_id, beat=timezone.now() - datetime.timedelta(minutes=minutes_ago))


def test_a_task_of_a_worker_that_stopped_beating_is_requeued():
    heartbeat("dead", minutes_ago=5)
    task = running_task(["dead"])
    assert jobs.recover_stale_tasks() == ([task.pk], [])
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY and task.worker_ids == ["dead"]


def test_a_task_of_a_worker_still_beating_is_left_running():
    heartbeat("alive", minutes_ago=0)
    task = running_task(["alive"], started_minutes_ago=120)
    assert jobs.recover_stale_tasks() == ([], [])
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


def test_a_task_started_a_moment_ago_is_given_time_to_beat():
    task = running_task(["new"], started_minutes_ago=0)
    assert jobs.recover_stale_tasks() == ([], [])


def test_a_task_lost_on_its_last_attempt_fails_with_the_reason_and_so_does_its_job(settings):
    settings.SITREP_TASK_MAX_ATTEMPTS = 3
    job = jobs.import_job("five.csv", csv_of(STORIES))
    enqueue, _ = recording()
    jobs.plan(job.pk, enqueue=enqueue)
    task = running_task(["w1", "w2", "w3"])
    job.chunks.update(task_id=str(task.pk))
    assert jobs.recover_stale_tasks() == ([], [task.pk])
    task.refresh_from_db(), job.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED and task.exception_class_path == "reports.jobs.WorkerLost"
    assert "stopped (killed, out of memory or its machine lost) on each of 3 attempts" in task.traceback
    assert job.state == "failed" and job.error.startswith("A worker was lost")


def test_a_chunk_of_a_failed_job_does_nothing():
    job = jobs.import_job("five.csv", csv_of(STORIES))
    enqueue, _ = recording()
    jobs.plan(job.pk, enqueue=enqueue)
    jobs.fail(job.pk, "given up")
    assert jobs.run_chunk(job.chunks.get().pk) == "the job failed"
    assert not Report.objects.exists()


# The jobs page -------------------------------------------------------------------------------------------

@pytest.fixture
def as_editor(client, editor):  # noqa: F811
    client.force_login(editor)
    return client


def test_the_jobs_page_lists_jobs_by_state(as_editor):
    done = jobs.import_job("done.csv", csv_of(STORIES[:1]))
    tasks.start(done)
    broken = jobs.import_job("broken.csv", b"")
    jobs.fail(broken.pk, "it broke")
    html = as_editor.get(reverse("admin:reports_job_changelist") + "?state__exact=failed").content.decode()
    assert "broken.csv" in html and "done.csv" not in html


def test_a_running_job_page_reloads_itself_and_a_finished_one_does_not(as_editor):
    queued = jobs.import_job("later.csv", csv_of(STORIES[:1]))
    done = jobs.import_job("done.csv", csv_of(STORIES[:1]))
    tasks.start(done)
    page = lambda job: as_editor.get(reverse("admin:reports_job_change", args=[job.pk])).content.decode()  # noqa: E731
    assert 'http-equiv="refresh"' in page(queued)
    assert 'http-equiv="refresh"' not in page(done) and "read 1, created 1, unchanged 0, failed 0" in page(done)


def test_the_jobs_page_reads_the_same_number_of_queries_for_more_jobs(as_editor):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert as_editor.get(reverse("admin:reports_job_changelist")).status_code == 200
        return len(captured)

    jobs.import_job("one.csv", b"x")
    few = queries()
    for n in range(10):
        jobs.import_job(f"more-{n}.csv", b"x")
    assert queries() == few


def test_a_viewer_cannot_see_jobs(client, make_user):  # noqa: F811
    client.force_login(make_user("viewer"))
    assert client.get(reverse("admin:reports_job_changelist")).status_code == 403


def test_near_duplicates_stored_side_by_side_are_flagged_after_the_job(seed_paths):
    original = seed_paths[0].read_text(encoding="utf-8").split("\n", 1)[1]
    copy = "Regime steps up Aleppo raids as food runs short\n" + original.split("\n", 1)[1] + "\n(AFP)\n"
    job = jobs.import_job("two.csv", b"")
    job.started = timezone.now()
    job.save()
    first, _ = ingest_report(text=original, published_on=datetime.date(2016, 9, 27))
    second, _ = ingest_report(text=copy, published_on=datetime.date(2016, 9, 27))
    # As when two workers commit at the same moment: neither saw the other, nothing was flagged.
    Report.objects.update(duplicate_status="", duplicate_of=None)
    Job.objects.filter(pk=job.pk).update(finished=timezone.now())
    assert jobs.recheck_duplicates(job.pk) == 1
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.duplicate_status, second.duplicate_status, second.duplicate_of) == ("", "suspected", first)
    assert jobs.recheck_duplicates(job.pk) == 0


def test_a_worker_not_heard_of_for_a_day_is_forgotten():
    heartbeat("long-gone", minutes_ago=25 * 60)
    jobs.beat("here")
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["here"]
