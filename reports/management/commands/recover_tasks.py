from django.core.management.base import BaseCommand

from reports.jobs import recover_stale_tasks


class Command(BaseCommand):
    help = ("Requeue background tasks left RUNNING by workers that stopped (every db_worker does this as it "
            "beats; this is for when none is running), failing those tried SITREP_TASK_MAX_ATTEMPTS times.")

    def handle(self, *args, **options):
        requeued, failed = recover_stale_tasks()
        self.stdout.write(f"tasks of lost workers: {len(requeued)} requeued, {len(failed)} failed")
