"""The dashboard's pages: small functions that build the filter, ask `summaries` for every number and
render a template with an explicit context. Charts get their data with `json_script`; every chart has a
table, so the pages work without JavaScript."""

from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models import Count, Max
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import never_cache

from reports.models import CONDITION_KINDS, Indicator, Report

from .filters import IndicatorFilter, ReportFilter, filter_chips
from .templatetags.sitrep import quote_spans

DEFAULT_DAYS = 90
EXPORTS = [("figures", "figures"), ("conditions", "conditions"), ("reports", "reports"),
           ("districts", "districts"), ("timeline", "timeline")]


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
    """Open to everyone when SITREP_PUBLIC is on; otherwise only to signed-in users."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.SITREP_PUBLIC and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def with_default_period(params):
    """The query with the last 90 days *of data* filled in when the URL names no date at all.

    The period ends at the latest indicator date, not today: a corpus about 2016 must not open empty.
    An empty `date_after=` in the URL means "all dates" and keeps the defaults out.
    """
    if "date_after" in params or "date_before" in params:
        return params
    latest = Indicator.objects.counted().aggregate(latest=Max("date"))["latest"]
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
