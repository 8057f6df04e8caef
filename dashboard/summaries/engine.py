"""The summaries' engine: the combining rules (see the package's docstring) over plain rows, in pure
Python. The rows come from `rows.py` (one grouped query each); nothing here reads the database."""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import NamedTuple

from reports.models import CONDITION_KINDS

TOLERANCE = 0.10  # relative tolerance under which two figures still agree (at least 1 person)
CONDITION_STANDS_DAYS = 7
TRAPPED_WINDOW_DAYS = 30
SUMMED_GROUPS = ("people", "civilians", "combatants")
SUBGROUPS = ("children", "women")

def _depth(path):
    return path.count("/") if path else -1


# --- incidents: the place tree of one kind, group, unit and day (rule 3) -----------------------------

def _disagrees(floor, ceiling):
    return floor is not None and ceiling is not None and floor > ceiling + max(round(ceiling * TOLERANCE), 1)


class _Tree(NamedTuple):
    """A trapped estimate's place tree (rule 6)."""
    path: str
    low: int
    high: int
    disputed: bool
    paths: list[str]


@functools.lru_cache(maxsize=65536)
def _ancestors(path):
    """The paths containing `path`, nearest first ("SY/SY02/SY0200" -> ("SY/SY02", "SY")). A path's
    ancestors follow from its text alone, so caching them across calls is safe."""
    parts = path.split("/") if path else []
    return tuple("/".join(parts[:cut]) for cut in range(len(parts) - 1, 0, -1))


def _nesting(nodes):
    """{path: nearest containing path among nodes} for the nodes that have one."""
    parent = {}
    for path in nodes:
        for ancestor in _ancestors(path):
            if ancestor in nodes:
                parent[path] = ancestor
                break
    return parent


def _trees(nodes):
    """Trapped estimates (rule 6): a place and the places inside it are one tree whose low is the
    smaller of the place's estimate and its sub-places' sum. `nodes` is {path: (floor, ceiling, high,
    disputed)} (floor None: only "up to", which lowers nothing). Returns the _Trees at the outermost places."""
    if len(nodes) == 1:
        [(path, (floor, _ceiling, high, disputed))] = nodes.items()
        return [_Tree(path, floor or 0, high, disputed, [path])]
    parent = _nesting(nodes)
    children = defaultdict(list)
    for path, up in parent.items():
        children[up].append(path)

    def solve(path):
        floor, ceiling, high, disputed = nodes[path]
        lows = [floor] if floor is not None else []
        paths = [path]
        inner = [solve(child) for child in children.get(path, ())]
        if inner:
            lows.append(sum(t.low for t in inner))
            high = max(high, sum(t.high for t in inner))
            disputed = disputed or any(t.disputed for t in inner)
            for tree in inner:
                paths.extend(tree.paths)
        return _Tree(path, min(lows) if lows else 0, high, disputed, paths)

    return [solve(path) for path in nodes if path not in parent]


class _Account(NamedTuple):
    """An incident while places are joined (rule 3)."""
    path: str                # the place it is told at (the outermost of its places)
    low: int
    high: int
    ceiling: int | None      # the most its figures allow (None: open-ended)
    disputed: bool
    paths: list[str]         # every place whose figures it holds
    joins: list[tuple]       # how containing places' figures joined it: (coarse path, joined path or None, how)


def _gap(floor, ceiling, incident):
    """How far apart a coarse account [floor, ceiling] and an incident's [low, ceiling] are (0: they meet
    within the tolerance)."""
    gaps = [0]
    if floor is not None and incident.ceiling is not None and _disagrees(floor, incident.ceiling):
        gaps.append(floor - incident.ceiling)
    if ceiling is not None and _disagrees(incident.low, ceiling):
        gaps.append(incident.low - ceiling)
    return max(gaps)


def _join(nodes, parent=None):
    """The incidents of one series and day (rule 3) from {path: (floor, ceiling, high, disputed)}, one
    account per place: a list of _Accounts. Inner places are solved first; a place's own account then
    covers what was told beneath it, or joins one incident beneath it."""
    parent = _nesting(nodes) if parent is None else parent
    children = defaultdict(list)
    for path, up in parent.items():
        children[up].append(path)

    def solve(path):
        floor, ceiling, high, disputed = nodes[path]
        inner = []
        for child in children.get(path, ()):
            inner.extend(solve(child))
        if not inner:
            return [_Account(path, floor or 0, high, ceiling, disputed, [path], [])]
        inner_low = sum(incident.low for incident in inner)
        if not _disagrees(inner_low, ceiling):
            # It covers them: a competing account of the whole, one incident whose low is what the
            # places beneath add up to (the coarse figure lowers nothing) and whose high is the larger.
            inner_high = sum(incident.high for incident in inner)
            inner_ceiling = _ceiling_sum_of(incident.ceiling for incident in inner)
            ceilings = [c for c in (ceiling, inner_ceiling) if c is not None]
            joins = [join for incident in inner for join in incident.joins]
            joins.append((path, inner[0].path if len(inner) == 1 else None, "covers" if len(inner) > 1 else "same"))
            return [_Account(path, inner_low, max(high, inner_high), min(ceilings) if ceilings else None,
                             disputed or any(incident.disputed for incident in inner),
                             [path] + [p for incident in inner for p in incident.paths], joins)]
        # Smaller than their sum: it is one of them told less precisely. It joins the nearest (the one
        # it is compatible with; when none is, the nearest, disputed). Their low is kept.
        gap, _rank, nearest = min((_gap(floor, ceiling, incident), -incident.high, n)
                                  for n, incident in enumerate(inner))
        joined = inner[nearest]
        inner[nearest] = _Account(path, joined.low, max(high, joined.high), _least(ceiling, joined.ceiling),
                                  disputed or joined.disputed or gap > 0, [path] + joined.paths,
                                  joined.joins + [(path, joined.path, "disputes" if gap > 0 else "matches")])
        return inner

    result = []
    for path in nodes:
        if path not in parent:
            result.extend(solve(path))
    return result

class _DayData(NamedTuple):
    incidents: dict      # {(series, day): {path: (floor, ceiling, high, group)}}, a place's groups counted once
    trapped: dict        # {path: [(day, floor, high)]}
    conditions: list     # [(sector, path, day, worst)]
    sources: dict        # {series: {source id}} when the rows are by source


def _split(rows, paths=None, rows_of=None):
    """_day_rows -> _DayData, the paths from `paths` {place id: path} when given. With `rows_of`
    ({place id: row}, place_summary's rows) incidents are keyed (series, day, row) rather than
    (series, day). A hot loop over up to a year of the whole country: plain values only."""
    nodes, several = {}, []
    trapped, conditions, sources = defaultdict(list), [], defaultdict(set)
    sectors, families = frozenset(CONDITION_KINDS), "families"
    for kind, group, unit, day, place_id, source, path, floor, ceiling, high, worst in rows:
        path = (path if paths is None else paths.get(place_id)) or ""
        if kind in sectors:
            conditions.append((kind, path, day, worst))
            continue
        if kind == "trapped":
            trapped[path].append((day, floor, high))
            continue
        series = kind if unit != families else kind + "_families"
        if source is not None:
            sources[series].add(source)
        key = (series, day) if rows_of is None else (series, day, rows_of[place_id])
        at_day = nodes.get(key)
        if at_day is None:
            nodes[key] = {path: (floor, ceiling, high, group)}
            continue
        told = at_day.get(path)
        if told is None:
            at_day[path] = (floor, ceiling, high, group)
        elif type(told) is tuple and told[3] == group:  # the same group from another source
            at_day[path] = (_least(told[0], floor), _least(told[1], ceiling), max(told[2], high), group)
        else:  # several groups told at one place that day: combined below
            if type(told) is tuple:
                at_day[path] = told = {told[3]: told[:3]}
                several.append((key, path))
            before = told.get(group)
            told[group] = ((floor, ceiling, high) if before is None
                           else (_least(before[0], floor), _least(before[1], ceiling), max(before[2], high)))
    for key, path in several:
        nodes[key][path] = _combined(nodes[key][path])
    return _DayData(nodes, trapped, conditions, sources)


def _least(a, b):
    """The smaller lower bound; None (no lower bound stated) gives way to any number."""
    return b if a is None else a if b is None else min(a, b)


def _combined(groups):
    """One account for a place and day told in several groups: people counted once against
    civilians + combatants (rule 4). The ceiling is the larger of the two readings' (None: open)."""
    people = groups.get("people")
    parts = [g for g in (groups.get("civilians"), groups.get("combatants")) if g]
    floors = [g[0] for g in parts if g[0] is not None]
    candidates = [f for f in (people[0] if people else None, sum(floors) if floors else None) if f is not None]
    high = max(people[2] if people else 0, sum(g[2] for g in parts))
    ceilings = ([people[1]] if people else []) + ([_ceiling_sum_of(g[1] for g in parts)] if parts else [])
    ceiling = None if None in ceilings else max(ceilings)
    return (max(candidates, default=None), ceiling, high, "")


def _ceiling_sum_of(ceilings):
    total = 0
    for ceiling in ceilings:
        if ceiling is None:
            return None
        total += ceiling
    return total


def _sums(incident_nodes):
    """Yield (key, outermost path, low, high) for every incident of {key: {path: (floor, ceiling, high,
    group)}} (key: (series, day), or finer), joined as _join joins them."""
    for key, nodes in incident_nodes.items():
        if len(nodes) == 1:
            [(path, (floor, _ceiling, high, _group))] = nodes.items()
            yield key, path, floor or 0, high
            continue
        parent = _nesting(nodes)
        if not parent:  # places side by side: each its own incident
            for path, (floor, _ceiling, high, _group) in nodes.items():
                yield key, path, floor or 0, high
            continue
        for incident in _join({path: (floor, ceiling, high, False)
                               for path, (floor, ceiling, high, _group) in nodes.items()}, parent):
            yield key, incident.path, incident.low, incident.high


def _latest_estimates(trapped):
    """{path: (day, value, range_high)} from _DayData.trapped: the lowest estimate of the latest day that
    states a lower bound ("up to" estimates state none and lower nothing: value None when no estimate
    does), and the highest estimate of the TRAPPED_WINDOW_DAYS up to the latest day (rule 6)."""
    result = {}
    for path, estimates in trapped.items():
        latest = max(day for day, _f, _h in estimates)
        floored = [day for day, floor, _h in estimates if floor is not None]
        value = (min(floor for day, floor, _h in estimates if day == max(floored) and floor is not None)
                 if floored else None)
        high = max(h for day, _f, h in estimates if (latest - day).days < TRAPPED_WINDOW_DAYS)
        result[path] = (latest, value, high)
    return result


def _trapped_sum(latest, keep=None):
    """Sum of trapped estimates over places, a place standing for its sub-places (rule 6):
    {outermost path: (low, high)} from {path: (day, value, high)}."""
    nodes = {path: (value, None, high, False) for path, (_day, value, high) in latest.items()
             if keep is None or keep(path)}
    return {tree.path: (tree.low, tree.high) for tree in _trees(nodes)} if nodes else {}


def _standing(rows):
    """{(sector, path): [(day, severity), ...] by day}."""
    reports = defaultdict(list)
    for sector, path, day, severity in rows:
        reports[(sector, path or "")].append((day, severity))
    for days in reports.values():
        days.sort()
    return reports

