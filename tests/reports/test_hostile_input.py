"""Clumsy and hostile input at import, in the admin and on the command line (issue 16's probe): each gets a
clear error or the right reading, and good rows are never lost with a bad one."""

import csv
import datetime
import io
import subprocess
import sys

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from reports.ingest import IngestError, ingest_report, import_paths
from reports.models import Report, validate_event_date, validate_report_date

pytestmark = pytest.mark.django_db

STORY = "Shelling killed 4 people in the village of Kafr Nabl on Sunday, residents said."
OTHER = "About 300 families were displaced from the town of Maarat al-Numan, a council member said."
ARABIC = "قتل أربعة مدنيين في قصف على قرية كفرنبل يوم الأحد، بحسب ناشطين محليين في المنطقة."


def run(*paths, **kwargs):
    out = io.StringIO()
    summary = import_paths(paths, out=out, **kwargs)
    return summary, out.getvalue().splitlines()


def test_a_report_dated_in_the_future_is_refused_with_its_date(tmp_path):
    path = tmp_path / "typo.csv"
    with open(path, "w", newline="") as handle:
        csv.writer(handle).writerows([["title", "body", "published_on", "source", "url"],
                                      ["A", STORY, "11/14/2106", "SANA", ""], ["B", OTHER, "2016-10-05", "SANA", ""]])
    summary, errors = run(path)
    assert (summary.created, summary.failed) == (1, 1)
    assert errors == [f"{path}, row 1: published_on 2106-11-14 is in the future."]
    assert list(Report.objects.values_list("published_on", flat=True)) == [datetime.date(2016, 10, 5)]


def test_a_report_dated_before_the_earliest_date_is_refused(tmp_path, settings):
    settings.SITREP_EARLIEST_DATE = datetime.date(2011, 1, 1)
    with pytest.raises(IngestError, match="0001-01-01 is before 2011-01-01"):
        ingest_report(text=STORY, published_on="0001-01-01")
    assert not Report.objects.exists()


def test_the_earliest_date_is_a_setting(settings):
    settings.SITREP_EARLIEST_DATE = datetime.date(2000, 1, 1)
    report, created = ingest_report(text=STORY, published_on="2005-06-01")
    assert created and report.published_on == datetime.date(2005, 6, 1)


def test_a_dateline_in_the_future_leaves_the_report_undated_not_in_2106():
    report, _ = ingest_report(text="date 2106-11-14\n" + STORY)
    assert report.published_on is None or report.published_on.year < 2100


def test_the_admin_form_refuses_a_report_date_in_the_future():
    report = Report(title="t", body=STORY, published_on=datetime.date(9999, 12, 31), content_hash="x")
    with pytest.raises(ValidationError) as error:
        report.full_clean()
    assert "published_on" in error.value.message_dict


def test_event_dates_may_be_an_earlier_event_but_not_the_future():
    validate_event_date(datetime.date(1982, 2, 2))  # the Hama massacre, told as background
    with pytest.raises(ValidationError):
        validate_event_date(datetime.date(9999, 1, 1))
    with pytest.raises(ValidationError):
        validate_event_date(datetime.date(1, 1, 1))
    validate_report_date(datetime.date.today())


def test_an_arabic_file_in_windows_1256_is_read_as_arabic(tmp_path):
    path = tmp_path / "arabic.txt"
    path.write_bytes(("date 2016-10-05\n" + ARABIC).encode("cp1256"))
    summary, errors = run(path)
    assert summary.created == 1, errors
    assert Report.objects.get().body.strip() == ARABIC


def test_an_arabic_csv_in_windows_1256_is_read_as_arabic(tmp_path):
    path = tmp_path / "arabic.csv"
    with open(path, "w", encoding="cp1256", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "body", "published_on", "source", "url"])
        writer.writerow(["قصف", ARABIC, "2016-10-05", "SANA", ""])
    summary, errors = run(path)
    assert summary.created == 1, errors
    report = Report.objects.get()
    assert (report.title, report.body) == ("قصف", ARABIC)


def test_bytes_of_no_known_encoding_are_refused_not_stored_as_mojibake(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 20)
    summary, errors = run(path)
    assert summary.created == 0 or "\ufffd" not in Report.objects.get().body
    if summary.failed:
        assert "UTF-8" in errors[0]


def test_a_huge_cell_is_one_bad_row_and_the_rows_after_it_are_read(tmp_path):
    path = tmp_path / "big.csv"
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "body", "published_on", "source", "url"])
        writer.writerow(["first", STORY, "2016-10-05", "SANA", ""])
        writer.writerow(["huge", "x " * 6_000_000, "2016-10-05", "SANA", ""])  # 12 MB in one cell
        writer.writerow(["after", OTHER, "2016-10-06", "SANA", ""])
    summary, errors = run(path)
    assert (summary.read, summary.created, summary.failed) == (3, 2, 1), errors
    assert errors[0].startswith(f"{path}, row 2: the text is 12,000,000 characters")
    assert set(Report.objects.values_list("title", flat=True)) == {"first", "after"}


def test_import_command_with_a_bad_date_option_says_so_in_one_line(tmp_path):
    result = subprocess.run([sys.executable, "manage.py", "import_reports", str(tmp_path), "--date", "2016-99-01"],
                            capture_output=True, text=True, env={"DEBUG": "1", "PATH": "/usr/bin:/bin"},
                            cwd=__import__("django.conf").conf.settings.BASE_DIR)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].endswith(
        "error: argument --date: '2016-99-01' is not a date (expected YYYY-MM-DD)")


def test_import_command_refuses_a_date_option_in_the_future(tmp_path):
    with pytest.raises(Exception, match="2106-01-01 is in the future"):
        call_command("import_reports", str(tmp_path), "--date", "2106-01-01")
