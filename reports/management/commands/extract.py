from django.core.management.base import BaseCommand, CommandError

from reports import jobs, tasks
from reports.ingest import extract_report
from reports.models import Report
from reports.places import gazetteer_from_places


class Command(BaseCommand):
    help = ("Re-run the extractor on reports. Only unreviewed machine indicators are replaced; verified, "
            "corrected, rejected and hand-entered ones are kept. The work is queued for the workers "
            "(`manage.py db_worker`) as a job shown in the admin; --now does it here and now.")

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--all", action="store_true", help="every report")
        which.add_argument("--report", type=int, nargs="+", metavar="ID", help="these reports")
        parser.add_argument("--now", action="store_true", help="extract in this process instead of queueing")

    def handle(self, *args, **options):
        reports = Report.objects.order_by("pk")
        if options["report"]:
            wanted = set(options["report"])
            reports = reports.filter(pk__in=wanted)
            missing = sorted(wanted - set(reports.values_list("pk", flat=True)))
            if missing:
                raise CommandError(f"no report with id {', '.join(map(str, missing))}")
        if not options["now"]:
            ids = list(reports.values_list("pk", flat=True))
            job = jobs.extract_job(ids, description="every report" if options["all"] else "")
            tasks.start(job)
            self.stdout.write(f"queued job {job.pk}: re-extract {len(ids)} report(s) (see the admin's jobs page)")
            return
        gazetteer = gazetteer_from_places()
        totals = {"reports": 0, "figures": 0, "conditions": 0, "replaced": 0, "kept": 0}
        for report in reports.iterator(chunk_size=200):
            counts = extract_report(report, gazetteer=gazetteer)
            totals["reports"] += 1
            for key in ("figures", "conditions", "replaced", "kept"):
                totals[key] += counts[key]
        self.stdout.write(
            "extracted {reports} reports: {figures} figures, {conditions} conditions "
            "({replaced} unreviewed machine indicators replaced, {kept} reviewed or hand-entered kept)".format(**totals)
        )
