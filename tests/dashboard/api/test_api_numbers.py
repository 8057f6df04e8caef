"""The API gives the numbers the CSV downloads give, row for row, with the same filters: on the two seed
reports and on FA-KES (imported through reports.ingest), for dates, a place, a source and a review status."""

import csv
import io

import pytest

from reports.ingest import import_paths
from reports.models import Indicator, Report, Source
from reports.places import load_places

from .support import api_rows, as_csv, csv_rows

TABLES = [("districts", "districts"), ("timeline", "timeline"), ("figures", "figures"),
          ("conditions", "conditions")]


def assert_same(client, query):
    for api_name, csv_name in TABLES:
        expected = csv_rows(client, csv_name, query)
        got = [as_csv(record) for record in api_rows(client, api_name, query)]
        assert got == expected, f"{api_name}/?{query} differs from {csv_name}.csv"


@pytest.fixture
def seeded(db, seed_paths):
    load_places()
    import_paths(seed_paths, out=io.StringIO())
    assert Indicator.objects.figures().exists()


def aleppo_late_2016(row):
    month, _day, year = row["date"].split("/")
    return row["location"].strip().lower() == "aleppo" and year == "2016" and int(month) >= 7


@pytest.fixture
def fakes(db, fakes_csv, tmp_path):
    """FA-KES's Aleppo articles of July to December 2016, imported as a FA-KES file through reports.ingest."""
    with open(fakes_csv, encoding="latin-1", newline="") as whole:
        reader = csv.reader(whole)
        header = next(reader)
        columns = {name: i for i, name in enumerate(header)}
        rows = [row for row in reader
                if aleppo_late_2016({"date": row[columns["date"]], "location": row[columns["location"]]})]
    subset = tmp_path / "FA-KES-aleppo-2016h2.csv"
    with open(subset, "w", encoding="latin-1", newline="") as out:
        csv.writer(out).writerows([header, *rows])
    load_places()
    summary = import_paths([subset], out=io.StringIO())
    assert summary.failed == 0 and Report.objects.count() > 50


def test_the_seeds_give_the_same_rows_as_the_csv(client, seeded):
    assert_same(client, "")


def test_the_seeds_by_kind_and_status_give_the_same_rows_as_the_csv(client, seeded):
    assert_same(client, "kind=killed&kind=injured&status=unreviewed")


def test_fakes_aleppo_in_the_second_half_of_2016_gives_the_same_rows_as_the_csv(client, fakes):
    query = "place=SY02&date_after=2016-07-01&date_before=2016-12-31"
    assert len(api_rows(client, "figures", query)) > 50
    assert_same(client, query)


def test_fakes_of_one_source_and_review_status_give_the_same_rows_as_the_csv(client, fakes):
    source = Source.objects.filter(indicators__isnull=False).order_by("-id").first()
    first = Indicator.objects.figures().filter(source=source).order_by("id")[:5]
    Indicator.objects.filter(pk__in=[i.pk for i in first]).update(status="verified")
    for query in [f"source={source.pk}", f"source={source.name}&status=verified", "status=verified",
                  "q=Aleppo&date_after=2016-01-01"]:
        assert_same(client, query)
