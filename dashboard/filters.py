"""The filters shared by the pages and the CSV downloads, so a download holds exactly the rows the page shows.

Query parameters (the same for `IndicatorFilter` and `ReportFilter`):

- `date_after`, `date_before` — ISO dates (YYYY-MM-DD only; 05/10/2016 is an error), both inclusive. Indicators are filtered on their event date;
  an indicator without one (the text gave no date) falls back to its report's publication date, the
  best date we have, so it is neither lost nor invented. An indicator with neither is left out whenever
  a date filter is set. That day is stored and indexed as `Indicator.day`, so a window is an index
  range. Reports are filtered on `published_on`; undated reports are left out likewise.
- `place` — a P-code, any level, or a place's name in English or Arabic or an alias (dashboard/places.py:
  the largest place of that name); the place and everything inside it (`Place.path` prefix). Reports:
  those with an indicator there. An unknown or ambiguous name is a form error listing the candidates.
- `kind` — repeatable (`?kind=killed&kind=injured`): any of these kinds. Reports: those with such an
  indicator.
- `source` — a source's id or name (case-insensitive). Indicators: the source the figure is cited to.
  Reports: the publisher, or a source one of its indicators cites. An unknown source is a form error.
- `status` — review status of the indicator (unreviewed, verified, rejected, corrected, or `reviewed`:
  verified or corrected). Reports: those
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

from reports.models import Indicator, Report, Source

from .places import PlaceNotFound, describe
from .places import resolve as resolve_place

PARAMETERS = ["date_after", "date_before", "place", "kind", "source", "status", "q"]


class PlaceField(forms.CharField):
    """A P-code or a place's name in the query string, a Place in cleaned_data (dashboard/places.py: names
    in English or Arabic and aliases, the largest place of a shared name; its other places of that name
    are kept on the Place as `alternatives`, what was typed as `typed`)."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            found = resolve_place(value)
        except PlaceNotFound as error:
            # The message goes in params, never formatted itself: a "%" typed in the name would break it.
            raise forms.ValidationError("%(message)s", code="unknown_place", params={"message": error.message})
        found.place.typed, found.place.alternatives = found.typed, found.alternatives
        found.place.label = describe(found.place)
        return found.place


class SourceField(forms.CharField):
    """A source's id or name in the query string, a Source in cleaned_data."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        value = value.strip()
        # isdecimal, not isdigit: "²" is a digit to Python but int() refuses it. Ids are ASCII digits only.
        is_id = value.isascii() and value.isdecimal() and len(value) <= 18
        lookup = {"pk": int(value)} if is_id else {"name__iexact": value}
        source = Source.objects.filter(**lookup).first()
        if source is None:
            raise forms.ValidationError("Unknown source: %(value)s.", code="unknown_source", params={"value": value})
        return source


# A search is a few words, not a document: past these, PostgreSQL's parser and SQLite's expression
# depth give way (a 500-word query made SQLite raise "Expression tree is too large").
MAX_SEARCH_WORDS = 20
MAX_SEARCH_CHARS = 300


def search_words(text):
    """The words a search looks for: letters and digits; punctuation and symbols are not searched."""
    return re.findall(r"\w+", text or "")


class SearchField(forms.CharField):
    """Text to search for: at most MAX_SEARCH_WORDS words, and at least one word when given at all
    ("💥" or '"&!' would otherwise search for nothing and match every report under a "Search" chip)."""

    def clean(self, value):
        value = super().clean(value)
        if not value or not value.strip():
            return ""
        if len(value) > MAX_SEARCH_CHARS:
            raise forms.ValidationError(
                f"The search is {len(value):,} characters long; search for at most {MAX_SEARCH_CHARS}.",
                code="search_too_long")
        words = search_words(value)
        if not words:
            raise forms.ValidationError("The search holds no word to look for (letters or digits).",
                                        code="search_no_word")
        if len(words) > MAX_SEARCH_WORDS:
            raise forms.ValidationError(
                f"The search has {len(words)} words; search for at most {MAX_SEARCH_WORDS}.",
                code="search_too_many_words")
        return value.strip()


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


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
    for word in search_words(text)[:MAX_SEARCH_WORDS]:
        reports = reports.filter(Q(title__icontains=word) | Q(body__icontains=word))
    return reports


def _in_place(prefix, place):
    return Q(**{f"{prefix}path": place.path}) | Q(**{f"{prefix}path__startswith": place.path + "/"})


# "reviewed": what a reviewer has settled and kept (verified or corrected), for publishing.
REVIEWED = "reviewed"
STATUS_CHOICES = [*Indicator.Status.choices, (REVIEWED, "Reviewed (verified or corrected)")]


def status_q(status, prefix=""):
    if status == REVIEWED:
        return Q(**{f"{prefix}status__in": [Indicator.Status.VERIFIED, Indicator.Status.CORRECTED]})
    return Q(**{f"{prefix}status": status})


# Dates are YYYY-MM-DD only: 05/10/2016 is 5 October to some readers and 10 May to others.
ISO_DATE = {"input_formats": ["%Y-%m-%d"],
            "error_messages": {"invalid": "Enter the date as YYYY-MM-DD, for example 2016-10-05."}}


class _SharedFilters(django_filters.FilterSet):
    date_after = django_filters.DateFilter(method="filter_date_after", label="From", **ISO_DATE)
    date_before = django_filters.DateFilter(method="filter_date_before", label="To", **ISO_DATE)
    place = PlaceFilter(method="filter_place", label="Place")
    kind = django_filters.MultipleChoiceFilter(choices=Indicator.Kind.choices, method="filter_kind", label="Kind")
    source = SourceFilter(method="filter_source", label="Source")
    status = django_filters.ChoiceFilter(choices=STATUS_CHOICES, method="filter_status", label="Review status")
    q = SearchFilter(method="filter_q", label="Search")

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
        return queryset.between(value, None)  # Indicator.day: its date, else its report's (see above)

    def filter_date_before(self, queryset, name, value):
        return queryset.between(None, value)

    def filter_place(self, queryset, name, place):
        return queryset.in_place(place)

    def filter_kind(self, queryset, name, kinds):
        return queryset.filter(kind__in=kinds) if kinds else queryset

    def filter_source(self, queryset, name, source):
        return queryset.filter(source=source)

    def filter_status(self, queryset, name, status):
        return queryset.filter(status_q(status))

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
            indicators, narrowed = indicators.filter(status_q(data["status"])), True
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
    statuses = dict(STATUS_CHOICES)
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
            "place": lambda v: f"Place: {describe(v)}",
            "source": lambda v: f"Source: {v.name}",
            "status": lambda v: f"Status: {statuses.get(v, v)}",
            "q": lambda v: f"Search: {v}",
        }[name](value)
        chips.append((label, without(name)))
    return chips
