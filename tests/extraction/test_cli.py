"""`python -m reports.extraction`: JSON Lines, one report a line, without Django settings."""

import csv
import json
import os
import subprocess
import sys

from tests.conftest import FAKES, ROOT, SEEDS


def run(*args, stdin=None, cache=None):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    if cache is not None:
        env["SITREP_CACHE_DIR"] = str(cache)
    return subprocess.run([sys.executable, "-m", "reports.extraction", *map(str, args)], input=stdin,
                          capture_output=True, cwd=ROOT, env=env, timeout=120)


def lines(completed):
    return [json.loads(line) for line in completed.stdout.decode("utf-8").splitlines()]


def test_each_file_gives_one_line_named_after_it(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("date 2016-09-27 An air strike killed 14 civilians in Idlib on Monday.", "utf-8")
    completed = run(report)
    assert completed.returncode == 0
    [line] = lines(completed)
    assert line["id"] == str(report)
    assert line["report_date"] == "2016-09-27"
    assert [(f["kind"], f["group"], f["value"], f["date"]) for f in line["figures"]] == [
        ("killed", "civilians", 14, "2016-09-26")]


def test_standard_input_is_read_when_no_file_is_given():
    [line] = lines(run("--date", "2017-04-05", stdin=b"Five people were killed today."))
    assert line["report_date"] == "2017-04-05"
    assert line["figures"][0]["date"] == "2017-04-05"


def test_the_seeds_come_out_in_input_order():
    paths = sorted(SEEDS.glob("*.txt"))
    got = lines(run(*paths))
    assert [line["id"] for line in got] == [str(p) for p in paths]


def test_unreadable_file_gives_an_error_line_and_exit_status_one_after_the_others(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Five people were killed.", "utf-8")
    completed = run(tmp_path / "missing.txt", good)
    assert completed.returncode == 1
    first, second = lines(completed)
    assert "missing.txt" in first["error"]
    assert second["id"] == str(good) and second["figures"]


def test_invalid_utf8_bytes_are_read_not_fatal(tmp_path):
    report = tmp_path / "bytes.txt"
    report.write_bytes(b"Five people were killed in Homs \xff\xfe\x00 today.")
    completed = run(report)
    assert completed.returncode == 0
    assert lines(completed)[0]["figures"][0]["value"] == 5


def test_csv_of_reports_uses_id_date_and_text_columns(tmp_path):
    table = tmp_path / "reports.csv"
    with open(table, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "date", "body"])
        writer.writerow(["a1", "2016-09-27", "Strikes killed 5 people on Monday."])
        writer.writerow(["a2", "", "Nothing happened."])
    got = lines(run("--csv", table))
    assert [(line["id"], line["report_date"]) for line in got] == [("a1", "2016-09-27"), ("a2", None)]
    assert got[0]["figures"][0]["date"] == "2016-09-26"


def test_csv_without_a_text_column_is_an_error_naming_the_file(tmp_path):
    table = tmp_path / "bad.csv"
    table.write_text("id,title\n1,hello\n", "utf-8")
    completed = run("--csv", table)
    assert completed.returncode == 1
    assert "bad.csv" in lines(completed)[0]["error"]


def test_fakes_csv_is_read_as_it_is_latin1_with_month_first_dates():
    completed = run("--csv", FAKES / "FA-KES-Dataset.csv")
    assert completed.returncode == 0
    got = lines(completed)
    assert len(got) == 804
    with open(FAKES / "FA-KES-Dataset.csv", encoding="latin-1", newline="") as handle:
        first = next(csv.DictReader(handle))
    month, day, year = first["date"].split("/")
    assert got[0]["id"] == first["unit_id"]
    assert got[0]["report_date"] == f"{year}-{int(month):02d}-{int(day):02d}"


def test_utf8_text_with_a_stray_byte_keeps_its_arabic(tmp_path):
    report = tmp_path / "mixed.txt"
    report.write_bytes("Five people were killed in \u062d\u0644\u0628 \xff today.".encode("utf-8").replace(b"\xc3\xbf", b"\xff"))
    [line] = lines(run(report))
    assert line["place"]["pcode"] == "C1007"


def test_the_gazetteer_is_pickled_on_the_first_run_and_read_back_with_the_same_output(tmp_path, seed_paths):
    cache = tmp_path / "cache"
    first = run(*seed_paths, cache=cache)
    [pickled] = cache.glob("gazetteer-*.pickle")
    second = run(*seed_paths, cache=cache)
    uncached = run(*seed_paths, cache="")
    assert first.returncode == second.returncode == uncached.returncode == 0
    assert second.stdout == first.stdout == uncached.stdout
    assert list(cache.glob("gazetteer-*.pickle")) == [pickled]
    assert [line["place"]["pcode"] for line in lines(first)] == [line["place"]["pcode"] for line in lines(uncached)]


def test_a_damaged_gazetteer_cache_is_built_afresh(tmp_path, seed_paths):
    cache = tmp_path / "cache"
    expected = run(*seed_paths, cache="").stdout
    run(*seed_paths, cache=cache)
    [pickled] = cache.glob("gazetteer-*.pickle")
    pickled.write_bytes(b"not a pickle")
    completed = run(*seed_paths, cache=cache)
    assert completed.returncode == 0
    assert completed.stdout == expected
    assert pickled.stat().st_size > 1000  # written again, whole


def test_changed_place_data_is_never_read_from_an_older_cache(tmp_path):
    from reports.extraction import extract
    from reports.extraction.__main__ import load_gazetteer
    from reports.extraction.gazetteer import DATA_DIR

    data, cache = tmp_path / "data", tmp_path / "cache"
    data.mkdir()
    for name in ("places.csv", "named_areas.json", "aliases.csv"):
        (data / name).write_bytes((DATA_DIR / name).read_bytes())
    text = "Five civilians were killed in Zorbistan on Monday."
    assert extract(text, gazetteer=load_gazetteer(data, cache))["place"] is None
    [before] = cache.glob("gazetteer-*.pickle")
    with open(data / "aliases.csv", "a", encoding="utf-8") as handle:
        handle.write("SY07,Zorbistan\n")
    place = extract(text, gazetteer=load_gazetteer(data, cache))["place"]
    assert place["pcode"] == "SY07"
    assert [p.name for p in cache.glob("gazetteer-*.pickle")] != [before.name]  # the older one is gone
    assert len(list(cache.glob("gazetteer-*.pickle"))) == 1
