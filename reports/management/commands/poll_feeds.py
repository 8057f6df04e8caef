from django.core.management.base import BaseCommand

from reports.feed_tasks import enqueue_due_polls


class Command(BaseCommand):
    help = "Enqueue a poll of every feed that is due (the workers poll them), or of every feed with --now."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="every active feed, due or not")

    def handle(self, *args, now, **options):
        self.stdout.write(f"feeds: {enqueue_due_polls(everything=now)} poll(s) enqueued")
