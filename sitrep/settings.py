"""Sitrep settings, read from the environment (see README, "Configuration")."""

import datetime
import os
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    return os.environ.get(name, str(default)).strip().lower() in ("1", "true", "yes", "on")


def envint(name, default):
    return int(os.environ.get(name, default))


def database_from_url(url):
    """Turn DATABASE_URL into a Django DATABASES entry: sqlite:///path or postgres://user:pw@host:port/db."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///relative/path or sqlite:////absolute/path
        path = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
        if not path or path == ":memory:":
            return {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
        # Write-ahead logging: readers don't wait for the importer, and each report's commit is cheap.
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path,
                "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                            "transaction_mode": "IMMEDIATE"}}
    if parts.scheme in ("postgres", "postgresql"):
        options = dict(parse_qsl(parts.query))
        # Plan for solid-state storage (PostgreSQL's default random_page_cost of 4 is for spinning disks
        # and makes it read a year of figures in date order instead of using the (kind, day) index).
        # `?options=...` in DATABASE_URL replaces this.
        options.setdefault("options", "-c random_page_cost=1.1")
        # No connection pool by default: each server thread keeps its own connection for 10 minutes and
        # checks it at the start of every request (CONN_HEALTH_CHECKS, one round trip). While the
        # database is down a request fails at once (503) instead of waiting for the pool's timeout, and
        # after a restart the next request connects again, without the pool's reconnection back-off
        # (tests/test_database_outage.py runs both). `?pool=true` brings the pool back.
        pool = options.pop("pool", "false").lower() not in ("0", "false", "no", "off")
        if pool:
            options["pool"] = {"min_size": 1, "max_size": envint("SITREP_DB_POOL_MAX", 8), "timeout": 10}
        return {
            "CONN_MAX_AGE": 0 if pool else 600,
            "CONN_HEALTH_CHECKS": not pool,
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")) or "postgres",
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(f"DATABASE_URL: unsupported scheme {parts.scheme!r} (use sqlite:// or postgres://)")


DEBUG = envbool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (set DEBUG=1 for local development).")
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

# The dashboard is readable without login when true; the admin always needs a staff login.
SITREP_PUBLIC = envbool("SITREP_PUBLIC", True)
# Reports dated before this (or in the future) are refused at import, in the admin and in the API.
SITREP_EARLIEST_DATE = datetime.date.fromisoformat(os.environ.get("SITREP_EARLIEST_DATE", "2011-01-01"))
# A report yielding more figures than this is held for review, none of them stored (reports/ingest.py).
SITREP_MAX_FIGURES_PER_REPORT = envint("SITREP_MAX_FIGURES_PER_REPORT", 300)
# Where the demo corpus and the development data live (beside the checkout).
SITREP_SHARED_DIR = Path(os.environ.get("SITREP_SHARED_DIR", BASE_DIR.parent / "shared"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "simple_history",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served from our static files (no CDN, within the CSP)
    "reports",
    "dashboard",
    "django_tasks_db",  # after reports: reports' db_worker (with a heartbeat) replaces the library's
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "reports.middleware.RefuseNulCharacters",
    "reports.middleware.DatabaseUnavailable",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the lockout page
]

# django-axes checks the login limit before any password (reports/login_limit.py).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

ROOT_URLCONF = "sitrep.urls"
WSGI_APPLICATION = "sitrep.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'sitrep.sqlite3'}"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
FORMAT_MODULE_PATH = ["sitrep.formats"]  # YYYY-MM-DD dates (sitrep/formats/en_GB/formats.py)
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Enforced Content-Security-Policy: scripts only from our own static files, or with this request's nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

if not DEBUG:
    SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", True)
    # Behind a TLS proxy set SECURE_SSL_REDIRECT=1 and SECURE_HSTS_SECONDS (e.g. 31536000): then
    # `manage.py check --deploy` is clean. Off by default so plain-HTTP compose setups still answer.
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the container health check speaks plain HTTP
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    # The preload directive only consents; joining the browsers' list is a separate, manual submission.
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 60 * 60)  # one working day, not Django's two weeks
# Login rate limit, admin and dashboard (django-axes, reports/login_limit.py): failures per username and address,
# per address, and how long the lock lasts. Attempts live in the database: one count for every worker and machine.
SITREP_LOGIN_ATTEMPTS = envint("SITREP_LOGIN_ATTEMPTS", 5)
SITREP_LOGIN_ATTEMPTS_PER_ADDRESS = envint("SITREP_LOGIN_ATTEMPTS_PER_ADDRESS", 20)
SITREP_LOGIN_LOCKOUT_SECONDS = envint("SITREP_LOGIN_LOCKOUT_SECONDS", 15 * 60)
# Behind a reverse proxy: the request header carrying the client's address (e.g. HTTP_X_FORWARDED_FOR).
SITREP_LOGIN_CLIENT_IP_HEADER = os.environ.get("SITREP_LOGIN_CLIENT_IP_HEADER", "")
AXES_HANDLER = "reports.login_limit.LoginLimitHandler"
AXES_FAILURE_LIMIT = "reports.login_limit.attempts_per_username"
AXES_COOLOFF_TIME = "reports.login_limit.lockout"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "reports.login_limit.client_address"
AXES_USERNAME_CALLABLE = "reports.login_limit.username"
AXES_LOCKOUT_CALLABLE = "reports.login_limit.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # the per-address count (a good login does not clear it)
AXES_VERBOSE = False
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a lock lasts from the last checked failure

# Shared state for many processes and machines: the database cache by default (its table is made by a
# migration), Redis when REDIS_URL is set (redis://host:6379/0).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                      "KEY_PREFIX": "sitrep"}
          if REDIS_URL else
          {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "sitrep_cache"}}

# Feeds (reports/feeds.py): fetching editors' URLs. Private and loopback addresses are refused unless
# SITREP_FETCH_ALLOW_PRIVATE (tests and local demos serve feeds on 127.0.0.1).
SITREP_FETCH_ALLOW_PRIVATE = envbool("SITREP_FETCH_ALLOW_PRIVATE", False)
SITREP_FETCH_TIMEOUT = envint("SITREP_FETCH_TIMEOUT", 20)  # seconds per read; the whole fetch at most 3x
SITREP_FETCH_MAX_BYTES = envint("SITREP_FETCH_MAX_BYTES", 10_000_000)
SITREP_RELIEFWEB_URL = os.environ.get("SITREP_RELIEFWEB_URL", "https://api.reliefweb.int/v2/reports")
SITREP_RELIEFWEB_APPNAME = os.environ.get("SITREP_RELIEFWEB_APPNAME", "sitrep")
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Background work (reports/jobs.py, reports/tasks.py): Django's tasks framework with the queue in the database
# (django-tasks-db); `manage.py db_worker` runs the tasks. A task RUNNING on a worker whose heartbeat is older
# than SITREP_TASK_STALE_SECONDS (killed, machine lost) is requeued, at most SITREP_TASK_MAX_ATTEMPTS runs in
# all, then FAILED with the reason. Imports are split into chunks of SITREP_IMPORT_CHUNK_ROWS rows.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SITREP_WORKER_HEARTBEAT_SECONDS = float(os.environ.get("SITREP_WORKER_HEARTBEAT_SECONDS", 10))
SITREP_TASK_STALE_SECONDS = float(os.environ.get("SITREP_TASK_STALE_SECONDS", 60))
SITREP_TASK_MAX_ATTEMPTS = envint("SITREP_TASK_MAX_ATTEMPTS", 3)
SITREP_IMPORT_CHUNK_ROWS = envint("SITREP_IMPORT_CHUNK_ROWS", 50)
# The JSON API (dashboard/api/): personal tokens or the session, the pages' access rule and roles,
# throttled per token (or account) and per address in the default cache.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "dashboard.api.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["dashboard.api.auth.CanRead"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["dashboard.api.auth.AddressThrottle", "dashboard.api.auth.TokenThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "address": os.environ.get("SITREP_API_RATE_ADDRESS", "300/minute"),
        "token": os.environ.get("SITREP_API_RATE_TOKEN", "600/minute"),
    },
    "EXCEPTION_HANDLER": "dashboard.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sitrep API",
    "DESCRIPTION": "Every number Sitrep shows, with the pages' filters; the same values as the CSV downloads.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "dashboard.api.schema.document_errors"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
