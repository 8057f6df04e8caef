"""Every table as CSV: streamed, filtered exactly like its page, optionally HXL-tagged.

`/export/<name>.csv` takes the pages' query parameters (see dashboard/filters.py) and:

- `hxl=1` — a row of HXL hashtags under the header (https://hxlstandard.org/), so HDX, the HXL Proxy and
  libhxl know what each column is;
- `bom=1` — a UTF-8 byte-order mark first, so Excel shows Arabic names instead of mojibake.

Rows come from the database in chunks (`.iterator(chunk_size=...)`) and leave as soon as a batch of them is
written, so memory stays flat however many rows there are. An invalid filter is a 400 naming the parameter.

The five files:

- figures.csv, conditions.csv — one row per indicator (figure or condition), with its place (and the
  place's governorate and district), source, report and review status, and `counted` (whether
  summaries use it). Every review status is included; filter with `status`. In id order (the order
  they were recorded), which lets a million rows stream without a sort.
- reports.csv — one row per report, with how many figures and conditions were read from it.
- districts.csv — the districts page: one row per admin2 district with, per kind, the conservative figure
  (`killed`) and the highest figure any source gives (`killed_high`), summed over incidents without double
  counting (dashboard/summaries/), and the standing severity per sector (empty = not reported). Figures
  told only for a whole governorate or the country cannot be shared out and are not in this file.
- timeline.csv — the charts: `daily_incidents` rows (per day and kind: conservative and highest sum and
  number of incidents), `reported_total` rows (cumulative claims as stated, never summed), and
  `trapped_estimate` rows.

HXL tags. Every hashtag is from the HXL core schema (../shared/data/hxl/hxl_core_hashtags.hxl.csv); so are
these attributes: +id +occurred +reported +code +name +type +num +source +url +killed +injured +displaced
+hh +ar (Arabic names). HXL lets a dataset add attributes of its own; Sitrep adds these:

- `+besieged` — on `#affected`: people trapped in or besieged in an area (Sitrep's "trapped" kind,
  "Trapped or besieged"). HXL has no standard attribute for them.
- `+missing` — on `#affected`: people reported missing. No standard attribute either.
- `+high` — on `#affected+<kind>` (districts): the highest figure any source gives; the column without
  it is the conservative figure. On `#indicator+num` with `+low`: the range stated for a figure
  ("12 to 15": low 12, high 15).
- `+low` — see `+high`.
- `+water`, `+food`, `+health`, `+electricity`, `+communications`, `+shelter`, `+access` — on
  `#severity` (districts): the standing severity in that sector, 1 (minimal) to 5 (catastrophic).
- `+report` — on `#meta+id`: the id of the report a figure or condition was read from (joins the
  figures and conditions files to the reports file, whose own `#meta+id` is that id).
- `+title` — on `#meta`: the report's title; the quote itself is the row's `#description`.
- `+qualifier`, `+unit`, `+cumulative`, `+since`, `+group` — on `#indicator`: how the figure was stated
  ("at least", "about"...), whether it counts people or families, whether it is a running total (and
  since when, as written), and who (people, civilians, children, women, combatants).
- `+review` — on `#status`: the review status (unreviewed, verified, rejected, corrected).
- `+counted` — on `#meta`: whether summaries use the row (not rejected, report not a confirmed duplicate).
- `+record` — on `#meta` (timeline): what the row is (daily_incidents, reported_total, trapped_estimate).
- `+incidents` — on `#indicator+num` (timeline): how many incidents a day's sum is made of.
- `+duplicate` — on `#status` (reports): a report's duplicate status; on `#meta+id`: the report it
  duplicates.
- `+language` — on `#meta` (reports): the report's language code.
- `+figures`, `+conditions` — on `#indicator+num` (reports): how many figures and conditions were read
  from the report.

`#loc+type` carries the place's level (country, admin1, admin2, admin3, community, area, neighbourhood).

Spreadsheet safety: a text cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading
single quote (OWASP "CSV injection"). Numbers and dates are written by us and never negative, so they are
left alone and stay numbers.
"""

import csv
import itertools
import logging

from django.db import DatabaseError, connections, transaction
from django.db.models import Count, F, Q
from django.http import HttpResponse, StreamingHttpResponse

from reports.models import CONDITION_KINDS, FIGURE_KINDS, Indicator, Place, Report

from . import summaries
from .filters import IndicatorFilter, ReportFilter
from .views import viewer_required  # the pages' access rule (SITREP_PUBLIC, roles), the same for files

logger = logging.getLogger(__name__)

CHUNK_SIZE = 2000  # rows fetched from the database at a time
BATCH_ROWS = 500  # rows written per chunk of the HTTP response
DANGEROUS_FIRST = frozenset("=+-@\t\r")


def safe(text):
    """Neutralise a text cell a spreadsheet would otherwise run as a formula."""
    if text and text[0] in DANGEROUS_FIRST:
        return "'" + text
    return text


def iso(day):
    return day.isoformat() if day else ""


def number(value):
    return "" if value is None else value


def boolean(value):
    return "true" if value else "false"


def admin_names(raw=False):
    """Governorate and district names by P-code, (English, Arabic): 76 rows, read once per download.
    The names are neutralised here, once, rather than on every row (unless `raw`)."""
    places = Place.objects.filter(level__in=[Place.Level.ADMIN1, Place.Level.ADMIN2])
    safe_ = (lambda text: text) if raw else safe
    names = {pcode: (safe_(en), safe_(ar)) for pcode, en, ar in places.values_list("pcode", "name_en", "name_ar")}
    names[""] = names[None] = ("", "")
    return names


# Each table: (header, HXL tag). The row functions below give the values in this order.
ADMIN_COLUMNS = [
    ("admin1_pcode", "#adm1+code"), ("admin1_name", "#adm1+name"), ("admin1_name_ar", "#adm1+name+ar"),
    ("admin2_pcode", "#adm2+code"), ("admin2_name", "#adm2+name"), ("admin2_name_ar", "#adm2+name+ar"),
]
PLACE_COLUMNS = [
    *ADMIN_COLUMNS,
    ("place_pcode", "#loc+code"), ("place_name", "#loc+name"), ("place_name_ar", "#loc+name+ar"),
    ("place_level", "#loc+type"),
]
PROVENANCE_COLUMNS = [
    ("source", "#meta+source"), ("publisher", "#org+name"),
    ("report_title", "#meta+title"), ("report_url", "#meta+url"),
    ("review_status", "#status+review"), ("counted", "#meta+counted"), ("quote", "#description"),
]
FIGURE_COLUMNS = [
    ("id", "#meta+id"), ("report_id", "#meta+id+report"),
    ("date", "#date+occurred"), ("reported_on", "#date+reported"),
    *PLACE_COLUMNS,
    ("kind", "#indicator+type"), ("group", "#indicator+group"),
    ("value", "#indicator+num"), ("low", "#indicator+num+low"), ("high", "#indicator+num+high"),
    ("qualifier", "#indicator+qualifier"), ("unit", "#indicator+unit"),
    ("cumulative", "#indicator+cumulative"), ("since", "#indicator+since"),
    *PROVENANCE_COLUMNS,
]
CONDITION_COLUMNS = [
    ("id", "#meta+id"), ("report_id", "#meta+id+report"),
    ("date", "#date+occurred"), ("reported_on", "#date+reported"),
    *PLACE_COLUMNS,
    ("sector", "#sector"), ("severity", "#severity"), ("severity_label", "#severity+name"),
    *PROVENANCE_COLUMNS,
]
REPORT_COLUMNS = [
    ("id", "#meta+id"), ("published_on", "#date+reported"), ("title", "#meta+title"),
    ("publisher", "#org+name"), ("url", "#meta+url"), ("language", "#meta+language"),
    ("duplicate_status", "#status+duplicate"), ("duplicate_of", "#meta+id+duplicate"),
    ("figures", "#indicator+num+figures"), ("conditions", "#indicator+num+conditions"),
]

# The per-district summary: conservative (low) and highest (high) figures per kind, as on the page.
SUMMARY_SERIES = [
    ("killed", "#affected+killed"), ("injured", "#affected+injured"), ("missing", "#affected+missing"),
    ("displaced", "#affected+displaced"), ("trapped", "#affected+besieged"),
    *[(f"{kind}_families", f"#affected+{kind}+hh")
      for kind in ("killed", "injured", "missing", "displaced")],
]
DISTRICT_COLUMNS = [
    *ADMIN_COLUMNS,
    *[column for series, tag in SUMMARY_SERIES
      for column in ((series, tag), (f"{series}_high", f"{tag}+high"))],
    *[(f"{sector}_severity", f"#severity+{sector}") for sector in CONDITION_KINDS],
    ("conditions_as_of", "#date+reported"),
]
TIMELINE_COLUMNS = [
    ("record", "#meta+record"), ("date", "#date"), ("kind", "#indicator+type"), ("group", "#indicator+group"),
    ("unit", "#indicator+unit"), ("place_pcode", "#loc+code"), ("place_name", "#loc+name"),
    ("value", "#indicator+num"), ("low", "#indicator+num+low"), ("high", "#indicator+num+high"),
    ("incidents", "#indicator+num+incidents"), ("qualifier", "#indicator+qualifier"),
    ("since", "#indicator+since"), ("source", "#meta+source"), ("report_id", "#meta+id+report"),
    ("figure_id", "#meta+id"),
]

TABLE_COLUMNS = {"figures": FIGURE_COLUMNS, "conditions": CONDITION_COLUMNS, "reports": REPORT_COLUMNS,
                 "districts": DISTRICT_COLUMNS, "timeline": TIMELINE_COLUMNS}

INDICATOR_FIELDS = [
    "id", "report_id", "date", "report__published_on",
    "place__admin1_pcode", "place__admin2_pcode", "place__pcode", "place__name_en", "place__name_ar",
    "place__level",
    "kind", "group", "value", "low", "high", "qualifier", "unit", "cumulative", "since", "severity",
    "source__name", "report__publisher__name", "report__title", "report__url", "status",
    "report__duplicate_status", "quote",
]
SEVERITY_LABELS = {value: label.split(" ", 1)[1] for value, label in Indicator.Severity.choices}


def in_chunks(queryset):
    """The queryset's rows, fetched CHUNK_SIZE at a time.

    On PostgreSQL this is a server-side cursor. In autocommit mode Django declares it WITH HOLD, and
    PostgreSQL then computes and stores the whole result before handing over the first row (a million
    rows: seconds of silence, then the work done twice). Inside a transaction it hands rows over as it
    finds them, so the download starts at once and the database works while we write."""
    connection = connections[queryset.db]
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with transaction.atomic(using=queryset.db):
            yield from queryset.iterator(chunk_size=CHUNK_SIZE)
    else:
        yield from queryset.iterator(chunk_size=CHUNK_SIZE)


def indicator_records(rows, figures, names):
    """Records of figures.csv (figures=True) or conditions.csv from `rows`, tuples of INDICATOR_FIELDS;
    `names` from admin_names(). The API's figures/ and conditions/ pages are made of the same records."""
    figure_columns = [column for column, _tag in (FIGURE_COLUMNS if figures else CONDITION_COLUMNS)]
    unknown = ("", "")
    for (pk, report_id, day, published_on, adm1, adm2, pcode, place_name, place_name_ar, level, kind, group,
         value, low, high, qualifier, unit, cumulative, since, severity, source, publisher, title, url, status,
         duplicate_status, quote) in rows:
        counted = status != "rejected" and duplicate_status != "confirmed"
        adm1_en, adm1_ar = names.get(adm1, unknown)
        adm2_en, adm2_ar = names.get(adm2, unknown)
        head = [pk, report_id, day, published_on, adm1 or "", adm1_en, adm1_ar, adm2 or "", adm2_en, adm2_ar,
                pcode or "", place_name or "", place_name_ar or "", level or "", kind]
        if figures:
            middle = [group, value, low, high, qualifier, unit, cumulative, since]
        else:
            middle = [severity, SEVERITY_LABELS.get(severity, "")]
        yield dict(zip(figure_columns, head + middle + [source or "", publisher or "", title or "", url or "",
                                                         status, counted, quote], strict=True))


def _indicator_rows(indicators, figures):
    # In id order (the order they were recorded): rows stream straight off the primary key, where a
    # date order would make the database sort every row before sending the first.
    rows = indicators.order_by("id").values_list(*INDICATOR_FIELDS)
    return map(cells, indicator_records(in_chunks(rows), figures, admin_names(raw=True)))


# --- PostgreSQL: the same rows written by the database itself (COPY ... TO STDOUT) ---------------
#
# Each row above costs Python a tuple, a dozen function calls and csv quoting; PostgreSQL's COPY writes
# the same CSV from the same filtered query in a fraction of the time, streamed to us in blocks we pass
# on untouched (memory stays flat). The query is the FilterSet's own (its SQL from the ORM), wrapped in
# a SELECT that joins the governorate and district names and applies the same rules as the row
# functions: the formula guard, true/false, nothing for NULL, ISO dates. The tests compare both paths
# cell by cell on the same data.

def _safe_sql(column):
    # A text cell starting with = + - @ tab or CR gets a leading quote, as safe() does.
    return (f"CASE WHEN left({column}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) "
            f"THEN '''' || {column} ELSE {column} END")


def _text_sql(column):
    # NULLIF: COPY writes an empty string as "" and NULL as nothing; csv.writer writes both as nothing.
    return f"NULLIF({_safe_sql(column)}, '')"


def _bool_sql(condition):
    return f"CASE WHEN {condition} THEN 'true' ELSE 'false' END"


_COPY_INDICATOR_VALUES = {
    "c_id": "id", "c_report": "report_id", "c_date": "date", "c_published": "report__published_on",
    "c_adm1": "place__admin1_pcode", "c_adm2": "place__admin2_pcode", "c_pcode": "place__pcode",
    "c_place": "place__name_en", "c_place_ar": "place__name_ar", "c_level": "place__level",
    "c_kind": "kind", "c_group": "group", "c_value": "value", "c_low": "low", "c_high": "high",
    "c_qualifier": "qualifier", "c_unit": "unit", "c_cumulative": "cumulative", "c_since": "since",
    "c_severity": "severity", "c_source": "source__name", "c_publisher": "report__publisher__name",
    "c_title": "report__title", "c_url": "report__url", "c_status": "status",
    "c_duplicate": "report__duplicate_status", "c_quote": "quote",
}


def _copy_indicators_sql(indicators, figures):
    inner = indicators.order_by().values(**{alias: F(path) for alias, path in _COPY_INDICATOR_VALUES.items()})
    sql, params = inner.query.sql_with_params()
    place = Place._meta.db_table
    head = ["f.c_id", "f.c_report", "f.c_date", "f.c_published",
            _text_sql("f.c_adm1"), _text_sql("a1.name_en"), _text_sql("a1.name_ar"),
            _text_sql("f.c_adm2"), _text_sql("a2.name_en"), _text_sql("a2.name_ar"),
            _text_sql("f.c_pcode"), _text_sql("f.c_place"), _text_sql("f.c_place_ar"), "NULLIF(f.c_level, '')",
            "f.c_kind"]
    if figures:
        middle = ["NULLIF(f.c_group, '')", "f.c_value", "f.c_low", "f.c_high", "NULLIF(f.c_qualifier, '')",
                  "NULLIF(f.c_unit, '')", _bool_sql("f.c_cumulative"), _text_sql("f.c_since")]
    else:
        labels = " ".join(f"WHEN {value} THEN '{label}'" for value, label in SEVERITY_LABELS.items())
        middle = ["f.c_severity", f"CASE f.c_severity {labels} END"]
    tail = [_text_sql("f.c_source"), _text_sql("f.c_publisher"), _text_sql("f.c_title"), _text_sql("f.c_url"),
            "f.c_status", _bool_sql("f.c_status <> 'rejected' AND f.c_duplicate <> 'confirmed'"),
            _text_sql("f.c_quote")]
    return (f"SELECT {', '.join(head + middle + tail)} FROM ({sql}) AS f "
            f"LEFT JOIN {place} a1 ON a1.pcode = f.c_adm1 AND f.c_adm1 <> '' "
            f"LEFT JOIN {place} a2 ON a2.pcode = f.c_adm2 AND f.c_adm2 <> '' "
            f"ORDER BY f.c_id"), params


def _copy_reports_sql(reports):
    inner = (reports.order_by()
             .annotate(c_figures=Count("indicators", filter=Q(indicators__kind__in=FIGURE_KINDS)),
                       c_conditions=Count("indicators", filter=Q(indicators__kind__in=CONDITION_KINDS)))
             .values("c_figures", "c_conditions", c_id=F("id"), c_published=F("published_on"),
                     c_title=F("title"), c_publisher=F("publisher__name"), c_url=F("url"),
                     c_language=F("language"), c_duplicate=F("duplicate_status"),
                     c_duplicate_of=F("duplicate_of_id")))
    sql, params = inner.query.sql_with_params()
    select = ", ".join(["f.c_id", "f.c_published", _text_sql("f.c_title"), _text_sql("f.c_publisher"),
                        _text_sql("f.c_url"), _text_sql("f.c_language"), "NULLIF(f.c_duplicate, '')",
                        "f.c_duplicate_of", "f.c_figures", "f.c_conditions"])
    # Report.objects.latest_first()'s order: newest first, undated last.
    return f"SELECT {select} FROM ({sql}) AS f ORDER BY f.c_published DESC NULLS LAST, f.c_id DESC", params


COPY_QUERIES = {
    "figures": lambda filters: _copy_indicators_sql(filters.qs.filter(kind__in=FIGURE_KINDS), figures=True),
    "conditions": lambda filters: _copy_indicators_sql(filters.qs.filter(kind__in=CONDITION_KINDS),
                                                       figures=False),
    "reports": lambda filters: _copy_reports_sql(filters.qs),
}


COPY_CHUNK_BYTES = 64 * 1024  # bytes of CSV per chunk of the HTTP response


def copy_blocks(sql, params, using="default"):
    """The CSV rows of `sql` as PostgreSQL's COPY writes them, in chunks of about COPY_CHUNK_BYTES.

    PostgreSQL sends a COPY one row per message and psycopg hands over one message at a time: passed on
    as they come, every row of a million was a chunk of its own for Django and a write to the socket for
    gunicorn (figures.csv took 6x the COPY's time). Gathered into 64 KiB chunks they cost a few thousand."""
    connection = connections[using]
    statement = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)"
    if connection.queries_logged:  # counted like any query (debug, query-count tests)
        connection.queries_log.append({"sql": statement, "time": "0.000"})
    with connection.cursor() as cursor:
        with cursor.cursor.copy(statement, params) as copy:
            chunk = bytearray()
            for block in copy:
                chunk += block
                if len(chunk) >= COPY_CHUNK_BYTES:
                    yield bytes(chunk)
                    chunk.clear()
            if chunk:
                yield bytes(chunk)


def figure_rows(indicators):
    return _indicator_rows(indicators.filter(kind__in=FIGURE_KINDS), figures=True)


def condition_rows(indicators):
    return _indicator_rows(indicators.filter(kind__in=CONDITION_KINDS), figures=False)


def report_rows(reports):
    rows = (reports.latest_first()
            .annotate(figures=Count("indicators", filter=Q(indicators__kind__in=FIGURE_KINDS)),
                      conditions=Count("indicators", filter=Q(indicators__kind__in=CONDITION_KINDS)))
            .values_list("id", "published_on", "title", "publisher__name", "url", "language",
                         "duplicate_status", "duplicate_of_id", "figures", "conditions"))
    for pk, published_on, title, publisher, url, language, duplicate, duplicate_of, figures, conditions in (
            in_chunks(rows)):
        yield [pk, iso(published_on), safe(title), safe(publisher or ""), safe(url), safe(language),
               duplicate, number(duplicate_of), figures, conditions]


def cells(record):
    """A record (column name -> value, None when empty) as CSV cells: text neutralised for spreadsheets,
    dates as ISO, booleans as true/false, empty as ""."""
    out = []
    for value in record.values():
        if value is None:
            out.append("")
        elif isinstance(value, bool):
            out.append(boolean(value))
        elif isinstance(value, str):
            out.append(safe(value))
        elif hasattr(value, "isoformat"):
            out.append(value.isoformat())
        else:
            out.append(value)
    return out


def district_records(indicators):
    """One record per admin2 district, as the districts page (summaries.district_summary; `indicators`: an
    IndicatorFilter or a QuerySet), then as on the page a record for what was told for the filter's place
    (else Syria) as a whole and the total, which is the overview's card (their admin2_name says so: "(told
    for Aleppo as a whole)", "(total)"; admin2_pcode empty): the rows of districts.csv and of the API's
    districts/, typed."""
    summary = summaries.district_summary(indicators)
    names = admin_names(raw=True)
    for row in summary.rows:
        record = {"admin1_pcode": row.parent_pcode, "admin1_name": row.parent_name,
                  "admin1_name_ar": names.get(row.parent_pcode, ("", ""))[1],
                  "admin2_pcode": row.pcode, "admin2_name": row.name,
                  "admin2_name_ar": names.get(row.pcode, ("", ""))[1]}
        for series, _tag in SUMMARY_SERIES:
            record[series], record[f"{series}_high"] = row.figures.get(series, (None, None))
        for sector in CONDITION_KINDS:
            record[f"{sector}_severity"] = row.conditions.get(sector)
        record["conditions_as_of"] = summary.as_of
        yield record
    if not summary.rows:
        return
    within = None
    if isinstance(indicators, IndicatorFilter) and indicators.is_valid():
        within = indicators.form.cleaned_data.get("place")
    whole = within.name_en if within is not None else "Syria"
    for label, figures in ((f"(told for {whole} as a whole)", summary.above), ("(total)", summary.total)):
        record = {"admin1_pcode": within.pcode if within is not None else "",
                  "admin1_name": whole if within is not None else "", "admin1_name_ar": "",
                  "admin2_pcode": "", "admin2_name": label, "admin2_name_ar": ""}
        for series, _tag in SUMMARY_SERIES:
            record[series], record[f"{series}_high"] = figures.get(
                series, (0, 0) if series in summary.total else (None, None))
        for sector in CONDITION_KINDS:
            record[f"{sector}_severity"] = None
        record["conditions_as_of"] = None
        yield record


def district_rows(indicators):
    return map(cells, district_records(indicators))


def timeline_records(indicators, place=None):
    """The overview's (or a place's) charts as records: incidents summed per day and series, then the
    reported totals, then the trapped estimates (summaries.timeline; `indicators`: an IndicatorFilter or
    a QuerySet). The rows of timeline.csv and of the API's timeline/."""
    series = summaries.timeline(indicators)
    pcode, name = (place.pcode, place.name_en) if place else ("", "")
    columns = [column for column, _tag in TIMELINE_COLUMNS]

    def record(*values):
        return dict(zip(columns, values, strict=True))

    for key, days in series["incidents"].items():
        kind, _, unit = key.partition("_")
        for day in days:
            yield record("daily_incidents", day["date"], kind, "", unit or "people", pcode, name, None, day["low"],
                         day["high"], day["incidents"], "", "", "", None, None)
    for total in series["totals"]:
        yield record("reported_total", total["date"], total["kind"], total["group"], total["unit"],
                     total["place_pcode"], total["place_name"], total["value"], total["low"], total["high"], None,
                     total["qualifier"], total["since"], total["source"], total["report_id"], total["figure_id"])
    for estimate in series["trapped"]:
        yield record("trapped_estimate", estimate["date"], "trapped", "", "people", estimate["place_pcode"],
                     estimate["place_name"], estimate["value"], estimate["value"], estimate["high"], None, "", "",
                     estimate["source"], None, estimate["figure_id"])


def timeline_rows(indicators, place=None):
    return map(cells, timeline_records(indicators, place))


class _Lines:
    """A file-like object for csv.writer that keeps what it is given until taken."""

    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)

    def take(self):
        text, self.parts = "".join(self.parts), []
        return text.encode("utf-8")


def csv_stream(columns, rows, *, hxl=False, bom=False, written=False):
    """The CSV file as a stream of byte chunks: header, optional HXL row, then rows in batches; with
    `written`, `rows` are blocks of CSV already written (by PostgreSQL's COPY), passed on as they are.
    Lines end in a line feed either way (COPY's ending; csv.writer is told the same)."""
    lines = _Lines()
    writer = csv.writer(lines, lineterminator="\n")
    writer.writerow([header for header, _ in columns])
    if hxl:
        writer.writerow([tag for _, tag in columns])
    yield (b"\xef\xbb\xbf" if bom else b"") + lines.take()
    if written:
        yield from _passed_on(rows)
        return
    batch, count = [], 0
    try:
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH_ROWS:
                writer.writerows(batch)
                count += len(batch)
                batch = []
                yield lines.take()
    except Exception:
        # The 200 and the header are gone: say in the file that it is cut short, then fail the response
        # (the server drops the connection without ending it), so no short file passes for a whole one.
        logger.exception("CSV download failed after %d rows", count)
        yield f"\nDOWNLOAD FAILED after {count} rows: this file is incomplete.\n".encode()
        raise
    if batch:
        writer.writerows(batch)
        yield lines.take()


def _passed_on(blocks):
    size = 0
    try:
        for block in blocks:
            size += len(block)
            yield block
    except Exception:
        logger.exception("CSV download failed after %d bytes", size)
        yield f"\nDOWNLOAD FAILED after {size:,} bytes: this file is incomplete.\n".encode()
        raise
    finally:
        # A response closed before its end (the client went away) ends the COPY now, not when collected.
        close = getattr(blocks, "close", None)
        if close is not None:
            close()


def file_name(name, cleaned):
    """`sitrep-figures-SY0200-2016-09-01-2016-12-31.csv`: the place and dates only when filtered."""
    parts = ["sitrep", name]
    if cleaned.get("place"):
        parts.append(cleaned["place"].pcode)
    start, end = cleaned.get("date_after"), cleaned.get("date_before")
    if start and end:
        parts += [start.isoformat(), end.isoformat()]
    elif start:
        parts += ["from", start.isoformat()]
    elif end:
        parts += ["to", end.isoformat()]
    return "-".join(parts) + ".csv"


def _flag(request, name):
    return request.GET.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _bad_filter(filterset):
    lines = [f"{field}: {' '.join(errors)}" for field, errors in filterset.errors.items()]
    return HttpResponse("Invalid filter.\n" + "\n".join(lines) + "\n", status=400,
                        content_type="text/plain; charset=utf-8")


def streamed_csv(request, filename, columns, rows, written=False):
    # The first row is read before anything is sent, so a query the database refuses is an error
    # response, not a 200 with a header and nothing after it. Not a COPY (`written`): it would hold the
    # connection from the view until the response is read, and a response never read (a client that only
    # wanted the status) would keep it; a COPY that fails says so in the file (csv_stream).
    if not written:
        rows = iter(rows)
        try:
            first = list(itertools.islice(rows, 1))
        except DatabaseError:
            logger.exception("CSV download %s failed before its first row", filename)
            return HttpResponse("The download failed: the database could not answer this filter. Try again, "
                                "or narrow the filter.\n", status=503, content_type="text/plain; charset=utf-8")
        rows = itertools.chain(first, rows)
    response = StreamingHttpResponse(
        csv_stream(columns, rows, hxl=_flag(request, "hxl"), bom=_flag(request, "bom"), written=written),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


TABLES = {
    # name: (FilterSet, queryset, rows from the valid FilterSet and its cleaned data). The summaries are
    # given the FilterSet itself, from which they can read their stored totals (summaries rule 9).
    "figures": (IndicatorFilter, Indicator.objects.all, lambda filters, cleaned: figure_rows(filters.qs)),
    "conditions": (IndicatorFilter, Indicator.objects.all, lambda filters, cleaned: condition_rows(filters.qs)),
    "reports": (ReportFilter, Report.objects.all, lambda filters, cleaned: report_rows(filters.qs)),
    "districts": (IndicatorFilter, Indicator.objects.all, lambda filters, cleaned: district_rows(filters)),
    "timeline": (IndicatorFilter, Indicator.objects.all,
                 lambda filters, cleaned: timeline_rows(filters, cleaned.get("place"))),
}


def export_table(request, name):
    filterset_class, queryset, rows = TABLES[name]
    filterset = filterset_class(request.GET, queryset=queryset())
    if not filterset.is_valid():
        return _bad_filter(filterset)
    cleaned = filterset.form.cleaned_data
    if name in COPY_QUERIES and connections[filterset.qs.db].vendor == "postgresql":
        # The COPY itself starts when the file is read; a database that does not answer is a 503 now.
        connections[filterset.qs.db].ensure_connection()
        sql, params = COPY_QUERIES[name](filterset)
        return streamed_csv(request, file_name(name, cleaned), TABLE_COLUMNS[name],
                            copy_blocks(sql, params, filterset.qs.db), written=True)
    return streamed_csv(request, file_name(name, cleaned), TABLE_COLUMNS[name], rows(filterset, cleaned))


@viewer_required
def export_figures(request):
    return export_table(request, "figures")


@viewer_required
def export_conditions(request):
    return export_table(request, "conditions")


@viewer_required
def export_reports(request):
    return export_table(request, "reports")


@viewer_required
def export_districts(request):
    return export_table(request, "districts")


@viewer_required
def export_timeline(request):
    return export_table(request, "timeline")
