"""Settings for Mark of co-production, read from environment variables.

Every value has a safe production default. Development turns DEBUG on; the test
suite turns on test settings (a test secret key, fast hashing, plain static files) through
coproduction/settings_for_tests.py, which pytest loads.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from exc


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# Test settings are on only when asked for by name: coproduction/settings_for_tests.py sets
# this for the test run and every process a test starts. Nothing else (such as a stray
# PYTEST_VERSION in a server's environment) can weaken production.
TESTING = envbool("COPRODUCTION_TEST_SETTINGS", False)

DEBUG = envbool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if TESTING and not DEBUG and SECRET_KEY:
    raise ImproperlyConfigured(
        "COPRODUCTION_TEST_SETTINGS is on, with DEBUG off and a real SECRET_KEY: this looks "
        "like a production server. Unset COPRODUCTION_TEST_SETTINGS; it is for the test suite."
    )
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "development-only-key-never-use-in-production-" + "x" * 20
    else:
        raise ImproperlyConfigured("Set SECRET_KEY: it is required when DEBUG is off.")

ALLOWED_HOSTS = envlist(
    "ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if (DEBUG or TESTING) else []
)
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# How many invitations one person may send by email, across all their projects, so nobody
# can use the site to send mail to strangers. Counted from the database, so the limits
# hold across processes and servers.
INVITATION_EMAILS_PER_HOUR = envint("INVITATION_EMAILS_PER_HOUR", 20)
INVITATION_EMAILS_PER_DAY = envint("INVITATION_EMAILS_PER_DAY", 100)

# import_project refuses bigger files, and files nested deeper than any project file is.
IMPORT_MAX_MEGABYTES = envint("IMPORT_MAX_MEGABYTES", 20)
IMPORT_MAX_DEPTH = 50
# Receipts for expenses: photos or PDFs up to this size, kept through the storage API.
RECEIPT_MAX_BYTES = envint("RECEIPT_MAX_KILOBYTES", 5 * 1024) * 1024
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media"))
MEDIA_URL = "/media-not-served/"

# The fewest seconds a live page waits between polls: every poll's answer says so in its
# X-Poll-Interval header, and the pages obey. Raise it when the server is busy.
LIVE_POLL_SECONDS = envint("LIVE_POLL_SECONDS", 2)
# While the server's load for each processor is above this, the wait doubles for each step
# past it, up to LIVE_POLL_MAX_SECONDS.
LIVE_POLL_BUSY_LOAD = float(os.environ.get("LIVE_POLL_BUSY_LOAD", "0.7"))
LIVE_POLL_MAX_SECONDS = envint("LIVE_POLL_MAX_SECONDS", 10)
# Where "Leave this page quickly" goes, on projects that show it: a site nobody would
# look twice at.
QUICK_EXIT_URL = os.environ.get("QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "accounts",
    "projects",
    "words",
    "marks",
    "checkins",
    "lake",
    "decisions",
    "meetings",
    "payments",
    # Last: the whole-project features, which use every app above.
    "sharing",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages are compressed for slow connections; Django adds random padding against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in person's own language, ahead of the cookie and the browser's.
    "accounts.language.middleware.PersonLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "coproduction.middleware.PrivacyHeadersMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "coproduction.middleware.SignedOutHtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After htmx's, which it reads: the hint about a word the group would rather not use.
    "words.middleware.AvoidHintMiddleware",
]

ROOT_URLCONF = "coproduction.urls"

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
                # The project's glossary, for the glossary filter (read only when used).
                "words.context_processors.words",
                # The person's choice for live pages (read out changes, paused).
                "accounts.live.context.live_updates",
                # The languages the header offers, each in its own words.
                "accounts.language.context.languages",
                # Whether a person's pages outside a quick-exit project show its button too.
                "projects.context.quick_exit",
            ],
        },
    },
]

WSGI_APPLICATION = "coproduction.wsgi.application"
ASGI_APPLICATION = "coproduction.asgi.application"

# One SQLite file in the checkout unless DATABASE_URL names another database.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# A database that stops answering must cost a person seconds and an error page, not a worker
# hanging until gunicorn kills it. In seconds; 0 turns a limit off (e.g. for a long migration).
DATABASE_CONNECT_TIMEOUT = envint("DATABASE_CONNECT_TIMEOUT", 5)
DATABASE_STATEMENT_TIMEOUT = envint("DATABASE_STATEMENT_TIMEOUT", 15)
DATABASE_LOCK_TIMEOUT = envint("DATABASE_LOCK_TIMEOUT", 5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Our engine is Django's, plus a limit on waiting for any answer (coproduction/db/base.py).
    DATABASES["default"]["ENGINE"] = "coproduction.db"
    options = DATABASES["default"].setdefault("OPTIONS", {})
    if DATABASE_CONNECT_TIMEOUT:
        options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    # The server cancels a statement, or a wait for a row lock, that takes too long.
    options["options"] = " ".join(
        filter(
            None,
            [
                options.get("options", ""),
                f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT * 1000}",
                f"-c lock_timeout={DATABASE_LOCK_TIMEOUT * 1000}",
            ],
        )
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # A long password is the one rule that helps most; the sign-up form says so in its hint.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "projects:list"

# Sign-in: the email address is the identifier; there is no username.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["name*", "email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_EMAIL_VERIFICATION = os.environ.get(
    "ACCOUNT_EMAIL_VERIFICATION", "optional" if (DEBUG or TESTING) else "mandatory"
)
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Mark of co-production] "
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
# Deleting the account, downloading one's data and changing email addresses ask for the
# password (or an emailed code) again, unless it was given in the last five minutes
# (accounts/reauth). Changes to an address or the password are told by email.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 5 * 60
ACCOUNT_EMAIL_NOTIFICATIONS = True
# An optional second step at sign-in: a code from an authenticator app, with recovery codes
# for a lost phone. Anyone can add it from "Your account".
MFA_ADAPTER = "accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Mark of co-production"
# A whole meeting often signs in at once from one address (a venue's wifi, or every request
# arriving through one proxy), so successful sign-ins are allowed far more often than allauth's
# default of 30 a minute per address. Guessing stays slow: wrong passwords keep allauth's own
# limits (10 a minute per address, 5 in 5 minutes per account).
#
# Limits per account (the "key", an email address) hold however many addresses an attacker
# uses, and each has an hourly cap so that one account or one inbox can't be worn down
# minute after minute:
# - "login_failed" (allauth's: counts wrong passwords only) adds 20 an hour per account.
# - "login_account" (ours, consumed by accounts/adapters.py, because allauth's "login" limit
#   is checked before the form is read and so only knows the address) counts every password
#   checked against one account, right or wrong: nobody signs in 10 times a minute.
# - sign-in codes and password resets each send an email: 3 a minute and 10 an hour per inbox.
ACCOUNT_RATE_LIMITS = {
    "login": "300/m/ip",
    "login_failed": "10/m/ip,5/5m/key,20/h/key",
    "login_account": "10/m/key,60/h/key",
    "request_login_code": "20/m/ip,3/m/key,10/h/key",
    "reset_password": "20/m/ip,3/m/key,10/h/key",
}
# How many proxies in front of the app add to X-Forwarded-For, so that limits per address see
# each person's own address rather than the proxy's. 0 means none: trust no such header.
ALLAUTH_TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
# SECURE_PROXY_SSL_HEADER says a proxy is in front. Counting no proxy there would make every
# visitor share the proxy's address, so a few wrong passwords would lock everyone out.
if not DEBUG and envbool("SECURE_PROXY_SSL_HEADER", False) and ALLAUTH_TRUSTED_PROXY_COUNT < 1:
    raise ImproperlyConfigured(
        "SECURE_PROXY_SSL_HEADER is on, so the app is behind a proxy: set TRUSTED_PROXY_COUNT "
        "to the number of proxies in front of it that add to X-Forwarded-For (usually 1)."
    )

# The shared cache: rate-limit counters and drawn fragments (the meeting screen, lake changes)
# must be the same for every process and server, or each gunicorn worker would count sign-in
# attempts of its own. By default a table in our own database (created by every `migrate`,
# see accounts/apps.py); CACHE_URL names a Redis or Valkey server instead.
CACHE_URL = os.environ.get("CACHE_URL", "").strip()
if not CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "coproduction_cache",
            # Past this many rows the table drops expired entries, then a third of the rest;
            # set high so that counters are not dropped under a flood of sign-in attempts.
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    }
elif CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
else:
    raise ImproperlyConfigured(
        f"CACHE_URL must be a redis://, rediss:// or unix:// address (Redis or Valkey), not "
        f"{CACHE_URL!r}; leave it empty to keep the cache in the database."
    )

# Email: printed to the console in development, sent by SMTP otherwise.
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Mark of co-production <noreply@localhost>"
)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
if DEBUG and not os.environ.get("EMAIL_HOST"):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": envint("EMAIL_PORT", 587),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": envbool("EMAIL_USE_TLS", True),
                # Seconds to wait for the mail server before giving up on a request.
                "timeout": envint("EMAIL_TIMEOUT", 10),
            },
        }
    }

# Background work (emailing project updates) goes through django.tasks. The built-in
# immediate backend runs each task at once, inside the request: right for development and
# tests. In production, name a backend that queues tasks for a worker in TASK_BACKEND
# (see README.md, "Running tasks in production").
TASK_BACKEND = os.environ.get("TASK_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
TASKS = {"default": {"BACKEND": TASK_BACKEND}}
# The django-tasks-db package keeps its queue in our database, so it is an app too.
if TASK_BACKEND.startswith("django_tasks_db."):
    INSTALLED_APPS.append("django_tasks_db")

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English")), ("cy", _("Welsh"))]
# Our own words first; then the Welsh for the sign-in pages and emails that come from
# django-allauth, which has no Welsh of its own (kept apart, since makemessages keeps
# only the words found in our code).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_allauth"]
# A language chosen in the header is remembered for a year, also after signing out.
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Hashed names suit production; pytest's live server needs plain names.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if (DEBUG or TESTING)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Content-Security-Policy: only our own files; no inline script or style.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Database sessions that also record whose they are (accounts.sessions), so deleting an
# account signs it out everywhere without reading every session. With a Redis or Valkey
# cache (CACHE_URL), each session is also kept there, so a request reads it without a query.
SESSION_ENGINE = "accounts.cached_sessions" if CACHE_URL else "accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG and not TESTING:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    # Preloading asks browsers to use HTTPS for the domain before their first visit.
    # Set SECURE_HSTS_PRELOAD=0 where the app shares a domain that must still serve HTTP.
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
# Behind a proxy that terminates TLS, trust its X-Forwarded-Proto header.
if envbool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Development and tests serve static files straight from their folders.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

# Argon2 first: as hard to crack as PBKDF2 at Django's settings for far less CPU per sign-in
# (bench/hashers.py measures both). Passwords saved with PBKDF2 still work, and are saved
# again with Argon2 the next time their person signs in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
PRODUCTION_PASSWORD_HASHERS = PASSWORD_HASHERS

# The default password hasher is slow on purpose; the test suite's many accounts don't need that.
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
