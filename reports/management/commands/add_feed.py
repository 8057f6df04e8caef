from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reports.feeds import FetchError, add_feed
from reports.models import Feed


class Command(BaseCommand):
    help = ("Add a feed (RSS, Atom or ReliefWeb's API) polled on its own schedule; prints the feed's id. "
            "For --kind reliefweb the URL may be left out: SITREP_RELIEFWEB_URL is used.")

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", metavar="URL")
        parser.add_argument("--kind", choices=Feed.Kind.values, default=Feed.Kind.RSS)
        parser.add_argument("--source", help="the publisher of the feed's reports (created when new)")
        parser.add_argument("--every", type=int, default=15, metavar="MINUTES", help="poll interval (default 15)")
        parser.add_argument("--country", default="SYR", help="ReliefWeb: ISO3 country code (default SYR)")

    def handle(self, *args, url=None, kind, source, every, country, **options):
        if not url:
            if kind != Feed.Kind.RELIEFWEB:
                raise CommandError("give the feed's URL")
            url = settings.SITREP_RELIEFWEB_URL
        try:
            feed = add_feed(url, kind=kind, source=source, every_minutes=every, country=country)
        except (FetchError, ValueError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(str(feed.pk))
