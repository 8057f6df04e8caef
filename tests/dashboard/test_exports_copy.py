"""On PostgreSQL the figures, conditions and reports downloads are written by the database (COPY); they
must be the very bytes the row-by-row writer gives (the SQLite path), on awkward data."""

import pytest
from django.db import connection
from django.urls import reverse

from dashboard import exports
from dashboard.filters import IndicatorFilter, ReportFilter
from reports.models import Indicator, Place, Report, Source

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")

AWKWARD = ['=HYPERLINK("x")', "+1 dead", "-", "@home", "\ttab", 'He said "12, maybe 15"\r\nthen left',
           "", "قتل 12 شخصا", "plain"]


@pytest.fixture
def awkward(places, scenario):
    Place.objects.filter(pcode="SY0200").update(name_en="=Jebel Saman", name_ar="جبل سمعان")
    made = scenario("""
        | report | published  | publisher | kind     | value | low | high | qualifier | severity | place | source | cumulative | since         | status     | duplicate |
        | a      | 2016-10-05 | SOHR      | killed   | 12    | 12  | -    | at_least  | -        | N0123 | SOHR   | -          | -             | unreviewed | -         |
        | a      | 2016-10-05 | SOHR      | injured  | 20    | -   | 30   | up_to     | -        | C1007 | -      | -          | -             | verified   | -         |
        | b      | 2016-10-06 | =Evil     | killed   | 900   | -   | -    | exact     | -        | SY02  | =Evil  | yes        | -mid-November | rejected   | confirmed |
        | b      | 2016-10-06 | =Evil     | water    | -     | -   | -    | -         | 4        | SY0700| =Evil  | -          | -             | corrected  | confirmed |
        | c      | -          | -         | displaced| 300   | -   | -    | about     | -        | -     | -      | -          | -             | unreviewed | -         |
        | c      | -          | -         | health   | -     | -   | -    | -         | 5        | -     | -      | -          | -             | unreviewed | -         |
    """)
    for indicator, text in zip(made, AWKWARD):
        indicator.quote = text
        indicator.save(update_fields=["quote"])
    report = made[0].report
    report.title, report.url = "@Aleppo, \"besieged\"\nagain", "https://example.org/a?b=1,2"
    report.save(update_fields=["title", "url"])
    Source.objects.filter(name="SOHR").update(name="+SOHR, UK")
    return made


def _download(client, name, params=None):
    response = client.get(reverse(f"dashboard:export_{name}"), params or {})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _rows_written(name, params=None):
    filterset_class, queryset, rows = exports.TABLES[name]
    filters = filterset_class(params or {}, queryset=queryset())
    assert filters.is_valid()
    return b"".join(exports.csv_stream(exports.TABLE_COLUMNS[name], rows(filters, filters.form.cleaned_data)))


@pytest.mark.parametrize("name", ["figures", "conditions", "reports"])
@pytest.mark.parametrize("params", [{}, {"place": "SY02"}, {"status": "unreviewed"}, {"date_after": "2016-10-06"}])
def test_copy_writes_the_same_bytes_as_the_row_writer(client, awkward, name, params):
    by_copy = _download(client, name, params)
    assert by_copy == _rows_written(name, params)
    assert by_copy.count(b"\n") >= 2 or params


def test_copy_download_keeps_the_formula_guard_and_the_hxl_row(client, awkward):
    body = _download(client, "figures", {"hxl": "1"}).decode()
    lines = body.split("\n")
    assert lines[1].startswith("#meta+id,#meta+id+report,#date+occurred")
    assert "'=Jebel Saman" in body
    assert "\"'+SOHR, UK\"" in body
    assert "'=HYPERLINK" in body and "'-mid-November" in body


def test_copy_download_with_an_empty_result_is_the_header_alone(client, awkward):
    body = _download(client, "figures", {"date_after": "2020-01-01"})
    assert body.decode().count("\n") == 1


@pytest.mark.django_db
def test_copy_rows_leave_in_chunks_of_64_kib_not_one_by_one():
    # PostgreSQL sends a COPY one row per message; passed on one by one, a million rows were a million
    # writes to the socket. Gathered, every chunk but the last holds at least COPY_CHUNK_BYTES.
    sql = "SELECT g, repeat('x', 90) FROM generate_series(1, %s) AS g"
    chunks = list(exports.copy_blocks(sql, [5000]))
    assert b"".join(chunks) == b"".join(f"{n},{'x' * 90}\n".encode() for n in range(1, 5001))
    assert len(chunks) > 1
    assert all(len(chunk) >= exports.COPY_CHUNK_BYTES for chunk in chunks[:-1])
    assert all(len(chunk) < exports.COPY_CHUNK_BYTES + 200 for chunk in chunks)
