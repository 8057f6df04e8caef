"""How reports get into Sitrep: files or the admin -> ingest_report -> extraction -> Indicator rows.

Plain service functions, called explicitly (commands, the admin upload page); no signals.

- ingest_report: one report, idempotent on the content hash of its normalised body.
- extract_report: (re-)reads a report's figures and conditions into Indicator rows, replacing only
  unreviewed machine indicators.
- import_paths / import_upload: plain-text files, folders of them, CSV (FA-KES or plain layout) and
  JSON Lines, streamed row by row; every bad item gets one line naming file, row and reason.
"""

import codecs
import csv
import datetime
import json
import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from simple_history.utils import bulk_create_with_history

from . import extraction, plausibility
from .duplicates import flag_near_duplicate
from .models import (
    CONDITION_KINDS, FIGURE_KINDS, Indicator, Place, Report, Source, content_hash, validate_report_date,
)
from .places import gazetteer_from_places

# One report's text is at most this long (the extractor is linear, but a 100 MB "report" is a mistake).
MAX_BODY_CHARS = 10_000_000
logger = logging.getLogger(__name__)
DATABASE_WAIT_SECONDS = 60  # how long an import waits for a database that does not answer (a restart)
TEXT_SUFFIXES = {".txt", ".text"}
CSV_SUFFIXES = {".csv"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}

# A report yielding more figures than this is held for review instead of stored (a pasted list of
# thousands of counts is a mistake or an attack, not a report); SITREP_MAX_FIGURES_PER_REPORT overrides.
MAX_FIGURES_PER_REPORT = 300

# Bodies of a few MB live in one CSV cell; the csv module's default limit is 128 KB. No cell limit at
# all: the csv module cannot resume after a cell over its limit, so one oversized cell would lose every
# row after it. A cell is at most a line in memory, like any row, and a body over MAX_BODY_CHARS is
# refused by ingest_report as that row's error.
csv.field_size_limit(2**31 - 1)


def _latin1_fallback(error):
    # The five bytes cp1252 leaves undefined (0x81, 0x8D, ...) are read as latin-1, never dropped.
    return error.object[error.start:error.end].decode("latin-1"), error.end


codecs.register_error("sitrep_latin1", _latin1_fallback)


class EncodingError(ValueError):
    """Bytes that are not UTF-8 and whose encoding cannot be told."""


# Western text saved in Windows-1252 has a few bytes above 0x7F (FA-KES: under 0.4% of a line); text in
# a script of its own (Arabic in Windows-1256) has most of its letters there.
_FOREIGN_SHARE = 0.05
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "ascii", "utf_8"}


class Decoder:
    """Bytes to text for one file: UTF-8 when the bytes are UTF-8; else Windows-1252 (which FA-KES is,
    despite being called latin-1: 0x95 is a bullet there), with latin-1 for the five bytes cp1252 leaves
    undefined; but bytes that are mostly above 0x7F are another script's code page (Arabic in
    Windows-1256 read as cp1252 is mojibake), told by charset-normalizer, and kept for the rest of the
    file. Unknown: EncodingError, never mojibake."""

    def __init__(self):
        self.encoding = None  # the code page of this file's non-UTF-8 bytes, once known

    def __call__(self, raw):
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        if self.encoding is None:
            self.encoding = self._guess(raw)
        if self.encoding == "cp1252":
            return raw.decode("cp1252", errors="sitrep_latin1")
        try:
            return raw.decode(self.encoding)
        except UnicodeDecodeError:
            raise EncodingError(f"the text is not UTF-8 and not all {self.encoding} either; "
                                f"save the file as UTF-8") from None

    @staticmethod
    def _guess(raw):
        if sum(byte > 0x7F for byte in raw) <= _FOREIGN_SHARE * len(raw.strip()):
            return "cp1252"
        best = charset_normalizer.from_bytes(raw).best()
        if best is None:
            raise EncodingError("the text is not UTF-8 and its encoding cannot be told; save the file as UTF-8")
        return "cp1252" if best.encoding in _WESTERN else best.encoding


def decode(raw):
    """One piece of bytes to text (see Decoder)."""
    return Decoder()(raw)


# --- sources -----------------------------------------------------------------------------------

# FA-KES names its outlets by short tags.
PUBLISHER_NAMES = {
    "ahram": "Al-Ahram", "alalam": "Al-Alam", "alaraby": "Al-Araby Al-Jadeed", "arabiya": "Al Arabiya",
    "asharqalawsat": "Asharq Al-Awsat", "dailysabah": "Daily Sabah", "etilaf": "Etilaf",
    "jordantimes": "Jordan Times", "manar": "Al-Manar", "nna": "National News Agency", "reuters": "Reuters",
    "sana": "SANA", "sputnik": "Sputnik", "tass": "TASS", "trt": "TRT",
}

# First match wins, so the more specific kinds come first ("Ministry of Health" is government,
# "Aleppo health directorate" is medical, "civil defence" before anything with "defence").
_KIND_PATTERNS = [
    (Source.Kind.CIVIL_DEFENCE, r"civil defen[cs]e|white helmets"),
    (Source.Kind.MONITORING_GROUP, r"observatory|\bsohr\b|monitor|documentation|network for human rights"
                                   r"|\bsnhr\b|airwars|violations|local coordination committees|\blccs?\b"),
    (Source.Kind.UN_NGO, r"\bun\b|\bu\.n\.|united nations|\bocha\b|unicef|\bunhcr\b|\bwfp\b|world food"
                         r"|\bwho\b|world health|red cross|red crescent|\bicrc\b|\bsarc\b|\bmsf\b"
                         r"|doctors without borders|m[ée]decins sans fronti[èe]res|amnesty|human rights watch"
                         r"|save the children|\bngo\b|charity|relief|oxfam|care international|\biom\b"),
    (Source.Kind.GOVERNMENT, r"ministry|minister|government|state (?:media|television|tv|news)|\bsana\b"
                             r"|governor|army|military|armed forces|pentagon|kremlin|president|spokes"
                             r"|official|authorit|police|coalition|regime|embassy|department"),
    (Source.Kind.MEDICAL, r"hospital|medical|doctor|physician|health|clinic|\bsams\b|paramedic|surgeon"),
    (Source.Kind.NEWS_AGENCY, r"\bafp\b|reuters|\bap\b|associated press|anadolu|news|agency|television"
                              r"|\btv\b|channel|times|press|al[- ]jazeera|\bbbc\b|\bcnn\b|sputnik|tass"
                              r"|ahram|manar|alalam|al-alam|arabiya|sabah|\btrt\b|correspondent|reporter"
                              r"|journalist|newspaper|daily|gazette|post\b|herald|tribune|telegraph|guardian"),
]
_KIND_RES = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _KIND_PATTERNS]


def guess_source_kind(name):
    """A first guess at what kind of organisation a source is, from its name; an analyst can fix it."""
    for kind, pattern in _KIND_RES:
        if pattern.search(name or ""):
            return kind
    return Source.Kind.OTHER


def source_named(name, default_kind=Source.Kind.OTHER):
    """The Source of this name (case-insensitive), created with a guessed kind when new."""
    name = re.sub(r"\s+", " ", name or "").strip()[:200]
    if not name:
        return None
    found = Source.objects.filter(name__iexact=name).first()
    if found:
        return found
    try:
        # A savepoint: another import may create the same source at the same moment.
        with transaction.atomic():
            kind = guess_source_kind(name)
            return Source.objects.create(name=name, kind=default_kind if kind == Source.Kind.OTHER else kind)
    except IntegrityError:
        return Source.objects.get(name__iexact=name)


def _publisher(publisher):
    if publisher is None or isinstance(publisher, Source):
        return publisher
    tag = str(publisher).strip()
    # Whoever publishes an article is an outlet unless its name says otherwise (SANA is state media).
    return source_named(PUBLISHER_NAMES.get(tag.lower(), tag), default_kind=Source.Kind.NEWS_AGENCY)


# --- one report ----------------------------------------------------------------------------------

class IngestError(ValueError):
    """A report that cannot be stored as given (the message says why, for the import's error line)."""


def _parse_iso_date(value, what=None):
    """A date from a date or YYYY-MM-DD; None for nothing. A bad value named by `what` is an error,
    otherwise (the extractor's own output) it is left empty rather than guessed."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        if what:
            raise IngestError(f"{what} {value!r} is not a date (expected YYYY-MM-DD)") from None
        return None


def _dateline(text):
    day = _parse_iso_date(extraction.read_dateline(text))
    return day if _is_plausible(day) else None


def _store(text, title, published_on, publisher, url, language, result=None, gazetteer=None):
    """Create the report (with the figures of `result`, an extraction, when given) and check it for
    near-duplicates, in one transaction; (report, created)."""
    try:
        with transaction.atomic():
            report = Report.objects.create(
                title=_clean_title(title, text), body=text, published_on=published_on,
                publisher=_publisher(publisher), url=url, language=(language or "en")[:10],
            )
            if result is not None:
                store_indicators(report, result, new_report=True, gazetteer=gazetteer)
            flag_near_duplicate(report, new_report=True)
    except IntegrityError:
        # The same text saved by a concurrent import between our check and our insert.
        existing = Report.objects.filter(content_hash=content_hash(text)).first()
        if existing:
            return existing, False
        raise
    return report, True


def _plausible(day, what):
    """The day, or IngestError when it is in the future or before SITREP_EARLIEST_DATE."""
    try:
        validate_report_date(day)
    except ValidationError as error:
        raise IngestError(f"{what} {error.messages[0]}") from None
    return day


def _is_plausible(day):
    try:
        validate_report_date(day)
    except ValidationError:
        return False
    return True


def _clean_title(title, body):
    title = re.sub(r"\s+", " ", title or "").strip()
    if not title:
        # The first line, when it reads like a headline; else the opening words.
        first = next((line.strip() for line in body.splitlines() if line.strip()), "")
        title = first if len(first) <= 150 else first[:120].rsplit(" ", 1)[0] + "…"
    return title if len(title) <= 500 else title[:499] + "…"


def ingest_report(*, text, title="", published_on=None, publisher=None, url="", language="en",
                  gazetteer=None, default_date=None, extract=True):
    """Store one report and its extracted indicators; returns (report, created).

    Idempotent: a report whose normalised body is already stored is returned as (existing, False)
    and nothing changes. When `published_on` is None the dateline the extractor reads is used, then
    `default_date`; undated reports are kept. A known url with a different text raises IngestError
    (an article updated at the same address is for an analyst to look at, not to overwrite).
    With extract=False the report is stored without its figures (dated by `published_on`, else its
    dateline, else `default_date`), for an extraction job on a worker to read them.
    """
    text = text or ""
    if not text.strip():
        raise IngestError("the report's text is empty")
    if len(text) > MAX_BODY_CHARS:
        raise IngestError(f"the text is {len(text):,} characters; one report is at most {MAX_BODY_CHARS:,}")
    if "\x00" in text:
        raise IngestError("the text contains NUL bytes (binary content, not a report)")
    existing = Report.objects.filter(content_hash=content_hash(text)).first()
    if existing:
        return existing, False
    url = (url or "").strip()
    if url:
        try:
            URLValidator()(url)
        except ValidationError:
            raise IngestError(f"url {url!r} is not a valid URL") from None
        if len(url) > 1000:
            raise IngestError("the url is longer than 1000 characters")
        same_url = Report.objects.filter(url=url).first()
        if same_url:
            raise IngestError(f"url {url} already belongs to report {same_url.pk} with a different text "
                              f"(an updated article?); not imported")
    published_on = _plausible(_parse_iso_date(published_on, "published_on"), "published_on")
    default_date = _plausible(_parse_iso_date(default_date, "default date"), "default date")
    if not extract:
        # (its figures are read by an extraction job)
        return _store(text, title, published_on or _dateline(text) or default_date, publisher, url, language)
    if gazetteer is None:
        gazetteer = gazetteer_from_places()
    result = extraction.extract(text, report_date=published_on, gazetteer=gazetteer)
    if published_on is None:
        published_on = _parse_iso_date(result.get("report_date"))
        if not _is_plausible(published_on):
            published_on = None  # a dateline the text got wrong is no date; the default date may apply
        if published_on is None and default_date is not None:
            published_on = default_date
            # Weekdays and "yesterday" resolve against the date we now know.
            result = extraction.extract(text, report_date=published_on, gazetteer=gazetteer)
    return _store(text, title, published_on, publisher, url, language, result, gazetteer)


# --- indicators ----------------------------------------------------------------------------------

_DEFAULT = object()  # "the setting", for arguments where None means "no cap"

def _covered_key(indicator):
    # What a reviewed or hand-entered indicator stands for: the machine's reading it was made from
    # (a correction keeps the machine's group in `original`).
    group = (indicator.original or {}).get("group", indicator.group)
    return indicator.kind, group or "", indicator.start, indicator.end


def _bounded(value):
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _choice(value, choices):
    return value if value in choices else ""


def _indicator_from(report, item, is_figure, places, sources):
    body = report.body
    start, end, quote = item.get("start"), item.get("end"), item.get("quote") or ""
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end and body[start:end] == quote):
        # The contract promises quote == text[start:end]; never store offsets that point elsewhere.
        start = end = None
    place_code = (item.get("place") or {}).get("pcode")
    source_name = item.get("source")
    if source_name and source_name.lower() not in sources:
        sources[source_name.lower()] = source_named(source_name)
    common = {
        "report": report, "date": _parse_iso_date(item.get("date")), "place": places.get(place_code),
        "source": sources.get(source_name.lower()) if source_name else None,
        "quote": quote, "start": start, "end": end, "origin": Indicator.Origin.EXTRACTED,
        "status": Indicator.Status.UNREVIEWED, "extractor_version": extraction.VERSION,
    }
    if not is_figure:
        severity = item.get("severity")
        if item.get("sector") not in CONDITION_KINDS or not isinstance(severity, int) or not 1 <= severity <= 5:
            return None
        return Indicator(kind=item["sector"], severity=severity, **common)
    value = _bounded(item.get("value"))
    if item.get("kind") not in FIGURE_KINDS or value is None:
        return None
    low, high = _bounded(item.get("low")), _bounded(item.get("high"))
    return Indicator(
        kind=item["kind"], group=_choice(item.get("group"), Indicator.Group.values) or Indicator.Group.PEOPLE,
        value=value, low=low if low is not None and low <= value else None,
        high=high if high is not None and high >= value else None,
        qualifier=_choice(item.get("qualifier"), Indicator.Qualifier.values),
        unit=_choice(item.get("unit"), Indicator.Unit.values) or Indicator.Unit.PEOPLE,
        cumulative=bool(item.get("cumulative")), since=(item.get("since") or "")[:200], **common,
    )


def max_figures_per_report():
    return getattr(settings, "SITREP_MAX_FIGURES_PER_REPORT", MAX_FIGURES_PER_REPORT)


def set_flags(report, indicators, named=None, gazetteer=None):
    """Set each indicator's plausibility flags (reports/plausibility.py) from its report; nothing is saved.
    The indicators' places must be loaded (or None). `named`: the governorates the report names (an
    extraction result's "governorates" with its title's), else read from its title and body with
    `gazetteer` (default: the one built from the Place rows)."""
    if named is None:
        named = plausibility.governorates_named(f"{report.title}\n{report.body}", gazetteer or gazetteer_from_places())
    named = plausibility.with_enclosing(named)
    for indicator in indicators:
        place = indicator.place if indicator.place_id else None
        indicator.flags = plausibility.join_flags(plausibility.figure_flags(
            kind=indicator.kind, value=indicator.value, cumulative=indicator.cumulative, date=indicator.date,
            report_date=report.published_on, governorate=place.admin1_pcode if place else None,
            governorates_named=named,
        ))


def reflag_report(report, gazetteer=None):
    """Recompute the flags of every indicator of a stored report; returns how many changed."""
    indicators = list(report.indicators.select_related("place"))
    before = {indicator.pk: indicator.flags for indicator in indicators}
    set_flags(report, indicators, gazetteer=gazetteer)
    changed = [indicator for indicator in indicators if indicator.flags != before[indicator.pk]]
    # A flag changes no sum and is no reviewer's act: written without history, and marks no day
    # (reports.models.UNCOUNTED_FIELDS).
    Indicator.objects.bulk_update(changed, ["flags"], batch_size=500)
    return len(changed)


def _hold(report, count, cap):
    reason = (f"{count:,} figures read, more than the {cap:,} one report may yield: none stored; "
              f"a reviewer may store them from the report list")
    report.held_for_review = reason
    report.save(update_fields=["held_for_review"])
    return reason


def store_indicators(report, result, *, new_report=False, cap=_DEFAULT, gazetteer=None):
    """Replace the report's unreviewed machine indicators with those in an extraction result.

    Verified, corrected, rejected and hand-entered indicators stay, and a machine reading one of
    them already covers (same kind, group and quote offsets) is not added again. Each new indicator
    gets its plausibility flags. A result of more than `cap` figures (default: the setting
    SITREP_MAX_FIGURES_PER_REPORT; None for no cap) stores none and marks the report held for review.
    Returns counts: figures, conditions (stored), replaced, kept, skipped, held (the reason or "").
    """
    cap = max_figures_per_report() if cap is _DEFAULT else cap
    replaced, kept = 0, []
    if not new_report:  # a report saved a moment ago has nothing to replace or keep
        replaced, _ = report.indicators.machine_unreviewed().delete()
        kept = list(report.indicators.all())
    read = len(result.get("figures") or [])
    if cap is not None and read > cap:
        return {"figures": 0, "conditions": 0, "replaced": replaced, "kept": len(kept), "skipped": 0,
                "held": _hold(report, read, cap)}
    if report.held_for_review:
        report.held_for_review = ""
        report.save(update_fields=["held_for_review"])
    covered = {_covered_key(i) for i in kept if i.start is not None}
    items = [(f, True) for f in result.get("figures") or []] + [(c, False) for c in result.get("conditions") or []]
    codes = {(item.get("place") or {}).get("pcode") for item, _ in items} - {None}
    places = {p.pcode: p for p in Place.objects.filter(pcode__in=codes)} if codes else {}
    sources = {}
    new, skipped = [], 0
    for item, is_figure in items:
        indicator = _indicator_from(report, item, is_figure, places, sources)
        if indicator is None or (indicator.kind, indicator.group, indicator.start, indicator.end) in covered:
            skipped += 1
            continue
        new.append(indicator)
    if new:
        named = None
        if "governorates" in result:  # the body's, as the extractor read them; the title's are read here
            named = set(result["governorates"])
            if report.title and report.title not in report.body:
                from .extraction.places import governorates_in
                named |= governorates_in(report.title, gazetteer or gazetteer_from_places())
        set_flags(report, new, named, gazetteer)
        # Through IndicatorQuerySet.bulk_create: it sets each day (report in hand) and marks the days.
        bulk_create_with_history(new, Indicator, batch_size=500)
    figures = sum(1 for i in new if i.kind in FIGURE_KINDS)
    return {"figures": figures, "conditions": len(new) - figures, "replaced": replaced,
            "kept": len(kept), "skipped": skipped, "held": ""}


def extract_report(report, gazetteer=None, *, cap=_DEFAULT):
    """Re-read a stored report (e.g. after the extractor improved); see store_indicators for what stays.
    `cap=None` stores every figure of a report held for having too many (a reviewer's decision)."""
    if gazetteer is None:
        gazetteer = gazetteer_from_places()
    result = extraction.extract(report.body, report_date=report.published_on, gazetteer=gazetteer)
    with transaction.atomic():
        return store_indicators(report, result, cap=cap, gazetteer=gazetteer)


# --- files ---------------------------------------------------------------------------------------

@dataclass
class ImportSummary:
    read: int = 0
    created: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list = field(default_factory=list)
    duplicates: int = 0  # created reports flagged as possible duplicates of an earlier one
    held: int = 0  # created reports whose figures were held for review (too many)

    def line(self):
        text = f"read {self.read}, created {self.created}, unchanged {self.unchanged}, failed {self.failed}"
        notes = []
        if self.duplicates:
            notes.append(f"{self.duplicates} flagged as possible duplicates")
        if self.held:
            notes.append(f"{self.held} held for review with more than {max_figures_per_report():,} figures, "
                         f"none of them stored")
        return text + (f" ({'; '.join(notes)})" if notes else "")


@dataclass
class _Item:
    where: str
    fields: dict = None
    error: str = None


# The seeds' first line: "date 2016-09-27" (the article may follow on the same line).
_DATE_LINE = re.compile(r"\A\ufeff?\s*date[ \t]+(\d{4}-\d{1,2}-\d{1,2})\b[ \t]*\r?\n?")


def _parse_row_date(value):
    """A date cell: YYYY-MM-DD, or M/D/YYYY as FA-KES writes it. Returns (date or None, error or None)."""
    value = (value or "").strip()
    if not value:
        return None, None
    for pattern in ("%Y-%m-%d", "%m/%d/%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date(), None
        except ValueError:
            pass
    return None, f"date {value!r} is not a date (expected YYYY-MM-DD or M/D/YYYY)"


def _read_text(name, fileobj):
    raw = fileobj.read(MAX_BODY_CHARS + 1)
    if len(raw) > MAX_BODY_CHARS:
        return _Item(name, error=f"too large for one report (more than {MAX_BODY_CHARS // 1_000_000} MB); "
                                 f"a file of many reports is a CSV or JSON Lines file")
    if not raw.strip():
        return _Item(name, error="empty file")
    if raw[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return _Item(name, error="the file is UTF-16; save it as UTF-8")
    if b"\x00" in raw[:8192]:
        return _Item(name, error="binary content, not a text file")
    try:
        text = decode(raw).lstrip("\ufeff")
    except EncodingError as error:
        return _Item(name, error=str(error))
    published_on = None
    match = _DATE_LINE.match(text)
    if match:
        published_on, error = _parse_row_date(match.group(1))
        if error or published_on is None:
            return _Item(name, error=f"first line: {error or 'no date'}")
        text = text[match.end():]
    if not text.strip():
        return _Item(name, error="no text after the date line")
    return _Item(name, {"text": text, "published_on": published_on})


def _raw_lines(fileobj):
    # readline rather than iteration: iterating a Django upload rewinds it to the start.
    return iter(fileobj.readline, b"")


def _lines(fileobj):
    """Decoded lines of a binary file, one at a time (a line at most in memory), one Decoder per file."""
    decoder = Decoder()
    for raw in _raw_lines(fileobj):
        yield decoder(raw)


# Column names of the two CSV layouts: (body, title, date, publisher, url).
_LAYOUTS = [
    ("article_content", "article_title", "date", "source", None),  # FA-KES
    ("body", "title", "published_on", "source", "url"),  # plain
]


def _read_csv(name, fileobj):
    head = fileobj.readline()
    if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        yield _Item(name, error="the file is UTF-16; save it as UTF-8")
        return
    lines = _lines(_Prepend(head, fileobj))
    reader = csv.reader(lines)
    try:
        header = next(reader, None)
    except csv.Error as error:
        yield _Item(name, error=f"not a readable CSV file ({error})")
        return
    if not header or not any(h.strip() for h in header):
        yield _Item(name, error="empty file")
        return
    columns = {h.strip().lstrip("\ufeff").lower(): i for i, h in reversed(list(enumerate(header)))}
    layout = next((cols for cols in _LAYOUTS if cols[0] in columns), None)
    if layout is None:
        found = ", ".join(repr(h.strip()) for h in header[:8] if h.strip()) or "none"
        if any("\x00" in h for h in header):
            found = "binary content"
        yield _Item(name, error="missing columns: expected article_title, article_content, source, date, "
                                f"location (FA-KES) or title, body, published_on, source, url; found {found}")
        return
    body_col, title_col, date_col, source_col, url_col = layout
    index = {col: columns.get(col) for col in (body_col, title_col, date_col, source_col, url_col) if col}

    def cell(row, col):
        i = index.get(col)
        return row[i] if i is not None and i < len(row) else ""

    row_number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            yield _Item(f"{name}, row {row_number + 1}", error=f"unreadable CSV ({error}); the rest of the file "
                                                               f"was not read")
            return
        row_number += 1
        where = f"{name}, row {row_number}"
        if not any(c.strip() for c in row):
            row_number -= 1  # blank lines are not rows
            continue
        body = cell(row, body_col)
        if not body.strip():
            yield _Item(where, error=f"empty {body_col}")
            continue
        published_on, error = _parse_row_date(cell(row, date_col))
        if error:
            yield _Item(where, error=error)
            continue
        yield _Item(where, {"text": body, "title": cell(row, title_col), "published_on": published_on,
                            "publisher": cell(row, source_col).strip() or None,
                            "url": cell(row, url_col) if url_col else ""})
    if row_number == 0:
        yield _Item(name, error="no rows after the header")


def _read_jsonl(name, fileobj):
    count = 0
    for line_number, line in enumerate(_lines(fileobj), 1):
        if not line.strip():
            continue
        count += 1
        where = f"{name}, line {line_number}"
        try:
            obj = json.loads(line)
        except ValueError as error:
            yield _Item(where, error=f"not valid JSON ({error})")
            continue
        if not isinstance(obj, dict):
            yield _Item(where, error="expected a JSON object with title, body, published_on, source, url")
            continue
        body = obj.get("body")
        if not isinstance(body, str) or not body.strip():
            yield _Item(where, error="no body (a non-empty string is required)")
            continue
        published_on, error = _parse_row_date(str(obj.get("published_on") or ""))
        if error:
            yield _Item(where, error=error)
            continue
        yield _Item(where, {"text": body, "title": str(obj.get("title") or ""), "published_on": published_on,
                            "publisher": str(obj.get("source") or "").strip() or None,
                            "url": str(obj.get("url") or ""), "language": str(obj.get("language") or "en")})
    if count == 0:
        yield _Item(name, error="empty file")


class _Prepend:
    """A binary file with its already-read first line put back in front (read by line)."""

    def __init__(self, head, fileobj):
        self.head, self.fileobj = head, fileobj

    def readline(self):
        if self.head:
            line, self.head = self.head, b""
            return line
        return self.fileobj.readline()


def _items(name, fileobj):
    suffix = Path(name).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        yield _read_text(name, fileobj)
    elif suffix in CSV_SUFFIXES | JSONL_SUFFIXES:
        read = _read_csv if suffix in CSV_SUFFIXES else _read_jsonl
        try:
            yield from read(name, fileobj)
        except EncodingError as error:
            yield _Item(name, error=f"{error}; the rest of the file was not read")
    else:
        yield _Item(name, error=f"unsupported file type {suffix or '(none)'}: expected .txt, .csv or .jsonl")


def _files(paths):
    """(display name, path or error) for each file: folders recursively, sorted; unknown files in
    folders are left alone (a README beside the reports is not a report)."""
    known = TEXT_SUFFIXES | CSV_SUFFIXES | JSONL_SUFFIXES
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in known and not any(part.startswith(".") for part in
                                                               child.relative_to(path).parts):
                    yield str(child), child
        elif path.is_file():
            yield str(path), path
        else:
            yield str(path), None


class _Run:
    """One import run: a gazetteer built once (only when something new needs extracting), the summary.
    Errors of the `passthrough` classes are raised rather than counted as a failed item (a job's chunk
    tries an item again after a deadlock between two workers, reports/jobs.py)."""

    passthrough = ()

    def __init__(self, default_date, out):
        self.default_date, self.out = default_date, out
        self.summary = ImportSummary()
        self.gazetteer = None

    def fail(self, where, reason):
        self.summary.failed += 1
        line = f"{where}: {reason}"
        self.summary.errors.append(line)
        if self.out is not None:
            self.out.write(line + "\n")

    def take(self, items):
        for item in items:
            self.summary.read += 1
            if item.error:
                self.fail(item.where, item.error)
                continue
            fields = item.fields
            if fields.get("published_on") is None:
                fields["default_date"] = self.default_date
            try:
                report, created = self.ingest(fields)
            except IngestError as error:
                self.fail(item.where, str(error))
                continue
            except self.passthrough:
                raise
            except Exception as error:  # noqa: BLE001 - one bad item must never stop the others
                self.fail(item.where, f"{type(error).__name__}: {error}")
                continue
            if created:
                self.summary.created += 1
                self.summary.duplicates += report.duplicate_status == Report.Duplicate.SUSPECTED
                if report.held_for_review:
                    self.summary.held += 1
                    if self.out is not None:
                        self.out.write(f"{item.where}: held for review: {report.held_for_review}\n")
            else:
                self.summary.unchanged += 1

    def ingest(self, fields):
        """(report, created) for one item; (None, False) when its text is already stored. A database that
        does not answer (restarting) is waited for, up to DATABASE_WAIT_SECONDS, and the item tried again
        on a new connection: an import outlives a restart and loses nothing (each try is one transaction,
        and a report stored just before the connection broke is found by its text, not stored twice)."""
        waited = 0
        while True:
            try:
                if Report.objects.filter(content_hash=content_hash(fields["text"])).exists():
                    return None, False
                if self.gazetteer is None:
                    self.gazetteer = gazetteer_from_places()
                return ingest_report(gazetteer=self.gazetteer, **fields)
            except (OperationalError, InterfaceError) as error:
                if (isinstance(error, self.passthrough) or connection.in_atomic_block
                        or waited >= DATABASE_WAIT_SECONDS):
                    raise
                logger.warning("The database is not answering (%s); trying again in a second", error)
                connection.close_if_unusable_or_obsolete()  # the next try connects again
                time.sleep(1)
                waited += 1


def import_paths(paths, *, default_date=None, out=None):
    """Import files and folders; bad items are reported on `out` (one line each), good ones kept."""
    run = _Run(default_date, out)
    for name, path in _files(paths):
        if path is None:
            run.take([_Item(name, error="no such file or folder")])
            continue
        try:
            with open(path, "rb") as fileobj:
                run.take(_items(name, fileobj))
        except OSError as error:
            run.take([_Item(name, error=f"cannot be read ({error.strerror or error})")])
    return run.summary


def import_upload(name, fileobj, *, default_date=None):
    """Import one file uploaded in the admin (a binary file object); the same rules as import_paths."""
    run = _Run(default_date, None)
    run.take(_items(Path(name).name, fileobj))
    return run.summary
