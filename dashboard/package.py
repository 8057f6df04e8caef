"""`/export/package.zip`: the five CSV files of a filter as one Frictionless data package.

The zip holds figures.csv, conditions.csv, reports.csv, districts.csv and timeline.csv exactly as the
single downloads write them (dashboard/exports.py, same rows and columns) but without the HXL hashtag row:
a Frictionless table has one header row, and a row of hashtags would be read as data (and fail every
integer column). Each column's HXL hashtag is given instead in datapackage.json (the field's `rdfType`
is left alone; the tag is in the field's `description` and in `hxl`), and the HXL variant of each file
stays one link away (`hxl=1`). Beside them: a README.md saying what was filtered, how the numbers are
made, their caveats and attribution, and datapackage.json (Data Package v1, table schemas with field
types), written here without the frictionless library; the tests validate it with frictionless.

`status=reviewed` (or any status) narrows it like the pages; the download links offer the reviewed-only
package beside the whole one. The package is assembled in a temporary file (in memory up to 16 MB).
"""

import datetime
import json
import tempfile
import zipfile

from django.http import FileResponse
from django.urls import reverse

from reports.ingest import PUBLISHER_NAMES
from reports.models import Indicator, Report

from . import exports
from .filters import STATUS_CHOICES, IndicatorFilter, ReportFilter
from .views import viewer_required

TABLE_TITLES = {
    "figures": "Figures: one row per number read from a report (people killed, injured, missing, trapped, displaced)",
    "conditions": "Conditions: one row per sector severity read from a report (water, food, health...)",
    "reports": "Reports: one row per report, with how many figures and conditions were read from it",
    "districts": "Districts: per admin2 district, conservative and highest figures and standing severities",
    "timeline": "Timeline: incidents summed per day and kind, reported running totals, trapped estimates",
}
INTEGER = {"id", "report_id", "figure_id", "value", "low", "high", "severity", "figures", "conditions",
           "duplicate_of", "incidents"}
BOOLEAN = {"cumulative", "counted"}
DATE = {"date", "reported_on", "published_on", "conditions_as_of"}
PRIMARY_KEYS = {"figures": "id", "conditions": "id", "reports": "id"}


def field_type(table, name):
    if name in DATE:
        return "date"
    if name in BOOLEAN:
        return "boolean"
    if name in INTEGER or (table == "districts" and not name.startswith("admin")):
        return "integer"  # a district's figures and severities
    return "string"


def table_schema(table):
    fields = []
    for name, tag in exports.TABLE_COLUMNS[table]:
        kind = field_type(table, name)
        field = {"name": name, "type": kind, "description": f"HXL: {tag}", "hxl": tag}
        if kind == "integer":
            field["constraints"] = {"minimum": 0}
        if kind == "boolean":
            field["trueValues"], field["falseValues"] = ["true"], ["false"]
        fields.append(field)
    schema = {"fields": fields, "missingValues": [""]}
    if table in PRIMARY_KEYS:
        schema["primaryKey"] = [PRIMARY_KEYS[table]]
    return schema


def package_name(cleaned):
    return exports.file_name("package", cleaned)[: -len(".csv")]


def describe_filter(cleaned):
    """The filter in words, one line per parameter ("Place: Aleppo (SY02, governorate)")."""
    statuses = dict(STATUS_CHOICES)
    kinds = dict(Indicator.Kind.choices)
    lines = []
    if cleaned.get("date_after") or cleaned.get("date_before"):
        start = cleaned.get("date_after")
        end = cleaned.get("date_before")
        lines.append(f"Dates: {start.isoformat() if start else 'any'} to {end.isoformat() if end else 'any'} "
                     "(a figure's own date, else its report's; reports by publication date)")
    else:
        lines.append("Dates: all (including undated figures)")
    place = cleaned.get("place")
    lines.append(f"Place: {place.label if place else 'all of Syria'}")
    if cleaned.get("kind"):
        lines.append("Kinds: " + ", ".join(kinds.get(k, k) for k in cleaned["kind"]))
    if cleaned.get("source"):
        lines.append(f"Source: {cleaned['source'].name}")
    lines.append("Review status: " + (statuses.get(cleaned["status"], cleaned["status"])
                                      if cleaned.get("status") else "any (reviewed and not yet reviewed)"))
    if (cleaned.get("q") or "").strip():
        lines.append(f"Text search: {cleaned['q'].strip()}")
    return lines


def readme(request, cleaned, counts, with_fakes):
    query = request.GET.urlencode()
    site = request.build_absolute_uri(reverse("dashboard:overview"))
    lines = [
        "# Sitrep data package",
        "",
        f"Made by Sitrep on {datetime.date.today().isoformat()} from {site}"
        f"{'?' + query if query else ''}.",
        "",
        "## What was filtered",
        "",
        *[f"- {line}" for line in describe_filter(cleaned)],
        "",
        "## Files",
        "",
        *[f"- `{name}.csv` ({counts[name]} rows): {TABLE_TITLES[name]}" for name in exports.TABLE_COLUMNS],
        "- `datapackage.json`: a Frictionless Data Package describing the five tables and the type of "
        "every column; each column's HXL hashtag is in its `hxl` property. The same files with an HXL "
        "hashtag row under the header are downloaded from Sitrep with `hxl=1`.",
        "",
        "Dates are YYYY-MM-DD. Empty cells are empty: a number the text did not give is never filled in.",
        "",
        "## Caveats",
        "",
        "- Figures are read from news and situation reports by a machine, then reviewed by analysts. "
        "`review_status` says which were reviewed; an unreviewed figure may be misread (about one in ten, "
        "measured on reports never used to build the reader). "
        + ("This package holds reviewed figures only." if cleaned.get("status") == "reviewed" else
           "For reviewed figures only, download the package with `status=reviewed`."),
        "- A number is what a report says, not a verified count. One incident told by several outlets is "
        "one incident: in `districts.csv` and `timeline.csv` the column without `_high` (or `low`) is the "
        "conservative figure that every account supports, and the high one the largest any gives.",
        "- Running totals (`cumulative` true; `reported_total` rows) are as stated and never added to daily "
        "figures. Children and women are counted within their totals, not beside them.",
        "- Rejected figures and reports confirmed as duplicates are listed (`counted` false) but left out of "
        "the summaries.",
        "- Figures told only for a whole governorate or for Syria are not shared out among districts.",
        "",
        "## Attribution",
        "",
        "- Places and P-codes: the OCHA Syria P-code gazetteer, United Nations Cartographic Section and UN "
        "OCHA, \"Syrian Arab Republic - Subnational Administrative Boundaries\", published on HDX "
        "(https://data.humdata.org/).",
    ]
    if with_fakes:
        lines.append(
            "- Reports from FA-KES: Abu Salem, Al Feel, Elbassuoni, Jaber and Farah (2019), \"FA-KES: A Fake "
            "News Dataset around the Syrian War\", ICWSM; doi:10.5281/zenodo.2607278; CC BY 4.0. FA-KES "
            "labels some of its articles as fake news: their figures are what the articles say.")
    lines += [
        "- Column tags: the Humanitarian Exchange Language (HXL) core schema, HXL Working Group "
        "(https://hxlstandard.org/); Sitrep's own attributes are listed in its dashboard/exports.py.",
        "",
    ]
    return "\n".join(lines)


def datapackage(request, cleaned, with_fakes):
    sources = [{"title": "OCHA Syria P-code gazetteer (United Nations Cartographic Section, UN OCHA)",
                "path": "https://data.humdata.org/"}]
    if with_fakes:
        sources.append({"title": "FA-KES: A Fake News Dataset around the Syrian War (CC BY 4.0)",
                        "path": "https://doi.org/10.5281/zenodo.2607278"})
    return {
        "profile": "tabular-data-package",
        "name": package_name(cleaned).lower(),
        "title": "Sitrep: " + "; ".join(describe_filter(cleaned)),
        "description": "Figures and conditions read from reports on Syria, their reports, and the summaries "
                       "Sitrep makes of them. See README.md for the filter, caveats and attribution.",
        "created": datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "homepage": request.build_absolute_uri(reverse("dashboard:overview")),
        "sources": sources,
        "resources": [
            {"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8", "title": TABLE_TITLES[name],
             "schema": table_schema(name)}
            for name in exports.TABLE_COLUMNS
        ],
    }


def _write_table(archive, name, rows):
    """Write one CSV into the zip; return how many rows it holds."""
    count = 0

    def counted(rows):
        nonlocal count
        for row in rows:
            count += 1
            yield row

    with archive.open(f"{name}.csv", "w") as out:
        for chunk in exports.csv_stream(exports.TABLE_COLUMNS[name], counted(rows)):
            out.write(chunk)
    return count


@viewer_required
def export_package(request):
    indicators = IndicatorFilter(request.GET, queryset=Indicator.objects.all())
    reports = ReportFilter(request.GET, queryset=Report.objects.all())
    if not indicators.is_valid():
        return exports._bad_filter(indicators)
    if not reports.is_valid():
        return exports._bad_filter(reports)
    cleaned = indicators.form.cleaned_data
    tables = {
        "figures": exports.figure_rows(indicators.qs),
        "conditions": exports.condition_rows(indicators.qs),
        "reports": exports.report_rows(reports.qs),
        "districts": exports.district_rows(indicators),
        "timeline": exports.timeline_rows(indicators, cleaned.get("place")),
    }
    name = package_name(cleaned)
    spool = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)
    counts = {}
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table, rows in tables.items():
            counts[table] = _write_table(archive, table, rows)
        outlets = set(PUBLISHER_NAMES.values())
        with_fakes = reports.qs.filter(publisher__name__in=outlets).exists()
        archive.writestr("README.md", readme(request, cleaned, counts, with_fakes))
        archive.writestr("datapackage.json",
                         json.dumps(datapackage(request, cleaned, with_fakes), indent=2, ensure_ascii=False))
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=f"{name}.zip", content_type="application/zip")
