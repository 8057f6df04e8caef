"""Fixtures for building indicator scenarios as small tables (used by the summaries tests)."""

import datetime

import pytest

from reports.models import Indicator, Place, Report, Source

# A slice of the OCHA gazetteer, real P-codes: Aleppo city (C1007) with two neighbourhoods, and Idleb.
PLACES = [
    ("SY", "country", None, "Syria"),
    ("SY02", "admin1", "SY", "Aleppo"),
    ("SY0200", "admin2", "SY02", "Jebel Saman"),
    ("SY020000", "admin3", "SY0200", "Jebel Saman"),
    ("C1007", "community", "SY020000", "Aleppo"),
    ("N0123", "neighbourhood", "C1007", "Ash-Sheikh Maqsoud"),
    ("N0124", "neighbourhood", "C1007", "Rasafeh"),
    ("SY0202", "admin2", "SY02", "Al Bab"),
    ("SY07", "admin1", "SY", "Idleb"),
    ("SY0700", "admin2", "SY07", "Idleb"),
]

COLUMNS = {
    "report", "published", "publisher", "source", "kind", "group", "value", "low", "high", "qualifier", "unit",
    "cumulative", "since", "severity", "date", "place", "status", "duplicate", "original", "quote", "start", "end",
}


@pytest.fixture
def places(db):
    """The PLACES slice as {pcode: Place} (tests needing every district call load_places instead)."""
    made = {}
    for pcode, level, parent, name in PLACES:
        made[pcode] = Place.objects.create(pcode=pcode, level=level, name_en=name, parent=made.get(parent))
    return made


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


@pytest.fixture
def scenario(db):
    """build(table, bodies={}) -> [Indicator]: one indicator per row of a `|`-separated table whose
    first line names the columns (see COLUMNS; empty or "-" cells are empty). Rows with the same
    `report` label share one report (its `published` date and `publisher` from its first row; its body
    from `bodies[label]` when given, and then the quote is body[start:end]). Places must exist."""
    reports, sources = {}, {}

    def source(name):
        if not name:
            return None
        if name not in sources:
            sources[name] = Source.objects.get_or_create(name=name)[0]
        return sources[name]

    def build(table, bodies=None):
        bodies = bodies or {}
        lines = [line.strip() for line in table.strip().splitlines() if line.strip()]
        header = [cell.strip() for cell in lines[0].strip("|").split("|")]
        unknown = set(header) - COLUMNS
        assert not unknown, f"unknown columns {unknown}"
        made = []
        for line in lines[1:]:
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            row = {name: ("" if cell == "-" else cell) for name, cell in zip(header, cells, strict=True)}
            label = row.get("report") or f"r{len(reports) + 1}"
            if label not in reports:
                reports[label] = Report.objects.create(
                    title=f"Report {label}", body=bodies.get(label, f"Body of report {label}."),
                    published_on=_date(row.get("published")), publisher=source(row.get("publisher")),
                    duplicate_status=row.get("duplicate", ""),
                )
            kind = row["kind"]
            is_figure = kind not in ("water", "food", "health", "electricity", "communications", "shelter",
                                     "access")
            number = lambda name: int(row[name]) if row.get(name) else None  # noqa: E731
            made.append(Indicator.objects.create(
                report=reports[label], kind=kind,
                group=(row.get("group") or "people") if is_figure else "",
                value=number("value"), low=number("low"), high=number("high"),
                qualifier=(row.get("qualifier") or "exact") if is_figure else "",
                unit=(row.get("unit") or "people") if is_figure else "",
                cumulative=row.get("cumulative") == "yes", since=row.get("since", ""),
                severity=number("severity"), date=_date(row.get("date")),
                place=Place.objects.get(pcode=row["place"]) if row.get("place") else None,
                source=source(row.get("source")), status=row.get("status") or "unreviewed",
                original={"value": number("original")} if row.get("original") else None,
                quote=(reports[label].body[number("start"):number("end")] if row.get("start")
                       else row.get("quote") or f"{row.get('value') or row.get('severity')} {kind}"),
                start=number("start"), end=number("end"),
            ))
        return made

    return build
