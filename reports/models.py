"""Sitrep's data: who says things (Source), what they said (Report), where (Place), and the
figures and conditions read out of what they said (Indicator)."""

import hashlib
import re
import unicodedata

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from simple_history.models import HistoricalRecords

from . import plausibility
from .signals import indicators_changed


def _mark_days(days):
    """Tell the dashboard's stored totals that what these days count changed (reports/signals.py).
    Every mark of this module passes here; the models' writes below call it, in their transaction. Sent
    also with no day (undated figures, or fields no sum reads): the pages kept in the shared cache show
    those too (dashboard.page_cache)."""
    indicators_changed.send(sender=Indicator, days={day for day in days if day is not None})


# A background event's day may lie long before the war ("the 1982 Hama massacre"); a day before this
# is a typo, not history.
EARLIEST_EVENT_DAY = datetime.date(1900, 1, 1)


def _latest_plausible_day():
    # A day ahead of UTC's today: a report written east of Greenwich may be dated tomorrow in UTC.
    return datetime.date.today() + datetime.timedelta(days=1)


def validate_report_date(value):
    """A report's publication date lies between SITREP_EARLIEST_DATE (2011 by default: the war's
    reports) and today. A typo such as 2106 would otherwise move every page's default period."""
    if value is None:
        return
    earliest = settings.SITREP_EARLIEST_DATE
    if value > _latest_plausible_day():
        raise ValidationError("%(value)s is in the future.", code="date_in_future",
                              params={"value": value.isoformat()})
    if value < earliest:
        raise ValidationError("%(value)s is before %(earliest)s, the earliest date Sitrep accepts "
                              "(SITREP_EARLIEST_DATE).", code="date_too_early",
                              params={"value": value.isoformat(), "earliest": earliest.isoformat()})


def validate_event_date(value):
    """An event's day is never in the future; it may be an earlier event's (1982), not before 1900."""
    if value is None:
        return
    if value > _latest_plausible_day():
        raise ValidationError("%(value)s is in the future.", code="date_in_future",
                              params={"value": value.isoformat()})
    if value < EARLIEST_EVENT_DAY:
        raise ValidationError("%(value)s is before 1900.", code="date_too_early",
                              params={"value": value.isoformat()})


def normalise_body(text):
    """The form of a report's text used for its content hash: NFC, one space between words."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text or "")).strip()


def content_hash(text):
    return hashlib.sha256(normalise_body(text).encode("utf-8")).hexdigest()


class Source(models.Model):
    class Kind(models.TextChoices):
        NEWS_AGENCY = "news_agency", "News agency"
        MONITORING_GROUP = "monitoring_group", "Monitoring group"
        GOVERNMENT = "government", "Government"
        UN_NGO = "un_ngo", "UN or NGO"
        CIVIL_DEFENCE = "civil_defence", "Civil defence"
        MEDICAL = "medical", "Medical"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    url = models.URLField(max_length=500, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="source_name_unique_ci")]

    def __str__(self):
        return self.name


_UNKNOWN = object()  # a field's value as last saved, when not known


class ReportQuerySet(models.QuerySet):
    def dated(self):
        return self.filter(published_on__isnull=False)

    def undated(self):
        return self.filter(published_on__isnull=True)

    def between(self, start=None, end=None):
        qs = self
        if start:
            qs = qs.filter(published_on__gte=start)
        if end:
            qs = qs.filter(published_on__lte=end)
        return qs

    def latest_first(self):
        return self.order_by(models.F("published_on").desc(nulls_last=True), "-id")

    def update(self, **kwargs):
        """Also what Report.save() does: undated indicators follow a new date, and the days of the
        reports' indicators are marked when their date or duplicate status changes."""
        if not {"published_on", "duplicate_status"} & set(kwargs):
            return super().update(**kwargs)
        with transaction.atomic(using=self.db, savepoint=False):
            ids = list(self.values_list("pk", flat=True).order_by())
            if "duplicate_status" in kwargs:
                _mark_days(Indicator.objects.filter(report__in=ids).days())
            count = super().update(**kwargs)
            if "published_on" in kwargs:  # (Indicator's update marks the days they leave and reach)
                Indicator.objects.filter(report__in=ids, date__isnull=True).update(day=_report_date())
        return count

    def delete(self):
        with transaction.atomic(using=self.db, savepoint=False):
            _mark_days(Indicator.objects.filter(report__in=self.values("pk")).days())
            return super().delete()


class Report(models.Model):
    class Duplicate(models.TextChoices):
        NONE = "", "Not a duplicate"
        SUSPECTED = "suspected", "Possible duplicate"
        CONFIRMED = "confirmed", "Confirmed duplicate"
        DISMISSED = "dismissed", "Not a duplicate (dismissed)"

    title = models.CharField(max_length=500, blank=True)
    body = models.TextField()
    published_on = models.DateField(null=True, blank=True, help_text="Empty when the report is undated.",
                                    validators=[validate_report_date])
    publisher = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="published_reports"
    )
    url = models.URLField(max_length=1000, blank=True)
    language = models.CharField(max_length=10, default="en")
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    duplicate_status = models.CharField(max_length=10, choices=Duplicate.choices, blank=True, default="")
    # Why the extraction's reading was not stored (a report yielding more figures than
    # SITREP_MAX_FIGURES_PER_REPORT): empty when its figures are stored.
    held_for_review = models.CharField(max_length=300, blank=True, default="", db_default="", editable=False)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["body"])

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = [models.F("published_on").desc(nulls_last=True), "-id"]
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=~Q(url=""), name="report_url_unique_when_present"),
        ]
        indexes = [
            models.Index(fields=["published_on"]),
            # Summaries leave out the indicators of confirmed duplicates by report id: a short list.
            models.Index(fields=["id"], condition=Q(duplicate_status="confirmed"), name="report_confirmed_duplicate"),
        ]

    def __str__(self):
        return self.title or f"Report {self.pk}"

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        report = super().from_db(db, field_names, values, **kwargs)
        report._saved_published_on = report.__dict__.get("published_on", _UNKNOWN)
        report._saved_duplicate_status = report.__dict__.get("duplicate_status", _UNKNOWN)
        return report

    def save(self, *args, **kwargs):
        with transaction.atomic(using=kwargs.get("using"), savepoint=False):
            self._save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        with transaction.atomic(using=kwargs.get("using"), savepoint=False):
            _mark_days(self.indicators.days())
            return super().delete(*args, **kwargs)

    def _save(self, *args, **kwargs):
        self.content_hash = content_hash(self.body)
        adding = self._state.adding
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        moved = not adding and self._changed("published_on", update_fields)  # (a new report has no indicators)
        if moved:
            # Undated indicators take their day from this report (Indicator.day): one UPDATE keeps
            # them in step when its date changes (and marks the days they leave and reach).
            self.indicators.filter(date__isnull=True).update(day=self.published_on)
        if not adding and self._changed("duplicate_status", update_fields):
            _mark_days(self.indicators.days())  # what the summaries count changed on these days
        self._saved_published_on = self.__dict__.get("published_on", _UNKNOWN)
        self._saved_duplicate_status = self.__dict__.get("duplicate_status", _UNKNOWN)

    def _changed(self, name, update_fields):
        """Whether this save writes a new value of field `name` (a deferred field is not saved either)."""
        if name not in self.__dict__ or (update_fields is not None and name not in update_fields):
            return False
        return getattr(self, f"_saved_{name}", _UNKNOWN) != self.__dict__[name]


class NearDuplicateKey(models.Model):
    """One band of a report's MinHash signature (reports/duplicates.py). Reports sharing a key are
    candidate near-duplicates, found by an indexed lookup instead of comparing every body."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    key = models.BigIntegerField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="near_duplicate_key_once")]


class Place(models.Model):
    class Level(models.TextChoices):
        COUNTRY = "country", "Country"
        ADMIN1 = "admin1", "Governorate (admin1)"
        ADMIN2 = "admin2", "District (admin2)"
        ADMIN3 = "admin3", "Sub-district (admin3)"
        COMMUNITY = "community", "Community"
        AREA = "area", "Named area"
        NEIGHBOURHOOD = "neighbourhood", "Neighbourhood"

    pcode = models.CharField("P-code", max_length=20, unique=True)
    name_en = models.CharField("English name", max_length=200)
    name_ar = models.CharField("Arabic name", max_length=200, blank=True)
    level = models.CharField(max_length=20, choices=Level.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    # P-codes from the country down to this place ("SY/SY02/SY0200/SY020000/C1007/N0123"):
    # "this place and everything inside it" is one indexed prefix query.
    path = models.CharField(max_length=200, db_index=True, editable=False)
    admin1_pcode = models.CharField(max_length=20, blank=True, db_index=True, editable=False)
    admin2_pcode = models.CharField(max_length=20, blank=True, db_index=True, editable=False)
    aliases = models.TextField(blank=True, help_text="Other spellings, one per line. Used by the extractor.")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    boundary = models.JSONField(null=True, blank=True, help_text="Simplified GeoJSON geometry (admin1-3).")

    class Meta:
        ordering = ["path"]
        indexes = [models.Index(fields=["level", "name_en"])]

    def __str__(self):
        return f"{self.name_en} ({self.pcode})"

    @property
    def alias_list(self):
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    def compute_path(self):
        """Set path, admin1_pcode and admin2_pcode from the parent (which must be saved already)."""
        parent = self.parent
        self.path = f"{parent.path}/{self.pcode}" if parent else self.pcode
        codes = self.path.split("/")
        self.admin1_pcode = codes[1] if len(codes) > 1 else ""
        self.admin2_pcode = codes[2] if len(codes) > 2 else ""

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        place = super().from_db(db, field_names, values, **kwargs)
        place._saved_path = place.__dict__.get("path")
        return place

    def save(self, *args, **kwargs):
        self.compute_path()
        with transaction.atomic(using=kwargs.get("using"), savepoint=False):
            super().save(*args, **kwargs)
            saved = getattr(self, "_saved_path", None)
            if saved is not None and saved != self.path:
                # Places now nest differently: every day's sums may change (reports/signals.py).
                indicators_changed.send(sender=Place, every_day=True)
        self._saved_path = self.path


FIGURE_KINDS = ["killed", "injured", "missing", "trapped", "displaced"]
INCIDENT_KINDS = ["killed", "injured", "missing", "displaced"]  # trapped populations are estimates, not events
CONDITION_KINDS = ["water", "food", "health", "electricity", "communications", "shelter", "access"]


# Fields no summary reads: a write of only these changes no stored total and marks no day.
UNCOUNTED_FIELDS = frozenset({"flags", "quote", "start", "end", "reviewed_by", "reviewed_by_id", "reviewed_at",
                              "original", "extractor_version", "origin", "created", "modified"})


def _report_date():
    """An indicator's report's publication date, as an expression (its day when it has no date)."""
    return Subquery(Report.objects.filter(pk=OuterRef("report_id")).values("published_on")[:1])


class IndicatorQuerySet(models.QuerySet):
    def figures(self):
        return self.filter(kind__in=FIGURE_KINDS)

    def conditions(self):
        return self.filter(kind__in=CONDITION_KINDS)

    def of_kind(self, *kinds):
        return self.filter(kind__in=kinds)

    def killed(self):
        return self.filter(kind="killed")

    def counted(self):
        """What summaries may use: not rejected, and not from a confirmed duplicate report. The duplicates
        are left out by report id (`NOT IN` a short list) rather than by joining every indicator to its
        report: the summaries' sums need no report column, and PostgreSQL then reads only the indicators
        of the window."""
        confirmed = Report.objects.filter(duplicate_status=Report.Duplicate.CONFIRMED).values("pk")
        return self.exclude(status=Indicator.Status.REJECTED).exclude(report__in=confirmed)

    def reviewed(self):
        return self.filter(status__in=[Indicator.Status.VERIFIED, Indicator.Status.CORRECTED])

    def flagged(self, code=None):
        """Indicators with a plausibility flag (reports/plausibility.py), or with the flag `code`."""
        return self.filter(flags__contains=code) if code else self.exclude(flags="")

    def in_place(self, place):
        """Indicators at this place or anywhere inside it."""
        return self.filter(Q(place__path=place.path) | Q(place__path__startswith=place.path + "/"))

    def incidents(self):
        """Figures of events (summaries rule 3): not reported totals, not trapped populations."""
        return self.filter(kind__in=INCIDENT_KINDS, cumulative=False)

    def between(self, start=None, end=None):
        """Indicators whose day (their own date, else their report's) lies from `start` to `end`, as the
        pages' date filter reads it; either end may be None (open)."""
        qs = self
        if start:
            qs = qs.filter(day__gte=start)
        if end:
            qs = qs.filter(day__lte=end)
        return qs

    def machine_unreviewed(self):
        """The only indicators re-extraction may replace."""
        return self.filter(origin=Indicator.Origin.EXTRACTED, status=Indicator.Status.UNREVIEWED)

    def days(self):
        """The days these indicators fall on (a set; None for the undated)."""
        return set(self.order_by().values_list("day", flat=True).distinct())

    # The safety net of the stored totals (reports/signals.py): the bulk writes mark the days they touch,
    # as Indicator.save() and delete() do, so no write through Sitrep's models leaves a total stale.

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for indicator in objs:  # save() is skipped: the stored day is set here
            indicator.compute_day()
        with transaction.atomic(using=self.db, savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            _mark_days(indicator.day for indicator in objs)
        return created

    def update(self, **kwargs):
        """Marks the days the rows are on before and after, and keeps `day` in step with a new date
        or report (as save() does). Fields no summary reads (flags, quote...) mark nothing."""
        if set(kwargs) <= UNCOUNTED_FIELDS:
            _mark_days(())  # no stored total changes; the cached pages (quotes, flags) do
            return super().update(**kwargs)
        with transaction.atomic(using=self.db, savepoint=False):
            if not {"day", "date", "report", "report_id"} & set(kwargs):
                _mark_days(self.days())
                return super().update(**kwargs)
            ids = list(self.order_by().values_list("pk", flat=True))
            moved = Indicator.objects.filter(pk__in=ids)
            before = moved.days()
            count = super().update(**kwargs)
            if "day" not in kwargs:
                super(IndicatorQuerySet, moved).update(day=Coalesce(F("date"), _report_date()))
            _mark_days(before | moved.days())
        return count

    def delete(self):
        with transaction.atomic(using=self.db, savepoint=False):
            _mark_days(self.days())
            return super().delete()


class Indicator(models.Model):
    """One figure (a count of people) or one condition (the state of a sector) from one report."""

    class Kind(models.TextChoices):
        KILLED = "killed", "Killed"
        INJURED = "injured", "Injured"
        MISSING = "missing", "Missing"
        TRAPPED = "trapped", "Trapped or besieged"
        DISPLACED = "displaced", "Displaced"
        WATER = "water", "Water"
        FOOD = "food", "Food"
        HEALTH = "health", "Health"
        ELECTRICITY = "electricity", "Electricity"
        COMMUNICATIONS = "communications", "Communications"
        SHELTER = "shelter", "Shelter"
        ACCESS = "access", "Humanitarian access"

    class Group(models.TextChoices):
        PEOPLE = "people", "People"
        CIVILIANS = "civilians", "Civilians"
        CHILDREN = "children", "Children"
        WOMEN = "women", "Women"
        COMBATANTS = "combatants", "Combatants"

    class Qualifier(models.TextChoices):
        EXACT = "exact", "exactly"
        AT_LEAST = "at_least", "at least"
        MORE_THAN = "more_than", "more than"
        ABOUT = "about", "about"
        UP_TO = "up_to", "up to"
        VAGUE = "vague", "vague amount"

    class Unit(models.TextChoices):
        PEOPLE = "people", "People"
        FAMILIES = "families", "Families"

    class Severity(models.IntegerChoices):
        MINIMAL = 1, "1 minimal"
        STRESSED = 2, "2 stressed"
        SEVERE = 3, "3 severe"
        EXTREME = 4, "4 extreme"
        CATASTROPHIC = 5, "5 catastrophic"

    class Origin(models.TextChoices):
        EXTRACTED = "extracted", "Extracted"
        ENTERED = "entered", "Entered by hand"

    class Status(models.TextChoices):
        UNREVIEWED = "unreviewed", "Unreviewed"
        VERIFIED = "verified", "Verified"
        REJECTED = "rejected", "Rejected"
        CORRECTED = "corrected", "Corrected"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="indicators")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Figures
    group = models.CharField(max_length=20, choices=Group.choices, blank=True)
    value = models.PositiveBigIntegerField(null=True, blank=True)
    low = models.PositiveBigIntegerField(null=True, blank=True)
    high = models.PositiveBigIntegerField(null=True, blank=True)
    qualifier = models.CharField(max_length=20, choices=Qualifier.choices, blank=True)
    unit = models.CharField(max_length=20, choices=Unit.choices, blank=True)
    cumulative = models.BooleanField(default=False, help_text="A running total over a period, not one day.")
    since = models.CharField(max_length=200, blank=True, help_text="For cumulative figures: the start as written.")
    # Conditions
    severity = models.PositiveSmallIntegerField(choices=Severity.choices, null=True, blank=True)
    # Both
    date = models.DateField(null=True, blank=True, help_text="The day of the event, when known.",
                            validators=[validate_event_date])
    # The day summaries and date filters use: `date`, else the report's `published_on`, else None
    # (undated). Stored (and indexed) so that a date window is an index range, not a join with every
    # report; kept right by save(), compute_day() before bulk creates, and Report.save().
    day = models.DateField(null=True, blank=True, editable=False)
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.PROTECT, related_name="indicators")
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT, related_name="indicators")
    quote = models.TextField(blank=True, help_text="The exact words the figure or condition came from.")
    start = models.PositiveIntegerField(null=True, blank=True, help_text="Offset of the quote in the report body.")
    end = models.PositiveIntegerField(null=True, blank=True)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.ENTERED)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UNREVIEWED)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # What the machine read, kept when a reviewer corrects it: {"value": 12, "group": "people", ...}.
    original = models.JSONField(null=True, blank=True, editable=False)
    extractor_version = models.CharField(max_length=20, blank=True)
    # Plausibility flag codes, space-separated (reports/plausibility.py): why a reviewer should look twice.
    flags = models.CharField(max_length=200, blank=True, default="", db_default="", editable=False)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["report", "start", "id"]
        indexes = [
            models.Index(fields=["kind", "place", "date"]),
            models.Index(fields=["kind", "date"]),
            models.Index(fields=["status"]),
            models.Index(fields=["day"]),
            models.Index(fields=["kind", "day"]),
            models.Index(fields=["flags"], condition=~Q(flags=""), name="indicator_flagged"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind__in=FIGURE_KINDS, value__isnull=False, severity__isnull=True)
                )
                | Q(kind__in=CONDITION_KINDS, severity__isnull=False, value__isnull=True,
                    low__isnull=True, high__isnull=True, group="", cumulative=False),
                name="indicator_figure_or_condition",
            ),
            models.CheckConstraint(condition=Q(low__isnull=True) | Q(low__lte=models.F("value")),
                                   name="indicator_low_le_value"),
            models.CheckConstraint(condition=Q(high__isnull=True) | Q(high__gte=models.F("value")),
                                   name="indicator_value_le_high"),
            models.CheckConstraint(condition=Q(severity__isnull=True) | Q(severity__gte=1, severity__lte=5),
                                   name="indicator_severity_1_to_5"),
            models.CheckConstraint(
                condition=Q(start__isnull=True, end__isnull=True) | Q(start__isnull=False, end__gte=models.F("start")),
                name="indicator_quote_offsets",
            ),
        ]

    def __str__(self):
        if self.is_figure:
            return f"{self.get_kind_display()} {self.group}: {self.value}"
        return f"{self.get_kind_display()}: severity {self.severity}"

    def clean(self):
        # Hand-entered figures get the plain reading unless the analyst says otherwise.
        if self.is_figure:
            self.group = self.group or self.Group.PEOPLE
            self.unit = self.unit or self.Unit.PEOPLE
            self.qualifier = self.qualifier or self.Qualifier.EXACT

    @property
    def is_figure(self):
        return self.kind in FIGURE_KINDS

    def compute_day(self):
        """Set `day` from `date`, else the report's publication date. Reads the report only when it is
        not loaded and the indicator has no date of its own."""
        if self.date is not None:
            self.day = self.date
        elif self.report_id is None:
            self.day = None
        elif Indicator.report.is_cached(self):
            self.day = self.report.published_on
        else:
            self.day = Report.objects.filter(pk=self.report_id).values_list("published_on", flat=True).first()

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        indicator = super().from_db(db, field_names, values, **kwargs)
        if "day" in indicator.__dict__:  # the stored day, for marking the day a change leaves (save())
            indicator._saved_day = indicator.day
        return indicator

    @property
    def flag_list(self):
        return [code for code in self.flags.split() if code]

    @property
    def flag_notes(self):
        """(code, what it says) for each plausibility flag."""
        return [(code, plausibility.FLAGS.get(code, code)) for code in self.flag_list]

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.compute_day()
        elif {"date", "report", "report_id"} & set(update_fields):
            self.compute_day()
            kwargs["update_fields"] = {*update_fields, "day"}
        if update_fields is not None and set(update_fields) <= UNCOUNTED_FIELDS:
            super().save(*args, **kwargs)
            _mark_days(())  # no stored total changes; the cached pages (quotes, flags) do
            return
        if not self._state.adding and not hasattr(self, "_saved_day"):  # loaded with `day` deferred
            self._saved_day = Indicator.objects.filter(pk=self.pk).values_list("day", flat=True).first()
        with transaction.atomic(using=kwargs.get("using"), savepoint=False):
            super().save(*args, **kwargs)
            _mark_days({self.day, getattr(self, "_saved_day", None)})  # the day it reaches and the day it left
        self._saved_day = self.day

    def delete(self, *args, **kwargs):
        with transaction.atomic(using=kwargs.get("using"), savepoint=False):
            _mark_days({self.day})
            return super().delete(*args, **kwargs)


class FeedQuerySet(models.QuerySet):
    def due(self, now=None):
        return self.filter(active=True, next_poll_at__lte=now or timezone.now())


class Feed(models.Model):
    """Where new reports are fetched from on a schedule (reports/feeds.py): an RSS or Atom feed, or
    ReliefWeb's API filtered by country."""

    class Kind(models.TextChoices):
        RSS = "rss", "RSS or Atom"
        RELIEFWEB = "reliefweb", "ReliefWeb API"

    url = models.URLField(max_length=1000)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.RSS)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT, related_name="feeds",
                               help_text="Publisher of the feed's reports; empty: the feed's own title "
                                         "(RSS) or each report's source (ReliefWeb).")
    country = models.CharField(max_length=3, default="SYR", help_text="ReliefWeb: ISO3 country code.")
    every_minutes = models.PositiveIntegerField(default=15)
    active = models.BooleanField(default=True)
    next_poll_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Conditional GET: what the server said last time, sent back so an unchanged feed costs no body.
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    items_imported = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)

    objects = FeedQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["url", "kind", "country"], name="feed_once")]

    def __str__(self):
        return self.url


class FeedItem(models.Model):
    """An item a feed has delivered and Sitrep has dealt with (imported, or found already stored):
    the next poll skips it without fetching its article again."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items")
    guid = models.CharField(max_length=1000)
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    seen = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["feed", "guid"], name="feed_item_once")]


class ReviewerVisit(models.Model):
    """When a reviewer last opened the review queue, for its "new since my last visit" filter."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
                                related_name="review_visit")
    last_opened = models.DateTimeField()

    def __str__(self):
        return f"{self.user} opened the review queue at {self.last_opened:%Y-%m-%d %H:%M}"


# --- background jobs ---------------------------------------------------------------------------------

class Job(models.Model):
    """Slow work done on a worker (reports/jobs.py), as the admin shows it: an uploaded file imported, reports
    re-extracted. The work is split into chunks (JobChunk), each one task of Django's tasks framework, so
    that several workers share one file; the job's counts are the sums of its chunks'."""

    class Kind(models.TextChoices):
        IMPORT = "import", "Import a file"
        EXTRACT = "extract", "Re-extract reports"

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    description = models.CharField(max_length=300, help_text="What is done: the file's name, which reports.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True, help_text="Why the job failed, in plain words.")
    # An import's file is kept in the database, so that a worker on another machine can read it.
    file_name = models.CharField(max_length=255, blank=True)
    file_data = models.BinaryField(null=True, blank=True, editable=False)
    default_date = models.DateField(null=True, blank=True, help_text="Date for text files without a date line.")
    report_ids = models.JSONField(default=list, blank=True, help_text="The reports an extraction job re-reads.")
    task_id = models.CharField(max_length=64, blank=True, help_text="The task that splits the job into chunks.")

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["kind", "state", "-created"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description}"


class JobChunk(models.Model):
    """One task's share of a job: items [first, last) of the file, or of the job's report ids. `position`
    is the next item to do; it advances in the same transaction as that item's writes, so a chunk run
    again after its worker died carries on where the dead one stopped and nothing is done or counted twice."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="chunks")
    number = models.PositiveIntegerField()
    first = models.PositiveIntegerField()
    last = models.PositiveIntegerField()
    position = models.PositiveIntegerField()
    done = models.BooleanField(default=False)
    task_id = models.CharField(max_length=64, blank=True)
    read = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["job", "number"]
        constraints = [models.UniqueConstraint(fields=["job", "number"], name="job_chunk_once")]


class JobError(models.Model):
    """One item a job could not do: the file and row (or report) and the reason."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="errors")
    chunk = models.ForeignKey(JobChunk, null=True, on_delete=models.CASCADE, related_name="+")
    item = models.PositiveIntegerField(help_text="The item's index in the job.")
    where = models.CharField(max_length=500)
    reason = models.TextField()

    class Meta:
        ordering = ["job", "item"]


class WorkerHeartbeat(models.Model):
    """When a db_worker process last said it was alive (reports/management/commands/db_worker.py): a task
    RUNNING on a worker that stopped beating is requeued (reports.jobs.recover_stale_tasks)."""

    worker_id = models.CharField(max_length=64, unique=True)
    beat = models.DateTimeField()
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True)


def _token_digest(secret):
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A personal API token: it acts as its user (with the user's roles) until revoked. Only a SHA-256
    digest of the secret is stored (the secret is long and random, so a slow hash adds nothing); the
    secret itself is shown once, when the token is made, and cannot be read again."""

    PREFIX = "sitrep_"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. 'HDX pipeline'.")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=16, editable=False, help_text="The secret's first characters.")
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = "API token"

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, user, name):
        """(token, secret): a new token for `user`; the secret is not kept anywhere."""
        import secrets

        secret = cls.PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, digest=_token_digest(secret), hint=secret[:12])
        return token, secret

    @classmethod
    def find(cls, secret):
        """The active token with this secret, or None."""
        return cls.objects.active().select_related("user").filter(digest=_token_digest(secret)).first()

    @property
    def revoked(self):
        return self.revoked_at is not None
