"""How Sitrep writes numbers for people: thousands separators and the qualifier the source used.

`{{ 12|num }}` → "12"; `{{ indicator|figure }}` → "≥ 12", "some 250,000", "dozens (≥ 24)";
`{% span low high %}` → "12–15" (or "≥ 12" when no source gives an upper figure);
`{% highlighted report.body indicators %}` → the report text with each quote marked in place.
"""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from reports.models import FIGURE_KINDS

register = template.Library()

QUALIFIER_SIGNS = {
    "at_least": "≥ {}",
    "more_than": "> {}",
    "about": "some {}",
    "up_to": "≤ {}",
    "vague": "≥ {}",
}


@register.filter
def num(value):
    """Thousands separators, and nothing at all for a missing value (never a made-up 0)."""
    if value is None or value == "":
        return ""
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return value


def format_figure(value, qualifier=""):
    if value is None:
        return ""
    return QUALIFIER_SIGNS.get(qualifier, "{}").format(num(value))


@register.filter
def figure(indicator):
    """An indicator's value as the source put it: "≥ 12", "some 250,000", "12"."""
    if indicator is None:
        return ""
    if isinstance(indicator, dict):
        return format_figure(indicator.get("value"), indicator.get("qualifier", ""))
    return format_figure(indicator.value, indicator.qualifier)


def format_span(low, high=None):
    if low is None and high is None:
        return ""
    if low is None:
        return f"≤ {num(high)}"
    if high is None:
        return f"≥ {num(low)}"
    if high == low:
        return num(low)
    return f"{num(low)}–{num(high)}"


@register.simple_tag
def span(low, high=None):
    """A range from the conservative figure to the highest one any source gives."""
    return format_span(low, high)


def indicator_title(indicator):
    if indicator.kind in FIGURE_KINDS:
        group = indicator.get_group_display().lower() if indicator.group else ""
        label = f"{indicator.get_kind_display()}{f' ({group})' if group else ''}: {figure(indicator)}"
        if indicator.cumulative:
            label += f" in total{f' since {indicator.since}' if indicator.since else ''}"
    else:
        label = f"{indicator.get_kind_display()}: severity {indicator.get_severity_display()}"
    return f"{label} · {indicator.get_status_display().lower()}"


def quote_spans(body, indicators):
    """(start, end, indicator) for the indicators whose offsets still point at their quote.

    Spans are sorted outermost first so a subgroup ("three children") nests inside its total; a span
    that crosses another one is cut at the other's end, since HTML elements cannot cross.
    """
    spans = []
    for ind in indicators:
        start, end = ind.start, ind.end
        if start is None or end is None or not (0 <= start < end <= len(body)):
            continue
        if ind.quote and body[start:end] != ind.quote:
            continue  # The body was edited after extraction: better no mark than a wrong one.
        spans.append((start, end, ind))
    spans.sort(key=lambda s: (s[0], -s[1], s[2].pk or 0))
    return spans


def highlight(body, indicators):
    """The body as safe HTML with a <mark> around each indicator's quote; every piece of text escaped."""
    out, stack, pos = [], [], 0

    def close_until(limit):
        nonlocal pos
        while stack and stack[-1] <= limit:
            end = stack.pop()
            out.append(escape(body[pos:end]))
            out.append(mark_safe("</mark>"))
            pos = end

    for start, end, ind in quote_spans(body, indicators):
        close_until(start)
        if stack:
            end = min(end, stack[-1])
        if start < pos:  # Starts inside text already written (a crossing span): skip it.
            continue
        out.append(escape(body[pos:start]))
        pos = start
        out.append(format_html('<mark class="ind ind-{}" id="q{}" title="{}">', ind.kind, ind.pk, indicator_title(ind)))
        stack.append(end)
    close_until(len(body))
    out.append(escape(body[pos:]))
    return mark_safe("".join(str(piece) for piece in out))


@register.simple_tag
def highlighted(body, indicators):
    return highlight(body, indicators)


@register.filter
def severity_label(severity):
    labels = {1: "minimal", 2: "stressed", 3: "severe", 4: "extreme", 5: "catastrophic"}
    return labels.get(severity, "not reported")



@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


SERIES_LABELS = {
    "killed": "Killed", "injured": "Injured", "missing": "Missing", "trapped": "Trapped or besieged",
    "displaced": "Displaced", "water": "Water", "food": "Food", "health": "Health", "electricity": "Electricity",
    "communications": "Communications", "shelter": "Shelter", "access": "Humanitarian access",
}


@register.filter
def series_label(series):
    """ "killed" → "Killed"; "displaced_families" → "Displaced (families)"."""
    kind, _, unit = (series or "").partition("_")
    label = SERIES_LABELS.get(kind, kind)
    return f"{label} ({unit})" if unit else label


@register.filter
def severity_runs(days):
    """Consecutive days with the same standing report folded into one row of the table alternative."""
    runs = []
    for day in days:
        last = runs[-1] if runs else None
        if last and last["severity"] == day.severity and last["reported_on"] == day.reported_on:
            last["last"] = day.date
        else:
            runs.append({"severity": day.severity, "reported_on": day.reported_on, "first": day.date, "last": day.date})
    return runs
