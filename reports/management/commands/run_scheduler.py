import signal
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from reports.feed_tasks import enqueue_due_polls


class Command(BaseCommand):
    help = ("Enqueue due feed polls every --interval seconds until stopped (one scheduler per deployment; "
            "a second one does no harm: each poll is claimed once).")

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30, help="seconds between passes (default 30)")
        parser.add_argument("--once", action="store_true", help="one pass, then exit")

    def handle(self, *args, interval, once, **options):
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        signal.signal(signal.SIGINT, lambda *_: stopping.append(True))
        while not stopping:
            try:
                enqueued = enqueue_due_polls()
            except DatabaseError as error:  # the database restarting: try again at the next pass
                self.stderr.write(f"feeds: no polls enqueued this pass ({error})")
                enqueued = 0
            if enqueued or once:
                self.stdout.write(f"feeds: {enqueued} poll(s) enqueued")
            if once:
                break
            slept = 0.0
            while slept < interval and not stopping:
                time.sleep(min(1.0, interval - slept))
                slept += 1.0
            close_old_connections()  # a long-lived loop: drop a connection the database closed meanwhile
