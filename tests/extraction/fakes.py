"""FA-KES read from ../shared at run time (its text is never copied into the repository).

`FA-KES-Dataset.csv` (the Zenodo file) and `fakes_with_extracted_fields.csv` (the authors' file with the
crowd's counts) hold the same 804 rows in the same order; rows are numbered from 0 over the data rows
(the header is not a row), and that number is what the dev set and the reports of eval_fakes.py use.

Both files are latin-1 and read with the csv module (texts contain commas and quotes).
"""

import csv
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import FAKES

ARTICLES_FILE = "FA-KES-Dataset.csv"
CROWD_FILE = "fakes_with_extracted_fields.csv"
CROWD_COUNTS = ("nb_civilians", "nb_children", "nb_noncivilians", "nb_women")


@dataclass(frozen=True)
class FakesRow:
    row: int                 # 0-based data row in both files
    unit_id: str             # not unique in FA-KES (792 distinct over 804 rows)
    title: str
    text: str                # article_content, exactly as in the file
    source: str              # the outlet: ahram, manar, sana, ...
    date: datetime.date | None   # the `date` column (not always the printed dateline)
    location: str            # FA-KES's place label: aleppo, damascus, deir ezzor, ...
    label: str               # "1" credible, "0" fake (FA-KES's own label)
    crowd: dict = field(default_factory=dict)  # nb_civilians, ... as int; actor, cause_of_death as str


def _read(path):
    with open(path, encoding="latin-1", newline="") as handle:
        return list(csv.DictReader(handle))


def _date(value):
    """M/D/YYYY in the Zenodo file; None when unreadable rather than a failure of the whole corpus."""
    try:
        month, day, year = (int(part) for part in value.strip().split("/"))
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _count(value, path, row, column):
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{path}: row {row}: {column} is not a whole number: {value!r}") from None


def read_fakes(directory=FAKES):
    """Every FA-KES row with the crowd's fields, in file order.

    Raises ValueError naming the file and row when the two files do not line up.
    """
    directory = Path(directory)
    articles = _read(directory / ARTICLES_FILE)
    crowd = _read(directory / CROWD_FILE)
    if len(articles) != len(crowd):
        raise ValueError(f"{directory}: {ARTICLES_FILE} has {len(articles)} rows, {CROWD_FILE} {len(crowd)}")
    rows = []
    for index, (article, answers) in enumerate(zip(articles, crowd)):
        if article["unit_id"] != answers["unit_id"]:
            raise ValueError(f"{directory / CROWD_FILE}: row {index}: unit_id {answers['unit_id']!r} "
                             f"where {ARTICLES_FILE} has {article['unit_id']!r}")
        counts = {c: _count(answers[c], directory / CROWD_FILE, index, c) for c in CROWD_COUNTS}
        counts["actor"] = answers["actor"]
        counts["cause_of_death"] = answers["cause_of_death"]
        rows.append(FakesRow(
            row=index, unit_id=article["unit_id"], title=article["article_title"],
            text=article["article_content"], source=article["source"].strip(),
            date=_date(article["date"]), location=article["location"].strip().lower(),
            label=article["labels"].strip(), crowd=counts,
        ))
    return rows


def select_devset_rows(rows, size=70, minimum_per_source=2):
    """The dev set's rows, by a deterministic rule (see tests/extraction/DEVSET.md).

    Stratified over the `source` column: each outlet gets round(size * share) articles, at least
    `minimum_per_source`; within an outlet the picks are spread evenly over its rows in file order
    (the middle of each of k equal slices), so every part of the corpus is represented. A row whose
    text repeats an already chosen text is replaced by the next row of the same outlet. The result
    is interleaved outlet by outlet (round robin) so that any prefix is itself spread over outlets.
    Then a small supplement (`_supplement`): articles with no casualty word and articles with no dateline.
    """
    by_source = {}
    for r in rows:
        by_source.setdefault(r.source, []).append(r)
    chosen_texts = set()
    picks = {}
    for source in sorted(by_source, key=lambda s: (-len(by_source[s]), s)):
        members = by_source[source]
        k = max(minimum_per_source, round(size * len(members) / len(rows)))
        k = min(k, len(members))
        mine = []
        for j in range(k):
            position = int((j + 0.5) * len(members) / k)
            while position < len(members) and members[position].text in chosen_texts:
                position += 1
            if position < len(members):
                chosen_texts.add(members[position].text)
                mine.append(members[position].row)
        picks[source] = mine
    order = []
    sources = sorted(picks, key=lambda s: (-len(picks[s]), s))
    for turn in range(max(len(p) for p in picks.values())):
        order.extend(picks[s][turn] for s in sources if turn < len(picks[s]))
    return order + _supplement(rows, set(order))


# Surface tests for the supplement, chosen so they do not depend on any extractor: FA-KES is almost all
# casualty reports with a printed date, so the stratified sample holds few articles without a figure
# or without a dateline; these add some of each.
_CASUALTY_WORDS = re.compile(r"kill|dead|death|died|wound|injur|bodies|lives|displac|fled|flee|trapped"
                             r"|besieg|missing|evacuat", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d(?!\d)")  # no word boundary: datelines run into words ("02.10.2017Get")


def _supplement(rows, chosen, per_kind=3):
    """`per_kind` rows whose text has no casualty word, then `per_kind` whose first 200 characters hold
    no year (no dateline), each spread evenly over the qualifying rows not already chosen."""
    extra = []
    for test in (lambda r: not _CASUALTY_WORDS.search(r.text), lambda r: not _YEAR.search(r.text[:200])):
        texts = {rows[i].text for i in chosen | set(extra)}
        pool = [r.row for r in rows if test(r) and r.row not in chosen and r.text not in texts]
        extra.extend(pool[int((j + 0.5) * len(pool) / per_kind)] for j in range(min(per_kind, len(pool))))
    return extra


DEVSET = Path(__file__).resolve().parent / "devset.jsonl"


def read_devset(path=DEVSET):
    """The dev set's annotations: one dict per line (row, unit_id, report_date, figures, conditions).

    Raises ValueError naming the line when a line is not JSON.
    """
    import json

    entries = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}: line {number}: {error}") from None
    return entries


def corpus_extractor():
    """extract() with one gazetteer built once (when the extractor takes one), so the corpus run
    measures reading, not 804 gazetteer loads."""
    import inspect

    from reports import extraction

    if "gazetteer" in inspect.signature(extraction.extract).parameters:
        gazetteer = extraction.Gazetteer.from_data_dir()
        return lambda text, report_date=None: extraction.extract(text, report_date, gazetteer=gazetteer)
    return extraction.extract


def extract_all(rows, extract=None):
    """Run the extractor over rows: {row: (result or None, error or None)}. An exception in one row is
    recorded for that row and the run goes on (the contract says extract never raises; the failures
    are what the corpus test and eval_fakes.py report)."""
    extract = extract or corpus_extractor()
    outcomes = {}
    for r in rows:
        try:
            outcomes[r.row] = (extract(r.text), None)
        except Exception as error:  # noqa: BLE001 - any exception is a failure to report, not to hide
            outcomes[r.row] = (None, f"{type(error).__name__}: {error}")
    return outcomes
