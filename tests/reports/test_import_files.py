"""import_paths and import_upload: files, folders, CSV, JSON Lines; good, bad and repeated inputs."""

import csv
import datetime
import io
import json
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reports.ingest import import_paths, import_upload
from reports.models import Report

pytestmark = pytest.mark.django_db

STORY_A = "Shelling killed 4 people in the village of Kafr Nabl on Sunday, residents said."
STORY_B = "About 300 families were displaced from the town of Maarat al-Numan, a council member said."
STORY_C = "The only bakery in the district closed after flour ran out, an aid worker said."


def write_csv(path, header, rows, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run(*paths, **kwargs):
    out = io.StringIO()
    summary = import_paths(paths, out=out, **kwargs)
    return summary, out.getvalue().splitlines()


def test_both_seeds_import_one_dated_and_one_undated(seed_paths):
    summary, errors = run(*seed_paths)
    assert (summary.read, summary.created, summary.failed) == (2, 2, 0), errors
    dates = sorted(Report.objects.values_list("published_on", flat=True), key=str)
    assert dates == [datetime.date(2016, 9, 27), None]


def test_date_line_is_not_part_of_the_report_body(seed_paths):
    run(seed_paths[0])
    report = Report.objects.get()
    assert not report.body.lstrip().startswith("date ")
    assert report.published_on == datetime.date(2016, 9, 27)


def test_importing_the_seeds_again_creates_nothing(seed_paths):
    run(*seed_paths)
    summary, _ = run(*seed_paths)
    assert (summary.read, summary.created, summary.unchanged, summary.failed) == (2, 0, 2, 0)
    assert Report.objects.count() == 2


def test_folder_is_read_recursively_and_other_files_are_left_alone(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("date 2017-01-02\n" + STORY_A)
    (tmp_path / "b" / "c.txt").write_text(STORY_B)
    (tmp_path / "README.md").write_text("not a report")
    summary, errors = run(tmp_path)
    assert (summary.read, summary.created, summary.failed) == (2, 2, 0), errors


def test_a_date_line_that_is_not_a_date_names_the_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("date 2016-13-45\n" + STORY_A)
    summary, errors = run(path)
    assert errors == [f"{path}: first line: date '2016-13-45' is not a date (expected YYYY-MM-DD or M/D/YYYY)"]


def test_text_opening_with_the_word_date_is_not_a_date_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("date palms burned after " + STORY_A)
    summary, errors = run(path)
    assert summary.created == 1, errors
    assert Report.objects.get().body.startswith("date palms")


def test_date_option_dates_a_text_without_a_date_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(STORY_A)
    run(path, default_date=datetime.date(2017, 3, 1))
    assert Report.objects.get().published_on == datetime.date(2017, 3, 1)


def test_empty_file_gets_one_error_naming_it(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    summary, errors = run(path)
    assert (summary.read, summary.failed) == (1, 1)
    assert errors == [f"{path}: empty file"]


def test_empty_csv_gets_one_error_naming_it(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    summary, errors = run(path)
    assert summary.failed == 1 and errors == [f"{path}: empty file"]


def test_binary_junk_text_file_is_refused(tmp_path):
    path = tmp_path / "junk.txt"
    path.write_bytes(os.urandom(4096) + b"\x00" + os.urandom(4096))
    summary, errors = run(path)
    assert summary.failed == 1 and not Report.objects.exists()
    assert errors == [f"{path}: binary content, not a text file"]


def test_binary_junk_csv_is_refused_for_missing_columns(tmp_path):
    path = tmp_path / "junk.csv"
    path.write_bytes(b"\x00\x01\x02\xff\xfe garbage\n" + os.urandom(2000))
    summary, errors = run(path)
    assert summary.failed == 1 and not Report.objects.exists()
    # Its first line is no text in any encoding: refused as such, before its columns are looked at.
    assert errors == [f"{path}: the text is not UTF-8 and its encoding cannot be told; save the file as UTF-8; "
                      f"the rest of the file was not read"]


def test_windows_1252_text_is_decoded_not_mangled(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes("The caf\u00e9 was hit \u2013 \u201cno one survived\u201d. ".encode("cp1252")
                     + STORY_A.encode())
    summary, errors = run(path)
    assert summary.created == 1, errors
    assert Report.objects.get().body.startswith("The caf\u00e9 was hit \u2013 \u201cno one survived\u201d.")


def test_utf16_file_is_refused_with_a_clear_reason(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(STORY_A.encode("utf-16"))
    summary, errors = run(path)
    assert errors == [f"{path}: the file is UTF-16; save it as UTF-8"]


def test_text_file_too_large_for_one_report_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        for _ in range(11):
            handle.write((STORY_A + "\n").encode() * (1_000_000 // len(STORY_A)))
    summary, errors = run(path)
    assert summary.failed == 1 and not Report.objects.exists()
    assert errors == [f"{path}: too large for one report (more than 10 MB); a file of many reports is a CSV or "
                      f"JSON Lines file"]


def test_missing_path_is_one_error(tmp_path):
    summary, errors = run(tmp_path / "nope.txt")
    assert errors == [f"{tmp_path / 'nope.txt'}: no such file or folder"]


def test_unsupported_file_type_is_one_error(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04")
    summary, errors = run(path)
    assert summary.failed == 1 and "unsupported file type .docx" in errors[0]


def test_plain_csv_layout_imports_every_field(tmp_path):
    path = write_csv(tmp_path / "plain.csv", ["title", "body", "published_on", "source", "url"],
                     [["Kafr Nabl", STORY_A, "2017-02-03", "Reuters", "https://example.org/1"]])
    summary, errors = run(path)
    assert summary.created == 1, errors
    report = Report.objects.get()
    assert (report.title, report.body, report.published_on) == ("Kafr Nabl", STORY_A, datetime.date(2017, 2, 3))
    assert (report.publisher.name, report.url) == ("Reuters", "https://example.org/1")


def test_fakes_layout_in_latin1_with_month_first_dates(tmp_path):
    path = write_csv(tmp_path / "fakes.csv",
                     ["unit_id", "article_title", "article_content", "source", "date", "location", "labels", ""],
                     [["1", "Caf\u00e9 hit", "Caf\u00e9 \u00b5 " + STORY_A, "ahram", "4/5/2017", "idlib", "1", ""],
                      ["2", "Families flee", STORY_B, "sana", "12/31/2016", "idlib", "0", ""]],
                     encoding="latin-1")
    summary, errors = run(path)
    assert (summary.created, summary.failed) == (2, 0), errors
    first = Report.objects.get(title="Caf\u00e9 hit")
    assert first.body.startswith("Caf\u00e9 \u00b5 ")
    assert (first.published_on, first.publisher.name) == (datetime.date(2017, 4, 5), "Al-Ahram")
    assert Report.objects.get(title="Families flee").published_on == datetime.date(2016, 12, 31)


def test_utf8_and_windows_1252_rows_in_one_file_are_each_read_right(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"title,body\n" + "Caf\u00e9,\"Caf\u00e9 \u2013 ".encode("utf-8") + STORY_A.encode() + b'"\n'
                     + "Se\u00f1or,\"Se\u00f1or \u2013 ".encode("cp1252") + STORY_B.encode() + b'"\n')
    summary, errors = run(path)
    assert summary.created == 2, errors
    assert Report.objects.get(title="Caf\u00e9").body.startswith("Caf\u00e9 \u2013 ")
    assert Report.objects.get(title="Se\u00f1or").body.startswith("Se\u00f1or \u2013 ")


def test_csv_without_a_body_column_names_what_it_found(tmp_path):
    path = write_csv(tmp_path / "wrong.csv", ["headline", "text_of_article"], [["a", STORY_A]])
    summary, errors = run(path)
    assert summary.failed == 1 and not Report.objects.exists()
    assert errors == [f"{path}: missing columns: expected article_title, article_content, source, date, location "
                      f"(FA-KES) or title, body, published_on, source, url; found 'headline', 'text_of_article'"]


def test_csv_with_only_a_header_is_one_error(tmp_path):
    path = write_csv(tmp_path / "header.csv", ["title", "body"], [])
    summary, errors = run(path)
    assert errors == [f"{path}: no rows after the header"]


def test_bad_rows_are_named_and_good_rows_kept(tmp_path):
    path = write_csv(tmp_path / "mixed.csv", ["title", "body", "published_on", "source", "url"],
                     [["one", STORY_A, "2017-02-03", "", ""],
                      ["two", "   ", "2017-02-03", "", ""],
                      ["three", STORY_B, "31/31/2017", "", ""],
                      ["four", STORY_C, "", "", "not a url"],
                      ["five", STORY_C, "", "", ""]])
    summary, errors = run(path)
    assert (summary.read, summary.created, summary.failed) == (5, 2, 3)
    assert errors == [
        f"{path}, row 2: empty body",
        f"{path}, row 3: date '31/31/2017' is not a date (expected YYYY-MM-DD or M/D/YYYY)",
        f"{path}, row 4: url 'not a url' is not a valid URL",
    ]
    assert sorted(Report.objects.values_list("title", flat=True)) == ["five", "one"]


def test_a_repeated_row_in_one_file_is_unchanged(tmp_path):
    path = write_csv(tmp_path / "twice.csv", ["title", "body"], [["one", STORY_A], ["again", STORY_A]])
    summary, _ = run(path)
    assert (summary.created, summary.unchanged) == (1, 1)


def test_json_lines_good_and_bad_lines(tmp_path):
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join([
        json.dumps({"title": "a", "body": STORY_A, "published_on": "2017-02-03", "source": "AFP"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no body"}),
        "",
        json.dumps({"title": "b", "body": STORY_B, "url": "https://example.org/b"}),
    ]) + "\n")
    summary, errors = run(path)
    assert (summary.read, summary.created, summary.failed) == (5, 2, 3)
    assert errors[0].startswith(f"{path}, line 2: not valid JSON")
    assert errors[1:] == [
        f"{path}, line 3: expected a JSON object with title, body, published_on, source, url",
        f"{path}, line 4: no body (a non-empty string is required)",
    ]
    assert Report.objects.get(title="a").publisher.name == "AFP"


def test_admin_upload_goes_through_the_same_import(tmp_path):
    path = write_csv(tmp_path / "upload.csv", ["title", "body", "published_on"],
                     [["one", STORY_A, "2017-02-03"], ["two", "", "2017-02-03"]])
    summary = import_upload("upload.csv", SimpleUploadedFile("upload.csv", path.read_bytes()))
    assert (summary.read, summary.created, summary.failed) == (2, 1, 1)
    assert summary.errors == ["upload.csv, row 2: empty body"]


def test_admin_upload_of_a_text_file(tmp_path):
    summary = import_upload("note.txt", SimpleUploadedFile("note.txt", ("date 2017-05-06\n" + STORY_C).encode()))
    assert summary.created == 1
    assert Report.objects.get().published_on == datetime.date(2017, 5, 6)
