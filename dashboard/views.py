"""The dashboard's pages: small functions that build the filter, ask `summaries` for every number and
render a template with an explicit context. Charts get their data with `json_script`; every chart has a
table, so the pages work without JavaScript."""

import math
from datetime import date, timedelta
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models import Count, Max, Min
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.text import slugify
from django.utils.dateparse import parse_date
from django.utils.html import json_script
from django.views.decorators.cache import cache_control, never_cache

from reports.models import CONDITION_KINDS, Indicator, Place, Report

from . import page_cache, places, sitrep, summaries
from .filters import STATUS_CHOICES, IndicatorFilter, ReportFilter, filter_chips
from .templatetags.sitrep import quote_spans

DEFAULT_DAYS = 90
REPORTS_PER_PAGE = 50
# The running totals' and trapped estimates' tables show this many rows; all of them are in the timeline
# download (a period of the million-indicator bench holds 11,000 totals: 3 MB of table on every visit).
TABLE_ROWS = 100
# What the timeline chart draws of a running total (static/js/timeline.js); the table and download have more.
CHART_TOTAL_FIELDS = ("kind", "unit", "date", "value", "since", "source")
DEFAULT_SHARE = 0.10  # the default period holds at least this share of the dated figures
STRIP_DAYS = 120
EXPORTS = [("figures", "figures"), ("conditions", "conditions"), ("reports", "reports"),
           ("districts", "districts"), ("timeline", "timeline")]
HEADLINE_KINDS = ["killed", "injured", "displaced", "trapped"]
SERIES_ORDER = ["killed", "injured", "missing", "displaced", "trapped"]
DISTRICT_FIGURES = ["killed", "injured", "displaced", "trapped"]
# Short column headings for the sectors (the full name is in the heading's title).
SHORT = {"electricity": "Power", "communications": "Comms", "access": "Access"}
SECTORS = [(sector, Indicator.Kind(sector).label, SHORT.get(sector, Indicator.Kind(sector).label))
           for sector in CONDITION_KINDS]


@never_cache
def healthz(request):
    """200 after a database round-trip, 503 when the database does not answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def viewer_required(view):
    """Open to everyone when SITREP_PUBLIC is on; otherwise only to accounts holding the Viewer role's
    permission (reports.view_dashboard, which Editors and Reviewers hold too)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.SITREP_PUBLIC:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm("reports.view_dashboard"):
                raise PermissionDenied("Your account has no Viewer role.")
        return view(request, *args, **kwargs)

    return wrapper


def place_in_url(view):
    """A place typed by name (`?place=Aleppo`) is redirected to its P-code, so that the address shared is
    the P-code's; the other places of that name are said in a message on the next page. A P-code, an
    unknown or an ambiguous name go to the view as they are (the filter form shows its error)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        typed = request.GET.get("place", "").strip()
        if not typed or places.looks_like_pcode(typed):
            return view(request, *args, **kwargs)
        try:
            found = places.resolve(typed)
        except places.PlaceNotFound as error:
            return place_choice(request, error)
        params = request.GET.copy()
        params["place"] = found.place.pcode
        if found.typed and found.alternatives:
            others = "; ".join(places.describe(entry) for entry in found.alternatives[:8])
            more = f" and {len(found.alternatives) - 8} more" if len(found.alternatives) > 8 else ""
            messages.info(request, f"\u201c{found.typed}\u201d is taken as {places.describe(found.place)}, the "
                                   f"largest place of that name. Other places of that name: {others}{more}.")
        return HttpResponseRedirect(f"{request.path}?{params.urlencode()}")

    return wrapper


def place_choice(request, error):
    """An unknown or ambiguous place name: the message and the candidates, each a link to this page with
    its P-code, instead of a page of empty cards."""
    filterset = IndicatorFilter(request.GET, queryset=Indicator.objects.none())
    choices = []
    for entry in error.candidates:
        params = request.GET.copy()
        params["place"] = entry.pcode
        choices.append((entry, f"{request.path}?{params.urlencode()}"))
    context = {"message": error.message, "choices": choices, "typed": request.GET.get("place", ""),
               **filter_context(filterset, request.GET, ["date_after", "date_before", "place", "source", "status",
                                                         "q"], downloads=[])}
    return render(request, "dashboard/place_choice.html", context)


@viewer_required
def place_search(request):
    """The place field's autocomplete: `?q=alep` gives up to 10 places by name, Arabic name or alias."""
    results = places.place_names().search(request.GET.get("q", "")[:100], limit=10)
    return JsonResponse({"results": [entry.as_json() for entry in results]})


def with_default_period(params, indicators=None):
    """The query with the default period filled in when the URL names no date at all: the last 90 days
    *of data* (by effective day, ending on the latest dated figure, not today: a corpus about 2016 must
    not open empty), widened back to the first of a month until it holds at least a tenth of the
    dated figures (DEFAULT_SHARE), so that a corpus whose last weeks hold a stray report still opens on
    a period with data. Two queries. An empty `date_after=` in the URL means "all dates"."""
    if "date_after" in params or "date_before" in params:
        return params
    indicators = (Indicator.objects.all() if indicators is None else indicators).counted().filter(day__isnull=False)
    span = indicators.aggregate(latest=Max("day"), dated=Count("id"))
    latest = span["latest"]
    if latest is None:
        return params
    start = latest - timedelta(days=DEFAULT_DAYS - 1)
    wanted = max(math.ceil(span["dated"] * DEFAULT_SHARE), 1)
    nth = indicators.order_by("-day").values_list("day", flat=True)[wanted - 1:wanted].first()
    if nth is not None and nth < start:
        start = nth.replace(day=1)
    params = params.copy()
    params["date_after"] = start.isoformat()
    params["date_before"] = latest.isoformat()
    return params


def default_period_text(params):
    """How the page says which default period it shows."""
    start, end = date.fromisoformat(params["date_after"]), date.fromisoformat(params["date_before"])
    if (end - start).days + 1 == DEFAULT_DAYS:
        return f"the last {DEFAULT_DAYS} days of data, ending on the latest dated figure ({end.isoformat()})"
    return (f"{start.isoformat()} to {end.isoformat()}: the latest period, ending on the latest dated figure, "
            f"that holds at least a tenth of all dated figures (the last {DEFAULT_DAYS} days hold fewer)")


def download_links(params, names=EXPORTS):
    """CSV links carrying the current filter, for the downloads that exist."""
    query = params.urlencode()
    links = []
    for name, label in names:
        try:
            url = reverse(f"dashboard:export_{name}")
        except NoReverseMatch:
            continue
        links.append((label, f"{url}?{query}" if query else url))
    return links


def filter_context(filterset, params, fields, downloads=EXPORTS):
    return {
        "filterset": filterset,
        "chips": filter_chips(filterset, params),
        "filter_fields": fields,
        "downloads": download_links(params, downloads),
        "kind_choices": Indicator.Kind.choices,
        "status_choices": STATUS_CHOICES,
    }


def report_page_data(params):
    """One page of the reports list for this query, with the count of all that match and each report's
    number of figures and conditions (counted for this page's reports only: a count joined to every
    indicator of every report took seconds at a million indicators)."""
    filterset = ReportFilter(params, queryset=Report.objects.select_related("publisher").defer("body"))
    paginator = Paginator(filterset.qs.latest_first(), REPORTS_PER_PAGE)
    page = paginator.get_page(params.get("page"))
    rows = list(page.object_list)
    counts = dict(Indicator.objects.filter(report__in=[report.pk for report in rows]).order_by()
                  .values_list("report").annotate(count=Count("id")))
    for report in rows:
        report.indicator_count = counts.get(report.pk, 0)
    return {"count": paginator.count, "number": page.number, "rows": rows}


@viewer_required
@place_in_url
def report_list(request):
    params = request.GET
    filterset = ReportFilter(params, queryset=Report.objects.none())
    data = page_cache.cached("reports", params, lambda: report_page_data(params))
    # The page's navigation from the stored count (a range stands for the rows), its rows from the cache.
    page = Paginator(range(data["count"]), REPORTS_PER_PAGE).get_page(data["number"])
    page.object_list = data["rows"]
    page_params = params.copy()
    page_params.pop("page", None)
    context = {
        "page": page,
        "page_query": page_params.urlencode() + "&" if page_params else "",
        **keeping(params),
        **filter_context(filterset, params, ["date_after", "date_before", "place", "kind", "source", "status", "q"],
                         [("reports", "reports")]),
    }
    return render(request, "dashboard/report_list.html", context)


@viewer_required
def report_detail(request, pk):
    report = get_object_or_404(Report.objects.select_related("publisher"), pk=pk)
    indicators = list(report.indicators.select_related("place", "source").order_by("start", "id"))
    placed = len(quote_spans(report.body, indicators))
    context = {"report": report, "indicators": indicators, "unplaced": len(indicators) - placed,
               **keeping(request.GET)}
    return render(request, "dashboard/report_detail.html", context)


def without(params, *names):
    params = params.copy()
    for name in names:
        params.pop(name, None)
    return params


def carried(params):
    """What a link to another page keeps of this page's query: the filter (period, place, kind, source,
    status, text), not what belongs to this page (the map's figure, a page number, a provenance pick)."""
    return without(params, "figure", "page", "of", "day", "at", "cumulative", "partial")


def keeping(params):
    """The context every page gives its links: `keep` (the filter, for links to lists and other
    pages) and `keep_period` (the filter less its place, for links to a place's own page)."""
    kept = carried(params)
    return {"keep": kept.urlencode(), "keep_period": without(kept, "place").urlencode()}


def all_dates(params):
    """The same query over all dates: an empty date_after keeps the default period away."""
    params = without(params, "date_after", "date_before")
    params["date_after"] = ""
    return params


def period(filterset, indicators):
    """The days a page covers: the filter's dates, else the span of the data (one query)."""
    cleaned = filterset.form.cleaned_data if filterset.is_valid() else {}
    start, end = cleaned.get("date_after"), cleaned.get("date_before")
    if start is None or end is None:
        span = indicators.aggregate(first=Min("day"), last=Max("day"))
        start, end = start or span["first"], end or span["last"]
    # The strips and bars are drawn day by day: a filter from 0001 to 9999 is the war's years, not
    # 3.6 million days (and 0001 minus the days a condition stands is no date at all).
    if start is not None:
        start = max(start, min(settings.SITREP_EARLIEST_DATE, end or start))
    if end is not None:
        end = min(end, max(date.today(), start or end))
    return start, end


def severity_strip(params, base, start, end):
    """Per sector the standing severity over the whole period: per day up to STRIP_DAYS days, else per
    week (the worst standing in the week, with the report it stands on). The dates are opened for the
    read so that a condition reported just before the period still stands on its first days."""
    if start is None or end is None:
        return None
    indicators = IndicatorFilter(without(params, "date_after", "date_before"), queryset=base).qs
    days = summaries.condition_days(indicators.conditions(), start=start, end=end)
    weekly = (end - start).days + 1 > STRIP_DAYS
    if weekly:
        days = {sector: [max(strip[i:i + 7], key=lambda d: (d.severity or 0, d.reported_on or start))
                         for i in range(0, len(strip), 7)] for sector, strip in days.items()}
    rows = [(label, sector, days[sector], short) for sector, label, short in SECTORS if sector in days]
    return {"rows": rows, "start": start, "end": end, "weekly": weekly}


def latest_reports(params, count=8):
    reports = Report.objects.select_related("publisher")
    return ReportFilter(without(params, "kind"), queryset=reports).qs.latest_first()[:count]


def series_context(params, base, summary_filter=None, links=None):
    """What the overview and a place page share: the filter, headline, timeline and severity strip.
    On a place page (`base` narrowed to the place), `summary_filter` is the same narrowing as a filter on
    every indicator, which the summaries can answer from their stored totals; the timeline is read by it.
    `links`: the query the provenance links and chart clicks carry (default `params`). The chart's data is
    given as its script element, serialized once here (2 MB for a busy period), not on every visit."""
    query = (params if links is None else links).urlencode()
    filterset = IndicatorFilter(params, queryset=base)
    indicators = filterset.qs
    start, end = period(filterset, indicators)
    timeline = summaries.timeline(summary_filter if summary_filter is not None else filterset)
    timeline["incidents"] = dict(sorted(timeline["incidents"].items(), key=lambda item: series_rank(item[0])))
    totals = timeline["totals"]
    timeline["totals"] = [{name: total[name] for name in CHART_TOTAL_FIELDS} for total in totals]
    trapped = summaries.trapped_estimates(indicators)
    return filterset, {
        "start": start, "end": end,
        "totals_table": totals[-TABLE_ROWS:], "totals_count": len(totals),
        # The largest estimates first when there are more places than rows.
        "trapped": (trapped if len(trapped) <= TABLE_ROWS
                    else sorted(trapped, key=lambda estimate: -estimate.value)[:TABLE_ROWS]),
        "trapped_count": len(trapped),
        "headline": [summaries_headline(summaries.headline(indicators), kind) for kind in HEADLINE_KINDS],
        "timeline": timeline,
        "chart_script": json_script({"timeline": timeline, "start": start, "end": end,
                                     "provenance": f"{reverse('dashboard:provenance')}?{query}"}, "timeline-data"),
        "conditions": severity_strip(params, base, start, end),
        "review": summaries.review_share(indicators),
        "undated": summaries.undated_count(indicators),
        "query": query,
    }


def series_html(data, params):
    """The headline, timeline and severity strip rendered once, when the data is computed, and kept with it
    in the page cache: they depend on the data and the query only (no user, no token), and rendering their
    tables took most of a cached overview's time."""
    return render_to_string("dashboard/includes/series.html", {**data, **keeping(params)})


def series_rank(series):
    """Killed first (the chart opens on it), families after people, unknown kinds last."""
    kind, _, unit = series.partition("_")
    return (SERIES_ORDER.index(kind) if kind in SERIES_ORDER else len(SERIES_ORDER), unit)


def summaries_headline(figures, kind):
    return {"kind": kind, "label": Indicator.Kind(kind).label, "figure": figures.get(kind)}


def overview_data(request_params):
    """Every number the overview shows for this query (what the page cache keeps)."""
    params = with_default_period(request_params)
    _filterset, data = series_context(params, Indicator.objects.all())
    data.update(params=params.urlencode(), default_period=params is not request_params,
                reports=list(latest_reports(params)), has_data=Indicator.objects.exists())
    data["series_html"] = series_html(data, params)
    return data


@viewer_required
@place_in_url
def overview(request):
    context = page_cache.cached("overview", request.GET, lambda: overview_data(request.GET))
    params = QueryDict(context.pop("params"))
    filterset = IndicatorFilter(params, queryset=Indicator.objects.all())
    context.update(
        default_period_text=default_period_text(params) if context["default_period"] else "",
        all_dates_query=all_dates(params).urlencode(),
        **filter_context(filterset, params, ["date_after", "date_before", "place", "source", "status", "q"]),
        **keeping(params),
    )
    return render(request, "dashboard/overview.html", context)


def place_data(place, request_params):
    """Every number a place's page shows for this query (what the page cache keeps)."""
    base = Indicator.objects.in_place(place)
    params = with_default_period(without(request_params, "place"), base)
    with_place = params.copy()
    with_place["place"] = place.pcode
    # The rows of `base` with `params`, as a filter on every indicator (see series_context).
    place_filter = IndicatorFilter(with_place, queryset=Indicator.objects.all())
    _filterset, data = series_context(params, base, place_filter, links=with_place)
    data.update(params=params.urlencode(), summary=summaries.place_summary(place_filter, place=place),
                reports=list(latest_reports(with_place, count=20)), has_data=base.exists())
    data["series_html"] = series_html(data, with_place)
    return data


@viewer_required
def place_detail(request, pcode):
    place = get_object_or_404(Place.objects.select_related("parent"), pcode=pcode)
    context = page_cache.cached(f"place {place.pcode}", request.GET, lambda: place_data(place, request.GET),
                                ignore=["place"])
    params = QueryDict(context.pop("params"))
    with_place = params.copy()
    with_place["place"] = place.pcode
    filterset = IndicatorFilter(params, queryset=Indicator.objects.in_place(place))
    context.update(
        place=place,
        ancestors=Place.objects.filter(pcode__in=place.path.split("/")[:-1]).order_by("path"),
        figure_kinds=[(kind, Indicator.Kind(kind).label) for kind in DISTRICT_FIGURES],
        sectors=SECTORS,
        **filter_context(filterset, params, ["date_after", "date_before", "source", "status", "q"]),
    )
    context["downloads"] = download_links(with_place)
    context.update(keeping(with_place))
    context["query"] = with_place.urlencode()  # provenance links keep to this place (so does the chart)
    return render(request, "dashboard/place.html", context)


def districts_data(request_params):
    """Every number the districts' page shows for this query (what the page cache keeps)."""
    params = with_default_period(request_params)
    filterset = IndicatorFilter(params, queryset=Indicator.objects.all())
    start, end = period(filterset, filterset.qs)
    return {"params": params.urlencode(), "start": start, "end": end,
            "summary": summaries.district_summary(filterset), "has_data": Indicator.objects.exists()}


@viewer_required
@place_in_url
def districts(request):
    # The map's figure is not part of the data (it is read from this request below).
    data = page_cache.cached("districts", request.GET, lambda: districts_data(without(request.GET, "figure")),
                             ignore=["figure"])
    params = QueryDict(data["params"])
    filterset = IndicatorFilter(params, queryset=Indicator.objects.all())
    summary, start, end = data["summary"], data["start"], data["end"]
    within = filterset.form.cleaned_data.get("place") if filterset.is_valid() else None
    chosen = request.GET.get("figure") if request.GET.get("figure") in DISTRICT_FIGURES else "killed"
    groups = {}
    for row in summary.rows:
        groups.setdefault((row.parent_pcode, row.parent_name), []).append(row)
    context = {
        "summary": summary,
        "whole_name": within.name_en if within is not None else "Syria",
        "whole_pcode": within.pcode if within is not None else "",
        "groups": list(groups.items()),
        "figure_kinds": [(kind, Indicator.Kind(kind).label) for kind in DISTRICT_FIGURES],
        "sectors": SECTORS,
        "chosen": chosen,
        "chosen_label": Indicator.Kind(chosen).label,
        "column_count": 2 + len(DISTRICT_FIGURES) + len(CONDITION_KINDS),
        "start": start, "end": end,
        "query_pairs": [(k, v) for k, values in without(params, "figure").lists() for v in values],
        "map_data": {
            "figure": chosen,
            "figure_label": Indicator.Kind(chosen).label,
            "boundaries": reverse("dashboard:district_boundaries"),
            "place_url": reverse("dashboard:place", args=["PCODE"]),
            "query": keeping(params)["keep_period"],
            "values": {row.pcode: {"name": row.name, **{k: list(v) for k, v in row.figures.items()}}
                       for row in summary.rows},
        },
        "query": without(params, "figure").urlencode(),
        "has_data": data["has_data"],
        **keeping(params),
        **filter_context(filterset, without(params, "figure"),
                         ["date_after", "date_before", "place", "source", "status", "q"]),
    }
    return render(request, "dashboard/districts.html", context)


@viewer_required
@cache_control(max_age=3600)
def district_boundaries(request):
    """The admin2 boundaries as GeoJSON for the map: served by us, since there is no tile server."""
    features = [
        {"type": "Feature", "properties": {"pcode": pcode, "name": name}, "geometry": boundary}
        for pcode, name, boundary in Place.objects.filter(level=Place.Level.ADMIN2, boundary__isnull=False)
        .order_by("pcode").values_list("pcode", "name_en", "boundary")
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


@viewer_required
def provenance(request):
    """The figures and quotes behind a number, selected by the page's filter plus what was clicked:
    `of` (a kind or "<kind>_families"), `day`, `at` (a P-code) and `cumulative`. A full page, or with
    `partial=1` the list alone for the panel the page scripts open."""
    params = request.GET
    try:
        day = parse_date(params.get("day") or "")
    except ValueError:
        day = None
    cumulative = {"1": True, "0": False}.get(params.get("cumulative", ""))
    at = get_object_or_404(Place, pcode=params["at"]) if params.get("at") else None

    def compute():
        filterset = IndicatorFilter(without(params, "of", "day", "at", "cumulative", "partial", "page"),
                                    queryset=Indicator.objects.all())
        incidents, incident_count = provenance_incidents(filterset.qs, params.get("of"), day, at, cumulative)
        return {**summaries.provenance_page(filterset.qs, number=params.get("page"), kind=params.get("of") or None,
                                            date=day, place=at, cumulative=cumulative),
                "incidents": incidents, "incident_count": incident_count}

    context = {
        **page_cache.cached("provenance", params, compute, ignore=["partial"]),
        "what": provenance_title(params.get("of"), day, at, cumulative),
        "query": without(params, "partial").urlencode(),
        "page_query": without(params, "partial", "page").urlencode(),
        **keeping(params),
    }
    template = "dashboard/includes/provenance_list.html" if params.get("partial") else "dashboard/provenance.html"
    return render(request, template, context)


def provenance_incidents(indicators, of, day, at, cumulative, limit=100):
    """How a number of incidents was reached (summaries rule 3): the incidents the figures make, each with
    its low, high and accounts, and how figures told for containing places were joined. None for
    running totals, trapped estimates and conditions (their figures are the whole story). Returns the
    first `limit` incidents and how many there are in all."""
    kind, _, unit = (of or "").partition("_")
    if kind not in summaries.INCIDENT_KINDS or cumulative:
        return None, 0
    indicators = indicators.filter(kind=kind, cumulative=False)
    indicators = indicators.filter(unit="families") if unit == "families" else indicators.exclude(unit="families")
    if day is not None:
        indicators = indicators.filter(day=day)
    if at is not None:
        indicators = indicators.in_place(at)
    incidents = summaries.incidents(indicators)
    return incidents[:limit], len(incidents)


def provenance_title(of, day, at, cumulative):
    kind, _, unit = (of or "").partition("_")
    parts = [Indicator.Kind(kind).label if kind in Indicator.Kind.values else "Figures and conditions"]
    if unit == "families":
        parts.append("(families)")
    if cumulative:
        parts.append("— reported totals")
    if at:
        parts.append(f"in {at.name_en} ({at.pcode})")
    if day:
        parts.append(f"on {day.isoformat()}")
    return " ".join(parts)


# --- situation report drafts (dashboard/sitrep.py) -------------------------------------------------------

def _draft(request):
    """The draft for this query, kept in the page cache like the pages' data (its page and its three
    downloads share it): a week of a country's figures takes seconds to combine on a large database."""
    def compute():
        params = with_default_period(request.GET)
        return params.urlencode(), sitrep.build_draft(params)

    query, draft = page_cache.cached("sitrep", request.GET, compute)
    return QueryDict(query), draft


def _sitrep_html(request, params, draft, standalone=False):
    query = params.urlencode()
    links = {name: f"{reverse(f'dashboard:sitrep_{name}')}?{query}" for name in ("md", "docx", "pdf")}
    context = {"draft": draft, "chart": sitrep.chart_svg(draft), "standalone": standalone,
               "no_report": sitrep.joined(draft.no_report),
               "md_url": links["md"], "docx_url": links["docx"], "pdf_url": links["pdf"]}
    return render(request, "dashboard/sitrep.html", context)


def _attachment(content, content_type, draft, extension):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slugify(draft.title) or "sitrep"}.{extension}"'
    return response


@viewer_required
def sitrep_page(request):
    params, draft = _draft(request)
    return _sitrep_html(request, params, draft)


@viewer_required
def sitrep_md(request):
    _params, draft = _draft(request)
    base = request.build_absolute_uri("/").rstrip("/")
    return _attachment(sitrep.render_markdown(draft, base), "text/markdown; charset=utf-8", draft, "md")


@viewer_required
def sitrep_docx(request):
    _params, draft = _draft(request)
    base = request.build_absolute_uri("/").rstrip("/")
    return _attachment(sitrep.render_docx(draft, base),
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document", draft, "docx")


@viewer_required
def sitrep_pdf(request):
    params, draft = _draft(request)
    html = _sitrep_html(request, params, draft, standalone=True).content.decode()
    return _attachment(sitrep.render_pdf(html, request.build_absolute_uri("/")), "application/pdf", draft, "pdf")
