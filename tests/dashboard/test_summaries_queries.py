"""Every summary runs in a fixed number of queries, whatever the data size."""

import datetime

import pytest

from dashboard import summaries
from reports.models import Indicator

START, END = datetime.date(2016, 9, 1), datetime.date(2016, 9, 30)
PLACES = ["C1007", "N0123", "N0124", "SY0700", "SY02"]
SECTORS = ["water", "food", "health"]


def table(size):
    """`size` reports, each with a figure, a subgroup, a cumulative total, a trapped estimate and a
    condition, spread over days, places and review states."""
    lines = ["| report | published | source | kind | group | value | date | place | cumulative | severity | status |"]
    for n in range(size):
        day = START + datetime.timedelta(days=n % 28)
        place = PLACES[n % len(PLACES)]
        status = ["unreviewed", "verified", "corrected", "rejected"][n % 4]
        common = f"| r{n} | {day} | source {n % 3} |"
        lines += [
            f"{common} killed | people | {10 + n} | {day} | {place} | - | - | {status} |",
            f"{common} killed | children | {1 + n % 3} | {day} | {place} | - | - | {status} |",
            f"{common} injured | civilians | {5 + n} | - | {place} | - | - | {status} |",
            f"{common} killed | people | {200 + n} | - | SY02 | yes | - | {status} |",
            f"{common} trapped | civilians | {250000 - n} | - | {place} | - | - | {status} |",
            f"{common} {SECTORS[n % 3]} | - | - | - | {place} | - | {1 + n % 5} | {status} |",
        ]
    return "\n".join(lines)


CALLS = {
    "incidents": (1, lambda qs, places: summaries.incidents(qs)),
    "reported_totals": (1, lambda qs, places: summaries.reported_totals(qs)),
    "trapped_estimates": (1, lambda qs, places: summaries.trapped_estimates(qs)),
    "condition_days": (1, lambda qs, places: summaries.condition_days(qs, start=START, end=END)),
    "headline": (2, lambda qs, places: summaries.headline(qs)),
    "timeline": (1, lambda qs, places: summaries.timeline(qs)),
    "district_summary": (3, lambda qs, places: summaries.district_summary(qs)),
    "district_summary_as_of": (3, lambda qs, places: summaries.district_summary(qs, as_of=END)),
    "place_summary": (3, lambda qs, places: summaries.place_summary(qs, place=places["C1007"])),
    "review_share": (1, lambda qs, places: summaries.review_share(qs)),
    "undated_count": (1, lambda qs, places: summaries.undated_count(qs)),
    "provenance": (1, lambda qs, places: summaries.provenance(qs, kind="killed", place=places["C1007"])),
    "provenance_by_pcode": (2, lambda qs, places: summaries.provenance(qs, kind="killed", place="C1007")),
}


@pytest.mark.parametrize("size", [1, 40])
@pytest.mark.parametrize("name", CALLS)
def test_summary_runs_in_a_fixed_number_of_queries(places, scenario, django_assert_num_queries, name, size):
    scenario(table(size))
    expected, call = CALLS[name]
    queryset = Indicator.objects.all()
    with django_assert_num_queries(expected):
        result = call(queryset, places)
    assert result is not None
