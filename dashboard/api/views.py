"""The JSON API: the pages' numbers with the pages' filters (dashboard/filters.py through
DjangoFilterBackend), and the writes of the admin through the same services (reports.ingest,
reports.review). Lists page with a cursor over an indexed unique key, so page 500 costs what page 1 does."""

import dataclasses

from django import forms
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.dateparse import parse_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, pagination, status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from reports import ingest, jobs, review, tasks
from reports.models import CONDITION_KINDS, FIGURE_KINDS, Indicator, Job, Place, Report, Source

from .. import exports, summaries
from ..filters import IndicatorFilter, PlaceField, ReportFilter
from . import schema  # noqa: F401  (registers the schema extensions)
from . import serializers as s
from .auth import CanAddReports, CanRead, CanReview


class Cursor(pagination.CursorPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
    ordering = "id"

    def get_page_size(self, request):
        # A bad page size is refused, not quietly replaced by the default.
        text = request.query_params.get(self.page_size_query_param)
        if text is None:
            return self.page_size
        if not (text.isascii() and text.isdigit() and 1 <= int(text) <= self.max_page_size):
            raise ValidationError({self.page_size_query_param: [f"Enter a whole number from 1 to {self.max_page_size}."]})
        return int(text)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
        return parameters


class LatestFirst(Cursor):
    ordering = "-id"


class ByPcode(Cursor):
    ordering = "pcode"


def valid_filter(filterset_class, request, queryset):
    """The FilterSet of the request, or a 400 naming each parameter at fault."""
    filterset = filterset_class(request.query_params, queryset=queryset, request=request)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset


# --- figures and conditions: the rows of figures.csv and conditions.csv --------------------------------

class _IndicatorRecords(generics.ListAPIView):
    filterset_class = IndicatorFilter
    pagination_class = Cursor
    figures = True

    def get_queryset(self):
        return Indicator.objects.filter(kind__in=FIGURE_KINDS if self.figures else CONDITION_KINDS)

    def list(self, request, *args, **kwargs):
        indicators = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(indicators.values(*exports.INDICATOR_FIELDS))
        rows = ([row[field] for field in exports.INDICATOR_FIELDS] for row in page)
        records = list(exports.indicator_records(rows, self.figures, exports.admin_names(raw=True)))
        return self.get_paginated_response(records)


class FigureList(_IndicatorRecords):
    """Figures (counts of people), each as a row of figures.csv, in the order they were recorded."""

    serializer_class = s.FigureRecordSerializer


class ConditionList(_IndicatorRecords):
    """Conditions (sector severities), each as a row of conditions.csv, in the order they were recorded."""

    serializer_class = s.ConditionRecordSerializer
    figures = False


# --- reports --------------------------------------------------------------------------------------------

def _count(kinds):
    counted = (Indicator.objects.filter(report=OuterRef("pk"), kind__in=kinds).order_by()
               .values("report").annotate(n=Count("id")).values("n"))
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _with_indicators(reports):
    indicators = Indicator.objects.select_related("place", "source").order_by("start", "id")
    return reports.select_related("publisher").prefetch_related(
        Prefetch("indicators", queryset=indicators.filter(kind__in=FIGURE_KINDS), to_attr="figure_list"),
        Prefetch("indicators", queryset=indicators.filter(kind__in=CONDITION_KINDS), to_attr="condition_list"),
    )


def _report_answer(report):
    return s.ReportDetailSerializer(_with_indicators(Report.objects.filter(pk=report.pk)).get()).data


class ReportList(generics.ListCreateAPIView):
    """Reports, newest recorded first, each with how many figures and conditions were read from it.
    POST sends a report in (Editors): its text is read for figures and conditions like an uploaded file."""

    filterset_class = ReportFilter
    pagination_class = LatestFirst
    serializer_class = s.ReportSerializer

    def get_permissions(self):
        return [CanAddReports()] if self.request.method == "POST" else [CanRead()]

    def get_queryset(self):
        return Report.objects.select_related("publisher").annotate(
            figure_count=_count(FIGURE_KINDS), condition_count=_count(CONDITION_KINDS))

    @extend_schema(request=s.ReportSubmissionSerializer,
                   responses={202: OpenApiResponse(s.SubmittedReportSerializer,
                                                   description="Stored; its figures are read by the job (poll "
                                                               "/api/v1/jobs/{id}/)."),
                              200: OpenApiResponse(s.ReportDetailSerializer,
                                                   description="The same text was already stored: that report, "
                                                               "unchanged.")})
    def post(self, request, *args, **kwargs):
        submission = s.ReportSubmissionSerializer(data=request.data)
        submission.is_valid(raise_exception=True)
        report, created = submit_report(submission.validated_data)
        if not created:
            return Response(_report_answer(report), status=status.HTTP_200_OK)
        # Read on a worker, like an upload: the answer does not wait for the extractor.
        job = jobs.extract_job([report.pk], description=f"report {report.pk} sent through the API",
                               user=request.user)
        tasks.start(job)
        job.refresh_from_db()
        return Response({"report": _report_answer(report), "job": _job_answer(job)}, status=status.HTTP_202_ACCEPTED)


def _job_answer(job):
    return s.JobSerializer(job).data


def submit_report(data):
    """(report, created) for a submission, stored through reports.ingest without its figures (a job reads
    them); its refusals as 400s naming the field."""
    try:
        return ingest.ingest_report(text=data["text"], title=data["title"], published_on=data["date"],
                                    publisher=data["source"] or None, url=data["url"], extract=False)
    except ingest.IngestError as error:
        field = "url" if str(error).startswith("url") else ("date" if "published_on" in str(error) else "text")
        raise ValidationError({field: [str(error)]}) from None


class JobDetail(generics.RetrieveAPIView):
    """A background job (Editors): the extraction of a report sent in, or an upload's import."""

    serializer_class = s.JobSerializer
    filter_backends = []
    permission_classes = [CanAddReports]

    def get_queryset(self):
        return Job.objects.all()


class ReportDetail(generics.RetrieveAPIView):
    """A report with its text, figures and conditions (each with its quote and review)."""

    serializer_class = s.ReportDetailSerializer
    filter_backends = []

    def get_queryset(self):
        return _with_indicators(Report.objects.all())


# --- places and sources ---------------------------------------------------------------------------------

class PlaceList(generics.ListAPIView):
    """The gazetteer: every place with its P-code, level and parent, by P-code."""

    serializer_class = s.PlaceSerializer
    pagination_class = ByPcode
    filter_backends = []
    queryset = Place.objects.select_related("parent")


class PlaceDetail(generics.RetrieveAPIView):
    """A place with its parent and children."""

    serializer_class = s.PlaceDetailSerializer
    filter_backends = []
    lookup_field = "pcode"
    queryset = Place.objects.select_related("parent").prefetch_related(
        Prefetch("children", queryset=Place.objects.order_by("pcode")))


class SourceList(generics.ListAPIView):
    """Who says things: publishers and the sources figures are cited to."""

    serializer_class = s.SourceSerializer
    pagination_class = Cursor
    filter_backends = []
    queryset = Source.objects.all()


# --- the summaries: districts.csv and timeline.csv as JSON ---------------------------------------------

class DistrictList(generics.ListAPIView):
    """Per admin2 district, the rows of districts.csv: per kind the conservative figure and the highest
    any source gives, and the standing severity per sector. No dates given: every date (as the CSV)."""

    serializer_class = s.DistrictRecordSerializer
    filterset_class = IndicatorFilter
    pagination_class = None
    queryset = Indicator.objects.all()

    def list(self, request, *args, **kwargs):
        filterset = valid_filter(IndicatorFilter, request, Indicator.objects.all())
        return Response(list(exports.district_records(filterset)))


class Timeline(generics.ListAPIView):
    """The rows of timeline.csv: incidents summed per day and kind, reported totals, trapped estimates."""

    serializer_class = s.TimelineRecordSerializer
    filterset_class = IndicatorFilter
    pagination_class = None
    queryset = Indicator.objects.all()

    def list(self, request, *args, **kwargs):
        filterset = valid_filter(IndicatorFilter, request, Indicator.objects.all())
        return Response(list(exports.timeline_records(filterset, filterset.form.cleaned_data.get("place"))))


PROVENANCE_KINDS = [*Indicator.Kind.values, *(f"{kind}_families" for kind in FIGURE_KINDS)]


class Provenance(generics.ListAPIView):
    """The figures and conditions behind a number, as the provenance page: the filters plus what the number
    is (`of`, `day`, `at`, `cumulative`). Counted ones only, by day then report, at most 500."""

    serializer_class = s.ProvenanceSerializer
    filterset_class = IndicatorFilter
    pagination_class = None
    queryset = Indicator.objects.all()

    @extend_schema(parameters=[
        OpenApiParameter("of", str, enum=PROVENANCE_KINDS, description="A kind, or '<kind>_families'."),
        OpenApiParameter("day", OpenApiTypes.DATE, description="The day (for reported totals: the report's)."),
        OpenApiParameter("at", str, description="A P-code: this place and those inside it."),
        OpenApiParameter("cumulative", bool, description="Reported totals only (true) or none of them (false)."),
    ])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        params = request.query_params
        errors = {}
        of = params.get("of") or None
        if of is not None and of not in PROVENANCE_KINDS:
            errors["of"] = [f"Unknown kind: {of}."]
        day = None
        if params.get("day"):
            try:
                day = parse_date(params["day"])
            except ValueError:
                pass
            if day is None:
                errors["day"] = ["Enter a date as YYYY-MM-DD."]
        cumulative = {"1": True, "true": True, "0": False, "false": False, "": None}.get(
            params.get("cumulative", "").lower(), "bad")
        if cumulative == "bad":
            errors["cumulative"] = ["Enter true or false."]
        try:  # the place filter's own field: a known P-code (and no NUL byte, which PostgreSQL refuses)
            at = PlaceField(required=False).clean(params.get("at", ""))
        except forms.ValidationError as error:
            at, errors["at"] = None, error.messages
        filterset = IndicatorFilter(params, queryset=Indicator.objects.all(), request=request)
        if not filterset.is_valid():
            errors.update(filterset.errors)
        if errors:
            raise ValidationError(errors)
        figures = summaries.provenance(filterset.qs, kind=of, date=day, place=at, cumulative=cumulative)
        return Response([dataclasses.asdict(figure) for figure in figures])


# --- review ---------------------------------------------------------------------------------------------

class _Review(APIView):
    permission_classes = [CanReview]

    def indicator(self, pk):
        return generics.get_object_or_404(Indicator.objects.select_related("place", "source"), pk=pk)


class Verify(_Review):
    @extend_schema(request=None, responses=s.IndicatorSerializer)
    def post(self, request, pk):
        """The figure says what its quote says (Reviewers)."""
        return Response(s.IndicatorSerializer(review.verify(self.indicator(pk), request.user)).data)


class Reject(_Review):
    @extend_schema(request=None, responses=s.IndicatorSerializer)
    def post(self, request, pk):
        """The quote does not support the figure: it leaves every summary (Reviewers)."""
        return Response(s.IndicatorSerializer(review.reject(self.indicator(pk), request.user)).data)


class Correct(_Review):
    @extend_schema(request=s.CorrectionSerializer, responses=s.IndicatorSerializer)
    def post(self, request, pk):
        """Correct the figure; the machine's first reading is kept in `original` (Reviewers)."""
        indicator = self.indicator(pk)
        correction = s.CorrectionSerializer(data=request.data)
        correction.is_valid(raise_exception=True)
        changes = dict(correction.validated_data)
        note = changes.pop("note", "")
        return Response(s.IndicatorSerializer(review.correct(indicator, request.user, note=note, **changes)).data)


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([])
def not_found(request, *args, **kwargs):
    raise NotFound(f"No API endpoint at {request.path}.")
