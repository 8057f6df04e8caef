"""django-tasks-db's db_worker with a heartbeat: a thread records that this worker is alive every
SITREP_WORKER_HEARTBEAT_SECONDS and requeues the tasks of workers that stopped beating (reports.jobs).
It replaces the library's command of the same name because `reports` comes first in INSTALLED_APPS."""

import logging
import os
import threading
import time

from django.conf import settings
from django.db import connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as LibraryWorkerCommand

from reports import jobs

logger = logging.getLogger(__name__)


class Heartbeat(threading.Thread):
    def __init__(self, worker_id):
        super().__init__(name="sitrep-heartbeat", daemon=True)
        self.worker_id = worker_id

    def run(self):
        while True:
            try:
                jobs.beat(self.worker_id)
                jobs.recover_stale_tasks()
            except Exception:  # noqa: BLE001 - a missed beat is retried; the worker goes on
                logger.exception("heartbeat of worker %s failed", self.worker_id)
            finally:
                connection.close()  # this thread's own connection, back to the pool between beats
            time.sleep(settings.SITREP_WORKER_HEARTBEAT_SECONDS)


class Command(LibraryWorkerCommand):
    help = (LibraryWorkerCommand.help + ", beating so that its tasks are requeued if it dies "
            "(SITREP_WORKER_HEARTBEAT_SECONDS, SITREP_TASK_STALE_SECONDS, SITREP_TASK_MAX_ATTEMPTS)")

    def handle(self, *args, **options):
        # With --reload the parent only watches files; the child (DJANGO_AUTORELOAD_ENV set) runs tasks.
        if not options["reload"] or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            Heartbeat(options["worker_id"]).start()
        try:
            super().handle(*args, **options)
        finally:
            jobs.WorkerHeartbeat.objects.filter(worker_id=options["worker_id"]).delete()
