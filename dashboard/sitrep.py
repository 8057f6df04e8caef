"""Situation report drafts: the summaries of one filter written out as plain sentences.

`build_draft(params)` returns a `Draft` of plain data: paragraphs are lists of parts, each a text, a
citation (a numbered report, or the provenance of a sum), or an Arabic name (written right-to-left by
each renderer). Every number comes from `dashboard.summaries` for that filter; nothing is added up here
but the children and women of the incidents shown. The renderers (HTML template, Markdown, Word, PDF)
only lay the parts out. The wording is deterministic and careful: the conservative figure first with
its range, "according to" the sources, "reported" for what no reviewer confirmed, running totals as
claims with their "since", never summed.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

from django.db.models import Max, Min
from django.http import QueryDict
from django.urls import reverse

from reports.models import CONDITION_KINDS, Indicator, Place, Report

from . import summaries
from .filters import IndicatorFilter

KEY_KINDS = ("killed", "injured", "displaced", "trapped")
HIGHLIGHT_KINDS = ("killed", "injured", "displaced", "missing")
HIGHLIGHTS = 5
CLAIMS = 5
PLACES_NAMED = 5  # places named per sector in the conditions
VERB = {"killed": "killed", "injured": "injured", "displaced": "displaced", "missing": "missing",
        "trapped": "trapped or besieged"}
SEVERITY = {3: "severe", 4: "extreme", 5: "catastrophic"}


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Cite:
    number: int | None   # a numbered report, or None for the provenance of a sum
    url: str
    label: str = ""      # for provenance links


@dataclass(frozen=True)
class Arabic:
    text: str


@dataclass
class Source:
    number: int
    report_id: int
    title: str
    publisher: str
    published_on: datetime.date | None
    url: str             # the original article, when known
    page: str            # the report's page in Sitrep


@dataclass
class Draft:
    title: str
    place_name: str
    place_name_ar: str
    start: datetime.date | None
    end: datetime.date | None
    written_on: datetime.date
    reviewed: int
    shown: int
    key_figures: list[list] = field(default_factory=list)
    claims: list[list] = field(default_factory=list)
    highlights: list[list] = field(default_factory=list)
    places_heading: str = ""
    places_columns: list[str] = field(default_factory=list)
    places_rows: list[list] = field(default_factory=list)    # [name parts, *cells (lists of parts)]
    places_sentence: list = field(default_factory=list)
    conditions: list[list] = field(default_factory=list)
    no_report: list[str] = field(default_factory=list)
    caveats: list[list] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    chart: list[tuple[datetime.date, int]] = field(default_factory=list)  # incidents per day
    empty: bool = True

    @property
    def reviewed_share(self):
        return self.reviewed / self.shown if self.shown else 0.0


def number(n):
    return f"{n:,}"


def day_text(day, year=False):
    return f"{day.day} {day:%B}" + (f" {day.year}" if year else "")


def people(n, group="people"):
    noun = {"people": "people" if n != 1 else "person", "civilians": "civilians" if n != 1 else "civilian",
            "combatants": "combatants" if n != 1 else "combatant", "children": "children" if n != 1 else "child",
            "women": "women" if n != 1 else "woman"}.get(group, group)
    return f"{number(n)} {noun}"


def amount(low, high, group="people"):
    """The conservative figure first, then the range: "at least 12 people, and up to 15"."""
    if high > low:
        return f"at least {people(low, group)}, and up to {number(high)},"
    return f"at least {people(low, group)}"


def joined(names):
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


class _Citations:
    """Numbers the reports in the order the text first cites them."""

    def __init__(self):
        self.numbers = {}

    def cite(self, report_ids):
        parts = []
        for report_id in sorted(set(report_ids), key=lambda r: (r not in self.numbers, self.numbers.get(r, 0), r)):
            if report_id not in self.numbers:
                self.numbers[report_id] = len(self.numbers) + 1
            parts.append(Cite(self.numbers[report_id], reverse("dashboard:report_detail", args=[report_id])))
        return parts


def _place_name(pcode, name, arabic):
    parts = [Text(name)]
    if arabic.get(pcode):
        parts += [Text(" ("), Arabic(arabic[pcode]), Text(")")]
    return parts


def build_draft(params: QueryDict, *, written_on=None) -> Draft:
    """The draft for a page's filter (`params` with its dates already set, as the pages set them)."""
    written_on = written_on or datetime.date.today()
    filterset = IndicatorFilter(params, queryset=Indicator.objects.all())
    indicators = filterset.qs
    cleaned = filterset.form.cleaned_data if filterset.is_valid() else {}
    start, end = cleaned.get("date_after"), cleaned.get("date_before")
    place = cleaned.get("place")
    place_name = place.name_en if place else "Syria"
    title = f"Situation report: {place_name}"
    if start and end:
        title += f", {day_text(start, start.year != end.year)} to {day_text(end, True)}"
    review = summaries.review_share(indicators)
    draft = Draft(title=title, place_name=place_name, place_name_ar=place.name_ar if place else "",
                  start=start, end=end, written_on=written_on, reviewed=review.reviewed, shown=review.shown)
    citations = _Citations()
    query = params.urlencode()
    provenance = reverse("dashboard:provenance")

    headline = summaries.headline(filterset)
    found = summaries.incidents(indicators)
    estimates = summaries.trapped_estimates(indicators)
    claims = summaries.reported_totals(indicators)
    draft.empty = not (headline or found or estimates or claims or review.shown)

    previous = None
    if start and end:
        span = end - start + datetime.timedelta(days=1)
        before = params.copy()
        before["date_after"] = (start - span).isoformat()
        before["date_before"] = (start - datetime.timedelta(days=1)).isoformat()
        previous = summaries.headline(IndicatorFilter(before, queryset=Indicator.objects.all()))

    # Only what the text shows is cited: the largest incidents and the largest trapped estimates.
    largest = sorted((i for i in found if i.kind in HIGHLIGHT_KINDS and i.unit != Indicator.Unit.FAMILIES
                      and i.group in ("people", "civilians")), key=lambda i: (-i.low, -i.high, i.date))[:HIGHLIGHTS]
    estimates = sorted(estimates, key=lambda e: (-e.value, e.place_pcode))[:HIGHLIGHTS]
    figure_ids = {i for inc in largest for i in inc.figure_ids + [j for s in inc.subgroups for j in s.figure_ids]}
    figure_ids |= {i for e in estimates for i in e.figure_ids}
    report_of = dict(Indicator.objects.filter(id__in=figure_ids).values_list("id", "report_id")) if figure_ids else {}
    pcodes = {inc.place_pcode for inc in largest} | {e.place_pcode for e in estimates}
    arabic = dict(Place.objects.filter(pcode__in=pcodes).exclude(name_ar="").values_list("pcode", "name_ar")) \
        if pcodes else {}
    unreviewed_all = review.reviewed < review.shown

    # Key figures: the sums of the summaries, each citing the provenance of its figures.
    for kind in KEY_KINDS:
        figure = headline.get(kind)
        if figure is None:
            continue
        reported = "were reported" if unreviewed_all else "were"
        parts = [Text(f"{amount(figure.low, figure.high).capitalize()} {reported} {VERB[kind]}")]
        if kind == "trapped":
            parts.append(Text(" (the latest estimate in each place)" if figure.incidents != 1 else " (the latest estimate)"))
        else:
            subs = {}
            for inc in found:
                if inc.kind == kind and inc.unit != Indicator.Unit.FAMILIES:
                    for sub in inc.subgroups:
                        subs[sub.group] = subs.get(sub.group, 0) + sub.low
            sub_text = [people(subs[g], g) for g in ("children", "women") if subs.get(g)]
            if sub_text:
                parts.append(Text(f", including at least {joined(sub_text)}"))
            parts.append(Text(f", in {figure.incidents} incident{'s' if figure.incidents != 1 else ''}"))
        parts.append(Text(f", according to {figure.sources} source{'s' if figure.sources != 1 else ''} "
                          if figure.sources else ", in reports naming no source "))
        parts.append(Cite(None, f"{provenance}?{query}&of={kind}" if query else f"{provenance}?of={kind}",
                          "figures"))
        if previous is not None:
            before = previous.get(kind)
            if before is None:
                parts.append(Text(f"; none were reported in the previous {span.days} days"))
            elif before.low == figure.low:
                parts.append(Text(f"; the same as the previous {span.days} days ({number(before.low)})"))
            else:
                way = "up" if figure.low > before.low else "down"
                parts.append(Text(f"; {way} from {number(before.low)} in the previous {span.days} days"))
        parts.append(Text("."))
        draft.key_figures.append(parts)
    for estimate in estimates:
        parts = [Text(f"On {day_text(estimate.date)}, {people(estimate.value)} were estimated to be trapped "
                      "or besieged in ")]
        parts += _place_name(estimate.place_pcode, estimate.place_name, arabic)
        if estimate.range_high > estimate.range_low:
            parts.append(Text(f" (estimates from {number(estimate.range_low)} to {number(estimate.range_high)})"))
        if estimate.sources:
            parts.append(Text(f", according to {joined(estimate.sources)}"))
        parts.append(Text(" "))
        parts += citations.cite(report_of[i] for i in estimate.figure_ids if i in report_of)
        parts.append(Text("."))
        draft.key_figures.append(parts)

    # Running totals: claims, each with its "since", never summed.
    for claim in sorted(claims, key=lambda c: (-c.value, c.date))[:CLAIMS]:
        who = claim.source or "One report"
        verb = "reported" if not claim.reviewed else "stated"
        since = f" since {claim.since}" if claim.since else ""
        where = f" in {claim.place_name}" if claim.place_name else ""
        qualifier = {"at_least": "at least ", "more_than": "more than ", "about": "about ", "up_to": "up to ",
                     "vague": ""}.get(claim.qualifier, "")
        parts = [Text(f"{who} {verb} on {day_text(claim.date, True)} that {qualifier}{people(claim.value, claim.group)}"
                      f" had been {VERB.get(claim.kind, claim.kind)}{where}{since} (a running total, not added to the figures above) ")]
        parts += citations.cite([claim.report_id])
        parts.append(Text("."))
        draft.claims.append(parts)

    # Highlights: the largest incidents.
    for inc in largest:
        reported = "were" if inc.reviewed_count == len(inc.figure_ids) else "were reported"
        parts = [Text(f"On {day_text(inc.date)}, {amount(inc.low, inc.high, inc.group)}")]
        subs = [people(s.low, s.group) for s in inc.subgroups if s.low]
        if subs:
            parts.append(Text(f", including {joined(subs)},"))
        parts.append(Text(f" {reported} {VERB[inc.kind]}"))
        if inc.place_name:
            parts.append(Text(" in "))
            parts += _place_name(inc.place_pcode, inc.place_name, arabic)
        if inc.sources:
            parts.append(Text(f", according to the {joined(inc.sources)}" if len(inc.sources) == 1
                              and inc.sources[0].startswith(("Syrian", "United", "World"))
                              else f", according to {joined(inc.sources)}"))
        parts.append(Text(" "))
        ids = inc.figure_ids + [j for s in inc.subgroups for j in s.figure_ids]
        parts += citations.cite(report_of[i] for i in ids if i in report_of)
        parts.append(Text("."))
        draft.highlights.append(parts)

    # The places inside.
    summary = summaries.place_summary(filterset, place=place, as_of=end)
    rows = [row for row in summary.rows if any(row.figures.get(k, (0, 0))[1] for k in KEY_KINDS)]
    rows.sort(key=lambda r: tuple(-r.figures.get(k, (0, 0))[0] for k in KEY_KINDS) + (r.name,))
    if rows:
        draft.places_heading = f"Places inside {place_name}"
        draft.places_columns = ["Place"] + [Indicator.Kind(k).label for k in KEY_KINDS]
        for row in rows:
            cells = [[Text(row.name)]]
            for kind in KEY_KINDS:
                low, high = row.figures.get(kind, (0, 0))
                if not high:
                    cells.append([Text("none reported")])
                    continue
                link = f"{provenance}?{query}&of={kind}&at={row.pcode}"
                cells.append([Text(number(low) + (f" to {number(high)}" if high > low else "") + " "),
                              Cite(None, link, "figures")])
            draft.places_rows.append(cells)
        worst = rows[0]
        for kind in KEY_KINDS:
            low, high = worst.figures.get(kind, (0, 0))
            if high:
                link = f"{provenance}?{query}&of={kind}&at={worst.pcode}"
                draft.places_sentence = [Text(f"{worst.name} was the worst hit, with {amount(low, high)} "
                                              f"{VERB[kind]} "), Cite(None, link, "figures"), Text(".")]
                break

    # Conditions at severity 3 or worse, per sector; the others have no report, never "fine".
    if start and end:
        standing = summaries.condition_days(indicators.conditions(), start=start, end=end)
    else:
        standing = {}
    # Per sector and place: the worst severity at 3 or more, since when, and one report saying so (one query).
    severe = {}
    rows = (indicators.conditions().counted().filter(severity__gte=3, day__isnull=False).order_by()
            .values_list("kind", "place__name_en").annotate(worst=Max("severity"), first=Min("day"),
                                                            report=Min("report_id")))
    for sector, name, worst, first, report_id in rows:
        severe.setdefault(sector, []).append((worst, first, name or place_name, report_id))
    for sector in CONDITION_KINDS:
        label = Indicator.Kind(sector).label
        reported = any(d.severity for d in standing.get(sector, ()))
        places = sorted(severe.get(sector, []), key=lambda p: (-p[0], p[1], p[2]))
        if not reported and not places:
            draft.no_report.append(label.lower())
            continue
        if not places:
            continue  # reported, but nothing at severity 3 or worse
        top = places[0][0]
        shown = places[:PLACES_NAMED]
        names = [name for _, _, name, _ in shown]
        if len(places) > len(shown):
            names.append(f"{len(places) - len(shown)} other place{'s' if len(places) - len(shown) != 1 else ''}")
        since = min(first for _, first, _, _ in places)
        parts = [Text(f"{label}: {SEVERITY[top]} (severity {top} of 5) reported in {joined(names)}"
                      f" since {day_text(since)} ")]
        parts += citations.cite(report_id for _, _, _, report_id in shown)
        parts.append(Text("."))
        draft.conditions.append(parts)

    # Caveats.
    undated = summaries.undated_count(indicators)
    if undated:
        draft.caveats.append([Text(f"{undated} figure{'s' if undated != 1 else ''} or condition"
                                   f"{'s' if undated != 1 else ''} without any date are left out of this draft.")])
    disputed = [i for i in found if i.disputed]
    if disputed:
        draft.caveats.append([Text(f"{len(disputed)} incident{'s' if len(disputed) != 1 else ''} had sources far "
                                   "apart; they are shown as ranges.")])
    if review.shown:
        draft.caveats.append([Text(f"{review.reviewed} of the {review.shown} figures and conditions "
                                   f"({review.share:.0%}) were reviewed; the others are reported as read by "
                                   "the machine from the reports, not confirmed.")])

    # Sources, in the order cited (one query).
    reports = Report.objects.select_related("publisher").in_bulk(list(citations.numbers))
    for report_id, n in sorted(citations.numbers.items(), key=lambda item: item[1]):
        report = reports[report_id]
        draft.sources.append(Source(n, report_id, report.title, report.publisher.name if report.publisher else "",
                                    report.published_on,
                                    report.url if (report.url or "").startswith(("http://", "https://")) else "",
                                    reverse("dashboard:report_detail", args=[report_id])))

    # Incidents per day for the chart.
    per_day = {}
    for series in summaries.timeline(filterset)["incidents"].values():
        for point in series:
            per_day[point["date"]] = per_day.get(point["date"], 0) + point["incidents"]
    draft.chart = sorted(per_day.items())
    return draft


# --- the chart --------------------------------------------------------------------------------------

def _chart_days(draft):
    if not draft.chart:
        return []
    first = draft.start or draft.chart[0][0]
    last = draft.end or draft.chart[-1][0]
    counts = dict(draft.chart)
    return [(first + datetime.timedelta(days=n), counts.get(first + datetime.timedelta(days=n), 0))
            for n in range((last - first).days + 1)]


def chart_svg(draft, width=640, height=160):
    """Incidents per day as bars, an SVG string drawn from the numbers (no browser needed)."""
    days = _chart_days(draft)
    if not days:
        return ""
    top = max(count for _, count in days) or 1
    bar = (width - 40) / len(days)
    bars = []
    for n, (day, count) in enumerate(days):
        h = (height - 30) * count / top
        bars.append(f'<rect x="{30 + n * bar:.2f}" y="{height - 20 - h:.2f}" width="{max(bar - 1, 0.5):.2f}" '
                    f'height="{h:.2f}" fill="#b22222"><title>{day.isoformat()}: {count}</title></rect>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="Incidents per day">'
            f'<text x="0" y="12" font-size="10">{top}</text>'
            f'<line x1="30" y1="{height - 20}" x2="{width - 10}" y2="{height - 20}" stroke="#333"/>'
            + "".join(bars)
            + f'<text x="30" y="{height - 5}" font-size="10">{days[0][0].isoformat()}</text>'
            f'<text x="{width - 10}" y="{height - 5}" font-size="10" text-anchor="end">{days[-1][0].isoformat()}</text>'
            "</svg>")


def chart_png(draft, width=640, height=160):
    """The same chart as PNG bytes (Pillow), for Word."""
    from PIL import Image, ImageDraw

    days = _chart_days(draft)
    if not days:
        return b""
    top = max(count for _, count in days) or 1
    image = Image.new("RGB", (width, height), "white")
    pen = ImageDraw.Draw(image)
    bar = (width - 40) / len(days)
    for n, (_day, count) in enumerate(days):
        h = (height - 30) * count / top
        if h:
            x = 30 + n * bar
            pen.rectangle([x, height - 20 - h, x + max(bar - 1, 1), height - 20], fill="#b22222")
    pen.line([30, height - 20, width - 10, height - 20], fill="#333333")
    pen.text((0, 2), str(top), fill="black")
    pen.text((30, height - 16), days[0][0].isoformat(), fill="black")
    pen.text((width - 80, height - 16), days[-1][0].isoformat(), fill="black")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


# --- Markdown and Word ------------------------------------------------------------------------------

_MD_SPECIAL = "\\`*_{}[]()<>#+-!|&"


def md_escape(text):
    out = []
    for char in text:
        if char == "<":
            out.append("&lt;")
        elif char == ">":
            out.append("&gt;")
        elif char == "&":
            out.append("&amp;")
        elif char in _MD_SPECIAL:
            out.append("\\" + char)
        elif char in "\r\n":
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


def _md_parts(parts, base):
    out = []
    for part in parts:
        if isinstance(part, Cite):
            label = str(part.number) if part.number else part.label
            out.append(f"[\\[{label}\\]]({base}{part.url})")
        elif isinstance(part, Arabic):
            out.append(f"\u2067{md_escape(part.text)}\u2069")  # isolated right-to-left
        else:
            out.append(md_escape(part.text))
    return "".join(out)


def header_lines(draft):
    period = (f"{day_text(draft.start, True)} to {day_text(draft.end, True)}" if draft.start and draft.end
              else "all dates")
    return [("Place", draft.place_name), ("Period", period), ("Written on", day_text(draft.written_on, True)),
            ("Reviewed", f"{draft.reviewed} of {draft.shown} figures and conditions ({draft.reviewed_share:.0%})")]


def sections(draft):
    """(heading, [paragraph parts]) in the order every renderer writes them."""
    return [
        ("Key figures", draft.key_figures + draft.claims),
        ("Highlights", draft.highlights),
        ("Conditions", draft.conditions),
        ("Caveats", draft.caveats),
    ]


def render_markdown(draft, base=""):
    lines = [f"# {md_escape(draft.title)}", ""]
    for label, value in header_lines(draft):
        text = md_escape(value)
        if label == "Place" and draft.place_name_ar:
            text += f" (\u2067{md_escape(draft.place_name_ar)}\u2069)"
        lines.append(f"- **{label}:** {text}")
    lines.append("")
    if draft.empty:
        lines += ["Nothing was reported for this place and period.", ""]
    for heading, paragraphs in sections(draft):
        if heading == "Conditions":
            lines += _md_places(draft, base)
        if not paragraphs and not (heading == "Conditions" and draft.no_report):
            continue
        lines += [f"## {heading}", ""]
        for parts in paragraphs:
            lines += [_md_parts(parts, base), ""]
        if heading == "Conditions" and draft.no_report:
            lines += [md_escape(f"No report on {joined(draft.no_report)} in this period."), ""]
    if draft.sources:
        lines += ["## Sources", ""]
        for s in draft.sources:
            lines.append(f"{s.number}\\. [{md_escape(s.title)}]({base}{s.page})"
                         + (f", {md_escape(s.publisher)}" if s.publisher else "")
                         + (f", {day_text(s.published_on, True)}" if s.published_on else "")
                         + (f" <{md_escape(s.url)}>" if s.url else ""))
        lines.append("")
    return "\n".join(lines)


def _md_places(draft, base):
    if not draft.places_rows:
        return []
    lines = [f"## {md_escape(draft.places_heading)}", ""]
    if draft.places_sentence:
        lines += [_md_parts(draft.places_sentence, base), ""]
    lines.append("| " + " | ".join(draft.places_columns) + " |")
    lines.append("|" + "---|" * len(draft.places_columns))
    for row in draft.places_rows:
        lines.append("| " + " | ".join(_md_parts(cell, base) for cell in row) + " |")
    return lines + [""]


def _docx_parts(paragraph, parts, base):
    for part in parts:
        if isinstance(part, Cite):
            paragraph.add_run(f"[{part.number if part.number else part.label}]")
        elif isinstance(part, Arabic):
            run = paragraph.add_run(part.text)
            run.font.rtl = True
            run.font.complex_script = True
        else:
            paragraph.add_run(part.text)


def _docx_safe(text):
    # XML 1.0 forbids most control characters; python-docx would refuse them.
    return "".join(c for c in text if c in "\t\n" or ord(c) >= 32)


def render_docx(draft, base=""):
    """A Word document (bytes) with headings, the places table, the chart and numbered sources."""
    from docx import Document

    def clean(parts):
        return [type(p)(*(_docx_safe(v) if isinstance(v, str) else v for v in p.__dict__.values())) for p in parts]

    doc = Document()
    doc.add_heading(_docx_safe(draft.title), 0)
    for label, value in header_lines(draft):
        p = doc.add_paragraph()
        p.add_run(f"{label}: ").bold = True
        p.add_run(_docx_safe(value))
        if label == "Place" and draft.place_name_ar:
            _docx_parts(p, [Text(" ("), Arabic(_docx_safe(draft.place_name_ar)), Text(")")], base)
    if draft.empty:
        doc.add_paragraph("Nothing was reported for this place and period.")
    png = chart_png(draft)
    for heading, paragraphs in sections(draft):
        if heading == "Highlights" and png:
            doc.add_heading("Incidents per day", 1)
            doc.add_picture(io.BytesIO(png))
        if heading == "Conditions" and draft.places_rows:
            doc.add_heading(draft.places_heading, 1)
            if draft.places_sentence:
                _docx_parts(doc.add_paragraph(), clean(draft.places_sentence), base)
            table = doc.add_table(rows=1, cols=len(draft.places_columns))
            for cell, name in zip(table.rows[0].cells, draft.places_columns, strict=True):
                cell.text = name
            for row in draft.places_rows:
                cells = table.add_row().cells
                for cell, parts in zip(cells, row, strict=True):
                    _docx_parts(cell.paragraphs[0], clean(parts), base)
        if not paragraphs and not (heading == "Conditions" and draft.no_report):
            continue
        doc.add_heading(heading, 1)
        for parts in paragraphs:
            _docx_parts(doc.add_paragraph(), clean(parts), base)
        if heading == "Conditions" and draft.no_report:
            doc.add_paragraph(f"No report on {joined(draft.no_report)} in this period.")
    if draft.sources:
        doc.add_heading("Sources", 1)
        for s in draft.sources:
            text = f"[{s.number}] {s.title}" + (f", {s.publisher}" if s.publisher else "") \
                + (f", {day_text(s.published_on, True)}" if s.published_on else "") \
                + f". {s.url or base + s.page}"
            doc.add_paragraph(_docx_safe(text))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_pdf(html, base_url):
    """The page's own HTML printed by WeasyPrint with the page's stylesheet (its print rules apply), read
    from the static files rather than fetched over HTTP from ourselves."""
    from django.contrib.staticfiles import finders
    from weasyprint import CSS, HTML

    return HTML(string=html, base_url=base_url).write_pdf(
        stylesheets=[CSS(filename=finders.find("css/sitrep-draft.css"))])
