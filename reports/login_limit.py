"""Login rate limiting for both login forms (the admin's and the dashboard's), on django-axes: after too
many failed attempts for one username from one address, or from one address altogether, further attempts
are refused for a while, even with the right password, so guessing stops paying.

Axes keeps the attempts in the database, so every gunicorn worker and every machine counts together.
Axes compares one count with one limit; Sitrep has two (SITREP_LOGIN_ATTEMPTS per username and address,
SITREP_LOGIN_ATTEMPTS_PER_ADDRESS per address), so the handler below reports "the limit reached" when
either is. The per-username count is axes' own attempt record (cleared by a successful login); the
per-address count is axes' failure log, which a successful login does not clear: one good login must not
reset an address's guessing.

The settings are read at each request (AXES_* point at the callables here), so SITREP_* overridden in tests
or changed in the environment take effect without touching axes' names.
"""

import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.attempts import get_cool_off_threshold
from axes.models import AccessFailureLog
from django.conf import settings
from django.shortcuts import render


def attempts_per_username(request=None, credentials=None):
    return settings.SITREP_LOGIN_ATTEMPTS


def lockout(request=None):
    return datetime.timedelta(seconds=settings.SITREP_LOGIN_LOCKOUT_SECONDS)


def client_address(request):
    """The address counted. Behind a reverse proxy REMOTE_ADDR is the proxy's, shared by everyone: name
    the header the proxy sets in SITREP_LOGIN_CLIENT_IP_HEADER (e.g. HTTP_X_FORWARDED_FOR). Its last entry
    is the one our proxy added; entries before it come from the client and could be forged."""
    header = settings.SITREP_LOGIN_CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def username(request, credentials=None):
    """One count per account whatever the case or spaces typed ("Editor", " editor")."""
    name = (credentials or {}).get("username")
    if name is None and request is not None:
        name = request.POST.get("username")
    return (name or "").strip().lower() or None


class LoginLimitHandler(AxesDatabaseHandler):
    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        refused = getattr(request, "axes_locked_out", False)  # locked before its password was checked
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and not refused:
            # The failure that reaches the limit gets the usual "wrong password" answer; the lock
            # refuses the attempts after it (as the login forms always did).
            request.axes_locked_out = False

    def get_failures(self, request, credentials=None):
        per_username = super().get_failures(request, credentials)
        by_address = AccessFailureLog.objects.filter(
            ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)).count()
        if by_address >= settings.SITREP_LOGIN_ATTEMPTS_PER_ADDRESS:
            return max(per_username, attempts_per_username())
        return per_username


def locked_out(request, original_response=None, credentials=None):
    minutes = max(1, settings.SITREP_LOGIN_LOCKOUT_SECONDS // 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
