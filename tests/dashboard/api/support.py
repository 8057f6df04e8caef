"""Reading the API and the CSV downloads side by side."""

import csv
import io

from django.urls import reverse

from dashboard import exports


def csv_rows(client, name, query=""):
    response = client.get(reverse(f"dashboard:export_{name}") + "?" + query)
    assert response.status_code == 200, response.content
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def api_rows(client, name, query="", **headers):
    """Every record of an API list, following the cursor through every page."""
    url = reverse(f"api:{name}") + "?" + query
    records = []
    while url:
        response = client.get(url, **headers)
        assert response.status_code == 200, response.content
        body = response.json()
        if isinstance(body, list):
            return body
        records += body["results"]
        url = body["next"]
    return records


def as_csv(record):
    """A JSON record written as the CSV writes it: empty for null, true/false, text made spreadsheet-safe."""
    cells = {}
    for name, value in record.items():
        if value is None:
            cells[name] = ""
        elif isinstance(value, bool):
            cells[name] = "true" if value else "false"
        elif isinstance(value, str):
            cells[name] = exports.safe(value)
        else:
            cells[name] = str(value)
    return cells
