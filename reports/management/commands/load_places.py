from django.core.management.base import BaseCommand

from reports.places import load_places


class Command(BaseCommand):
    help = "Load or update the OCHA Syria gazetteer (P-codes) shipped in reports/data/. Idempotent."

    def handle(self, *args, **options):
        created, updated = load_places()
        self.stdout.write(f"places: {created} created, {updated} updated")
