"""Our fifth held-out set of FA-KES articles (tests/extraction/holdout5.jsonl, HOLDOUT.md "Fifth held-out set
(blind, 0.10.0, issue 11)"): a fresh blind sample for the extractor's second pass, annotated by the sharpened
contract (cumulative counts, sector coverage, rubble, shared place names) with what the dashboard needs
besides (kind, group, value): the report's governorate, each figure's unit, running-total flag, `since`,
date and place P-code, each condition's place. Annotated without looking at the extractor's output and
committed before the extractor was run on these rows.

The tests check only the file's form and that its rows are held out (chosen by the rule below, none in the
dev set or any earlier held-out set, no text of theirs). The scores are printed, not tested, so that nobody
tunes to these rows:

    .venv/bin/python tests/bench/eval_holdout.py 5
"""

import datetime
import re
from pathlib import Path

import pytest

from tests.extraction import scoring
from tests.extraction.fakes import read_devset, read_fakes
from tests.extraction.heldout import gazetteer_parents
from tests.extraction.test_holdout4 import _earlier_rows as _rows_before_holdout4
from tests.extraction.test_holdout4 import read_holdout4, select_holdout4_rows

HOLDOUT5 = Path(__file__).resolve().parent / "holdout5.jsonl"
SIZE = 30
PER_STRATUM = 10
POINT = 0.875

ENTRY_KEYS = {"row", "unit_id", "report_date", "admin1", "figures", "conditions"}
FIGURE_KEYS = {"kind", "group", "value", "qualifier", "unit", "cumulative", "since", "date", "place"}
CONDITION_KEYS = {"sector", "severity", "place"}
UNITS = ("people", "families")

# Surface tests for the three strata, on the text alone (no extractor involved). They pick articles likely
# to hold what issue 11 is about; what each article really holds is what the annotation says.
_GOVERNORATES = (
    "Damascus", "Aleppo", "Homs", "Hama", "Latakia|Lattakia", "Idlib|Idleb",
    "Hasakeh|Hasaka|Hassakeh|Hasakah", "Deir ez|Deir Ezzor|Deir al-Zour|Deir Ez-Zor|Deir el-Zour|Deir Ezzour",
    "Tartous|Tartus", "Raqqa|Rakka", "Daraa|Deraa|Dara'a", "Sweida|Suwayda", "Quneitra",
)
_CONDITION_CUES = re.compile(r"\bwater\b|\bfood\b|\bbread\b|bakery|hospital|medic|electricity|\bpower\b|siege"
                             r"|besieg|\bshelter|\baid\b|convoy|humanitarian", re.IGNORECASE)
_RUNNING_CUES = re.compile(r"\bsince\b|so far|(?:past|last) (?:week|month|\w+ days|\d+ days)"
                           r"|toll (?:has )?(?:risen|rose|climbed|reached)|bringing the|brought the", re.IGNORECASE)


def names_several_governorates(text):
    """Three or more governorate names (any spelling above) in the text."""
    return sum(bool(re.search(rf"\b(?:{names})", text)) for names in _GOVERNORATES) >= 3


def has_condition_cues(text):
    """Three or more distinct condition cue words (water, food, hospital, siege, aid, ...)."""
    return len({cue.lower() for cue in _CONDITION_CUES.findall(text)}) >= 3


def has_running_total_cues(text):
    """A cue of a running total or multi-day toll ("since", "so far", "past week", "toll has risen", ...)."""
    return bool(_RUNNING_CUES.search(text))


STRATA = (names_several_governorates, has_condition_cues, has_running_total_cues)


def _earlier_rows(rows):
    """Rows already used: the dev set's and the four earlier held-out sets' (by rule and by file)."""
    used = _rows_before_holdout4(rows) | set(select_holdout4_rows(rows))
    used |= {e["row"] for e in read_holdout4()}
    return used


def select_holdout5_rows(rows):
    """The fifth held-out rows, by a deterministic rule (HOLDOUT.md, "Fifth held-out set").

    Candidates: every row in none of the dev set and the four earlier held-out sets and whose text is none
    of theirs. Three strata of 10, taken in order, each from the candidates its surface test accepts and
    not already chosen (nor sharing a chosen text): articles naming three or more governorates, articles
    with three or more distinct condition cue words, articles with a running-total cue. Within a stratum
    the picks sit at the seven-eighths point of each of 10 equal slices of its pool in file order (no
    earlier set used that point), skipping a text already chosen. Returned in row order.
    """
    return select_by_cues(rows, _earlier_rows(rows), POINT)


def select_by_cues(rows, used, point):
    """30 rows in none of `used` and sharing no text with them: three strata of 10 (STRATA, taken in order,
    each from the candidates its surface test accepts and not already chosen), the picks at `point` (a
    fraction) of each of 10 equal slices of a stratum's pool in file order, skipping a text already chosen.
    Returned in row order. The fifth and sixth held-out sets differ only in `used` and `point`."""
    used_texts = {rows[i].text for i in used}
    candidates = [r for r in rows if r.row not in used and r.text not in used_texts]
    chosen, texts = [], set()
    for test in STRATA:
        pool = [r for r in candidates if test(r.text) and r.row not in chosen and r.text not in texts]
        for j in range(PER_STRATUM):
            position = int((j + point) * len(pool) / PER_STRATUM)
            while position < len(pool) and pool[position].text in texts:
                position += 1
            if position < len(pool):
                chosen.append(pool[position].row)
                texts.add(pool[position].text)
    return sorted(chosen)


def read_holdout5():
    return read_devset(HOLDOUT5)


def _date_problem(value, what):
    if value is None:
        return None
    try:
        datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return f"{what} {value!r} is not YYYY-MM-DD or null"
    return None


def entry_problems(entry, rows, places):
    """Every way one annotation breaks the fifth set's line format (HOLDOUT.md), as readable strings.
    `places` is {P-code: parent} of the gazetteer and the named areas."""
    if set(entry) != ENTRY_KEYS:
        return [f"keys {sorted(entry)} (expected {sorted(ENTRY_KEYS)}; no text or quotes)"]
    row = entry["row"]
    if not isinstance(row, int) or not 0 <= row < len(rows):
        return [f"row {row!r} is not a FA-KES data row"]
    problems = []
    if entry["unit_id"] != rows[row].unit_id:
        problems.append(f"unit_id {entry['unit_id']!r} but row {row} is {rows[row].unit_id!r}")
    problems.append(_date_problem(entry["report_date"], "report_date"))
    if entry["admin1"] is not None and (entry["admin1"] not in places or places[entry["admin1"]] != "SY"):
        problems.append(f"admin1 {entry['admin1']!r} is not a governorate P-code or null")
    events = []
    for f in entry["figures"]:
        if set(f) != FIGURE_KEYS:
            problems.append(f"figure keys {sorted(f)}")
            continue
        if f["kind"] not in scoring.KINDS or f["group"] not in scoring.GROUPS:
            problems.append(f"figure kind/group {f['kind']}/{f['group']}")
        if not isinstance(f["value"], int) or isinstance(f["value"], bool) or f["value"] < 1:
            problems.append(f"figure value {f['value']!r}")
        if f["qualifier"] not in scoring.QUALIFIERS:
            problems.append(f"figure qualifier {f['qualifier']!r}")
        if f["unit"] not in UNITS:
            problems.append(f"figure unit {f['unit']!r}")
        if not isinstance(f["cumulative"], bool):
            problems.append(f"figure cumulative {f['cumulative']!r}")
        if f["since"] is not None and not (f["cumulative"] and isinstance(f["since"], str) and f["since"]):
            problems.append(f"figure since {f['since']!r} on a figure that is not cumulative")
        problems.append(_date_problem(f["date"], "figure date"))
        if f["date"] and entry["report_date"] and f["date"] > entry["report_date"]:
            problems.append(f"figure date {f['date']} after the report's {entry['report_date']}")
        if f["place"] is not None and f["place"] not in places:
            problems.append(f"figure place {f['place']!r} is not a P-code of the gazetteer")
        events.append((f["kind"], f["group"], f["value"], f["place"], f["date"]))
    if len(events) != len(set(events)):
        problems.append("the same kind, group and value twice at one place and date (one figure by the contract)")
    sectors = []
    for c in entry["conditions"]:
        if set(c) != CONDITION_KEYS or c["sector"] not in scoring.SECTORS or c["severity"] not in scoring.SEVERITIES:
            problems.append(f"condition {c}")
        elif c["place"] is not None and c["place"] not in places:
            problems.append(f"condition place {c['place']!r} is not a P-code of the gazetteer")
        sectors.append(c.get("sector"))
    if len(sectors) != len(set(sectors)):
        problems.append("a sector twice (the contract records it once per report)")
    return [f"row {row}: {p}" for p in problems if p]


@pytest.fixture(scope="module")
def rows():
    return read_fakes()


@pytest.fixture(scope="module")
def holdout5():
    return read_holdout5()


def test_holdout5_entries_are_well_formed_with_places_of_the_gazetteer(rows, holdout5):
    places = gazetteer_parents()
    problems = [p for entry in holdout5 for p in entry_problems(entry, rows, places)]
    assert not problems, "\n".join(problems)


def test_holdout5_rows_are_exactly_the_selection_rule(rows, holdout5):
    assert [entry["row"] for entry in holdout5] == select_holdout5_rows(rows)


def test_holdout5_has_thirty_distinct_texts(rows, holdout5):
    assert len({rows[e["row"]].text for e in holdout5}) == len(holdout5) == SIZE


def test_holdout5_shares_no_row_and_no_text_with_the_devset_or_earlier_holdouts(rows, holdout5):
    used = _earlier_rows(rows)
    used_texts = {rows[i].text for i in used}
    overlap = [e["row"] for e in holdout5 if e["row"] in used or rows[e["row"]].text in used_texts]
    assert not overlap, f"fifth held-out rows also in the dev set or an earlier held-out set: {overlap}"


def test_holdout5_selection_takes_ten_rows_from_each_stratum_in_turn(rows):
    chosen = select_holdout5_rows(rows)
    assert len(chosen) == SIZE
    # every pick passes the test of at least one stratum, and the first stratum's ten pass its own test
    assert all(any(test(rows[i].text) for test in STRATA) for i in chosen)
    assert sum(names_several_governorates(rows[i].text) for i in chosen) >= PER_STRATUM


def test_holdout5_holds_what_issue_11_measures(holdout5):
    figures = [f for e in holdout5 for f in e["figures"]]
    assert sum(f["cumulative"] for f in figures) >= 20, "running totals, multi-day tolls and background events"
    assert sum(bool(e["conditions"]) for e in holdout5) >= 10, "articles with conditions"
    assert sum(len({f["place"] for f in e["figures"]} - {None}) >= 3 for e in holdout5) >= 10, \
        "articles whose figures lie in several places"


def test_gazetteer_parents_link_every_place_to_syria():
    parents = gazetteer_parents()
    assert parents["SY"] is None and parents["SY02"] == "SY" and parents["C1007-EAST"] == "C1007"
    for code in ("N0138", "C2338", "C1007-EAST"):  # a neighbourhood, a community, a named area
        chain, place = [], code
        while place is not None:
            chain.append(place)
            place = parents[place]
        assert chain[-1] == "SY" and len(chain) >= 3, chain


# The scorer's new measures, on hand-made figures: the printed scores mean nothing if they count wrongly.

def fig(kind, group, value, place=None, cumulative=False):
    return {"kind": kind, "group": group, "value": value, "qualifier": "exact", "cumulative": cumulative,
            "place": place}


def test_group_forgiven_score_matches_on_kind_and_value_only():
    score = scoring.figure_score_group_forgiven([fig("killed", "civilians", 12)],
                                                [fig("killed", "people", 12), fig("injured", "people", 12)])
    assert (score.tp, score.fp, score.fn) == (1, 1, 0)


def test_matched_figures_pair_equal_values_at_the_same_place_first():
    expected = [fig("injured", "civilians", 3, "C1007"), fig("injured", "civilians", 3, "N0123")]
    got = [fig("injured", "civilians", 3, {"pcode": "N0123"}), fig("injured", "civilians", 3, {"pcode": "C1007"})]
    pairs = scoring.matched_figures(expected, got)
    assert [(want["place"], have["place"]["pcode"]) for want, have in pairs] == [("C1007", "C1007"), ("N0123", "N0123")]


def test_admin1_of_walks_up_to_the_governorate():
    parents = gazetteer_parents()
    assert scoring.admin1_of("N0138", parents) == "SY02"
    assert scoring.admin1_of("C1007-EAST", parents) == "SY02"
    assert scoring.admin1_of("SY03", parents) == "SY03"
    assert scoring.admin1_of("SY", parents) is None
    assert scoring.admin1_of("X9999", parents) is None


def test_place_agreement_tells_a_namesake_in_another_governorate_from_the_right_place():
    parents = gazetteer_parents()
    pairs = [
        (fig("killed", "people", 15, "C1001"), fig("killed", "people", 15, {"pcode": "N0138"})),  # Midan of Aleppo
        (fig("killed", "people", 4, "C1007"), fig("killed", "people", 4, {"pcode": "N0138"})),
        (fig("killed", "people", 9, "SY"), fig("killed", "people", 9, None)),
        (fig("killed", "people", 2, None), fig("killed", "people", 2, None)),
    ]
    assert scoring.place_agreement(pairs, parents) == (2, 1, 4)


def test_relative_errors_sum_absolute_errors_over_the_annotated_total():
    total, median, extra = scoring.relative_errors([(10, 12), (20, 10), (0, 5), (4, 4)])
    assert (round(total, 3), median, extra) == (round(17 / 34, 3), 0.2, 1)
