from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reports.ingest import import_paths


class Command(BaseCommand):
    help = ("Import the demo corpus from SITREP_SHARED_DIR (the seed reports and FA-KES) when it is there. "
            "A second run re-imports and re-extracts nothing.")

    def handle(self, *args, **options):
        shared = settings.SITREP_SHARED_DIR
        paths = [p for p in (shared / "seeds", shared / "data" / "fa-kes" / "FA-KES-Dataset.csv") if p.exists()]
        if not paths:
            self.stdout.write(f"demo corpus: nothing to import, {shared} has no seeds/ or data/fa-kes/ "
                              f"(set SITREP_SHARED_DIR)")
            return
        summary = import_paths(paths, out=self.stderr)
        self.stdout.write(f"demo corpus: {summary.line()}")
        if summary.failed:
            raise CommandError(f"{summary.failed} item(s) of the demo corpus could not be imported (see above)")
