"""Login rate limiting for both login forms (the admin's and the dashboard's): after too many failed attempts
for one username from one address, or from one address altogether, further attempts are refused
for a while, even with the right password, so guessing stops paying.

Counts live in Django's cache. With the default per-process cache each worker counts on its own;
configure a shared cache (database or Redis) in production for one count across workers.
"""

import hashlib

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError


def _limits():
    return (
        getattr(settings, "SITREP_LOGIN_ATTEMPTS", 5),  # per username and address
        getattr(settings, "SITREP_LOGIN_ATTEMPTS_PER_ADDRESS", 20),
        getattr(settings, "SITREP_LOGIN_LOCKOUT_SECONDS", 15 * 60),
    )


def _key(*parts):
    digest = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
    return f"sitrep:login-failures:{digest}"


def client_address(request):
    """The address counted. Behind a reverse proxy REMOTE_ADDR is the proxy's, shared by everyone: name
    the header the proxy sets in SITREP_LOGIN_CLIENT_IP_HEADER (e.g. HTTP_X_FORWARDED_FOR). Its last entry
    is the one our proxy added; entries before it come from the client and could be forged."""
    if request is None:
        return ""
    header = getattr(settings, "SITREP_LOGIN_CLIENT_IP_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def attempt_keys(request, username):
    address = client_address(request)
    per_user, per_address, _ = _limits()
    return [(_key(address, (username or "").strip().lower()), per_user), (_key(address), per_address)]


def is_locked(keys):
    return any((cache.get(key) or 0) >= limit for key, limit in keys)


def record_failure(keys):
    lockout = _limits()[2]
    for key, _ in keys:
        # add() starts the window on the first failure; incr() does not extend it.
        if not cache.add(key, 1, lockout):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, lockout)


def clear_failures(keys):
    cache.delete(keys[0][0])  # the address-wide count stays: one good login must not reset guessing


class RateLimitMixin:
    """Refuses a login form's attempts past the limits; put before the form class it limits."""

    too_many_attempts = "Too many failed login attempts. Try again in %(minutes)d minutes."

    def clean(self):
        keys = attempt_keys(self.request, self.cleaned_data.get("username"))
        if is_locked(keys):
            raise ValidationError(
                self.too_many_attempts,
                code="too_many_attempts",
                params={"minutes": max(1, _limits()[2] // 60)},
            )
        try:
            cleaned = super().clean()
        except ValidationError as error:
            if error.code == "invalid_login":
                record_failure(keys)
            raise
        clear_failures(keys)
        return cleaned


class RateLimitedAdminLoginForm(RateLimitMixin, AdminAuthenticationForm):
    pass


class RateLimitedLoginForm(RateLimitMixin, AuthenticationForm):
    """The dashboard's sign-in, for Viewer accounts that are not staff (SITREP_PUBLIC off)."""
