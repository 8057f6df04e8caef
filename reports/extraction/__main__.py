"""python -m reports.extraction [--date YYYY-MM-DD] [--csv] [FILE ...]: JSON Lines, one report a line.

Needs no Django settings. Unreadable files give a line with "error" and exit status 1 at the end.
"""

import argparse
import csv
import datetime
import json
import sys

from . import extract
from .gazetteer import Gazetteer

TEXT_COLUMNS = ("article_content", "body", "text")
DATE_COLUMNS = ("date", "published_on")
ID_COLUMNS = ("id", "unit_id")


def parse_date(value):
    """A date written YYYY-MM-DD, M/D/YYYY (FA-KES) or D.M.YYYY; None when unreadable."""
    value = (value or "").strip()
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def decode(data):
    """Bytes to text, never failing: UTF-8 when it is; UTF-8 with the odd bad byte replaced when
    only a few bytes are bad; else latin-1 (FA-KES is latin-1)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        replaced = data.decode("utf-8-sig", errors="replace")
        if replaced.count("\ufffd") <= max(3, len(data) // 1000):
            return replaced
        return data.decode("latin-1")


def csv_rows(data):
    """(id, text, date) for every row of a CSV of reports."""
    text = decode(data)
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(text.splitlines(keepends=True))
    fields = {(name or "").strip().lower(): name for name in (reader.fieldnames or [])}
    text_col = next((fields[c] for c in TEXT_COLUMNS if c in fields), None)
    if text_col is None:
        raise ValueError(f"no text column (one of {', '.join(TEXT_COLUMNS)})")
    date_col = next((fields[c] for c in DATE_COLUMNS if c in fields), None)
    id_col = next((fields[c] for c in ID_COLUMNS if c in fields), None)
    for number, row in enumerate(reader):
        row_id = (row.get(id_col) or "").strip() if id_col else ""
        yield (row_id or f"row{number}"), row.get(text_col) or "", parse_date(row.get(date_col)) if date_col else None


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m reports.extraction", description=__doc__.splitlines()[0])
    parser.add_argument("--date", help="publication date, YYYY-MM-DD (else read from the dateline)")
    parser.add_argument("--csv", action="store_true", help="each FILE is a CSV of many reports")
    parser.add_argument("files", nargs="*", help="report files (standard input when none)")
    args = parser.parse_args(argv)
    date = None
    if args.date:
        date = parse_date(args.date)
        if date is None:
            parser.error(f"--date: not a date: {args.date!r} (expected YYYY-MM-DD)")
    gazetteer = Gazetteer.from_data_dir()
    out = sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8")  # JSON Lines in UTF-8 whatever the locale says
    failed = False
    inputs = args.files or ["-"]
    for name in inputs:
        try:
            data = sys.stdin.buffer.read() if name == "-" else open(name, "rb").read()
        except OSError as error:
            out.write(json.dumps({"id": name, "error": f"{name}: {error.strerror or error}"}) + "\n")
            failed = True
            continue
        label = "stdin" if name == "-" else name
        if args.csv:
            try:
                rows = list(csv_rows(data))
            except (ValueError, csv.Error) as error:
                out.write(json.dumps({"id": label, "error": f"{label}: {error}"}) + "\n")
                failed = True
                continue
            for row_id, text, row_date in rows:
                result = extract(text, report_date=date or row_date, gazetteer=gazetteer)
                out.write(json.dumps({"id": row_id, **result}, ensure_ascii=False) + "\n")
        else:
            result = extract(decode(data), report_date=date, gazetteer=gazetteer)
            out.write(json.dumps({"id": label, **result}, ensure_ascii=False) + "\n")
    out.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
