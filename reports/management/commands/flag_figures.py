from django.core.management.base import BaseCommand

from reports.ingest import reflag_report
from reports.models import Report
from reports.places import gazetteer_from_places


class Command(BaseCommand):
    help = ("Recompute the plausibility flags of every stored figure (reports/plausibility.py), e.g. after "
            "the thresholds or the gazetteer's names changed. Imports and `extract` set them already.")

    def handle(self, *args, **options):
        gazetteer = gazetteer_from_places()  # (built once: its name index takes a fraction of a second)
        reports = changed = 0
        for report in Report.objects.filter(indicators__isnull=False).distinct().order_by("pk").iterator(chunk_size=200):
            changed += reflag_report(report, gazetteer)
            reports += 1
        self.stdout.write(f"checked the figures of {reports} reports: {changed} indicators' flags changed")
