"""Reviewing indicators and duplicate reports: each write is one plain function, used by the admin
actions and the review queue alike.

Every function saves through the model, so django-simple-history records who did it (the user passed
in, not whoever the middleware saw) and why (the change reason shown in the admin's history).
"""

import datetime
import re

from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import connection, transaction
from django.db.models import DateField, F, Max, Min, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone

from . import ingest
from .models import Indicator, Place, Report, ReviewerVisit

# What a correction may change, and so what is kept of the machine's reading beside it.
CORRECTABLE = ["value", "low", "high", "group", "qualifier", "unit", "severity", "place", "date"]


def machine_reading(indicator):
    """The fields a correction may change, as JSON: place as its P-code, date as ISO text."""
    reading = {}
    for name in CORRECTABLE:
        if name == "place":
            reading["place"] = indicator.place.pcode if indicator.place_id else None
        elif name == "date":
            reading["date"] = indicator.date.isoformat() if indicator.date else None
        else:
            reading[name] = getattr(indicator, name)
    return reading


def _save_review(indicator, user, status, reason):
    indicator.status = status
    indicator.reviewed_by = user
    indicator.reviewed_at = timezone.now()
    indicator._history_user = user
    indicator._change_reason = reason
    indicator.save()
    return indicator


def verify(indicator, user):
    """The figure or condition says what its quote says."""
    return _save_review(indicator, user, Indicator.Status.VERIFIED, "verified")


def reject(indicator, user):
    """The quote does not support it (or it is not an indicator at all): left out of every summary."""
    return _save_review(indicator, user, Indicator.Status.REJECTED, "rejected")


@transaction.atomic
def correct(indicator, user, *, note="", **changes):
    """Set the corrected fields and keep what was read before in `original`.

    Only the first correction stores `original`, so a second correction never hides what the
    machine read. A new value outside the low-high range read from the text clears the range:
    the range belonged to the old reading (and stays visible in `original`).
    """
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise ValueError(f"cannot correct {', '.join(sorted(unknown))}")
    if indicator.original is None:
        indicator.original = machine_reading(indicator)
    for name, new in changes.items():
        setattr(indicator, name, new)
    if indicator.is_figure and indicator.value is not None:
        if indicator.low is not None and indicator.low > indicator.value:
            indicator.low = None
        if indicator.high is not None and indicator.high < indicator.value:
            indicator.high = None
    indicator.full_clean(exclude=["report", "quote"])
    ingest.set_flags(indicator.report, [indicator])  # a corrected value or place may clear a flag
    reason = f"corrected {', '.join(sorted(changes)) or 'nothing'}"
    if note:
        reason = f"{reason}: {note}"
    # The history's change reason holds 100 characters.
    return _save_review(indicator, user, Indicator.Status.CORRECTED, reason[:100])


# The review queue ---------------------------------------------------------------------------------

def places_named(term, limit=20):
    """The places a reviewer means by `term`: a P-code, or every place whose English or Arabic name or
    one of whose aliases is exactly the term (case-insensitive: "Aleppo" is the governorate, the
    district, the sub-district and the city); when no name is exact, the places whose names contain it."""
    term = (term or "").strip()
    if not term:
        return []
    folded = term.casefold()
    candidates = Place.objects.filter(
        Q(pcode__iexact=term) | Q(name_en__iexact=term) | Q(name_ar=term) | Q(aliases__icontains=term)
    ).order_by("path")
    exact = [p for p in candidates[:500] if p.pcode.casefold() == folded or p.name_en.casefold() == folded
             or p.name_ar == term or folded in (a.casefold() for a in p.alias_list)]
    if exact:
        return exact[:limit]
    return list(Place.objects.filter(Q(name_en__icontains=term) | Q(name_ar__icontains=term)).order_by("path")[:limit])


def in_places(places):
    """Indicators at any of these places or inside one of them."""
    condition = Q(pk__in=[])
    for place in places:
        condition |= Q(place__path=place.path) | Q(place__path__startswith=place.path + "/")
    return condition


# Ranking by impact sums the weeks of every figure in the queue: a few seconds for a hundred thousand on a
# million-indicator database. Longer queues are shown largest first until a filter narrows them.
IMPACT_LIMIT = 20_000
SIZE_ORDER = [F("value").desc(nulls_last=True), F("severity").desc(nulls_last=True), F("date").desc(nulls_last=True),
              F("report__published_on").desc(nulls_last=True), "-id"]


def _week_start(day):
    return TruncWeek(day, output_field=DateField())


class ByImpact:
    """The queue ordered by impact, for a Paginator: `count()` and slices of indicators, each with `impact`.

    A figure's impact is how much it moves the total of its kind in its governorate for its calendar
    week (Monday to Sunday), as its share of that total: the counted daily figures (not rejected, not of
    a confirmed duplicate, running totals left out) of that kind, governorate and week, whichever their
    review status. 1.0: it is the whole week there. A figure with no governorate (told for Syria as a
    whole, or unplaced) is measured against the other such figures of its week. Running totals move no daily total (impact 0); conditions and undated figures
    have none (None) and come last. Equal impacts go largest first, then most recent.

    One query per page: the week totals are one GROUP BY (over the kinds, governorates and weeks the queue
    holds), joined to the queue's rows, sorted and cut in the database.
    """

    def __init__(self, queue, limit=None):
        self.queue = queue
        self.limit = IMPACT_LIMIT if limit is None else limit
        self._count = None

    def count(self):
        if self._count is None:
            self._count = self.queue.count()
        return self._count

    @property
    def by_size(self):
        """True when the queue is too long to rank by impact on every page view: it is shown largest first."""
        return self.count() > self.limit

    def __len__(self):
        return self.count()

    def __iter__(self):
        return iter(self[0:None])

    def __getitem__(self, window):
        if not isinstance(window, slice):
            return self[window:window + 1][0]
        start = window.start or 0
        limit = None if window.stop is None else max(0, window.stop - start)
        if self.by_size:
            ranked = [(pk, None) for pk in self.queue.order_by(*SIZE_ORDER).values_list("pk", flat=True)[window]]
        else:
            ranked = self._ranked(start, limit)
        found = Indicator.objects.select_related("report__publisher", "place", "source").in_bulk(
            [pk for pk, _ in ranked])
        page = []
        for pk, impact in ranked:
            indicator = found[pk]
            indicator.impact = impact
            page.append(indicator)
        return page

    def _ranked(self, start, limit):
        """[(id, impact)] of the queue's rows start..start+limit in order."""
        governorate = Coalesce(F("place__admin1_pcode"), Value(""))
        rows = self.queue.annotate(admin1=governorate, week=_week_start("day"), published=F("report__published_on")).values(
            "id", "kind", "value", "cumulative", "severity", "date", "published", "admin1", "week").order_by()
        # Only the kinds, governorates and weeks the queue holds (one small grouped query): a narrow queue
        # sums a few weeks of one governorate, not every figure.
        spans = self.queue.filter(day__isnull=False, value__isnull=False).annotate(admin1=governorate).values(
            "kind", "admin1").annotate(first=Min("day"), last=Max("day")).order_by()
        wanted = Q(day__isnull=True)  # (never true below: nothing dated to sum when the queue has no dated figure)
        for span in spans:
            there = (Q(place__admin1_pcode=span["admin1"]) if span["admin1"]
                     else Q(place__isnull=True) | Q(place__admin1_pcode=""))
            wanted |= there & Q(kind=span["kind"], day__gte=span["first"] - datetime.timedelta(days=6),
                                day__lte=span["last"] + datetime.timedelta(days=6))
        totals = Indicator.objects.counted().figures().filter(wanted, cumulative=False, day__isnull=False).annotate(
            admin1=governorate, week=_week_start("day")).values("kind", "admin1", "week").annotate(
            total=Sum("value")).order_by()
        try:
            rows_sql, rows_params = rows.query.sql_with_params()
            totals_sql, totals_params = totals.query.sql_with_params()
        except EmptyResultSet:  # a filter that nothing can match (a place name no place has)
            return []
        sql = f"""
            SELECT q.id, CASE WHEN q.value IS NULL OR q.week IS NULL THEN NULL WHEN q.cumulative THEN 0.0
                              ELSE CAST(q.value AS DOUBLE PRECISION) / NULLIF(t.total, 0) END AS impact
            FROM ({rows_sql}) q
            LEFT JOIN ({totals_sql}) t ON t.kind = q.kind AND t.admin1 = q.admin1 AND t.week = q.week
            ORDER BY impact DESC NULLS LAST, q.value DESC NULLS LAST, q.severity DESC NULLS LAST,
                     q.date DESC NULLS LAST, q.published DESC NULLS LAST, q.id DESC
        """
        params = [*rows_params, *totals_params]
        if limit is not None:
            sql += " LIMIT %s"
            params.append(limit)
        if start:
            sql += (" OFFSET %s" if limit is not None else " LIMIT -1 OFFSET %s"
                    if connection.vendor == "sqlite" else " OFFSET %s")
            params.append(start)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(pk, None if impact is None else float(impact)) for pk, impact in cursor.fetchall()]


def review_queue(*, places=None, report=None, source="", kind="", flag="", added_after=None, added_before=None,
                 since=None, impact_limit=None):
    """What is left to review, filtered, by impact and then size, most recent first (ByImpact).

    `places`: at or inside any of them; `source`: part of the name of the indicator's source or the
    report's publisher; `flag`: a plausibility flag code, or "any"; `added_after`/`added_before`: the
    days the indicator was stored; `since`: stored after this moment (new since a reviewer's last visit).
    """
    queue = Indicator.objects.filter(status=Indicator.Status.UNREVIEWED).exclude(
        report__duplicate_status=Report.Duplicate.CONFIRMED)
    if places is not None:
        queue = queue.filter(in_places(places))
    if report is not None:
        queue = queue.filter(report_id=report)
    if source:
        queue = queue.filter(Q(source__name__icontains=source) | Q(report__publisher__name__icontains=source))
    if kind:
        queue = queue.filter(kind=kind)
    if flag:
        queue = queue.flagged(None if flag == "any" else flag)
    if added_after:
        queue = queue.filter(created__date__gte=added_after)
    if added_before:
        queue = queue.filter(created__date__lte=added_before)
    if since:
        queue = queue.filter(created__gt=since)
    return ByImpact(queue, impact_limit)


def open_queue(user, session, now=None):
    """Record that `user` opened the review queue now; return when they opened it before this visit
    (None the first time). A visit is a signed-in session: its first opening reads the stored moment
    and keeps it in the session, so paging through the queue does not move "new since my last visit"."""
    now = now or timezone.now()
    if "review_since" not in session:
        previous = ReviewerVisit.objects.filter(user=user).values_list("last_opened", flat=True).first()
        session["review_since"] = previous.isoformat() if previous else ""
    if not ReviewerVisit.objects.filter(user=user).update(last_opened=now):
        ReviewerVisit.objects.create(user=user, last_opened=now)
    since = session["review_since"]
    return datetime.datetime.fromisoformat(since) if since else None


def confirm_duplicate(report, user):
    """The report repeats `duplicate_of`: its indicators stop counting in summaries."""
    if report.duplicate_of_id is None:
        raise ValidationError(f"{report} is not marked as a duplicate of another report.")
    return _save_duplicate(report, user, Report.Duplicate.CONFIRMED, "duplicate confirmed")


def dismiss_duplicate(report, user):
    """The report only looked like `duplicate_of`: it counts on its own (the link is kept for the record)."""
    if report.duplicate_of_id is None:
        raise ValidationError(f"{report} is not marked as a duplicate of another report.")
    return _save_duplicate(report, user, Report.Duplicate.DISMISSED, "duplicate dismissed")


def _save_duplicate(report, user, status, reason):
    report.duplicate_status = status
    report._history_user = user
    report._change_reason = reason
    report.save(update_fields=["duplicate_status", "modified"])
    return report


_BOUNDARY = re.compile(r"[.!?](?=\s)|\n")


def quote_in_context(body, quote, start, end, limit=300):
    """(before, quote, after): the quote inside its sentence of the report, for highlighting.

    Offsets are trusted only when they still point at the quote (an edited body moves text);
    otherwise the quote is looked up, and shown alone when it is no longer in the body.
    Text is returned raw: templates escape it.
    """
    body = body or ""
    if not quote:
        return "", "", ""
    if start is None or end is None or body[start:end] != quote:
        start = body.find(quote)
        if start < 0:
            return "", quote, ""
        end = start + len(quote)
    window_start = max(0, start - limit)
    boundaries = [m.end() for m in _BOUNDARY.finditer(body, window_start, start)]
    sentence_start = boundaries[-1] if boundaries else window_start
    following = _BOUNDARY.search(body, end, min(len(body), end + limit))
    sentence_end = following.end() if following else min(len(body), end + limit)
    before = body[sentence_start:start].lstrip()
    after = body[end:sentence_end].rstrip()
    if not boundaries and window_start > 0:
        before = "… " + before
    if not following and sentence_end < len(body):
        after += " …"
    return before, body[start:end], after
