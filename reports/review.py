"""Reviewing indicators and duplicate reports: each write is one plain function, used by the admin
actions and the review queue alike.

Every function saves through the model, so django-simple-history records who did it (the user passed
in, not whoever the middleware saw) and why (the change reason shown in the admin's history).
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Indicator, Report

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
    reason = f"corrected {', '.join(sorted(changes)) or 'nothing'}"
    if note:
        reason = f"{reason}: {note}"
    # The history's change reason holds 100 characters.
    return _save_review(indicator, user, Indicator.Status.CORRECTED, reason[:100])


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
