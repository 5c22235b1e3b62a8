"""
One settings module, read from the environment.

Left unset, every variable gives the embedded set-up that `make demo` uses: a SQLite file, Celery
running tasks in-process, e-mail printed to the console. Production differs only by environment
(see .env.example and docker-compose.yml).
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# ---------------------------------------------------------------------------
# Core
# ---------------------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-only-for-the-embedded-set-up")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
else:
    # A production installation must say who it is: no silent defaults for secrets or hosts.
    SECRET_KEY = env("SECRET_KEY", default="")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if not SECRET_KEY or not ALLOWED_HOSTS:
        raise ImproperlyConfigured("SECRET_KEY and ALLOWED_HOSTS must be set when DEBUG is off.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "guardian",
    "simple_history",
    "mainstreaming",
    "stakeholders",
    "situation_analysis",
    "implementation_plans",
    "monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "mainstreaming.urls"
WSGI_APPLICATION = "mainstreaming.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Database: a SQLite file unless DATABASE_URL names PostgreSQL
# ---------------------------------------------------------------------------

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------------------
# Authentication and object permissions
# ---------------------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# No guardian "anonymous" row: every page needs a login, so anonymous users never hold object permissions.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "mainstreaming:process_list"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# An invitation link stays valid for a week: focal points do not always read e-mail daily.
PASSWORD_RESET_TIMEOUT = 7 * 24 * 3600

# ---------------------------------------------------------------------------
# Languages
# ---------------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Dates and numbers in the reader's language (USE_L10N is always on): one date style per language, written in
# mainstreaming/formats/<language>/formats.py. Amounts and other figures are grouped by thousands through
# mainstreaming.l10n and its template filters; USE_THOUSAND_SEPARATOR stays off so that a year or an id printed
# bare stays "2026", not "2,026".
FORMAT_MODULE_PATH = ["mainstreaming.formats"]
USE_THOUSAND_SEPARATOR = False
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_TZ = True

# ---------------------------------------------------------------------------
# Static and uploaded files
# ---------------------------------------------------------------------------

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"  # never served directly: files go out through views that check permission
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# ---------------------------------------------------------------------------
# E-mail: printed to the console unless EMAIL_URL names an SMTP server
# ---------------------------------------------------------------------------

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="mainstreaming@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# ---------------------------------------------------------------------------
# Celery: in-process (eager) unless REDIS_URL names a broker
# ---------------------------------------------------------------------------

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = None
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A report build that takes longer than this is stuck, not slow; the soft limit lets it record why.
REPORT_BUILD_SOFT_TIME_LIMIT = env.int("REPORT_BUILD_SOFT_TIME_LIMIT", default=240)
REPORT_BUILD_TIME_LIMIT = REPORT_BUILD_SOFT_TIME_LIMIT + 30
CELERY_TASK_SOFT_TIME_LIMIT = REPORT_BUILD_SOFT_TIME_LIMIT
CELERY_TASK_TIME_LIMIT = REPORT_BUILD_TIME_LIMIT
# Redis re-delivers an unacknowledged task after this; it must exceed the longest task.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BEAT_SCHEDULE = {
    "requeue-stalled-reports": {"task": "mainstreaming.tasks.requeue_stalled_reports_task", "schedule": 600.0},
    # Reminders of sector checklists due soon or overdue: every morning (in Celery's time zone, UTC by default).
    "send-assignment-reminders": {
        "task": "situation_analysis.tasks.send_assignment_reminders_task",
        "schedule": crontab(hour=6, minute=0),
    },
    # Reminders of progress reports due soon or overdue, and their escalation to the NFP: every morning.
    "send-progress-report-reminders": {
        "task": "monitoring.tasks.send_progress_report_reminders_task",
        "schedule": crontab(hour=6, minute=15),
    },
    # Reminders of evaluation follow-ups (management responses) due soon or overdue: every morning.
    "send-management-response-reminders": {
        "task": "monitoring.tasks.send_response_reminders_task",
        "schedule": crontab(hour=6, minute=30),
    },
}
# Days a progress report may stay overdue before the NFP is told (once).
MONITORING_ESCALATE_AFTER_DAYS = env.int("MONITORING_ESCALATE_AFTER_DAYS", default=14)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]

# ---------------------------------------------------------------------------
# Security (production values come into force when DEBUG is off)
# ---------------------------------------------------------------------------

SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# Uploads: a hard ceiling on request bodies; each upload field checks its own size and type too.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
