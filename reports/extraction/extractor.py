"""The one entry point: a report's text in, its figures and conditions out (see the package docstring)."""

import bisect
import datetime
import re

from . import conditions as conditions_module
from . import figures as figures_module
from . import places as places_module
from .dates import (LEAD_CHARS, LEAD_SENTENCES, NEAR_AFTER, NEAR_BEFORE, dateline_end, days_before_clause, earlier_event_day, earlier_times, goes_on_about_before,
                    NEWS_DAYS_BACK, news_days, past_period, read_dateline, sentence_day, since_phrase, tells_a_period)
from .gazetteer import Gazetteer
from .places import find_mentions
from .sources import sentence_source
from .figures import WORK
from .text import FoldedSearch, sentences, working_copy

_CUMULATIVE = FoldedSearch(re.compile(  # (searched in less time: see text.FoldedSearch)
    r"\b(?:so\s+far|to\s+date|(?:over|in|during|within)\s+(?:the\s+)?(?:past\s+|last\s+|previous\s+)?"
    r"(?:\w+\s+)?(?:days|weeks|months|years)\b|(?:in|during|throughout)\s+(?:january|february|march|april|june|july|"
    r"august|september|october|november|december)\b(?!\s+\d)|since\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)|"
    r"(?:war|conflict|rebellion|uprising)\b[^.;]{0,40}?\b(?:has|have|had)\s+(?:so\s+far\s+|now\s+)?(?:killed|claimed|left|"
    r"displaced|forced|cost)|since\s+(?:the\s+)?(?:start|beginning|outbreak)|"
    r"since\s+(?:19|20)\d\d|since\s+(?:early|mid|late)|"
    # a stated stretch of time: "in the last 48 hours", "over a 20-day period", "in two days of clashes",
    # "after days of fighting", "the fighting that began on Thursday", "the deadliest month"
    r"(?:over|in|during|within)\s+(?:the\s+)?(?:past|last|previous)\s+(?!24\b|twenty-four\b)(?:\w+\s+)?hours\b|"
    r"(?:over|in|during|within)\s+an?\s+(?:\w+-)?(?:day|week|month)\s+period\b|"
    r"\b(?:days|weeks|months)\s+of\s+(?:heavy\s+|fierce\s+)?(?:fighting|clashes|battles?|combat|"
    r"bombardment|shelling|air\s*strikes|raids)\b|"
    # ("the offensive, which began on Sunday, has killed", "infighting between the groups that began Friday")
    r"(?:fighting|infighting|clashes|battles?|offensive|assault|campaign)(?:\s+[\w-]+){0,5}?,?\s+(?:that|which)\s+(?:began|started)\b|"
    r"(?:deadliest|bloodiest)\s+(?:week|month|year)\b)",
    re.IGNORECASE,
))
# "7000 people killed across Syria since the Security Council passed a resolution": "since" soon after a
# figure's words, whatever follows it, makes that figure a running total ("the first deaths since the truce
# began" are not).
_SUPERLATIVE = (r"\b(?:first|biggest|deadliest|worst|largest|bloodiest|heaviest|highest|greatest|most\s+\w+|"
                r"single\s+\w+est)\b")
# (nor the since of a state the place is in: "the town besieged since 2013", "held by rebels since 2012")
_SINCE_AFTER = re.compile(rf"(?:(?!{_SUPERLATIVE}|\b(?:besieged|siege|held|controlled|occupied|encircled)\b)[^.;])"
                          r"{0,50}?\bsince\b", re.IGNORECASE)
# "the biggest loss since they started operations", "the first deaths since the truce began": a superlative's
# "since" dates the comparison, not a running total.
_SUPERLATIVE_BEFORE = re.compile(rf"{_SUPERLATIVE}[^.;]{{0,90}}$", re.IGNORECASE)
# The war named as a setting: a toll in such a sentence is the war's total unless the sentence gives the
# day it happened ("30 people were killed overnight in Aleppo, the scene of the fiercest fighting in
# Syria's civil war" is one night's toll).
_WAR_CONTEXT = re.compile(
    r"\b(?:(?:the|this)\s+(?:war|conflict|uprising|crisis)\s+(?:has|have|had|that)\s|"
    r"(?:in|during|by|of|from)\s+(?:the\s+|syrias\s+|syria's\s+)?(?:[\w-]+\s+)?(?:war|conflict|rebellion|uprising)\b(?!-)|"
    r"(?:war|conflict)\s+(?:began|started|erupted|broke\s+out))",
    re.IGNORECASE,
)
_A_DAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|overnight|today|yesterday|"
                    r"tonight|this\s+(?:morning|afternoon|evening))\b", re.IGNORECASE)
_COUNTRY_WIDE = re.compile(
    r"\b(?:the\s+(?:\w+\s+)?(?:war|conflict|uprising|crisis)|the\s+country|nationwide|across\s+syria|"
    r"country-?wide)\b", re.IGNORECASE)
_THE_CITY = re.compile(r"\bthe\s+(?:city|town)\b", re.IGNORECASE)
_THE_PROVINCE = re.compile(r"\bthe\s+(?:wider\s+|whole\s+|entire\s+)?(?:province|governorate|countryside)\b",
                           re.IGNORECASE)
_COORDINATED = re.compile(r"^\s*(?:,|and|or|&|as\s+well\s+as)?\s*(?:(?:and|the|its|wider|surrounding|whole|"
                          r"entire|rural|city|province|countryside|governorate|in|of)\s+)*$", re.IGNORECASE)
# How much a place named in the headline, the lead sentence, or a sentence with figures weighs against
# one named anywhere else, when choosing what a report is about (news puts its subject first).
HEADLINE_WEIGHT = 8
LEAD_WEIGHT = 4
FIGURE_WEIGHT = 2
COUNTRY_SPREAD = 5
RUNNING_TOTAL_AT_LEAST = 50000
DISPLACED_TOTAL_AT_LEAST = 500000
# Page furniture after the article: links to other stories are not the report. From the marker on,
# the working copy is blanked (same length, so offsets still quote the original).
_FURNITURE = re.compile(r"(?-i:\b(?:Related\s+(?:News|Articles|Stories|Posts|Content)|Read\s+(?:Also|More)|"
                        r"Recommended\s+(?:Stories|Articles|for\s+you)|You\s+(?:May|Might)\s+Also\s+Like|"
                        r"More\s+(?:Stories|News)\s+(?:from|on)))\b")


def _without_furniture(work):
    marker = _FURNITURE.search(work, 1)
    if marker is None:
        return work
    return work[:marker.start()] + " " * (len(work) - marker.start())


# A headline inside the body (a related story's or a photo's teaser: "... Website Blast Occurs Near Bus
# Convoy Evacuating Syrians From Besieged Towns to Aleppo Over 20 Dead"): every word capitalised but the
# small ones, in the count and in the words before it. Another story's count, or the same one's told again.
_SMALL_WORDS = frozenset("a an and as at by for from in near of on or over the to with after".split())
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*")
TEASER_WORDS_BEFORE = 4


def _in_a_headline(sentence, quote_start, quote_end):
    """Whether the count at sentence[quote_start:quote_end] sits in a run of title-case words (the count's
    own words and the TEASER_WORDS_BEFORE words before it), as a headline does, not a sentence."""
    def title_case(words):
        big = [w for w in words if w.lower() not in _SMALL_WORDS]
        return bool(big) and all(w[0].isupper() or w[0].isdigit() for w in big)

    own = _WORD.findall(sentence, quote_start, quote_end)
    before = _WORD.findall(sentence, max(0, quote_start - 80), quote_start)[-TEASER_WORDS_BEFORE:]
    return sum(w[0].isalpha() for w in own) >= 2 and len(before) == TEASER_WORDS_BEFORE \
        and title_case(own) and title_case(before)


_WHEN_RELATIVE = re.compile(r"^\s*(?:then|that\s+time|that\s+date)\s*$", re.IGNORECASE)


def extract(text, report_date=None, gazetteer=None):
    """Read a report: figures and conditions with their exact words, place, date and source.

    `text` is the report (any string; bytes are decoded as UTF-8 with replacement), `report_date`
    a datetime.date or None (then the dateline is read), `gazetteer` a Gazetteer (None: the one
    shipped in reports/data/). Never raises: a failure inside yields an empty result.
    """
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("utf-8", errors="replace")
    elif not isinstance(text, str):
        text = "" if text is None else str(text)
    if isinstance(report_date, str):
        try:
            report_date = datetime.date.fromisoformat(report_date.strip()[:10])
        except ValueError:
            report_date = None
    if not isinstance(report_date, datetime.date):
        report_date = None
    elif isinstance(report_date, datetime.datetime):
        report_date = report_date.date()
    try:
        gazetteer = gazetteer if gazetteer is not None else Gazetteer.from_data_dir()
        return _extract(text, report_date, gazetteer)
    except Exception:  # the contract: never raise on any input; an empty reading is the honest answer
        return {"report_date": report_date.isoformat() if report_date else None, "place": None,
                "governorates": [], "figures": [], "conditions": []}


def _extract(text, report_date, gazetteer):
    work = _without_furniture(working_copy(text))
    if report_date is None:
        report_date = read_dateline(work)
    index = gazetteer.index
    spans = sentences(work)
    mentions = find_mentions(index, work)
    lowered = work.lower()
    sectors = conditions_module.sectors_by_sentence(lowered if len(lowered) == len(work) else work, spans)
    read, last = [], None
    for (a, b), present in zip(spans, sectors):
        found = figures_module.sentence_figures(work[a:b], a, last)
        read.append((found, conditions_module.sentence_conditions(work[a:b], a, present)))
        last = found
    # Places named where the report's figures are count more towards what it is about.
    with_figures = [(a, b) for (a, b), (found, _) in zip(spans, read) if found]
    main = _main_place(index, mentions, spans, with_figures)
    # Sentence by sentence: places, source, day, figures, conditions.
    figures, seen = [], {}
    conditions = {}
    m_i = 0
    previous_since = None
    opening = dateline_end(work)
    published = opening and read_dateline(work) == report_date
    lead = [(work[max(a, opening):min(b, opening + LEAD_CHARS)], bool(found))
            for (a, b), (found, _) in zip(spans[:LEAD_SENTENCES], read) if a < opening + LEAD_CHARS]
    news_day, news = news_days(lead, report_date, "weekend" in lowered)
    for i, ((start, end), (found, stated)) in enumerate(zip(spans, read)):
        sentence = work[start:end]
        while m_i < len(mentions) and mentions[m_i].start < start:
            m_i += 1
        local = []
        j = m_i
        while j < len(mentions) and mentions[j].end <= end:
            local.append(mentions[j])
            j += 1
        # (no "since", no since-phrase: an ASCII sentence is spared the search; in others case-insensitive
        # matching knows more equivalents than str.lower)
        since = since_phrase(sentence) if not sentence.isascii() or "since" in sentence.lower() else None
        if not found and not stated:
            if since:
                previous_since = since[0]
            continue
        source = sentence_source(sentence)
        places = _SentencePlaces(index, local, sentence, start, main)
        day = earlier = earlier_near = told_before = None
        has_a_day = False
        sentence_cumulative = False
        if found:  # (what time a sentence tells matters only to its figures)
            # The dateline is the day the report was published, not the day its first sentence tells: with
            # no day of its own (a caption's date weeks old is none) a count there falls on the news day. (A
            # dateline that disagrees with the date given for the report stays the day told, as before.)
            told = sentence[opening - start:] if start < opening and published else sentence
            day = sentence_day(told, report_date)
            if told is not sentence and day is not None and not 0 <= (report_date - day).days <= NEWS_DAYS_BACK:
                day = None
            has_a_day = day is not None or bool(_A_DAY.search(told))
            # An earlier event told again with its full date keeps that date; no incident of the report's days.
            earlier = earlier_event_day(sentence, report_date)
            since_total = bool(since) and not _SUPERLATIVE_BEFORE.search(sentence, max(0, since[1] - 100), since[1])
            sentence_cumulative = since_total or earlier is not None or bool(_CUMULATIVE.search(sentence)) or (
                not has_a_day and bool(_WAR_CONTEXT.search(sentence))) or tells_a_period(sentence) \
                or past_period(sentence, report_date, has_a_day)
            # a day before the news the opening tells: an event told as context, with its date (dates.news_day)
            if not sentence_cumulative and news is not None and day is not None and day < news \
                    and i >= LEAD_SENTENCES:
                sentence_cumulative, earlier, since = True, day, since if since_total else None
            # "... since late September. Hundreds have been killed": the period of the sentence before
            told_before = None
            if not sentence_cumulative and not has_a_day and i > 0 and goes_on_about_before(sentence):
                told_before = _told_period(work[spans[i - 1][0]:spans[i - 1][1]], report_date)
                if told_before is not None:
                    sentence_cumulative, earlier = True, told_before[1]
            # "last month", "two years ago" near a count: an earlier time without its day
            if not sentence_cumulative and not has_a_day:
                earlier_near = _Nearby(earlier_times(sentence), start)
        since_text = None
        if since:
            since_text = since[0]
            if _WHEN_RELATIVE.match(since_text) and previous_since:
                since_text = previous_since
        elif found and told_before is not None:
            since_text = told_before[0]
        for candidate in found:
            # (the report's own headline opens the text: a headline further on is another story's teaser)
            if i > 0 and _in_a_headline(sentence, candidate.quote_start - start, candidate.quote_end - start):
                continue
            key = (candidate.kind, candidate.group, candidate.value)
            # Told twice (headline and body) it is one figure; the telling with a qualifier ("at
            # least 12" after "12 killed") says more, so it replaces a plain one.
            replace = None
            if key in seen:
                told = figures[seen[key]]["qualifier"]
                # a stated number says more than a vague word's conventional bound ("scores" of soldiers
                # is 40 by convention; "killing 40 attackers" says 40)
                if not ((told == "exact" and candidate.qualifier not in ("exact", "vague"))
                        or (told == "vague" and candidate.qualifier != "vague")):
                    continue
                replace = seen[key]
            # No single incident kills or wounds fifty thousand people: such a count is a war's total.
            # "Thousands of civilians killed": vague counts that large are totals too (not "thousands
            # fled", which one evacuation or one besieged town can hold).
            # Nor does one day displace half a million ("13 million displaced" is the war's count).
            cumulative = sentence_cumulative or (earlier_near is not None and earlier_near.near(
                candidate.quote_start, candidate.quote_end)) or (
                "since" in sentence and _SINCE_AFTER.match(sentence, candidate.quote_end - start) is not None) or (candidate.kind in ("killed", "injured", "missing")
                                                 and candidate.value >= RUNNING_TOTAL_AT_LEAST) or (
                candidate.qualifier == "vague" and candidate.value >= 2000 and candidate.kind in ("killed", "injured")) or (
                candidate.kind == "displaced" and candidate.value >= DISPLACED_TOTAL_AT_LEAST) or candidate.stock or (
                candidate.slow and not has_a_day)
            if candidate.kind == "trapped":
                cumulative = False  # a besieged population is counted as it stands, however long it has been
            # (a besieged population is counted as it stands on the report's day, not on the news day)
            incident_day = day or (news_day if candidate.kind != "trapped" else None)
            back, since_of = 0, since_text
            if (incident_day or report_date) and not cumulative and candidate.kind != "trapped":
                back = days_before_clause(sentence, candidate.quote_start - start)
                if back:
                    incident_day = (incident_day or report_date) - datetime.timedelta(days=back)
                    # "The attacks came one day after ... leading to four deaths": before the news, context
                    if incident_day < (news or report_date) and i >= LEAD_SENTENCES:
                        cumulative, since_of = True, None
            place = places.place(candidate, cumulative)
            figure = {
                "kind": candidate.kind, "group": candidate.group, "value": candidate.value,
                "qualifier": candidate.qualifier, "low": candidate.low, "high": candidate.high,
                "unit": candidate.unit, "cumulative": cumulative,
                "date": (earlier or (incident_day if back else None)) if cumulative else incident_day,
                "since": since_of if cumulative else None,
                "place": index.as_dict(place), "source": source,
                "quote": text[candidate.quote_start:candidate.quote_end],
                "start": candidate.quote_start, "end": candidate.quote_end,
            }
            if figure["date"] is not None:
                figure["date"] = figure["date"].isoformat()
            if replace is None:
                seen[key] = len(figures)
                figures.append(figure)
            else:
                figures[replace] = figure
        for sector, severity, q_start, q_end in stated:
            if sector in conditions and conditions[sector]["severity"] >= severity:
                continue
            # the place its own clause names, else the nearest; the day its sentence tells (not a start
            # it runs "since"), else none (the report's day stands for it)
            place = places.place(_ConditionAt(places.first_within(q_start, q_end)))
            on = None if since or conditions_module.tells_a_start(sentence) else (
                day if found else sentence_day(sentence, report_date))
            conditions[sector] = {
                "sector": sector, "severity": severity, "place": index.as_dict(place), "source": source,
                "date": on.isoformat() if on else None,
                "quote": text[q_start:q_end], "start": q_start, "end": q_end,
            }
        if since:
            previous_since = since_text
    figures = _merge_unspecific(figures)
    return {
        "report_date": report_date.isoformat() if report_date else None,
        "place": index.as_dict(main),
        # (not in the contract's output: the governorates the text names, for plausibility checks)
        "governorates": sorted(places_module.governorates_named(index, mentions)),
        "figures": figures,
        "conditions": sorted(conditions.values(), key=lambda c: c["start"]),
    }


# the since of a state, not of a count: "the city that has been divided since July 2012"
_STATE_SINCE = re.compile(r"\b(?:besieged|siege|held|controlled|occupied|encircled|divided|ruled|run|closed|cut\s+off)\b"
                          r"(?:\s+\w+){0,3}\s+since\s+$", re.IGNORECASE)


def _told_period(sentence, report_date):
    """(since as written or None, the earlier event's date or None) when a sentence tells a period or an
    earlier event (a running total's start, a stretch of days, a past year or month, a day long past, the
    war as a whole, an earlier time without its day), else None."""
    since = since_phrase(sentence)
    if since and _STATE_SINCE.search(sentence, max(0, since[1] - 40), since[1]):
        sentence = sentence[:since[1]] + sentence[since[2]:]  # (nor is its year a past period of a count)
    elif since and not _SUPERLATIVE_BEFORE.search(sentence, max(0, since[1] - 100), since[1]) \
            and not _WHEN_RELATIVE.match(since[0]):
        return since[0], None
    earlier = earlier_event_day(sentence, report_date)
    if earlier is not None or _CUMULATIVE.search(sentence) or tells_a_period(sentence) or past_period(sentence, report_date) \
            or _WAR_CONTEXT.search(sentence) or earlier_times(sentence):
        return None, earlier
    return None


def _merge_unspecific(figures):
    """"8 civilians killed" in the headline and "eight people were killed" in the body are one
    figure: a count of people is dropped when the same kind and value is told of civilians or
    combatants (not of children or women, who may be part of a larger count)."""
    # Vague amounts are conventional lower bounds: "dozens" of civilians and "dozens" of people are not
    # known to be one count.
    # A running total of people is also the same count as a headline's told without its period ("kills
    # 175 members in a week" and "killed 175 members and commanders over the past week").
    specific = {(f["kind"], f["value"], f["cumulative"]) for f in figures
                if f["group"] in ("civilians", "combatants") and f["qualifier"] != "vague"}
    specific |= {(kind, value, True) for kind, value, _ in specific}
    return [f for f in figures
            if not (f["group"] == "people" and f["unit"] == "people" and (f["kind"], f["value"], f["cumulative"]) in specific)]


def _main_place(index, mentions, spans, with_figures=()):
    """The place the report is mainly about: the governorate most mentioned (headline, lead and
    sentences with figures weigh more; "Damascus said" weighs less), then down its tree while one
    part holds most of the mentions."""
    if not mentions:
        return None
    figure_starts = [a for a, _ in with_figures]
    headline_end = spans[0][1] if spans else 0
    opening_end = spans[1][1] if len(spans) > 1 else headline_end
    weights = {}
    direct = {}
    first_seen = {}  # P-code -> index of the first mention of it or of a place inside it
    country = None
    for i, mention in enumerate(mentions):
        pcode = mention.pcode
        if index.depth(pcode) == 0:
            country = pcode
            continue
        weight = 0.3 if mention.weak else 1.0
        k = bisect.bisect_right(figure_starts, mention.start) - 1
        if k >= 0 and mention.start < with_figures[k][1]:
            weight *= FIGURE_WEIGHT
        if mention.start < headline_end:
            weight *= HEADLINE_WEIGHT
        elif mention.start < opening_end:
            weight *= LEAD_WEIGHT
        direct[pcode] = direct.get(pcode, 0) + weight
        for p in [pcode] + index.ancestors(pcode):
            weights[p] = weights.get(p, 0) + weight
            first_seen.setdefault(p, i)
    if not direct:
        return country
    admin1s = [p for p in weights if index.depth(p) == 1]
    # A headline naming the country and no other place, over a body spread over COUNTRY_SPREAD governorates
    # or more with none holding a third of the weight, is about the country.
    in_headline = [m for m in mentions if m.start < headline_end and not m.weak]
    if country and admin1s and in_headline and all(m.pcode == country for m in in_headline) \
            and len(admin1s) >= COUNTRY_SPREAD and max(weights[p] for p in admin1s) < sum(weights[p] for p in admin1s) / 3:
        return country
    if not admin1s:
        return max(direct, key=lambda p: (direct[p], -first_seen.get(p, len(mentions))))
    node = max(admin1s, key=lambda p: (weights[p], -first_seen.get(p, len(mentions))))
    children = {}
    for p in weights:
        parent = index.places[p].get("parent")
        children.setdefault(parent, []).append(p)
    while True:
        kids = children.get(node, [])
        best = max(kids, key=lambda p: (weights[p], -first_seen.get(p, len(mentions))), default=None)
        if best is None or weights[best] <= 0.5 * weights[node]:
            break
        node = best
    if node not in direct:
        under = [p for p in direct if index.contains(node, p)]
        if under:
            node = max(under, key=lambda p: (direct[p], -first_seen.get(p, len(mentions))))
    return node


class _Nearby:
    """Spans of a sentence (relative to it), asked whether one lies near a quote (absolute offsets): within
    NEAR_BEFORE characters before it or NEAR_AFTER after it. A bisection per figure, so a long list stays linear."""

    def __init__(self, spans, offset):
        self.starts = [a + offset for a, _ in spans]
        self.ends = [b + offset for _, b in spans]

    def near(self, start, end):
        if not self.starts:
            return False
        i = bisect.bisect_left(self.starts, end + NEAR_AFTER + 1)  # spans starting no later than the reach after
        # spans are in order and do not overlap, so their ends are in order too: the last one before the reach
        return i > 0 and self.ends[i - 1] >= start - NEAR_BEFORE


# Where one clause of a sentence ends and another, with counts of its own, begins.
_CLAUSE_BREAK = re.compile(r";|\b(?:while|whereas|but|meanwhile|elsewhere|after|before)\b|,\s+and\b|"
                           r"\band\s+(?:the|a|an|in|on|at|another|other)\b", re.IGNORECASE)
CLAUSE_REACH = 200


def _clause_break(sentence, a, b):
    """Whether sentence[a:b] crosses a clause break (None when the span is too long to judge: a bounded
    look keeps a sentence of thousands of counts linear)."""
    if b - a > CLAUSE_REACH:
        return None
    return _CLAUSE_BREAK.search(sentence, max(a, 0), b) is not None


class _ConditionAt:
    """Where a condition is said, for _SentencePlaces.place (which reads a count's start, kind and value)."""
    kind, value = "condition", None

    def __init__(self, start):
        self.start = start


class _SentencePlaces:
    """The places one sentence names, read once per sentence; each figure's place is then a bisection.

    The most specific place a sentence names; places joined by "and" give the place covering both;
    "the city"/"the province" are the report's; a sentence about the war as a whole is Syria's. (Read per
    figure, a sentence listing thousands of counts and places cost the square of its length.)"""

    def __init__(self, index, local, sentence, offset, main):
        WORK["place_sentences"] += 1
        self.index, self.sentence, self.offset, self.main = index, sentence, offset, main
        named = [m for m in local if index.depth(m.pcode) > 0]
        self.has_country = len(named) < len(local)
        extra = []
        if main and "the" in sentence.lower():
            the_city = _THE_CITY.search(sentence)
            city = index.city_of(main) if the_city else None
            if city:
                extra.append((the_city, city))
            the_province = _THE_PROVINCE.search(sentence)
            a1 = index.admin1(main) if the_province else None
            if a1:
                extra.append((the_province, a1))
        items = [(m.start - offset, m.end - offset, m.pcode) for m in named]
        items += [(match.start(), match.end(), pcode) for match, pcode in extra]
        items.sort()
        self.covering = None
        self.starts, self.ends, self.pcodes = [], [], []
        self.cues = places_module.CountryCues(index, local, items, sentence, offset)
        if items:
            # Coordinated places ("Aleppo city and the wider province") mean the place covering them.
            for (s1, e1, p1), (s2, e2, p2) in zip(items, items[1:]):
                if p1 != p2 and (index.contains(p1, p2) or index.contains(p2, p1)) \
                        and _COORDINATED.match(sentence[e1:s2]) and " and " in f" {sentence[e1:s2]} ":
                    self.covering = p1 if index.contains(p1, p2) else p2
                    break
            depths = [index.depth(p) for _, _, p in items]
            deepest = max(depths)
            for (s, e, p), depth in zip(items, depths):
                if depth == deepest:
                    self.starts.append(s)
                    self.ends.append(e)
                    self.pcodes.append(p)
        self._country_wide = None

    def place(self, candidate=None, cumulative=False):
        WORK["place_lookups"] += 1
        anchor = candidate.start - self.offset if candidate is not None else 0
        if candidate is not None:
            country = self.cues.country(anchor, cumulative, candidate.kind, candidate.value)
            if country:
                return country
        if self.covering is not None:
            return self.covering
        if self.starts:
            listed = self.cues.listed(anchor)
            if listed:
                return listed
            if candidate is None:
                return self.pcodes[0]
            # the nearest to the count, the earlier on a tie
            anchor = candidate.start - self.offset
            right = bisect.bisect_left(self.starts, anchor)
            if right == 0:
                return self.pcodes[0]
            left = bisect.bisect_left(self.starts, self.starts[right - 1])
            if right == len(self.starts):
                return self.pcodes[left]
            # A place across a clause break from the count belongs to another clause's count ("a chemical
            # attack near Damascus killed dozens, and the year before 49 children were killed in Homs
            # province"): the place on the count's side of the break wins over a nearer one beyond it.
            broken_left = _clause_break(self.sentence, self.ends[left], anchor)
            broken_right = _clause_break(self.sentence, anchor, self.starts[right])
            if None not in (broken_left, broken_right) and broken_left != broken_right:
                return self.pcodes[right] if broken_left else self.pcodes[left]
            if anchor - self.starts[left] <= self.starts[right] - anchor:
                return self.pcodes[left]
            return self.pcodes[right]
        if cumulative and self.country_wide or (not self.main and self.has_country):
            return self.index.country()
        if self.has_country and cumulative:
            return self.index.country()
        return self.main

    def first_within(self, start, end):
        """The start of the first place named in text[start:end] (absolute offsets), else `start`."""
        i = bisect.bisect_left(self.starts, start - self.offset)
        return self.starts[i] + self.offset if i < len(self.starts) and self.starts[i] < end - self.offset else start

    @property
    def country_wide(self):
        if self._country_wide is None:
            self._country_wide = bool(_COUNTRY_WIDE.search(self.sentence))
        return self._country_wide
