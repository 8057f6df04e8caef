"""Background tasks (Django's tasks framework; the queue is in the database, run by `manage.py db_worker`).

Each task is a thin wrapper around a service function in reports/jobs.py or reports/ingest.py, and each is
safe to run twice: a task whose worker died is run again (reports.jobs.recover_stale_tasks).
"""

from django.tasks import task

from . import jobs


def start(job):
    """Enqueue a job's planning task (which enqueues its chunks) and remember the task."""
    result = plan_job.enqueue(job.pk)
    job.task_id = str(result.id)
    job.save(update_fields=["task_id"])
    return result


@task
def plan_job(job_id):
    try:
        return jobs.plan(job_id, enqueue=run_chunk.enqueue)
    except Exception as error:
        jobs.fail(job_id, f"The job could not be split into tasks: {type(error).__name__}: {error}")
        raise


@task
def run_chunk(chunk_id):
    job_id = jobs.JobChunk.objects.filter(pk=chunk_id).values_list("job_id", flat=True).first()
    try:
        outcome = jobs.run_chunk(chunk_id)
    except Exception as error:
        if job_id:
            jobs.fail(job_id, f"Stopped by an unexpected error: {type(error).__name__}: {error}")
        raise
    if outcome == "job finished" and jobs.JobChunk.objects.filter(job_id=job_id).count() > 1:
        recheck_duplicates.enqueue(job_id)  # its chunks ran side by side
    return outcome


@task
def recheck_duplicates(job_id):
    return jobs.recheck_duplicates(job_id)


@task
def extract_report(report_id):
    """A report pasted or edited in the admin: its figures, then the near-duplicate check."""
    return jobs.extract_and_check(report_id)
