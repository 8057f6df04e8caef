"""python -m reports.extraction [--date YYYY-MM-DD] [--csv] [FILE ...]: JSON Lines, one report a line.

Needs no Django settings. Unreadable files give a line with "error" and exit status 1 at the end.
The gazetteer's name automaton is kept pickled in $SITREP_CACHE_DIR (default ~/.cache/sitrep; an empty
value keeps none), keyed by the data and code it was built from.
"""

import argparse
import csv
import datetime
import hashlib
import json
import os
import pickle
import sys
import tempfile
from pathlib import Path

import ahocorasick

from . import extract
from . import gazetteer as gazetteer_module
from . import places as places_module
from .gazetteer import DATA_DIR, Gazetteer

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


def cache_dir():
    """Where the pickled gazetteer is kept, or None for nowhere."""
    configured = os.environ.get("SITREP_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sitrep"


def _gazetteer_key(data_dir):
    """A digest of everything the built gazetteer depends on: its data files, the code that builds it,
    the Python and the automaton library."""
    digest = hashlib.sha256(sys.version.encode())
    library = os.stat(ahocorasick.__file__)
    digest.update(f"{library.st_size} {library.st_mtime_ns}".encode())
    for path in (data_dir / "places.csv", data_dir / "named_areas.json", data_dir / "aliases.csv",
                 Path(gazetteer_module.__file__), Path(places_module.__file__)):
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:32]


def load_gazetteer(data_dir=DATA_DIR, directory=None):
    """The gazetteer shipped in reports/data/ with its name automaton built, read from the cache when
    it was pickled there from the same data and code (building it takes about a tenth of a run over
    FA-KES), else built and pickled there. A cache that cannot be read or written is only not used."""
    data_dir = Path(data_dir)
    if directory is None:
        try:
            directory = cache_dir()
        except RuntimeError:  # no home directory to be found: no cache
            directory = None
    path = None
    if directory is not None:
        # one slot per checkout (several working trees share a cache directory), one file per slot
        slot = hashlib.sha256(str(Path(__file__).resolve().parent).encode()).hexdigest()[:8]
        try:
            path = directory / f"gazetteer-{slot}-{_gazetteer_key(data_dir)}.pickle"
            with open(path, "rb") as handle:
                cached = pickle.load(handle)
            if isinstance(cached, Gazetteer):
                return cached
        except Exception:  # missing, truncated, or of another layout: built afresh
            pass
    gazetteer = Gazetteer(gazetteer_module.read_place_rows(data_dir))
    gazetteer.index  # built now, so that the pickle holds the automaton
    if path is not None:
        temporary = None
        try:
            directory.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=directory, prefix=".gazetteer-", delete=False) as handle:
                temporary = handle.name
                pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)  # whole or not at all, whatever else runs at the same time
            temporary = None
            for stale in directory.glob(f"gazetteer-{slot}-*.pickle"):
                if stale != path:
                    stale.unlink(missing_ok=True)
        except Exception:  # a cache that cannot be written is only not used
            pass
        finally:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
    return gazetteer


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
    gazetteer = load_gazetteer()
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
