"""Background jobs: slow work split into chunks that any number of workers share, and recovery of the tasks
of workers that died.

A job (reports.models.Job) is planned by one task (`plan`: the file's items or the reports counted and
cut into JobChunk rows of SITREP_IMPORT_CHUNK_ROWS, each enqueued as its own task) and done by chunk tasks
(`run_chunk`). A chunk's `position` advances in the same transaction as each item's writes, guarded by
its previous value: a chunk run again (its worker killed, or the same task run twice) carries on after
the last item committed, and two runs of one chunk can never both do an item. The job's counts are the
sums of its chunks', so nothing is counted twice either.

django-tasks-db marks a claimed task RUNNING and never looks at it again: a worker killed outright
(SIGKILL, out of memory, a machine lost) leaves it RUNNING forever. Every db_worker beats
(WorkerHeartbeat, reports/management/commands/db_worker.py) and, as it beats, `recover_stale_tasks`
requeues tasks RUNNING on a worker that stopped beating; the library's own `worker_ids` (one entry per
claim) count the attempts, and after SITREP_TASK_MAX_ATTEMPTS the task is FAILED with the reason.
"""

import io
import logging
import os
import socket
from types import SimpleNamespace

from django.conf import settings
from django.db import OperationalError, transaction
from django.db.models import F, Sum
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from simple_history.models import HistoricalRecords

from . import ingest
from .duplicates import find_near_duplicate, flag_near_duplicate
from .models import Job, JobChunk, JobError, Report, WorkerHeartbeat
from .places import gazetteer_from_places
from .signals import job_finished

logger = logging.getLogger(__name__)

# How often one item is tried again when two workers' transactions deadlock or a connection drops.
ITEM_ATTEMPTS = 3
COUNTS = ("read", "created", "unchanged", "failed", "duplicates")


class WorkerLost(Exception):
    """The worker running a task stopped beating (killed, out of memory, machine lost)."""


# --- creating jobs ---------------------------------------------------------------------------------

def import_job(name, data, *, default_date=None, user=None):
    """A job importing one file (its bytes kept in the database, for a worker on any machine)."""
    return Job.objects.create(kind=Job.Kind.IMPORT, description=name[:300], file_name=name[:255],
                              file_data=bytes(data), default_date=default_date, created_by=user)


def extract_job(report_ids, *, description="", user=None):
    """A job re-reading these reports with the extractor (reviewed and hand-entered figures stay)."""
    report_ids = sorted(set(report_ids))
    return Job.objects.create(kind=Job.Kind.EXTRACT, report_ids=report_ids, created_by=user,
                              description=(description or f"{len(report_ids)} report(s)")[:300])


def counts(job):
    """The job's counts so far: read, created, unchanged, failed, duplicates (sums of its chunks')."""
    sums = job.chunks.aggregate(**{name: Sum(name) for name in COUNTS})
    return {name: sums[name] or 0 for name in COUNTS}


def fail(job_id, reason):
    """Mark a job failed with the reason, unless it already ended."""
    Job.objects.filter(pk=job_id).exclude(state__in=[Job.State.FINISHED, Job.State.FAILED]).update(
        state=Job.State.FAILED, error=reason, finished=timezone.now())


# --- planning ----------------------------------------------------------------------------------------

def _items(job):
    """The job's items in order: (file name and row, fields or error) for imports, report ids for extractions."""
    if job.kind == Job.Kind.EXTRACT:
        return iter(job.report_ids)
    return ingest._items(job.file_name, io.BytesIO(bytes(job.file_data or b"")))


def plan(job_id, *, enqueue):
    """Cut a job into chunks and enqueue each chunk not enqueued yet (`enqueue(chunk_id)` returns a task
    result). Safe to run twice: the chunks are made once, and a chunk's task id is stored in the
    transaction that enqueues it."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if job.state in (Job.State.FINISHED, Job.State.FAILED):
            return 0
        if not job.chunks.exists():
            total = sum(1 for _ in _items(job))
            size = max(1, settings.SITREP_IMPORT_CHUNK_ROWS)
            JobChunk.objects.bulk_create([
                JobChunk(job=job, number=n, first=first, last=min(first + size, total), position=first)
                for n, first in enumerate(range(0, total, size))
            ])
        job.state, job.started = Job.State.RUNNING, job.started or timezone.now()
        job.save(update_fields=["state", "started"])
    enqueued = 0
    for chunk_id in job.chunks.filter(task_id="").values_list("pk", flat=True):
        with transaction.atomic():
            chunk = JobChunk.objects.select_for_update().get(pk=chunk_id)
            if chunk.task_id:
                continue
            chunk.task_id = str(enqueue(chunk.pk).id)
            chunk.save(update_fields=["task_id"])
            enqueued += 1
    _finish_if_done(job.pk)
    return enqueued


# --- chunks --------------------------------------------------------------------------------------------

class _Acting:
    """simple_history records who made a change from the request; a worker has none, so the job's
    creator stands in (an upload's reports are in the history under the editor who uploaded them)."""

    def __init__(self, user):
        self.user = user

    def __enter__(self):
        context = HistoricalRecords.context
        self.previous = getattr(context, "request", None)
        if self.previous is None and self.user is not None:
            context.request = SimpleNamespace(user=self.user)

    def __exit__(self, *exc):
        if self.previous is None and self.user is not None:
            del HistoricalRecords.context.request


def run_chunk(chunk_id):
    """Do a chunk's remaining items, then finish it (and the job, when it was the last)."""
    chunk = JobChunk.objects.select_related("job", "job__created_by").filter(pk=chunk_id).first()
    if chunk is None or chunk.done:
        return "nothing to do"
    job = chunk.job
    if job.state == Job.State.FAILED:
        return "the job failed"
    Job.objects.filter(pk=job.pk, state=Job.State.QUEUED).update(state=Job.State.RUNNING, started=timezone.now())
    run = ingest._Run(job.default_date, None)
    run.passthrough = (OperationalError,)
    do = _extract_item if job.kind == Job.Kind.EXTRACT else _import_item
    with _Acting(job.created_by):
        for index, item in enumerate(_items(job)):
            if index < chunk.position:
                continue
            if index >= chunk.last:
                break
            for attempt in range(1, ITEM_ATTEMPTS + 1):
                try:
                    with transaction.atomic():
                        # The guard: only the run that moves position from `index` does the item.
                        if not JobChunk.objects.filter(pk=chunk.pk, position=index).update(
                                position=index + 1, read=F("read") + 1):
                            return "done by another run"
                        do(job, chunk, index, item, run)
                    break
                except OperationalError:
                    if attempt == ITEM_ATTEMPTS:
                        raise
                    logger.warning("job %s, item %s: database error, trying again", job.pk, index, exc_info=True)
            chunk.position = index + 1
    JobChunk.objects.filter(pk=chunk.pk).update(done=True)
    return "job finished" if _finish_if_done(job.pk) else "done"


def _record(chunk, field, amount=1):
    JobChunk.objects.filter(pk=chunk.pk).update(**{field: F(field) + amount})


def _import_item(job, chunk, index, item, run):
    """One item of a file through the import's own rules (ingest._Run), its outcome added to the chunk."""
    before = (run.summary.created, run.summary.unchanged, run.summary.failed, run.summary.duplicates,
              len(run.summary.errors))
    with transaction.atomic():  # a savepoint: an item's failed write never spoils the chunk's transaction
        run.take([item])
    after = (run.summary.created, run.summary.unchanged, run.summary.failed, run.summary.duplicates)
    changes = {name: F(name) + (now - was) for name, now, was in
               zip(("created", "unchanged", "failed", "duplicates"), after, before) if now != was}
    if changes:
        JobChunk.objects.filter(pk=chunk.pk).update(**changes)
    for line in run.summary.errors[before[-1]:]:
        where, _, reason = line.partition(": ")
        JobError.objects.create(job=job, chunk=chunk, item=index, where=where[:500], reason=reason)


def _extract_item(job, chunk, index, report_id, run):
    report = Report.objects.filter(pk=report_id).first()
    if report is None:
        _record(chunk, "failed")
        JobError.objects.create(job=job, chunk=chunk, item=index, where=f"report {report_id}",
                                reason="no such report (deleted since the job was made)")
        return
    if run.gazetteer is None:
        run.gazetteer = gazetteer_from_places()
    ingest.extract_report(report, gazetteer=run.gazetteer)
    _record(chunk, "unchanged")  # re-read: the report itself stays


def _finish_if_done(job_id):
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if job.state in (Job.State.FINISHED, Job.State.FAILED) or job.chunks.filter(done=False).exists():
            return False
        job.state, job.finished = Job.State.FINISHED, timezone.now()
        job.save(update_fields=["state", "finished"])
    job_finished.send(sender=Job, job=job)
    return True


def recheck_duplicates(job_id):
    """Flag the near-duplicates two workers stored at the same moment (neither saw the other's keys): each
    report created while the job ran and never flagged nor decided is checked again against the reports
    stored before it, as a one-at-a-time import would have. Returns how many were flagged; safe to run twice."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or not job.started or not job.finished:
        return 0
    flagged = 0
    window = Report.objects.filter(created__gte=job.started, created__lte=job.finished,
                                   duplicate_status=Report.Duplicate.NONE).order_by("pk")
    for report in window.iterator(chunk_size=200):
        original = find_near_duplicate(report, earlier_only=True)
        if original is None:
            continue
        with transaction.atomic():
            report = Report.objects.select_for_update().get(pk=report.pk)
            if report.duplicate_status == Report.Duplicate.NONE:
                report.duplicate_of, report.duplicate_status = original, Report.Duplicate.SUSPECTED
                report.save(update_fields=["duplicate_of", "duplicate_status", "modified"])
                flagged += 1
    return flagged


# --- single reports ---------------------------------------------------------------------------------

def extract_and_check(report_id):
    """A report pasted or edited in the admin: read its figures, then check it for near-duplicates."""
    report = Report.objects.filter(pk=report_id).first()
    if report is None:
        return None
    counts = ingest.extract_report(report)
    flag_near_duplicate(report)
    return counts


# --- dead workers -------------------------------------------------------------------------------------

def beat(worker_id):
    """Say that this worker is alive (and forget workers not heard of for a day)."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id, defaults={"beat": now, "host": socket.gethostname()[:255], "pid": os.getpid()})
    WorkerHeartbeat.objects.filter(beat__lt=now - timezone.timedelta(days=1)).delete()


def recover_stale_tasks(now=None):
    """Requeue the tasks RUNNING on workers that stopped beating (for at least SITREP_TASK_STALE_SECONDS,
    and started at least that long ago); a task already run SITREP_TASK_MAX_ATTEMPTS times is FAILED
    with the reason, and so is its job. Returns (requeued ids, failed ids)."""
    now = now or timezone.now()
    stale = timezone.timedelta(seconds=settings.SITREP_TASK_STALE_SECONDS)
    alive = set(WorkerHeartbeat.objects.filter(beat__gte=now - stale).values_list("worker_id", flat=True))
    candidates = [
        task_id for task_id, workers in DBTaskResult.objects.running().filter(started_at__lt=now - stale)
        .values_list("id", "worker_ids") if not workers or workers[-1] not in alive
    ]
    requeued, failed = [], []
    for task_id in candidates:
        with transaction.atomic():
            task = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
                pk=task_id, status=TaskResultStatus.RUNNING).first()
            if task is None or (task.worker_ids and task.worker_ids[-1] in alive):
                continue
            attempts = len(task.worker_ids)
            if attempts < settings.SITREP_TASK_MAX_ATTEMPTS:
                task.status = TaskResultStatus.READY
                task.save(update_fields=["status"])
                requeued.append(task.pk)
                logger.warning("task %s (%s): its worker %s stopped; requeued (attempt %d of %d done)",
                               task.pk, task.task_path, task.worker_ids[-1:], attempts,
                               settings.SITREP_TASK_MAX_ATTEMPTS)
                continue
            reason = (f"the worker running it stopped (killed, out of memory or its machine lost) on each of "
                      f"{attempts} attempts; not tried again")
            task.status, task.finished_at = TaskResultStatus.FAILED, now
            task.exception_class_path = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"
            task.traceback = f"{WorkerLost.__name__}: {reason} (workers {', '.join(task.worker_ids)})\n"
            task.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
            failed.append(task.pk)
            for job_id in {*Job.objects.filter(task_id=str(task.pk)).values_list("pk", flat=True),
                           *JobChunk.objects.filter(task_id=str(task.pk)).values_list("job_id", flat=True)}:
                fail(job_id, f"A worker was lost: {reason}.")
    return requeued, failed
