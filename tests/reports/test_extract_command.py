"""manage.py extract: re-runs the extractor, keeps every reviewed and hand-entered indicator."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from reports.ingest import ingest_report
from reports.models import Indicator

pytestmark = pytest.mark.django_db

TEXT = ("Government shelling killed 9 civilians in the town of Douma on Monday, the Syrian Observatory for "
        "Human Rights said. Another 20 people were injured.")


def extract(*args):
    out = io.StringIO()
    call_command("extract", *args, "--now", stdout=out)
    return out.getvalue()


@pytest.fixture
def report():
    report, _ = ingest_report(text=TEXT, published_on=datetime.date(2018, 2, 20))
    return report


def test_extract_all_keeps_reviewed_and_hand_entered_indicators(report):
    machine = report.indicators.filter(origin="extracted").order_by("pk")
    verified = machine.killed().get()
    verified.status = Indicator.Status.VERIFIED
    verified.save()
    entered = Indicator.objects.create(report=report, kind="missing", group="people", value=2)
    unreviewed_before = report.indicators.machine_unreviewed().count()

    output = extract("--all")

    assert set(report.indicators.values_list("pk", flat=True)) >= {verified.pk, entered.pk}
    assert Indicator.objects.get(pk=verified.pk).status == "verified"
    assert report.indicators.killed().count() == 1
    assert report.indicators.machine_unreviewed().count() == unreviewed_before
    assert output.startswith("extracted 1 reports: ")
    assert "2 reviewed or hand-entered kept" in output


def test_extract_named_reports_only(report):
    other, _ = ingest_report(text="Shelling killed 3 people in Daraa on Friday.", published_on=datetime.date(2018, 3, 2))
    before = set(other.indicators.values_list("pk", flat=True))
    output = extract("--report", str(report.pk))
    assert output.startswith("extracted 1 reports")
    assert set(other.indicators.values_list("pk", flat=True)) == before


def test_extract_unknown_report_is_an_error_naming_it(report):
    with pytest.raises(CommandError, match="no report with id 9999"):
        extract("--report", str(report.pk), "9999")


def test_extract_needs_all_or_report_ids():
    with pytest.raises(CommandError):
        extract()
