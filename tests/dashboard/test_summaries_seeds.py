"""The two seed reports (../shared/seeds, eastern Aleppo, September 2016) as one scenario.

The rows are what a correct extractor reads from the seeds (../shared/docs/extraction.md), written here
as values and character offsets so this test does not depend on the extractor. The report bodies are read
from ../shared at run time; quotes are body[start:end].
"""

import datetime

import pytest

from dashboard import summaries
from reports.models import Indicator, Place
from reports.places import load_places

D = datetime.date.fromisoformat

# s1 = 000_892be9b5549de4ab.txt (dated 2016-09-27), s2 = 003_a4b4b6b2f396ed0f.txt (undated).
SEED_FIGURES = """
| report | published  | publisher      | source | kind           | group     | value   | qualifier | unit     | cumulative | since                  | severity | date       | place | start | end  |
| s1     | 2016-09-27 | AFP            | SOHR   | killed         | people    | 12      | at_least  | people   | -          | -                      | -        | 2016-09-26 | EAST  | 479   | 536  |
| s1     | 2016-09-27 | AFP            | SOHR   | killed         | children  | 3       | exact     | people   | -          | -                      | -        | 2016-09-26 | EAST  | 479   | 536  |
| s1     | 2016-09-27 | AFP            | SOHR   | killed         | people    | 248     | exact     | people   | yes        | since the truce fell apart | -    | -          | SY02  | 838   | 876  |
| s1     | 2016-09-27 | AFP            | -      | trapped        | civilians | 250000  | about     | people   | -          | -                      | -        | -          | EAST  | 1833  | 1870 |
| s1     | 2016-09-27 | AFP            | -      | displaced      | people    | 24      | vague     | families | -          | -                      | -        | 2016-09-26 | C2528 | 2359  | 2382 |
| s1     | 2016-09-27 | AFP            | -      | food           | -         | -       | -         | -        | -          | -                      | 4        | -          | EAST  | 2201  | 2209 |
| s1     | 2016-09-27 | AFP            | -      | health         | -         | -       | -         | -        | -          | -                      | 3        | -          | EAST  | 211   | 237  |
| s1     | 2016-09-27 | AFP            | -      | water          | -         | -       | -         | -        | -          | -                      | 4        | -          | EAST  | 2044  | 2062 |
| s2     | -          | Anadolu Agency | -      | killed         | civilians | 750     | more_than | people   | yes        | since mid-November      | -        | -          | EAST  | 1202  | 1242 |
| s2     | -          | Anadolu Agency | -      | killed         | people    | 200000  | vague     | people   | yes        | since early 2011        | -        | -          | SY    | 1746  | 1810 |
| s2     | -          | Anadolu Agency | -      | displaced      | people    | 2000000 | vague     | people   | yes        | since early 2011        | -        | -          | SY    | 1815  | 1838 |
| s2     | -          | Anadolu Agency | -      | communications | -         | -       | -         | -        | -          | -                      | 4        | -          | EAST  | 484   | 503  |
| s2     | -          | Anadolu Agency | -      | electricity    | -         | -       | -         | -        | -          | -                      | 4        | -          | EAST  | 811   | 840  |
| s2     | -          | Anadolu Agency | -      | food           | -         | -       | -         | -        | -          | -                      | 5        | -          | EAST  | 1060  | 1070 |
"""


@pytest.fixture
def seeds(db, scenario, seed_paths):
    load_places()
    # Eastern Aleppo is a project-named area; where it is not in the gazetteer yet, the city stands in.
    east = "C1007-EAST" if Place.objects.filter(pcode="C1007-EAST").exists() else "C1007"
    bodies = {"s1": seed_paths[0].read_text("utf-8"), "s2": seed_paths[1].read_text("utf-8")}
    return scenario(SEED_FIGURES.replace("| EAST ", f"| {east} "), bodies)


def everything():
    return Indicator.objects.all()


def test_seeds_give_one_killed_incident_of_12_with_3_children_under_it(seeds):
    [incident] = [i for i in summaries.incidents(everything()) if i.kind == "killed"]
    assert (incident.date, incident.low, incident.high, incident.sources) == (D("2016-09-26"), 12, 12, ["SOHR"])
    assert [(s.group, s.low) for s in incident.subgroups] == [("children", 3)]


def test_seeds_248_is_a_reported_total_and_not_added_to_the_incident(seeds):
    assert [(t.value, t.date, t.since) for t in summaries.reported_totals(everything())] == [
        (248, D("2016-09-27"), "since the truce fell apart")]
    assert (summaries.headline(everything())["killed"].low, summaries.headline(everything())["killed"].high) == (
        12, 12)


def test_seeds_undated_report_is_left_out_and_counted(seeds):
    assert summaries.undated_count(everything()) == 6


def test_seeds_district_row_for_aleppo_city(seeds):
    summary = summaries.district_summary(everything())
    rows = {row.pcode: row for row in summary.rows}
    aleppo, homs = rows["SY0200"], rows["SY0401"]
    assert len(summary.rows) == Place.objects.filter(level="admin2").count()
    assert (aleppo.figures, homs.figures) == (
        {"killed": (12, 12), "trapped": (250000, 250000)}, {"displaced_families": (24, 24)})
    assert {k: v for k, v in aleppo.conditions.items() if v} == {"food": 4, "health": 3, "water": 4}


def test_seeds_conditions_show_not_reported_a_week_later(seeds):
    water = summaries.condition_days(everything(), start=D("2016-09-27"), end=D("2016-10-04"))["water"]
    assert [day.severity for day in water] == [4, 4, 4, 4, 4, 4, 4, None]


def test_seeds_provenance_quotes_the_words_behind_the_killed_figure(seeds):
    figures = summaries.provenance(everything(), kind="killed", date=D("2016-09-26"), cumulative=False)
    body = figures[0] and Indicator.objects.get(pk=figures[0].id).report.body
    assert [(f.group, f.source, f.quote) for f in figures] == [
        ("people", "SOHR", body[479:536]), ("children", "SOHR", body[479:536])]
    assert "12" in figures[0].quote
