"""The whole FA-KES corpus, as it is (latin-1, M/D/YYYY), imports with no failure. Slow-ish: one test."""

import datetime
import io

import pytest

from reports.ingest import import_paths
from reports.models import Indicator, Report

pytestmark = pytest.mark.django_db


def test_the_whole_fakes_corpus_imports_with_no_failure_and_reimports_as_unchanged(fakes_csv):
    out = io.StringIO()
    summary = import_paths([fakes_csv], out=out)
    assert out.getvalue() == ""
    # 804 rows, 789 distinct texts: the 15 repeated texts are the same report.
    assert (summary.read, summary.created, summary.unchanged, summary.failed) == (804, 789, 15, 0)
    assert Report.objects.count() == 789
    assert not Report.objects.filter(publisher__isnull=True).exists()
    assert Report.objects.dated().count() == 789
    assert Report.objects.order_by("published_on").first().published_on >= datetime.date(2011, 1, 1)
    assert Indicator.objects.figures().filter(report__isnull=False).exists()
    assert all(i.quote == i.report.body[i.start:i.end]
               for i in Indicator.objects.select_related("report").exclude(start=None)[:500])
    indicators = Indicator.objects.count()

    again = import_paths([fakes_csv], out=out)
    assert (again.read, again.created, again.unchanged, again.failed) == (804, 0, 804, 0)
    assert (Report.objects.count(), Indicator.objects.count()) == (789, indicators)
