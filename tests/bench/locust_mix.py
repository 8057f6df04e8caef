"""Locust's clients for tests/bench/bench_load.py: a mix of pages and downloads, each client asking again
as soon as it has its answer. Every request is appended to the file named by SITREP_LOAD_RECORDS as a
tab-separated line: start (Unix seconds), end, status (0: no HTTP answer), name, error (empty if none);
each request asked is first a line "asked", its time, "", its name, "".
A download cut short after its 200 is recorded with the error that cut it."""

import os
import time

from locust import FastHttpUser, constant, events, task

RECORDS = open(os.environ["SITREP_LOAD_RECORDS"], "a", buffering=1)  # noqa: SIM115 - open for the whole run

PERIOD = "date_after=2017-01-01&date_before=2017-12-31"


@events.request.add_listener
def record(request_type, name, response_time, response_length, response=None, exception=None, start_time=None,
           **kwargs):
    status = getattr(response, "status_code", 0) or 0
    error = "" if exception is None else f"{type(exception).__name__}: {exception}".replace("\t", " ")
    end = time.time()
    start = start_time if start_time is not None else end - response_time / 1000
    RECORDS.write(f"{start:.3f}\t{end:.3f}\t{status}\t{name}\t{error.splitlines()[0] if error else ''}\n")


class Analyst(FastHttpUser):
    wait_time = constant(0)
    network_timeout = 300
    connection_timeout = 30

    def get(self, path, name):
        # A request still unanswered when the run ends has this line and no record.
        RECORDS.write(f"asked\t{time.time():.3f}\t\t{name}\t\n")
        # Read to the end: a download cut short after its 200 raises here and is recorded as failed.
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif path.startswith("/export/") and b"DOWNLOAD FAILED" in (response.content or b"")[-200:]:
                response.failure("DOWNLOAD FAILED in the file")

    @task(3)
    def overview(self):
        self.get("/", "/")

    @task(3)
    def reports(self):
        self.get("/reports/", "/reports/")

    @task(2)
    def reports_filtered(self):
        self.get(f"/reports/?place=SY02&{PERIOD}", "/reports/?place&period")

    @task(3)
    def place(self):
        self.get("/places/SY02/", "/places/SY02/")

    @task(2)
    def place_filtered(self):
        self.get(f"/places/SY0200/?{PERIOD}&kind=killed", "/places/SY0200/?period&kind")

    @task(2)
    def districts(self):
        self.get("/districts/", "/districts/")

    @task(2)
    def districts_filtered(self):
        self.get(f"/districts/?{PERIOD}", "/districts/?period")

    @task(2)
    def provenance(self):
        self.get("/provenance/?of=killed&day=2017-03-15&at=SY0200", "/provenance/?of&day&at")

    @task(1)
    def figures_csv(self):
        self.get("/export/figures.csv?place=SY0200&date_after=2017-01-01&date_before=2017-03-31",
                 "/export/figures.csv?place&period")

    @task(1)
    def districts_csv(self):
        self.get(f"/export/districts.csv?{PERIOD}", "/export/districts.csv?period")
