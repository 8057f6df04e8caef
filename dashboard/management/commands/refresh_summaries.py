import time

from django.core.management.base import BaseCommand

from dashboard import summaries
from dashboard.models import DayTotal


class Command(BaseCommand):
    help = ("Recompute the summaries' stored daily totals for the days changed since they were last computed "
            "(the pages do this themselves before they read; run it after a large import so that the first "
            "page does not). --rebuild recomputes every day, after data was loaded around Sitrep's code.")

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="recompute every day from the figures")

    def handle(self, *args, **options):
        started = time.perf_counter()
        days = summaries.rebuild_day_totals() if options["rebuild"] else summaries.refresh_day_totals()
        self.stdout.write(f"daily totals: {days} day(s) {'rebuilt' if options['rebuild'] else 'refreshed'} in "
                          f"{time.perf_counter() - started:.1f} s, {DayTotal.objects.count()} stored")
