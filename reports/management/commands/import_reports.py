import datetime

from django.core.management.base import BaseCommand, CommandError

from reports.ingest import import_paths


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date {value!r}: expected YYYY-MM-DD") from None


class Command(BaseCommand):
    help = ("Import reports: plain-text files (first line `date YYYY-MM-DD`), folders of them, CSV (FA-KES or "
            "title, body, published_on, source, url) and JSON Lines. Re-importing creates nothing new.")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--date", type=iso_date, help="publication date for reports that state none")

    def handle(self, *args, **options):
        summary = import_paths(options["paths"], default_date=options["date"], out=self.stderr)
        self.stdout.write(f"reports: {summary.line()}")
        if summary.failed:
            raise CommandError(f"{summary.failed} item(s) could not be imported (see above)")
