"""The shapes of the API's answers. The tables shared with the CSV downloads (figures, conditions,
districts, timeline) are records made by dashboard/exports.py; their serializers only describe them for
the schema, one field per CSV column, so the JSON and the CSV cannot drift apart."""

from rest_framework import serializers

from reports.models import Indicator, Place, Report, Source

from .. import exports

TEXT, NUMBER, DATE, FLAG = "text", "number", "date", "flag"
_TYPES = {
    "id": NUMBER, "report_id": NUMBER, "figure_id": NUMBER, "date": DATE, "reported_on": DATE,
    "value": NUMBER, "low": NUMBER, "high": NUMBER, "incidents": NUMBER, "severity": NUMBER,
    "cumulative": FLAG, "counted": FLAG, "conditions_as_of": DATE,
}


def _field(column):
    kind = _TYPES.get(column)
    if kind is None and (column.endswith("_high") or column.endswith("_severity")
                         or column in dict(exports.SUMMARY_SERIES)):
        kind = NUMBER
    if kind == NUMBER:
        return serializers.IntegerField(allow_null=True)
    if kind == DATE:
        return serializers.DateField(allow_null=True)
    if kind == FLAG:
        return serializers.BooleanField()
    return serializers.CharField(allow_blank=True)


def _record_serializer(name, columns, doc):
    fields = {column: _field(column) for column, _tag in columns}
    return type(name, (serializers.Serializer,), {**fields, "__doc__": doc})


FigureRecordSerializer = _record_serializer(
    "FigureRecord", exports.FIGURE_COLUMNS, "A figure: one row of figures.csv (the same columns and values).")
ConditionRecordSerializer = _record_serializer(
    "ConditionRecord", exports.CONDITION_COLUMNS, "A condition: one row of conditions.csv.")
DistrictRecordSerializer = _record_serializer(
    "DistrictRecord", exports.DISTRICT_COLUMNS,
    "A district: one row of districts.csv (conservative figure and highest figure per kind, severities).")
TimelineRecordSerializer = _record_serializer(
    "TimelineRecord", exports.TIMELINE_COLUMNS, "One row of timeline.csv.")


class SourceSerializer(serializers.ModelSerializer):
    url = serializers.CharField(read_only=True)

    class Meta:
        model = Source
        fields = ["id", "name", "kind", "url"]


class PlaceBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Place
        fields = ["pcode", "name_en", "name_ar", "level"]


class PlaceSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="pcode", read_only=True, allow_null=True)

    class Meta:
        model = Place
        fields = ["pcode", "name_en", "name_ar", "level", "parent", "admin1_pcode", "admin2_pcode",
                  "latitude", "longitude"]


class PlaceDetailSerializer(PlaceSerializer):
    parent = PlaceBriefSerializer(read_only=True, allow_null=True)
    children = PlaceBriefSerializer(many=True, read_only=True)

    class Meta(PlaceSerializer.Meta):
        fields = PlaceSerializer.Meta.fields + ["children"]


class IndicatorSerializer(serializers.ModelSerializer):
    """A figure or condition as read from its report, with its review and (once corrected) the machine's
    original reading."""

    place = serializers.SlugRelatedField(slug_field="pcode", read_only=True, allow_null=True)
    place_name = serializers.CharField(source="place.name_en", read_only=True, allow_null=True, default=None)
    source = serializers.CharField(source="source.name", read_only=True, allow_null=True, default=None)
    original = serializers.JSONField(read_only=True, allow_null=True)

    class Meta:
        model = Indicator
        fields = ["id", "report", "kind", "group", "value", "low", "high", "qualifier", "unit", "cumulative",
                  "since", "severity", "date", "day", "place", "place_name", "source", "quote", "start", "end",
                  "origin", "status", "reviewed_at", "original"]
        read_only_fields = fields


class ReportSerializer(serializers.ModelSerializer):
    url = serializers.CharField(read_only=True, help_text="Where it was published; empty when not known.")
    publisher = serializers.CharField(source="publisher.name", read_only=True, allow_null=True, default=None)
    figures = serializers.IntegerField(source="figure_count", read_only=True)
    conditions = serializers.IntegerField(source="condition_count", read_only=True)

    class Meta:
        model = Report
        fields = ["id", "published_on", "title", "publisher", "url", "language", "duplicate_status",
                  "duplicate_of", "figures", "conditions"]
        read_only_fields = fields


class ReportDetailSerializer(serializers.ModelSerializer):
    url = serializers.CharField(read_only=True, help_text="Where it was published; empty when not known.")
    publisher = serializers.CharField(source="publisher.name", read_only=True, allow_null=True, default=None)
    figures = IndicatorSerializer(source="figure_list", many=True, read_only=True)
    conditions = IndicatorSerializer(source="condition_list", many=True, read_only=True)

    class Meta:
        model = Report
        fields = ["id", "published_on", "title", "publisher", "url", "language", "duplicate_status",
                  "duplicate_of", "body", "created", "figures", "conditions"]
        read_only_fields = fields


class TextField(serializers.CharField):
    """Text, and only text: a number or a list sent by mistake is refused, not turned into words."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class JobSerializer(serializers.Serializer):
    """A background job (reports/jobs.py): what it does, its state and its counts so far."""

    id = serializers.IntegerField()
    kind = serializers.CharField()
    state = serializers.ChoiceField(choices=["queued", "running", "finished", "failed"])
    description = serializers.CharField()
    error = serializers.CharField(help_text="Why the job failed, in plain words; empty otherwise.")
    created = serializers.DateTimeField()
    finished = serializers.DateTimeField(allow_null=True)
    report_ids = serializers.ListField(child=serializers.IntegerField(), help_text="The reports it reads.")


class SubmittedReportSerializer(serializers.Serializer):
    """A report accepted for reading: the report as stored so far and the job that reads its figures."""

    report = ReportDetailSerializer()
    job = JobSerializer()


class ReportSubmissionSerializer(serializers.Serializer):
    """A report sent in: its text is read for figures and conditions like an uploaded file."""

    text = TextField(trim_whitespace=False)
    title = TextField(required=False, allow_blank=True, max_length=500, default="")
    date = serializers.DateField(required=False, allow_null=True, default=None,
                                 help_text="Publication date; when empty, the dateline read from the text.")
    source = TextField(required=False, allow_blank=True, max_length=200, default="",
                                   help_text="The publisher's name (a new name creates the source).")
    url = serializers.URLField(required=False, allow_blank=True, max_length=1000, default="")


class CorrectionSerializer(serializers.Serializer):
    """The corrected fields (any of them); the machine's reading is kept in `original`."""

    value = serializers.IntegerField(required=False, min_value=0, max_value=2**62)
    low = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=2**62)
    high = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=2**62)
    group = serializers.ChoiceField(Indicator.Group.choices, required=False)
    qualifier = serializers.ChoiceField(Indicator.Qualifier.choices, required=False)
    unit = serializers.ChoiceField(Indicator.Unit.choices, required=False)
    severity = serializers.ChoiceField(Indicator.Severity.choices, required=False)
    place = serializers.SlugRelatedField(slug_field="pcode", queryset=Place.objects.all(), required=False,
                                         allow_null=True, help_text="A P-code.")
    date = serializers.DateField(required=False, allow_null=True)
    note = TextField(required=False, allow_blank=True, max_length=100, default="")


class ProvenanceSerializer(serializers.Serializer):
    """A figure or condition behind a number, as on the provenance page."""

    id = serializers.IntegerField()
    kind = serializers.CharField()
    group = serializers.CharField(allow_blank=True)
    value = serializers.IntegerField(allow_null=True)
    low = serializers.IntegerField(allow_null=True)
    high = serializers.IntegerField(allow_null=True)
    qualifier = serializers.CharField(allow_blank=True)
    unit = serializers.CharField(allow_blank=True)
    cumulative = serializers.BooleanField()
    since = serializers.CharField(allow_blank=True)
    severity = serializers.IntegerField(allow_null=True)
    date = serializers.DateField(allow_null=True)
    place_pcode = serializers.CharField(allow_blank=True)
    place_name = serializers.CharField(allow_blank=True)
    source = serializers.CharField(allow_blank=True)
    status = serializers.CharField()
    reviewed = serializers.BooleanField()
    original_value = serializers.IntegerField(allow_null=True)
    quote = serializers.CharField(allow_blank=True)
    report_id = serializers.IntegerField()
    report_title = serializers.CharField(allow_blank=True)
    report_url = serializers.CharField(allow_blank=True)
    published_on = serializers.DateField(allow_null=True)
