"""Who may use the API: personal tokens (reports.models.ApiToken) or the session, the same roles as the
admin and the pages (reports/roles.py), SITREP_PUBLIC respected, and throttles per token and per address."""

from django.conf import settings
from django.utils import timezone
from rest_framework import authentication, exceptions, permissions, throttling

from reports.models import ApiToken

VIEW_PERMISSION = "reports.view_dashboard"
ADD_REPORT_PERMISSION = "reports.add_report"
REVIEW_PERMISSION = "reports.review_indicator"
LAST_USED_EVERY = 60  # seconds: last_used is written at most this often, not on every request


class TokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token <secret>` or `Authorization: Bearer <secret>`."""

    keywords = ("token", "bearer")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("The Authorization header must be 'Token <secret>'.")
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("Unknown or revoked token.") from None
        token = ApiToken.find(secret)
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Unknown or revoked token.")
        now = timezone.now()
        if token.last_used is None or (now - token.last_used).total_seconds() > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        return token.user, token

    def authenticate_header(self, request):
        return 'Token realm="api"'


def _has(request, permission):
    return bool(request.user and request.user.is_authenticated and request.user.has_perm(permission))


class CanRead(permissions.BasePermission):
    """Everyone when SITREP_PUBLIC is on; otherwise accounts holding the Viewer role's permission."""

    message = "Reading needs a Viewer token when the dashboard is not public."

    def has_permission(self, request, view):
        return settings.SITREP_PUBLIC or _has(request, VIEW_PERMISSION)


class CanAddReports(permissions.BasePermission):
    message = "Sending reports needs the Editor role."

    def has_permission(self, request, view):
        return _has(request, ADD_REPORT_PERMISSION)


class CanReview(permissions.BasePermission):
    message = "Reviewing figures needs the Reviewer role."

    def has_permission(self, request, view):
        return _has(request, REVIEW_PERMISSION)


def client_address(request):
    header = getattr(settings, "SITREP_LOGIN_CLIENT_IP_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


class _Throttle(throttling.SimpleRateThrottle):
    def get_rate(self):
        # Read at each request (not frozen at import), so that a changed setting applies.
        from rest_framework.settings import api_settings

        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AddressThrottle(_Throttle):
    """Every request, counted per client address (the same header as the login limit behind a proxy)."""

    scope = "address"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


class TokenThrottle(_Throttle):
    """Requests with a token counted per token; with a session, per account."""

    scope = "token"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"t{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"u{request.user.pk}"
        else:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}
