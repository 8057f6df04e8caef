"""Dates: the publication date from a report's dateline, and the day a sentence's incident happened.

Relative days resolve against the publication date: a weekday is the latest such day on or before it,
"today"/"overnight"/"this morning" are that day, "yesterday"/"last night" the day before.
"""

import datetime
import re

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?,?"
_PREFIX = (r"(?:date\s+of\s+publication|published(?:\s+on)?|posted(?:\s+on)?|last\s+updated(?:\s+at)?|"
           r"updated(?:\s+on)?|afp|reuters|ap|sana|dpa|ani|"
           r"[a-z ]{0,30}\(sana\)|[a-z]+,\s*syria)\s*[:,-]?\s*")

# Tried in order on the first ~120 characters of a report.
DATELINES = [
    re.compile(r"^\s*date\s+(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})\b", re.I),
    re.compile(rf"^\W{{0,3}}(?:{_PREFIX})?(?:{_WEEKDAY}\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+"
               rf"(?P<year>(?:19|20)\d\d)(?!\d)", re.I),
    re.compile(rf"^\W{{0,3}}(?:{_PREFIX})?(?:{_WEEKDAY}\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s*"
               rf"(?P<year>(?:19|20)\d\d)(?!\d)", re.I),
    re.compile(r"^\W{0,3}(?P<day>\d{1,2})[.](?P<mon>\d{1,2})[.](?P<year>(?:19|20)\d\d)(?!\d)"),
    re.compile(r"^\W{0,3}(?P<day>\d{1,2})-(?P<mon>\d{1,2})-(?P<year>(?:19|20)\d\d)(?!\d)"),
    re.compile(r"^\W{0,3}(?P<year>(?:19|20)\d\d)-(?P<mon>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
    # A headline first, then the agency's dateline: "... kill 10 in camp AFP Wednesday 29 Oct 2014".
    re.compile(rf"\b(?-i:AFP|AP|Reuters|REUTERS|Xinhua|dpa|DPA|Anadolu)\s+(?:{_WEEKDAY}\s+)?(?P<day>\d{{1,2}})\s+{_MONTH},?\s+"
               rf"(?P<year>(?:19|20)\d\d)(?!\d)", re.I),
]


def _make(year, month, day):
    try:
        return datetime.date(int(year), int(month), int(day))
    except (ValueError, TypeError):
        return None


def month_number(name):
    return MONTHS.get(name.lower()[:3]) if name else None


def read_dateline(text):
    """The publication date a report's opening states, or None."""
    head = text[:220]
    for pattern in DATELINES:
        match = pattern.search(head)
        if not match:
            continue
        groups = match.groupdict()
        month = month_number(groups.get("month")) if groups.get("month") else groups.get("mon")
        date = _make(match.group("year"), month, match.group("day"))
        if date:
            return date
    return None


# Day expressions inside a sentence. Reporting days ("said on Monday") are not incident days.
_DAY_EXPR = re.compile(
    rf"(?P<report>\b(?:said|says|told|reported|announced|added|stated)\s+(?:\w+\s+)?on\s+)?"
    rf"\b(?:(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s|’s)?"
    rf"|(?P<today>today|overnight|this\s+morning|tonight|earlier\s+today)"
    rf"|(?P<yesterday>yesterday|last\s+night)"
    rf"|(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<m2>jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may|june|july|aug(?:ust)?|sept?(?:ember)?|"
    rf"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>(?:19|20)\d\d))?)"
    rf"(?![\w-])",
    re.IGNORECASE,
)


def _latest_on_or_before(report_date, month, day, year=None):
    if year:
        return _make(year, month, day)
    if not report_date:
        return None
    date = _make(report_date.year, month, day)
    if date and date > report_date:
        date = _make(report_date.year - 1, month, day)
    return date


def resolve_day(match, report_date):
    """The date a _DAY_EXPR match names, resolved against the publication date (or None)."""
    if match.group("weekday"):
        if not report_date:
            return None
        back = (report_date.weekday() - WEEKDAYS[match.group("weekday").lower()]) % 7
        return report_date - datetime.timedelta(days=back)
    if match.group("today"):
        return report_date
    if match.group("yesterday"):
        return report_date - datetime.timedelta(days=1) if report_date else None
    if match.group("d1"):
        return _latest_on_or_before(report_date, month_number(match.group("month")), match.group("d1"),
                                    match.group("y1"))
    return _latest_on_or_before(report_date, month_number(match.group("m2")), match.group("d2"),
                                match.group("y2"))


def sentence_day(sentence, report_date):
    """The incident day a sentence states (the first that is not a reporting day), or None."""
    for match in _DAY_EXPR.finditer(sentence):
        if match.group("report"):
            continue
        day = resolve_day(match, report_date)
        if day:
            return day
    return None


_SINCE = re.compile(
    r"\bsince\s+(?P<since>(?:the\s+)?(?:start|beginning|outbreak|onset|end|middle)\s+of\s+(?:the\s+|this\s+|last\s+)?[\w-]+(?:\s+(?:19|20)\d\d)?"
    r"|(?:early|mid|late|mid-|early-|late-)?[\s-]?(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december)(?:\s+\d{1,2})?(?:,?\s+(?:19|20)\d\d)?"
    r"|(?:early|mid|late)?[\s-]?(?:19|20)\d\d"
    r"|(?:last|this)\s+(?:week|month|year|weekend|\w+day)"
    r"|then"
    r"|(?:the|its|a|an)\s+[\w'’-]+(?:\s+[\w'’-]+){0,5}?(?=\s*(?:[,.;:]|\s(?:in|on|by|as|when|after|amid|"
    r"according|and|with|while|the\s+\w+\s+said|said|were|was|have|has|more|at|across|over)\b|$)))",
    re.IGNORECASE,
)


def since_phrase(sentence):
    """(text, start, end) of what a 'since ...' states, relative to the sentence, or None."""
    match = _SINCE.search(sentence)
    if not match:
        return None
    return match.group("since").strip(), match.start("since"), match.end("since")
