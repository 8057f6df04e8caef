"""How well the extractor reads FA-KES: pure functions over plain dicts, no I/O.

Three kinds of measure (issue 3, "How well"):

1. Dev set (our own annotations, tests/extraction/devset.jsonl): strict figure precision, recall and F1
   on (kind, group, value), and condition F1 on sector and on (sector, severity).
2. Governorate: the extractor's report place (its admin1 P-code) against FA-KES's `location` label.
3. Killed counts against the crowd's nb_civilians and nb_children.

All counts are micro-averaged over articles (summed true positives, false positives and false negatives),
so an article with many figures weighs more than one with a single figure.
"""

from collections import Counter
from dataclasses import dataclass

KINDS = ("killed", "injured", "missing", "trapped", "displaced")
GROUPS = ("people", "civilians", "children", "women", "combatants")
QUALIFIERS = ("exact", "at_least", "more_than", "about", "up_to", "vague")
SECTORS = ("water", "food", "health", "electricity", "communications", "shelter", "access")
SEVERITIES = (1, 2, 3, 4, 5)

# FA-KES's `location` labels to the OCHA admin1 P-codes they may stand for. The labels are
# governorates, lower case; every label in the file is listed here. "damascus" is FA-KES's label for
# the capital and its countryside alike (Eastern Ghouta, Douma, Qalamoun, Wafideen camp are all labelled
# "damascus"), so it agrees with Damascus (SY01) or Rural Damascus (SY03).
LOCATION_ADMIN1 = {
    "damascus": ("SY01", "SY03"),
    "aleppo": ("SY02",),
    "homs": ("SY04",),
    "hama": ("SY05",),
    "lattakia": ("SY06",),
    "latakia": ("SY06",),
    "idlib": ("SY07",),
    "idleb": ("SY07",),
    "hasakeh": ("SY08",),
    "hasaka": ("SY08",),
    "deir ezzor": ("SY09",),
    "deir ez-zor": ("SY09",),
    "tartous": ("SY10",),
    "tartus": ("SY10",),
    "raqqa": ("SY11",),
    "daraa": ("SY12",),
    "sweida": ("SY13",),
    "suwayda": ("SY13",),
    "quneitra": ("SY14",),
}


@dataclass
class Score:
    """True positives, false positives, false negatives, with P/R/F1 (1.0 when there is nothing to find
    and nothing was found)."""
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other):
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self):
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self):
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self):
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _compare(expected, got):
    expected, got = Counter(expected), Counter(got)
    tp = sum((expected & got).values())
    return Score(tp, sum(got.values()) - tp, sum(expected.values()) - tp)


def figure_key(figure):
    return (figure["kind"], figure["group"], int(figure["value"]))


def figure_score(expected, got):
    """Strict figure score for one article: (kind, group, value) compared as multisets.

    A figure the extractor reports twice counts once as right and once as a false positive: the
    contract says the same kind, group and value in one report is one figure.
    """
    return _compare([figure_key(f) for f in expected], [figure_key(f) for f in got])


def condition_score(expected, got, with_severity=False):
    """Condition score for one article on sector (or on (sector, severity)), as multisets: the contract
    records a sector once per report, so a sector reported twice is one false positive."""
    def key(c):
        return (c["sector"], int(c["severity"])) if with_severity else c["sector"]
    return _compare([key(c) for c in expected], [key(c) for c in got])


def matched_attribute_agreement(expected, got, attribute):
    """Among figures matched on (kind, group, value), how many also agree on `attribute`
    (qualifier, cumulative): (agreeing, matched). A diagnostic, not part of the strict score."""
    pool = {}
    for f in got:
        pool.setdefault(figure_key(f), []).append(f)
    agreeing = matched = 0
    for f in expected:
        candidates = pool.get(figure_key(f))
        if candidates:
            other = candidates.pop(0)
            matched += 1
            agreeing += other.get(attribute) == f.get(attribute)
    return agreeing, matched


def governorate_agrees(location, result):
    """Whether the extractor's report place lies in the governorate FA-KES's label names.

    Returns True or False, or None when the label is not a governorate we know (such a row is left
    out of the measure and listed separately, so a new label never silently counts either way).
    No place, or a place with no admin1 (a country-level place such as "Syria"), disagrees: FA-KES
    gives every article a governorate.
    """
    allowed = LOCATION_ADMIN1.get(location.strip().lower())
    if allowed is None:
        return None
    place = (result or {}).get("place") or {}
    return place.get("admin1") in allowed


# --- Killed counts against the crowd ----------------------------------------------------------------
#
# The crowd answered, for each article, "how many civilians (children, women, non-civilians) were
# killed" with ONE number, 0 when they saw none. Reading the answers shows how they read articles:
#  - they take the article's incident toll, usually the headline or first figure ("at least 12 people
#    were killed" -> 12, even though a second monitor's "13" follows); `people` counts are taken as
#    civilians unless the article says they are fighters ("the death toll at at least 70" -> 70);
#  - they ignore context totals ("more than 320000 people dead since 2011"), and killed fighters go to
#    nb_noncivilians, never to nb_civilians;
#  - a child killed is also a civilian killed ("Child killed" -> nb_civilians 1, nb_children 1);
#  - sometimes they add up the separate incidents of an article, or mistype; such rows are noise that
#    no extractor following the contract should chase.
#
# The rule, for articles where the crowd gives a number above zero:
#   agreement when the crowd's number equals the value of some figure the extractor read with
#   kind "killed", cumulative false, and group in CIVILIAN_GROUPS (nb_civilians: civilians, people,
#   children, women) or CHILD_GROUPS (nb_children: children).
# It asks "did the extractor read the number the crowd read, as a civilian death toll of an incident",
# not "did it choose the same one": choosing a single headline toll is not part of the contract, and
# the extractor's precision is measured strictly on the dev set. Combatant figures never match, nor do
# cumulative ones, so a context total or a count of fighters that happens to equal the crowd's answer
# does not count.
#
# Articles where the crowd says 0 are reported separately ("crowd zero"), agreeing when the extractor
# read no non-cumulative killed figure of those groups. The crowd often writes 0 for "not stated"
# (about a quarter of nb_civilians, four fifths of nb_children are 0, including articles with plain
# tolls of fighters or of unspecified people), so that figure is shown, not held to a bar.

CIVILIAN_GROUPS = ("civilians", "people", "children", "women")
CHILD_GROUPS = ("children",)


def incident_killed_values(result, groups):
    """The values of non-cumulative killed figures of the given groups, as a set."""
    return {
        int(f["value"]) for f in (result or {}).get("figures", [])
        if f.get("kind") == "killed" and not f.get("cumulative") and f.get("group") in groups
    }


def first_incident_killed_value(result, groups):
    """The value of the first non-cumulative killed figure of the given groups in text order (by
    `start`), or None: the "headline toll" reading, shown by eval_fakes.py beside the main rule as a
    stricter diagnostic (the crowd usually took the headline toll), not held to a bar."""
    figures = [
        f for f in (result or {}).get("figures", [])
        if f.get("kind") == "killed" and not f.get("cumulative") and f.get("group") in groups
    ]
    if not figures:
        return None
    return int(min(figures, key=lambda f: f.get("start", 0))["value"])


def killed_agrees(crowd_value, result, groups):
    """True/False by the rule above: for a crowd number above zero, whether the extractor read it;
    for a crowd zero, whether the extractor read no such figure. A row the extractor failed on
    (result None) never agrees."""
    if result is None:
        return False
    values = incident_killed_values(result, groups)
    if crowd_value > 0:
        return crowd_value in values
    return not values


def rate(flags):
    """Share of True among booleans (None left out); (share, agreeing, counted)."""
    counted = [f for f in flags if f is not None]
    agreeing = sum(1 for f in counted if f)
    return (agreeing / len(counted) if counted else 0.0), agreeing, len(counted)


# --- The fifth held-out set's measures (issue 11) ------------------------------------------------------

def figure_score_group_forgiven(expected, got):
    """Figure score on (kind, value) only: how much of the strict score's loss is the group label."""
    return _compare([(f["kind"], int(f["value"])) for f in expected], [(f["kind"], int(f["value"])) for f in got])


def _pcode(place):
    """A figure's P-code: the extractor gives {"pcode": ...}, an annotation the P-code itself (or None)."""
    return place.get("pcode") if isinstance(place, dict) else place


def matched_figures(expected, got):
    """Pairs (annotated, extracted) matched on (kind, group, value), as figure_score counts them; when a
    key occurs more than once (two events of equal value), the extracted figure at the same place is
    paired first."""
    pool = {}
    for f in got:
        pool.setdefault(figure_key(f), []).append(f)
    pairs = []
    for f in expected:
        candidates = pool.get(figure_key(f))
        if candidates:
            same_place = [c for c in candidates if _pcode(c.get("place")) == f.get("place")]
            other = (same_place or candidates)[0]
            candidates.remove(other)
            pairs.append((f, other))
    return pairs


def admin1_of(pcode, parents):
    """The governorate (admin1 P-code) a place lies in, from {P-code: parent}; None for the country, no
    place or a P-code the gazetteer does not know."""
    while pcode is not None and pcode in parents:
        parent = parents[pcode]
        if parent == "SY":
            return pcode
        pcode = parent
    return None


def place_agreement(pairs, parents):
    """Over matched pairs, (same admin1, same P-code, counted): a figure without a place on either side
    agrees only with no place."""
    admin1 = exact = 0
    for expected, got in pairs:
        want, have = expected.get("place"), _pcode(got.get("place"))
        exact += want == have
        admin1 += admin1_of(want, parents) == admin1_of(have, parents) and (want is None) == (have is None)
    return admin1, exact, len(pairs)


def report_admin1(result):
    """The extractor's report governorate: its place's admin1, None for the country or no place."""
    return ((result or {}).get("place") or {}).get("admin1")


def relative_errors(pairs):
    """From (annotated, measured) totals per report: (total absolute error / total annotated, median of
    the per-report relative errors over reports with an annotated total above zero, reports with
    nothing annotated but something measured)."""
    import statistics

    annotated = sum(a for a, _m in pairs)
    total = sum(abs(m - a) for a, m in pairs) / annotated if annotated else 0.0
    per_report = [abs(m - a) / a for a, m in pairs if a]
    median = statistics.median(per_report) if per_report else 0.0
    return total, median, sum(1 for a, m in pairs if not a and m)
