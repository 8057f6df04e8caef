"""/export/package.zip: the five CSVs of a filter, a README and a datapackage.json that frictionless
accepts, downloaded over HTTP from a live server with the two real seed reports imported."""

import csv
import io
import json
import urllib.request
import zipfile

import pytest
from django.urls import reverse
from frictionless import Package, validate

from reports.ingest import import_paths
from reports.models import Indicator, Report
from reports.places import load_places

FILES = ["figures", "conditions", "reports", "districts", "timeline"]


@pytest.fixture
def seeded(transactional_db, seed_paths):
    load_places()
    import_paths(seed_paths, out=io.StringIO())
    assert Indicator.objects.figures().exists()
    return Indicator.objects.all()


def download(live_server, query="", path="export_package"):
    with urllib.request.urlopen(live_server.url + reverse(f"dashboard:{path}") + "?" + query, timeout=60) as r:
        return r.headers, r.read()


def unzip(body, folder):
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        archive.extractall(folder)
        return sorted(archive.namelist())


def test_package_holds_the_five_files_a_readme_and_a_datapackage(live_server, seeded, tmp_path):
    headers, body = download(live_server)
    assert headers["Content-Type"] == "application/zip"
    assert unzip(body, tmp_path) == sorted([f"{name}.csv" for name in FILES] + ["README.md", "datapackage.json"])


def test_frictionless_validate_accepts_the_downloaded_package(live_server, seeded, tmp_path):
    _, body = download(live_server)
    (tmp_path / "package.zip").write_bytes(body)
    report = validate(str(tmp_path / "package.zip"))
    assert report.valid, report.flatten(["type", "note"])
    assert sorted(task.name for task in report.tasks) == sorted(FILES)


def test_frictionless_validate_accepts_a_filtered_package(live_server, seeded, tmp_path):
    _, body = download(live_server, "place=Aleppo&date_after=2016-01-01&date_before=2016-12-31&hxl=1")
    unzip(body, tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])


def test_each_package_file_has_the_rows_of_the_plain_csv_download(live_server, seeded, tmp_path):
    _, body = download(live_server)
    unzip(body, tmp_path)
    for name in FILES:
        _, plain = download(live_server, "", f"export_{name}")
        assert (tmp_path / f"{name}.csv").read_bytes() == plain, name


def test_package_schema_types_the_numbers_and_dates(live_server, seeded, tmp_path):
    _, body = download(live_server)
    unzip(body, tmp_path)
    package = Package(str(tmp_path / "datapackage.json"))
    figures = package.get_resource("figures")
    types = {field.name: field.type for field in figures.schema.fields}
    assert (types["value"], types["date"], types["counted"], types["quote"]) == ("integer", "date", "boolean",
                                                                                   "string")
    rows = figures.read_rows()
    assert rows and all(isinstance(row["id"], int) for row in rows)


def test_package_fields_carry_their_hxl_tags(live_server, seeded, tmp_path):
    _, body = download(live_server)
    unzip(body, tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    districts = next(r for r in descriptor["resources"] if r["name"] == "districts")
    tags = {field["name"]: field["hxl"] for field in districts["schema"]["fields"]}
    assert tags["trapped"] == "#affected+besieged"


def test_reviewed_package_holds_only_verified_and_corrected_figures(live_server, seeded, tmp_path):
    verified = Indicator.objects.figures().order_by("id").first()
    verified.status = Indicator.Status.VERIFIED
    verified.save()
    _, body = download(live_server, "status=reviewed")
    unzip(body, tmp_path)
    with open(tmp_path / "figures.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [int(row["id"]) for row in rows] == [verified.pk]
    assert "reviewed figures only" in (tmp_path / "README.md").read_text()


def test_readme_says_what_was_filtered_and_attributes_the_gazetteer(live_server, seeded, tmp_path):
    _, body = download(live_server, "place=SY02&date_after=2016-10-01")
    unzip(body, tmp_path)
    readme = (tmp_path / "README.md").read_text()
    assert "Place: Aleppo (SY02, governorate)" in readme
    assert "Dates: 2016-10-01 to any" in readme
    assert "OCHA Syria P-code gazetteer" in readme


def test_package_is_named_for_its_filter(live_server, seeded):
    headers, _ = download(live_server, "place=Aleppo&date_after=2016-10-01&date_before=2016-10-31")
    assert 'filename="sitrep-package-SY02-2016-10-01-2016-10-31.zip"' in headers["Content-Disposition"]


def test_package_with_an_unknown_place_is_a_400_naming_it(client, db):
    response = client.get(reverse("dashboard:export_package") + "?place=Atlantis")
    assert response.status_code == 400
    assert "No place called “Atlantis”" in response.content.decode()


def test_reports_csv_in_the_package_counts_the_seed_reports(live_server, seeded, tmp_path):
    _, body = download(live_server)
    unzip(body, tmp_path)
    with open(tmp_path / "reports.csv", encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == Report.objects.count()


def test_pages_link_each_csv_its_hxl_variant_and_both_packages(client, db):
    html = client.get(reverse("dashboard:overview"), {"date_after": "2016-10-01", "date_before": "2016-10-31"}
                      ).content.decode()
    query = "date_after=2016-10-01&amp;date_before=2016-10-31"
    for name in FILES:
        assert f'href="/export/{name}.csv?{query}&amp;hxl=1"' in html, name
    assert f'href="/export/package.zip?{query}"' in html
    assert f'href="/export/package.zip?{query}&amp;status=reviewed"' in html


def test_reviewed_package_link_replaces_the_pages_status(client, db):
    html = client.get(reverse("dashboard:report_list"), {"status": "unreviewed"}).content.decode()
    assert "/export/package.zip" not in html  # one file on the reports page, no package
    html = client.get(reverse("dashboard:overview"), {"status": "unreviewed", "date_after": ""}).content.decode()
    assert 'href="/export/package.zip?date_after=&amp;status=reviewed"' in html
