"""Plausibility flags: figures a reviewer should look at first, because they are unlikely as read.

Pure functions (no Django): ingest computes the flags when it stores figures (reports/ingest.py) and a
reviewer sees them in the review queue. A flag never drops a figure; it only says why to check it.

The thresholds are the war's orders of magnitude: no single day of the Syrian war killed more than a
few thousand people (the deadliest, the 2013 Ghouta attack, about 1,400), and the war as a whole is
estimated at about 600,000 killed and 13 million displaced (inside and outside Syria).
"""

# A one-day (non-cumulative) figure above these is almost always a running total read as one day.
ONE_DAY_MAX = {"killed": 1_000, "displaced": 100_000}
# No figure, running totals included, exceeds the war's estimated totals.
WAR_TOTAL_MAX = {"killed": 600_000, "displaced": 13_000_000}

ONE_DAY_HIGH = "one_day_high"
ABOVE_WAR_TOTAL = "above_war_total"
AFTER_REPORT = "after_report"
PLACE_NOT_NAMED = "governorate_not_named"

# Codes, in the order they are shown, with what they say to a reviewer. No code is part of another,
# so that a stored list of codes is searched with a plain "contains".
FLAGS = {
    ONE_DAY_HIGH: "one-day figure too large (over 1,000 killed or 100,000 displaced)",
    ABOVE_WAR_TOTAL: "above the war's estimated totals (600,000 killed, 13 million displaced)",
    AFTER_REPORT: "dated after the report",
    PLACE_NOT_NAMED: "the report never names the place's governorate",
}


def figure_flags(*, kind, value, cumulative=False, date=None, report_date=None, governorate=None,
                 governorates_named=frozenset()):
    """The flag codes of one figure or condition (a list, in FLAGS order; empty when nothing is odd).

    `governorate` is the P-code of the governorate the indicator is placed in (None for a country-wide
    or unplaced one) and `governorates_named` the P-codes of the governorates the report's text names.
    """
    flags = []
    if value is not None:
        if not cumulative and kind in ONE_DAY_MAX and value > ONE_DAY_MAX[kind]:
            flags.append(ONE_DAY_HIGH)
        if kind in WAR_TOTAL_MAX and value > WAR_TOTAL_MAX[kind]:
            flags.append(ABOVE_WAR_TOTAL)
    if date is not None and report_date is not None and date > report_date:
        flags.append(AFTER_REPORT)
    if governorate and governorate not in governorates_named:
        flags.append(PLACE_NOT_NAMED)
    return flags


# Damascus city is a governorate inside Rural Damascus: a report naming either names the other's
# surroundings ("Madaya, near Damascus").
ENCLOSED_GOVERNORATES = {"SY01": "SY03", "SY03": "SY01"}


def governorates_named(text, gazetteer):
    """The P-codes of the governorates a text (a report's title and body) names, read by the extractor's
    own place matching (its spellings, articles and aliases; see places.governorates_named), with
    Damascus and Rural Damascus naming each other."""
    from .extraction.places import governorates_in

    return with_enclosing(governorates_in(text, gazetteer))


def with_enclosing(governorates):
    """Governorate P-codes with Damascus and Rural Damascus naming each other."""
    named = set(governorates)
    return named | {ENCLOSED_GOVERNORATES[p] for p in named if p in ENCLOSED_GOVERNORATES}


def join_flags(flags):
    """Codes as stored on an indicator: space-separated ("" when none)."""
    return " ".join(flags)


def split_flags(stored):
    return [code for code in (stored or "").split() if code]
