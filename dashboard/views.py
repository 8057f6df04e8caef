"""The dashboard's pages: small functions that build the filter, ask `summaries` for every number and
render a template with an explicit context. Charts get their data with `json_script`; every chart has a
table, so the pages work without JavaScript."""

from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models import Count, Max, Min
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.text import slugify
from django.utils.dateparse import parse_date
from django.views.decorators.cache import cache_control, never_cache

from reports.models import CONDITION_KINDS, Indicator, Place, Report

from . import sitrep, summaries
from .filters import IndicatorFilter, ReportFilter, filter_chips
from .templatetags.sitrep import quote_spans

DEFAULT_DAYS = 90
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


def with_default_period(params, indicators=None):
    """The query with the last 90 days *of data* (by effective day) filled in when the URL names no date at all.

    The period ends at the latest indicator date, not today: a corpus about 2016 must not open empty.
    An empty `date_after=` in the URL means "all dates" and keeps the defaults out.
    """
    if "date_after" in params or "date_before" in params:
        return params
    indicators = Indicator.objects.all() if indicators is None else indicators
    latest = indicators.counted().aggregate(latest=Max("day"))["latest"]
    if latest is None:
        return params
    params = params.copy()
    params["date_after"] = (latest - timedelta(days=DEFAULT_DAYS - 1)).isoformat()
    params["date_before"] = latest.isoformat()
    return params


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
        "status_choices": Indicator.Status.choices,
    }


@viewer_required
def report_list(request):
    params = request.GET
    filterset = ReportFilter(params, queryset=Report.objects.select_related("publisher"))
    reports = filterset.qs.annotate(indicator_count=Count("indicators")).latest_first()
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    page_params = params.copy()
    page_params.pop("page", None)
    context = {
        "page": page,
        "page_query": page_params.urlencode() + "&" if page_params else "",
        **filter_context(filterset, params, ["date_after", "date_before", "place", "kind", "source", "status", "q"],
                         [("reports", "reports")]),
    }
    return render(request, "dashboard/report_list.html", context)


@viewer_required
def report_detail(request, pk):
    report = get_object_or_404(Report.objects.select_related("publisher"), pk=pk)
    indicators = list(report.indicators.select_related("place", "source").order_by("start", "id"))
    placed = len(quote_spans(report.body, indicators))
    context = {"report": report, "indicators": indicators, "unplaced": len(indicators) - placed}
    return render(request, "dashboard/report_detail.html", context)


def without(params, *names):
    params = params.copy()
    for name in names:
        params.pop(name, None)
    return params


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
    return start, end


def severity_strip(params, base, start, end):
    """Per sector the standing severity per day. The dates are opened for the read so that a condition
    reported just before the period still stands on its first days (summaries cuts at `start`)."""
    if start is None or end is None:
        return None
    # A strip of years would be thousands of cells: show the latest days of the period.
    start = max(start, end - timedelta(days=STRIP_DAYS - 1))
    indicators = IndicatorFilter(without(params, "date_after", "date_before"), queryset=base).qs
    days = summaries.condition_days(indicators.conditions(), start=start, end=end)
    rows = [(label, sector, days[sector], short) for sector, label, short in SECTORS if sector in days]
    return {"rows": rows, "start": start, "end": end}


def latest_reports(params, count=8):
    reports = Report.objects.select_related("publisher")
    return ReportFilter(without(params, "kind"), queryset=reports).qs.latest_first()[:count]


def series_context(params, base, summary_filter=None):
    """What the overview and a place page share: the filter, headline, timeline and severity strip.
    On a place page (`base` narrowed to the place), `summary_filter` is the same narrowing as a filter on
    every indicator, which the summaries can answer from their stored totals; the timeline is read by it."""
    filterset = IndicatorFilter(params, queryset=base)
    indicators = filterset.qs
    start, end = period(filterset, indicators)
    timeline = summaries.timeline(summary_filter if summary_filter is not None else filterset)
    timeline["incidents"] = dict(sorted(timeline["incidents"].items(), key=lambda item: series_rank(item[0])))
    return filterset, {
        "start": start, "end": end,
        "headline": [summaries_headline(summaries.headline(indicators), kind) for kind in HEADLINE_KINDS],
        "timeline": timeline,
        "chart_data": {"timeline": timeline, "start": start, "end": end,
                       "provenance": f"{reverse('dashboard:provenance')}?{params.urlencode()}"},
        "conditions": severity_strip(params, base, start, end),
        "trapped": summaries.trapped_estimates(indicators),
        "review": summaries.review_share(indicators),
        "undated": summaries.undated_count(indicators),
        "query": params.urlencode(),
    }


def series_rank(series):
    """Killed first (the chart opens on it), families after people, unknown kinds last."""
    kind, _, unit = series.partition("_")
    return (SERIES_ORDER.index(kind) if kind in SERIES_ORDER else len(SERIES_ORDER), unit)


def summaries_headline(figures, kind):
    return {"kind": kind, "label": Indicator.Kind(kind).label, "figure": figures.get(kind)}


@viewer_required
def overview(request):
    params = with_default_period(request.GET)
    filterset, context = series_context(params, Indicator.objects.all())
    context.update(
        default_period=params is not request.GET,
        all_dates_query=all_dates(params).urlencode(),
        reports=latest_reports(params),
        has_data=Indicator.objects.exists(),
        **filter_context(filterset, params, ["date_after", "date_before", "place", "source", "status", "q"]),
    )
    return render(request, "dashboard/overview.html", context)


@viewer_required
def place_detail(request, pcode):
    place = get_object_or_404(Place.objects.select_related("parent"), pcode=pcode)
    base = Indicator.objects.in_place(place)
    params = with_default_period(without(request.GET, "place"), base)
    with_place = params.copy()
    with_place["place"] = place.pcode
    # The rows of `base` with `params`, as a filter on every indicator (see series_context).
    place_filter = IndicatorFilter(with_place, queryset=Indicator.objects.all())
    filterset, context = series_context(params, base, place_filter)
    summary = summaries.place_summary(place_filter, place=place)
    context.update(
        place=place,
        ancestors=Place.objects.filter(pcode__in=place.path.split("/")[:-1]).order_by("path"),
        summary=summary,
        figure_kinds=[(kind, Indicator.Kind(kind).label) for kind in DISTRICT_FIGURES],
        sectors=SECTORS,
        reports=latest_reports(with_place, count=20),
        has_data=base.exists(),
        **filter_context(filterset, params, ["date_after", "date_before", "source", "status", "q"]),
    )
    context["downloads"] = download_links(with_place)
    # Provenance links and chart clicks keep to this place.
    context["query"] = with_place.urlencode()
    context["chart_data"]["provenance"] = f"{reverse('dashboard:provenance')}?{context['query']}"
    return render(request, "dashboard/place.html", context)


@viewer_required
def districts(request):
    params = with_default_period(request.GET)
    filterset = IndicatorFilter(params, queryset=Indicator.objects.all())
    start, end = period(filterset, filterset.qs)
    summary = summaries.district_summary(filterset)
    chosen = request.GET.get("figure") if request.GET.get("figure") in DISTRICT_FIGURES else "killed"
    groups = {}
    for row in summary.rows:
        groups.setdefault((row.parent_pcode, row.parent_name), []).append(row)
    context = {
        "summary": summary,
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
            "values": {row.pcode: {"name": row.name, **{k: list(v) for k, v in row.figures.items()}}
                       for row in summary.rows},
        },
        "query": without(params, "figure").urlencode(),
        "has_data": Indicator.objects.exists(),
        **filter_context(filterset, without(params, "figure"),
                         ["date_after", "date_before", "source", "status", "q"]),
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
    filterset = IndicatorFilter(without(params, "of", "day", "at", "cumulative", "partial"),
                                queryset=Indicator.objects.all())
    try:
        day = parse_date(params.get("day") or "")
    except ValueError:
        day = None
    cumulative = {"1": True, "0": False}.get(params.get("cumulative", ""))
    at = get_object_or_404(Place, pcode=params["at"]) if params.get("at") else None
    figures = summaries.provenance(filterset.qs, kind=params.get("of") or None, date=day, place=at,
                                   cumulative=cumulative)
    context = {
        "figures": figures,
        "what": provenance_title(params.get("of"), day, at, cumulative),
        "query": without(params, "partial").urlencode(),
    }
    template = "dashboard/includes/provenance_list.html" if params.get("partial") else "dashboard/provenance.html"
    return render(request, template, context)


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
    params = with_default_period(request.GET)
    return params, sitrep.build_draft(params)


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
