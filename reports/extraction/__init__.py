"""Sitrep's extractor: figures and conditions out of a report's text, with their exact words.

Pure Python: no Django, no network, deterministic, never raises on any input.
The contract is ../shared/docs/extraction.md.

    from reports.extraction import Gazetteer, extract, VERSION
    result = extract(text, report_date=None, gazetteer=Gazetteer.from_data_dir())
    # {"report_date": "2016-09-27" | None, "place": {...} | None, "figures": [...], "conditions": [...]}

Small modules by concern: numbers (counts and qualifiers), dates (datelines, weekdays, "since"),
sources (who gave a figure), places (gazetteer names), figures, conditions, text (offsets and
sentences); extractor.py ties them together.
"""

from .dates import read_dateline
from .extractor import extract
from .gazetteer import Gazetteer, read_place_rows

# Bumped whenever the output for some input changes; stored on each indicator.
VERSION = "0.12.0"

__all__ = ["Gazetteer", "VERSION", "extract", "read_dateline", "read_place_rows"]
