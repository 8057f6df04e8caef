"""Sitrep's extractor: figures and conditions out of a report's text, with their exact words.

Pure Python: no Django, no network, deterministic, never raises on any input.
The contract is ../shared/docs/extraction.md.

    from reports.extraction import Gazetteer, extract, VERSION
    result = extract(text, report_date=None, gazetteer=Gazetteer.from_data_dir())
    # {"report_date": "2016-09-27" | None, "place": {...} | None, "figures": [...], "conditions": [...]}
"""

from .gazetteer import Gazetteer, read_place_rows

VERSION = "0.0.1"

__all__ = ["Gazetteer", "VERSION", "extract", "read_place_rows"]


def extract(text, report_date=None, gazetteer=None):
    """Read a report. `report_date` is a datetime.date or None (then the dateline is read).

    Returns a dict shaped as one line of the command line's output, without "id".
    """
    raise NotImplementedError("the extractor is being written (issue 3)")
