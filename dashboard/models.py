"""Stored daily totals: the summaries' incident sums, kept per place and day so that a year of the
whole country is a read of a few thousand rows rather than a pass over every figure (summaries rule 9).

Derived data only, never entered: `DayTotal` rows are computed from the indicators by
`summaries.refresh_day_totals()`, for the days `StaleDay` lists. Every write that can change what a day
sums (an indicator saved, deleted, created, updated or deleted in bulk, a report's date or duplicate
status changed, a place moved) adds that day to `StaleDay` in the same transaction (reports/models.py,
through `summaries.stored.mark_days`); the summaries refresh the stale days before they read.
"""

from django.db import models

# Stored for these place depths: the country (0), governorates (1), districts (2) and sub-districts (3),
# and "" for the figures without a place (-1). Below a sub-district there is little data and the
# summaries compute from the figures.
DEEPEST = 3


class DayTotal(models.Model):
    """The incidents of one series on one day inside one place, summed by the summaries' rules 3-4:
    what `summaries.timeline` shows for that place and day."""

    scope = models.CharField(max_length=200, help_text="The place's path; empty for figures without a place.")
    depth = models.SmallIntegerField(help_text="0 country, 1 governorate, 2 district, 3 sub-district, -1 no place.")
    series = models.CharField(max_length=40, help_text='A kind ("killed"), or "<kind>_families".')
    day = models.DateField()
    low = models.BigIntegerField()
    high = models.BigIntegerField()
    incidents = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "series", "day"], name="day_total_once")]
        indexes = [models.Index(fields=["depth", "day"]), models.Index(fields=["scope", "day"])]

    def __str__(self):
        return f"{self.series} {self.day} {self.scope or '(no place)'}: {self.low}-{self.high}"


class StaleDay(models.Model):
    """A day whose DayTotal rows must be recomputed. One row per change (not unique on purpose: a
    refresh deletes only the rows it read, so a change made while it runs is never lost)."""

    day = models.DateField()

    def __str__(self):
        return str(self.day)
