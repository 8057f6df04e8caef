"""The filters shared by the pages and the CSV downloads, so a download holds exactly the rows the page shows.

Query parameters (the same for `IndicatorFilter` and `ReportFilter`):

- `date_after`, `date_before` — ISO dates, both inclusive. Indicators are filtered on their event date;
  an indicator without one (the text gave no date) falls back to its report's publication date, the
  best date we have, so it is neither lost nor invented. An indicator with neither is left out whenever
  a date filter is set. That day is stored and indexed as `Indicator.day`, so a window is an index
  range. Reports are filtered on `published_on`; undated reports are left out likewise.
- `place` — a P-code, any level; the place and everything inside it (`Place.path` prefix). Reports:
  those with an indicator there. An unknown P-code is a form error.
- `kind` — repeatable (`?kind=killed&kind=injured`): any of these kinds. Reports: those with such an
  indicator.
- `source` — a source's id or name (case-insensitive). Indicators: the source the figure is cited to.
  Reports: the publisher, or a source one of its indicators cites. An unknown source is a form error.
- `status` — review status of the indicator (unreviewed, verified, rejected, corrected). Reports: those
  with an indicator in that status.
- `q` — text search in the report's title and body: PostgreSQL full-text search ('english' config,
  web-search syntax: words, "quoted phrases", -excluded) on PostgreSQL; elsewhere (SQLite) every word,
  punctuation ignored, as a case-insensitive substring. Indicators: those whose report matches.

For reports, the indicator conditions (place, kind, status, and the cited-source half of `source`) must
hold for one and the same indicator: "reports with a killed figure in Aleppo", not "reports mentioning
Aleppo and, somewhere else, a killed figure".

An invalid filter gives no rows (not every row): check `filterset.is_valid()` and show `filterset.errors`.
"""

import re
from urllib.parse import urlencode

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Exists, OuterRef, Q

from reports.models import Indicator, Place, Report, Source

PARAMETERS = ["date_after", "date_before", "place", "kind", "source", "status", "q"]


class PlaceField(forms.CharField):
    """A P-code in the query string, a Place in cleaned_data."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        place = Place.objects.filter(pcode__iexact=value.strip()).first()
        if place is None:
            # The value goes in params, never into the message itself: a "%" in it would break the formatting.
            raise forms.ValidationError("Unknown P-code: %(value)s.", code="unknown_pcode", params={"value": value})
        return place


class SourceField(forms.CharField):
    """A source's id or name in the query string, a Source in cleaned_data."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        value = value.strip()
        # An id is ASCII digits that fit the column ("²".isdigit() is True, int("²") raises; 20 digits overflow).
        is_id = value.isascii() and value.isdigit() and len(value) <= 18
        lookup = {"pk": int(value)} if is_id else {"name__iexact": value}
        source = Source.objects.filter(**lookup).first()
        if source is None:
            raise forms.ValidationError("Unknown source: %(value)s.", code="unknown_source", params={"value": value})
        return source


class PlaceFilter(django_filters.Filter):
    field_class = PlaceField


class SourceFilter(django_filters.Filter):
    field_class = SourceField


class FilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_after"), cleaned.get("date_before")
        if start and end and start > end:
            raise forms.ValidationError("The start date is after the end date.", code="dates_reversed")
        return cleaned


def text_search_reports(reports, text):
    """Reports whose title or body matches `text`: full-text search on PostgreSQL, substrings elsewhere."""
    text = (text or "").strip()
    if not text:
        return reports
    if connection.vendor == "postgresql":
        vector = SearchVector("title", "body", config="english")
        query = SearchQuery(text, config="english", search_type="websearch")
        return reports.alias(search=vector).filter(search=query)  # alias: the tsvector is not sent back
    # Punctuation is not searched for, as in full-text search: '"shelling &' looks for shelling.
    for word in re.findall(r"\w+", text):
        reports = reports.filter(Q(title__icontains=word) | Q(body__icontains=word))
    return reports


def _in_place(prefix, place):
    return Q(**{f"{prefix}path": place.path}) | Q(**{f"{prefix}path__startswith": place.path + "/"})


class _SharedFilters(django_filters.FilterSet):
    date_after = django_filters.DateFilter(method="filter_date_after", label="From")
    date_before = django_filters.DateFilter(method="filter_date_before", label="To")
    place = PlaceFilter(method="filter_place", label="Place (P-code)")
    kind = django_filters.MultipleChoiceFilter(choices=Indicator.Kind.choices, method="filter_kind", label="Kind")
    source = SourceFilter(method="filter_source", label="Source")
    status = django_filters.ChoiceFilter(choices=Indicator.Status.choices, method="filter_status",
                                         label="Review status")
    q = django_filters.CharFilter(method="filter_q", label="Search")

    def filter_queryset(self, queryset):
        # django-filter would quietly drop an invalid field and return everything; an analyst who
        # mistyped a P-code must not download the whole country believing it is one district.
        if self.form.errors:
            return queryset.none()
        return super().filter_queryset(queryset)


class IndicatorFilter(_SharedFilters):
    class Meta:
        model = Indicator
        fields = PARAMETERS
        form = FilterForm

    def filter_date_after(self, queryset, name, value):
        return queryset.filter(day__gte=value)  # Indicator.day: its date, else its report's (see above)

    def filter_date_before(self, queryset, name, value):
        return queryset.filter(day__lte=value)

    def filter_place(self, queryset, name, place):
        return queryset.filter(_in_place("place__", place))

    def filter_kind(self, queryset, name, kinds):
        return queryset.filter(kind__in=kinds) if kinds else queryset

    def filter_source(self, queryset, name, source):
        return queryset.filter(source=source)

    def filter_status(self, queryset, name, status):
        return queryset.filter(status=status)

    def filter_q(self, queryset, name, text):
        return queryset.filter(report__in=text_search_reports(Report.objects.all(), text).values("pk"))


class ReportFilter(_SharedFilters):
    class Meta:
        model = Report
        fields = PARAMETERS
        form = FilterForm

    def filter_queryset(self, queryset):
        if self.form.errors:
            return queryset.none()
        queryset = super().filter_queryset(queryset)
        # The indicator conditions are gathered into one subquery (see the module docstring).
        data = self.form.cleaned_data
        indicators = Indicator.objects.filter(report=OuterRef("pk"))
        narrowed = False
        if data.get("place"):
            indicators, narrowed = indicators.filter(_in_place("place__", data["place"])), True
        if data.get("kind"):
            indicators, narrowed = indicators.filter(kind__in=data["kind"]), True
        if data.get("status"):
            indicators, narrowed = indicators.filter(status=data["status"]), True
        if data.get("source"):
            source = data["source"]
            return queryset.filter(
                Q(publisher=source) | Exists(indicators.filter(source=source))
                if not narrowed
                else Exists(indicators) & (Q(publisher=source) | Exists(indicators.filter(source=source)))
            )
        return queryset.filter(Exists(indicators)) if narrowed else queryset

    def filter_date_after(self, queryset, name, value):
        return queryset.filter(published_on__gte=value)

    def filter_date_before(self, queryset, name, value):
        return queryset.filter(published_on__lte=value)

    # Applied together in filter_queryset.
    def filter_place(self, queryset, name, value):
        return queryset

    filter_kind = filter_status = filter_source = filter_place

    def filter_q(self, queryset, name, text):
        return text_search_reports(queryset, text)


def filter_chips(filterset, params):
    """The active filter as removable chips: a list of (label, query string without it).

    `params` is the request's QueryDict. Each value of a repeated parameter (kind) is its own chip.
    The query string starts with "?" (just "?" when nothing is left), ready for an href. Invalid values
    get no chip: the form shows their error instead.
    """
    cleaned = {}
    if filterset.is_bound:
        filterset.is_valid()  # runs the form's validation, filling cleaned_data with the valid fields
        cleaned = filterset.form.cleaned_data
    kinds = dict(Indicator.Kind.choices)
    statuses = dict(Indicator.Status.choices)
    chips = []

    def without(name, value=None):
        rest = [(k, v) for k, values in params.lists() for v in values
                if k != "page" and not (k == name and (value is None or v == value))]
        return "?" + urlencode(rest)

    for name in PARAMETERS:
        value = cleaned.get(name)
        if not value:
            continue
        if name == "kind":
            for kind in value:
                chips.append((f"Kind: {kinds.get(kind, kind)}", without("kind", kind)))
            continue
        label = {
            "date_after": lambda v: f"From {v.isoformat()}",
            "date_before": lambda v: f"To {v.isoformat()}",
            "place": lambda v: f"Place: {v.name_en} ({v.pcode})",
            "source": lambda v: f"Source: {v.name}",
            "status": lambda v: f"Status: {statuses.get(v, v)}",
            "q": lambda v: f"Search: {v}",
        }[name](value)
        chips.append((label, without(name)))
    return chips
