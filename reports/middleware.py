"""Requests that no view can answer are refused before any view runs."""

from django.http import HttpResponseBadRequest


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
            return HttpResponseBadRequest("A NUL character is not allowed in an address.\n",
                                          content_type="text/plain; charset=utf-8")
        return self.get_response(request)
