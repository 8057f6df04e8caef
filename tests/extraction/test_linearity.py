"""Linear time on any input: a pasted list of thousands of counts must cost ten times what a tenth of it costs.

A count with no noun of its own looked up its group by rescanning every earlier count of its sentence, and a
figure's place by re-reading the whole sentence: a sentence of 60,000 counts took 417 s. The work is counted
by the extractor itself (`figures.WORK`) and by the number of regular-expression calls, so that these tests
state the growth, not a timing; one test compares CPU time per item with a margin no load can bridge.
"""

import sys
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.extraction import Gazetteer, extract
from reports.extraction.figures import WORK

GAZETTEER = Gazetteer.from_data_dir()

# Each item of an adversarial list, written so that every kind of step sees thousands of counts in one
# sentence: bare counts, counts inheriting a group, places, unclosed asides, breakdown lists, sieges.
TEMPLATES = [
    "{i} killed, ",
    "{i} civilians were killed and {j} others injured, ",
    "{i} people killed in Aleppo and {j} in Idlib, ",
    "{i} people were killed ( ",
    "{i} people were killed: {j} soldiers and ",
    "home to {i} people under siege, ",
    "killing {i} and wounding {j} others, ",
    "{i} women (a nurse and {j} cooks) as well as ",
    "one was wounded and {i} more, ",
]


def adversarial(templates, items):
    return "".join(templates[i % len(templates)].format(i=i, j=i + 1) for i in range(items)) + "end."


def work_for(text):
    """Counted work of one extraction: the extractor's own counters and its regular-expression calls."""
    WORK.clear()
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event == "c_call" and type(getattr(arg, "__self__", None)).__name__ in ("Pattern", "Match"):
            calls += 1

    sys.setprofile(count)
    try:
        result = extract(text, gazetteer=GAZETTEER)
    finally:
        sys.setprofile(None)
    return dict(WORK, regex_calls=calls), result


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(templates=st.lists(st.sampled_from(TEMPLATES), min_size=1, max_size=3),
       items=st.integers(min_value=100, max_value=200))
def test_work_grows_linearly_with_a_list_of_counts(templates, items):
    small, _ = work_for(adversarial(templates, items))
    large, _ = work_for(adversarial(templates, items * 10))
    for key, amount in large.items():
        # ten times the items, at most ten times the work (a little more for the fixed part of a report)
        assert amount <= 10 * small.get(key, 0) * 1.1 + 50, (key, small.get(key), amount)


def test_each_group_lookup_examines_one_record_not_the_earlier_counts():
    counted, result = work_for(adversarial(["{i} civilians were killed and {j} others injured, "], 3000))
    assert counted["group_lookups"] > 2000
    assert counted["group_examined"] == counted["group_lookups"]


def _cpu_per_item(text, items):
    best = None
    for _ in range(3):
        started = time.process_time()
        extract(text, gazetteer=GAZETTEER)
        spent = (time.process_time() - started) / items
        best = spent if best is None else min(best, spent)
    return best


def test_cpu_time_per_count_stays_flat_from_one_to_eight_times_the_list():
    # CPU time of this process only (other processes' load does not count) and the best of three; a
    # quadratic step makes the ratio 8, a linear one about 1: 3 cannot be reached by noise.
    templates = TEMPLATES
    small = _cpu_per_item(adversarial(templates, 600), 600)
    large = _cpu_per_item(adversarial(templates, 4800), 4800)
    assert large < 3 * small, (small, large)
