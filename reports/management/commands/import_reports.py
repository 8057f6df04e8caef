import argparse
import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from reports.ingest import import_paths
from reports.models import validate_report_date


def iso_date(value):
    # argparse turns ArgumentTypeError into one "error: argument --date: ..." line, not a traceback.
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (expected YYYY-MM-DD)") from None
    try:
        validate_report_date(day)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(error.messages[0]) from None
    return day


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
