"""Requests that no view can answer are refused before any view runs."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse


def _answer(request, message, status):
    """The message as the API answers (JSON, as its other errors) or as plain text for the pages."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    return HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")


class RefuseNulCharacters:
    """A NUL character in the path or the query string is a 400. No name, P-code, date or search holds
    one, and PostgreSQL refuses it in any text parameter: without this, every lookup that passes a
    typed value to the database (a P-code in the path, a provenance `at`, an admin search) would be a
    server error on PostgreSQL and a silent no-match on SQLite. Form fields already refuse NUL in
    posted data (Django's ProhibitNullCharactersValidator)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any("\x00" in key or any("\x00" in value for value in values)
                                         for key, values in request.GET.lists()):
            return _answer(request, "A NUL character is not allowed in an address.", 400)
        return self.get_response(request)


logger = logging.getLogger(__name__)


class DatabaseUnavailable:
    """A request that fails because the database does not answer (restarting, unreachable, out of
    connections) is a 503 with Retry-After, not a 500: the client is told to come back. Connections are
    checked at the start of each request (settings: CONN_HEALTH_CHECKS), so the first request after the
    database is back is served without restarting the server (tests/test_database_outage.py)."""

    RETRY_AFTER_SECONDS = 5

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            logger.warning("Database unavailable for %s: %s", request.path, exception)
            response = _answer(request, "The database is not answering; try again in a few seconds.", 503)
            response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
            return response
        return None
