"""Dates: the publication date from a report's dateline, and the day a sentence's incident happened.

Relative days resolve against the publication date: a weekday is the latest such day on or before it,
"today"/"overnight"/"this morning" are that day, "yesterday"/"last night" the day before.
"""

import datetime
import re

from .text import FoldedSearch

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
    return _dateline(text)[0]


def dateline_end(text):
    """Where a report's dateline ends (0 when it has none): the opening's days after it are its news."""
    return _dateline(text)[1]


def _dateline(text):
    head = text[:220]
    for pattern in DATELINES:
        match = pattern.search(head)
        if not match:
            continue
        groups = match.groupdict()
        month = month_number(groups.get("month")) if groups.get("month") else groups.get("mon")
        date = _make(match.group("year"), month, match.group("day"))
        if date:
            return date, match.end()
    return None, 0


# Day expressions inside a sentence. Reporting days ("said on Monday") are not incident days.
_DAY_EXPR = FoldedSearch(re.compile(  # (searched in less time: see text.FoldedSearch)
    rf"(?P<report>\b(?:said|says|told|reported|announced|added|stated)\s+(?:\w+\s+)?on\s+)?"
    rf"\b(?:(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s|’s)?"
    rf"|(?P<today>today|overnight|this\s+morning|tonight|earlier\s+today)"
    rf"|(?P<yesterday>yesterday|last\s+night)"
    rf"|(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<m2>jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may|june|july|aug(?:ust)?|sept?(?:ember)?|"
    rf"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>(?:19|20)\d\d))?)"
    rf"(?![\w-])",
    re.IGNORECASE,
))


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
    # "since 10 August 2014", "since Sept. 19"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?(?:,?\s+(?:19|20)\d\d)?"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)\d\d)?"
    r"|(?:early|mid|late)?[\s-]?(?:19|20)\d\d"
    r"|(?:last|this)\s+(?:week|month|year|weekend|\w+day)"
    r"|then"
    r"|(?:the|its|a|an|it|they)\s+[\w'’-]+(?:\s+[\w'’-]+){0,5}?(?=\s*(?:[,.;:]|\s(?:in|on|by|as|when|after|amid|"
    r"according|and|with|while|the\s+\w+\s+said|said|were|was|have|has|more|at|across|over)\b|$)))",
    re.IGNORECASE,
)


def since_phrase(sentence):
    """(text, start, end) of what a 'since ...' states, relative to the sentence, or None."""
    match = _SINCE.search(sentence)
    if not match:
        return None
    return match.group("since").strip(), match.start("since"), match.end("since")


# A count told over a stretch of days is no incident of one day (the contract's `cumulative`): "over the
# past week", "in five days of raids", "the week-long offensive", "a two-week campaign", "this year",
# "last month's siege", "years ago". (extractor._CUMULATIVE holds the older phrases: "so far", "since
# the start", "days of fighting", "the deadliest month".)
_NUMBER_OF = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|several|few|many)"
# (not "war", "truce" or "ceasefire": "the six-year war", "a two-year truce" say how long they lasted, not
# over how long a count was made)
_SPELL_EVENT = (r"(?:offensive|campaign|assault|battle|siege|bombardment|bombing|operation|fighting|clashes|"
                r"onslaught|blitz|air\s+campaign|military\s+campaign|air\s+war|violence|attacks|raids|air\s*strikes)")
_PERIOD = re.compile(
    r"\b(?:over|in|during|within|throughout|across)\s+(?:the\s+)?(?:past|last|previous|preceding)\s+(?:week|fortnight|month|"
    r"year|weekend|few\s+(?:days|weeks|months))\b"
    r"|\b(?:days?|weeks?|months?)[\s-]long\s+(?:[\w-]+\s+)?" + _SPELL_EVENT + r"\b"
    rf"|\b{_NUMBER_OF}[\s-](?:day|week|month)\s+(?:old\s+|long\s+)?(?:[\w-]+\s+)?{_SPELL_EVENT}\b"
    # "days of heavy raids", "two days of such heavy rebel bombardment": whoever did it and however hard
    r"|\b(?:days|weeks|months|nights)\s+of\s+(?:(?!(?:the|a|an|in|on|at|and|after|when|that|which)\b)[\w-]+\s+){0,4}?"
    r"(?:air\s*strikes|air\s+raids|bombing|bombardments?|attacks|strikes|violence|siege|assaults?|raids|shelling|"
    r"fighting|clashes|battles?)\b"
    # "in May", "during April": a month's toll (May in capitals only: "may" is also a verb)
    r"|\b(?:in|during|throughout)\s+(?:(?-i:May)|january|february|march|april|june|july|august|september|october|"
    r"november|december)\b(?!\s*\d)"
    r"|\bin\s+(?:recent|the\s+past|past|the\s+last|previous)\s+(?:weeks|months|years)\b",
    re.IGNORECASE,
)
# Said of an earlier time without its day, these tie a count to no day of the report's ("last month", "earlier
# this week", "two years ago", "this year"), but only near the count and when the sentence names no day of
# its own ("killed 23 on Monday in the town besieged two years ago" is Monday's toll).
_EARLIER_TIME = re.compile(
    r"\b(?:this|last|past|previous)\s+(?:year|month)\b|\b(?:years?|months?|decades?)\s+(?:ago|earlier)\b"
    r"|\b(?:earlier|later)\s+(?:this|that|in\s+the)\s+(?:year|month|week)\b|\blast\s+(?:week|year|month)(?:['’]s)?\b"
    r"|\bthis\s+week\b"  # "air strikes killed dozens this week": several days, none named
    # "the death toll over the whole weekend": two days (near the count: "talks over the weekend" is no toll's)
    r"|\b(?:over|during|throughout)\s+the\s+(?:whole\s+|entire\s+)?weekend\b"
    r"|\btolls?\b[^.;]{0,40}?\b(?:offensive|campaign|onslaught|air\s+war)\b",
    re.IGNORECASE,
)
# How near a count such a phrase must be (characters before its quote, after its quote).
NEAR_BEFORE, NEAR_AFTER = 100, 40


_PERIOD_WORDS = ("day", "week", "month", "year", "fortnight", "night") + tuple(
    f"{preposition} {month}" for preposition in ("in", "during", "throughout")
    for month in ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))


def tells_a_period(sentence, lowered=None):
    """True when a sentence tells its counts over several days (see _PERIOD)."""
    lowered = sentence.lower() if lowered is None else lowered
    if not any(word in lowered for word in _PERIOD_WORDS):
        return False  # every phrase of a period names one of these: most sentences are spared the search
    return _PERIOD.search(sentence) is not None


def earlier_times(sentence):
    """[(start, end)] of the phrases that place a count at an earlier time without its day (see
    _EARLIER_TIME), in order; a figure whose quote lies near one is no incident of the report's days."""
    lowered = sentence.lower()
    if not any(word in lowered for word in ("year", "month", "week", "decade", "toll")):  # (weekend too)
        return []  # every such phrase names one of these
    return [match.span() for match in _EARLIER_TIME.finditer(sentence)]


# A year written alone ("in 2013", "the 1982 Hama massacre", "2014's toll") or with a month and no day
# ("in August 2013"). A year inside a full date ("21 August 2013") is a day, read by sentence_day.
_YEAR_MENTION = re.compile(r"(?<![\w.,/$-])(?P<year>(?:19|20)\d\d)(?![\w/%-]|[.,]\d)")
_MONTH_NAME = _MONTH.replace("(?P<month>", "(?:")
_FULL_DATE_BEFORE = re.compile(rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_NAME}|{_MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?)"
                               r"\s*,?\s*$", re.IGNORECASE)
_MONTH_JUST_BEFORE = re.compile(rf"\b{_MONTH}\s*,?\s*$", re.IGNORECASE)
_YEAR_CONTEXT_BEFORE = re.compile(r"(?:\b(?:in|of|since|during|throughout|by|until|from|the|early|mid|late|before|after|"
                                  r"between|and|a|an)\s+|\bmid-)$", re.IGNORECASE)
_YEAR_CONTEXT_AFTER = re.compile(r"['’]s\b|\s+(?:[\w-]+\s+){0,2}?(?:attacks?|massacres?|bombings?|siege|offensive|assault|"
                                 r"battle|war|uprising|crackdown|strikes?|raids?|fighting|clashes|earthquake|campaign|"
                                 r"exodus|revolution|protests?)\b", re.IGNORECASE)


def past_period(sentence, report_date, has_a_day=False):
    """True when a sentence dates what it tells by a year, or a month and year, without a day, and that
    period is not after the report's: a year's or a month's toll, or an earlier event repeated as
    background ("the 2013 chemical attack that killed hundreds"). Never an incident of the report's day.
    `has_a_day`: the sentence names one day ("on Monday"); then only a period before the report's year or
    month counts ("the worst attack of 2016 killed 12 on Monday" is Monday's incident)."""
    for match in _YEAR_MENTION.finditer(sentence):
        before = sentence[max(0, match.start() - 25):match.start()]
        if _FULL_DATE_BEFORE.search(before):
            continue
        month = _MONTH_JUST_BEFORE.search(before)
        if not (month or _YEAR_CONTEXT_BEFORE.search(before) or _YEAR_CONTEXT_AFTER.match(sentence, match.end())):
            continue  # "resolution 2254", "route 2020": a number that is no date
        year = int(match.group("year"))
        if report_date is None:
            return True
        period, now = ((year, month_number(month.group("month"))), (report_date.year, report_date.month)) if month \
            else (year, report_date.year)
        if period < now or (period == now and not has_a_day):
            return True
    return False


_EXPLICIT_DAY = re.compile(
    rf"(?<!since\s)(?<!from\s)(?:\b(?:on|in|of|the|attack|massacre)\s+)(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<m2>jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may|june|july|aug(?:ust)?|sept?(?:ember)?|"
    rf"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d))(?!\d)",
    re.IGNORECASE,
)
EARLIER_EVENT_DAYS = 31
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")


def earlier_event_day(sentence, report_date):
    """The day of an earlier event a sentence dates in full ("the attack on 21 August 2013"), when it lies
    more than a month before the report's: a background event, told again (not a running total's start:
    "since 10 August 2014"). Else None."""
    if report_date is None or not _ANY_YEAR.search(sentence):
        return None
    for match in _EXPLICIT_DAY.finditer(sentence):
        if match.group("d1"):
            day = _make(match.group("y1"), month_number(match.group("month")), match.group("d1"))
        else:
            day = _make(match.group("y2"), month_number(match.group("m2")), match.group("d2"))
        if day and (report_date - day).days > EARLIER_EVENT_DAYS:
            return day
    return None


# The report's news: the days its opening (headline and lead) names. A count the body ties to an earlier day
# is an event told as context ("On Sunday 11 civilians were killed" in a report on Tuesday's shelling, "The
# incident comes after another strike ... on Sunday"), cumulative with its date: the dashboard has that day
# from the reports of that day, and adding it again double counts it. "a day after" in the opening makes the
# day before part of the news ("rebels hit a school just a day after airstrikes killed 22 children"), and a
# report that speaks of "the weekend" makes its Saturday and Sunday one news period.
_DAY_BEFORE_TOLD = re.compile(r"\b(?:(?:a|one)\s+day\s+(?:after|earlier)|the\s+day\s+before|yesterday['’]s)\b",
                              re.IGNORECASE)
# "a monitoring group said Sunday", "speaking on Monday": the day it was told, not the day it happened
_SAID_BEFORE = re.compile(r"\b(?:said|says|told\s+\w+|reported|announced|added|stated|confirmed|speaking|statement)"
                          r"\s+(?:\w+\s+)?(?:on\s+)?$", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\b(?:since|from|until|till)\s+$", re.IGNORECASE)  # a period's end, not a day's news
LEAD_SENTENCES = 3
LEAD_CHARS = 700  # (a text without full stops is no opening of three sentences)
NEWS_DAYS_BACK = 7


def news_days(lead, report_date, says_weekend=False):
    """(the day the report's news happened, the first day of its news), or (None, None).

    `lead` is the opening (headline and first sentences, the dateline left out) as [(sentence, has figures)].
    The day is the first one named by an opening sentence with figures, else the earliest the opening names
    (a photo caption's date is no news), never a day something was said: a count the text ties to no day of
    its own is of that day. The news starts at the earliest day the opening names, and the day before that
    when the opening ties the day before to it ("just a day after"), or the Saturday when the report speaks
    of the weekend and that day is a Sunday: a count of a day before that is told as context. None when the
    opening names no day (then no count is told as an earlier day's, and an undated count is the report's)."""
    named = []
    for sentence, has_figures in lead:
        for m in _DAY_EXPR.finditer(sentence):
            if m.group("report") or _SAID_BEFORE.search(sentence, max(0, m.start() - 40), m.start()) \
                    or _SINCE_BEFORE.search(sentence, max(0, m.start() - 12), m.start()):
                continue
            day = resolve_day(m, report_date)
            # (a day more than a week old in the opening is itself a background event's, not the news)
            if day is not None and report_date is not None and 0 <= (report_date - day).days <= NEWS_DAYS_BACK:
                named.append((day, has_figures))
    if not named:
        return None, None
    first = min(day for day, _ in named)
    day = next((day for day, has_figures in named if has_figures), first)
    if any(_DAY_BEFORE_TOLD.search(sentence) for sentence, _ in lead) or (says_weekend and first.weekday() == 6):
        first -= datetime.timedelta(days=1)
    return day, first


# A sentence that goes on about the counts of the one before: "... since late September. Hundreds of people
# have been killed in attacks ..."; "... 270 civilians killed during April. The victims included 51 children";
# "... a sarin attack on Ghouta in August 2013. It killed hundreds." Said without a day of its own, its counts
# are of the period or the earlier event the sentence before told.
_GOES_ON = re.compile(
    r"\b(?:have|has)\s+(?:also\s+|now\s+|so\s+far\s+|since\s+)?(?:been\s+)?(?:killed|died|perished|wounded|injured|"
    r"displaced|fled|claimed|left|forced)\b"
    r"|^\W*(?:the\s+(?:victims|dead|fatalities)|those\s+killed|it\s+(?:also\s+)?(?:killed|left|claimed|displaced)|"
    r"of\s+(?:them|those|these|the\s+dead|the\s+victims)|"
    r"among\s+(?:them|the\s+dead|the\s+victims))\b"
    # "He said more than 20,000 of them had died" ("killed six, all of them women" is of its own sentence)
    r"|^\W*(?:[\w,'-]+\s+){0,5}?of\s+(?:them|these|those)\b|\bthe\s+(?:victims|dead)\s+includ"
    # "... sarin was used in Eastern Ghouta in 2013. The US accused Damascus of that attack, which killed 1,429"
    r"|(?:^\W*the|\bthat|\bthe\s+same)\s+(?:chemical\s+|gas\s+|sarin\s+)?(?:attack|massacre|assault|bombing|"
    r"offensive|siege|campaign)\b", re.IGNORECASE)


def goes_on_about_before(sentence):
    """True when a sentence's counts continue the sentence before (see _GOES_ON)."""
    return _GOES_ON.search(sentence) is not None


# "rebels hit a school on Thursday just a day after airstrikes on a school in Idlib left 35 people dead": a
# count in the clause after "a day after" is of the day before the sentence's (not "A day after the truce
# began, strikes killed 12": a comma closes the clause).
_DAYS_AFTER = re.compile(r"\b(?P<n>a|one|two|three|four|five|six)\s+days?\s+(?:after|since)\s+", re.IGNORECASE)
_CLAUSE_RUNS_ON = re.compile(r"(?:[^,;:()]|,(?=\s*[a-z]+ing\b))*")  # (", leading to four deaths" runs on)
_DAYS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def days_before_clause(sentence, count_start):
    """How many days before the sentence's day the count at `count_start` is (see _DAYS_AFTER); 0 when none."""
    if "day" not in sentence[max(0, count_start - 170):count_start]:
        return 0
    match = None
    for match in _DAYS_AFTER.finditer(sentence, max(0, count_start - 170), count_start):
        pass  # the last such phrase before the count
    if match is None or count_start - match.end() > 150 \
            or not _CLAUSE_RUNS_ON.fullmatch(sentence, match.end(), count_start):
        return 0
    return _DAYS[match.group("n").lower()]
