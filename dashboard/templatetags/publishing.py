"""Links to the data package beside the CSV downloads (dashboard/package.py)."""

from urllib.parse import parse_qsl, urlencode, urlsplit

from django import template
from django.urls import reverse

register = template.Library()


@register.filter
def package_link(href, reviewed=""):
    """/export/package.zip with the query of a CSV download link; `reviewed` ("reviewed") sets
    status=reviewed (verified or corrected figures only)."""
    query = [(k, v) for k, v in parse_qsl(urlsplit(href).query, keep_blank_values=True)
             if not (reviewed and k == "status")]
    if reviewed:
        query.append(("status", "reviewed"))
    url = reverse("dashboard:export_package")
    return f"{url}?{urlencode(query)}" if query else url
