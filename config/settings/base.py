"""Settings shared by every environment; each value an operator may change is read from the environment."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import dj_database_url

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = env_str("SECRET_KEY")
# "production" disables demo data and other development conveniences.
GONGKAI_ENVIRONMENT = "development"
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "home",
    "disclosure",
    "search",
    "review",
    "consultations",
    "inspection",
    "security",
    "applications",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail.contrib.frontend_cache",
    # After wagtail.contrib.frontend_cache: replaces its purge receivers.
    "frontcache",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First, so that it sees the final response (cookies, CSRF, Vary) and sets Cache-Control.
    "frontcache.policy.CachePolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "security.middleware.ContentSecurityPolicyMiddleware",
    "security.middleware.PermissionsPolicyMiddleware",
    "security.middleware.DatabaseOutageMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "security.middleware.SessionTimeoutMiddleware",
    "security.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into its refusal page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_chrome",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
# PostgreSQL: the planner's default random_page_cost (4) models spinning
# disks; it then scans the whole search index table for a common word (通知)
# instead of reading the GIN index, ten times slower.  1.1 is the usual value
# for SSDs; empty keeps the server's setting.  Sent as a startup option
# (appended to any given in DATABASE_URL); a PgBouncer in between needs
# "options" in its ignore_startup_parameters.
_random_page_cost = env_str("GONGKAI_PG_RANDOM_PAGE_COST", "1.1")
if _random_page_cost and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c random_page_cost={float(_random_page_cost)}".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "security.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "security.passwords.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
]
# django-axes checks every login before the model backend does.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
# The project's own translations of Wagtail strings its catalogue lacks (read before the apps').
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = env_str("MEDIA_ROOT", str(VAR_DIR / "media"))
MEDIA_URL = env_str("MEDIA_URL", "/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# A shared cache is what makes rate limits and sessions hold across several
# app servers; without Redis the database is the shared store.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "gongkai",
        }
    }

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}


def _email_settings():
    """EMAIL_URL (smtp://user:password@host:port, smtp+tls://, smtp+ssl://, console://) or EMAIL_HOST..."""
    from urllib.parse import unquote, urlparse

    url = env_str("EMAIL_URL")
    if url:
        parsed = urlparse(url)
        if parsed.scheme == "console":
            return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parsed.hostname or "localhost",
            "EMAIL_PORT": parsed.port or 25,
            "EMAIL_HOST_USER": unquote(parsed.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
            "EMAIL_USE_TLS": parsed.scheme == "smtp+tls",
            "EMAIL_USE_SSL": parsed.scheme == "smtp+ssl",
        }
    if env_str("EMAIL_HOST"):
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": env_str("EMAIL_HOST"),
            "EMAIL_PORT": env_int("EMAIL_PORT", 25),
            "EMAIL_HOST_USER": env_str("EMAIL_HOST_USER"),
            "EMAIL_HOST_PASSWORD": env_str("EMAIL_HOST_PASSWORD"),
            "EMAIL_USE_TLS": env_bool("EMAIL_USE_TLS"),
            "EMAIL_USE_SSL": env_bool("EMAIL_USE_SSL"),
        }
    return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}


globals().update(_email_settings())
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@example.gov.cn")
# A mail server that stops answering must not hold a worker (and the comment it is notifying) forever.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "示例市人民政府")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILDOCS_EXTENSIONS = ["csv", "doc", "docx", "odt", "pdf", "rtf", "txt", "xls", "xlsx", "ofd", "zip", "jpg", "png"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_MB", 50) * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = True
# ASCII slugs: new pages get a short pinyin slug (core/slugs.py), not a percent-encoded title.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Avatars are never fetched from gravatar.com (offline networks; e-mail hashes sent off-site).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The "what's new" banner links to an English guide on another host; editors here read Chinese.
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"

# Search: the segmented embedded backend by default, a search engine (Elasticsearch or OpenSearch)
# when SEARCH_ENGINE_URL is given.  The ELASTICSEARCH_* names of earlier releases still work.
SEARCH_ENGINE_BACKENDS = {
    "elasticsearch8": "search.backends.elasticsearch",
    "elasticsearch9": "search.backends.elasticsearch9",
    "opensearch2": "search.backends.opensearch2",
    "opensearch3": "search.backends.opensearch3",
}
SEARCH_ENGINE = env_str("SEARCH_ENGINE") or "elasticsearch8"
if SEARCH_ENGINE not in SEARCH_ENGINE_BACKENDS:
    raise ImproperlyConfigured(
        f"SEARCH_ENGINE must be one of {', '.join(SEARCH_ENGINE_BACKENDS)}, not {SEARCH_ENGINE!r}."
    )
SEARCH_ENGINE_URL = env_str("SEARCH_ENGINE_URL") or env_str("ELASTICSEARCH_URL")
# Kept for compatibility: a backend module path that overrides SEARCH_ENGINE.
ELASTICSEARCH_BACKEND = env_str("ELASTICSEARCH_BACKEND")
if SEARCH_ENGINE_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": ELASTICSEARCH_BACKEND or SEARCH_ENGINE_BACKENDS[SEARCH_ENGINE],
            "URLS": [url.strip() for url in SEARCH_ENGINE_URL.split(",") if url.strip()],
            "INDEX_PREFIX": env_str("SEARCH_ENGINE_INDEX_PREFIX")
            or env_str("ELASTICSEARCH_INDEX_PREFIX")
            or "gongkai_",
            "ANALYZER_PROFILE": env_str("SEARCH_ENGINE_ANALYZER") or env_str("ELASTICSEARCH_ANALYZER") or "ik",
            "TIMEOUT": env_int("SEARCH_ENGINE_TIMEOUT", env_int("ELASTICSEARCH_TIMEOUT", 10)),
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.database",
        }
    }

# Disclosure rules: statutory time limits in working days, changeable because local rules differ.
GONGKAI_PROACTIVE_DISCLOSURE_DAYS = env_int("GONGKAI_PROACTIVE_DISCLOSURE_DAYS", 20)
GONGKAI_INTERPRETATION_DAYS = env_int("GONGKAI_INTERPRETATION_DAYS", 3)
GONGKAI_REVIEW_OVERDUE_DAYS = env_int("GONGKAI_REVIEW_OVERDUE_DAYS", 2)
# Site inspection (网站检查): warning before a column goes stale, the office's report addresses,
# and the external link checker's timeout (seconds), parallel hosts and pause between requests to one host (ms).
GONGKAI_INSPECTION_COLUMN_WARN_DAYS = env_int("GONGKAI_INSPECTION_COLUMN_WARN_DAYS", 7)
GONGKAI_INSPECTION_EMAILS = env_list("GONGKAI_INSPECTION_EMAILS")
GONGKAI_LINK_CHECK_TIMEOUT = env_int("GONGKAI_LINK_CHECK_TIMEOUT", 10)
GONGKAI_LINK_CHECK_CONCURRENCY = env_int("GONGKAI_LINK_CHECK_CONCURRENCY", 4)
GONGKAI_LINK_CHECK_HOST_DELAY_MS = env_int("GONGKAI_LINK_CHECK_HOST_DELAY_MS", 1000)
GONGKAI_COMMENT_RATE_LIMIT = env_int("GONGKAI_COMMENT_RATE_LIMIT", 5)
GONGKAI_SEARCH_RATE_LIMIT = env_int("GONGKAI_SEARCH_RATE_LIMIT", 60)
GONGKAI_LOOKUP_RATE_LIMIT = env_int("GONGKAI_LOOKUP_RATE_LIMIT", 30)
GONGKAI_COMMENT_MIN_FILL_SECONDS = env_int("GONGKAI_COMMENT_MIN_FILL_SECONDS", 3)
GONGKAI_COMMENT_ATTACHMENT_MAX_MB = env_int("GONGKAI_COMMENT_ATTACHMENT_MAX_MB", 10)
GONGKAI_CONSULTATION_MIN_DAYS = env_int("GONGKAI_CONSULTATION_MIN_DAYS", 30)
GONGKAI_CONSULTATION_NORMATIVE_MIN_WORKING_DAYS = env_int("GONGKAI_CONSULTATION_NORMATIVE_MIN_WORKING_DAYS", 7)
# Disclosure on request (依申请公开): the statutory numbers in working days (Art. 30, 32, 33).
GONGKAI_APPLICATION_REPLY_DAYS = env_int("GONGKAI_APPLICATION_REPLY_DAYS", 20)
GONGKAI_APPLICATION_CORRECTION_NOTICE_DAYS = env_int("GONGKAI_APPLICATION_CORRECTION_NOTICE_DAYS", 7)
GONGKAI_APPLICATION_CORRECTION_PERIOD_DAYS = env_int("GONGKAI_APPLICATION_CORRECTION_PERIOD_DAYS", 15)
GONGKAI_APPLICATION_THIRD_PARTY_DAYS = env_int("GONGKAI_APPLICATION_THIRD_PARTY_DAYS", 15)
GONGKAI_APPLICATION_EXTENSION_DAYS = env_int("GONGKAI_APPLICATION_EXTENSION_DAYS", 20)
GONGKAI_APPLICATION_DUE_SOON_DAYS = env_int("GONGKAI_APPLICATION_DUE_SOON_DAYS", 3)
GONGKAI_APPLICATION_RATE_LIMIT = env_int("GONGKAI_APPLICATION_RATE_LIMIT", 5)
# Client IPs are read from X-Forwarded-For only when the request comes through one of these proxies.
GONGKAI_TRUSTED_PROXIES = env_list("GONGKAI_TRUSTED_PROXIES")
# Commenters' attachments are kept outside MEDIA_ROOT; put it on shared storage with several app servers.
GONGKAI_PRIVATE_MEDIA_ROOT = env_str("GONGKAI_PRIVATE_MEDIA_ROOT", str(Path(MEDIA_ROOT).parent / "private-media"))

# -- Security baseline (等保 2.0 level 3); see the README's "Security" section.
# Login lockout (django-axes): so many failures for one account or from one
# address within the window lock both out for the lockout time.
AXES_FAILURE_LIMIT = env_int("GONGKAI_LOGIN_FAILURE_LIMIT", 5)
GONGKAI_LOGIN_FAILURE_WINDOW_MINUTES = env_int("GONGKAI_LOGIN_FAILURE_WINDOW_MINUTES", 15)
GONGKAI_LOGIN_LOCKOUT_MINUTES = env_int("GONGKAI_LOGIN_LOCKOUT_MINUTES", 30)
AXES_COOLOFF_TIME = "security.lockout.cool_off"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "security.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.net.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ENABLE_ADMIN = False  # the Wagtail admin shows the records (security.admin_views)
# Two-factor login (django-otp TOTP + recovery codes); production requires it for
# superusers and the groups listed here, everyone else may enrol.
GONGKAI_REQUIRE_2FA = env_bool("GONGKAI_REQUIRE_2FA", False)
GONGKAI_2FA_GROUPS = ["网站管理员"]
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# Admin sessions: end after this long idle and after at most the maximum;
# without "remember me" the cookie ends with the browser.
GONGKAI_SESSION_IDLE_MINUTES = env_int("GONGKAI_SESSION_IDLE_MINUTES", 30)
GONGKAI_SESSION_MAX_HOURS = env_int("GONGKAI_SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = GONGKAI_SESSION_MAX_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# The database outage page asks clients to come back after this many seconds.
GONGKAI_OUTAGE_RETRY_AFTER = env_int("GONGKAI_OUTAGE_RETRY_AFTER", 60)
# What /healthz/ checks, in order (dotted paths to functions returning an error or "").
# Content-Security-Policy (django-csp): the public site allows no inline code;
# the Wagtail admin (under /admin/) keeps the inline scripts and styles it needs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
GONGKAI_ADMIN_URL_PREFIX = "/admin/"
GONGKAI_ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
}
GONGKAI_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)
# No avatars fetched from a third-party service.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Front cache (Varnish): Cache-Control lifetimes of public pages, in seconds, and the caches
# to purge when a page changes (comma-separated base URLs; PURGE requests go there).
GONGKAI_CACHE_MAX_AGE = env_int("GONGKAI_CACHE_MAX_AGE", 60)
GONGKAI_CACHE_SHARED_MAX_AGE = env_int("GONGKAI_CACHE_SHARED_MAX_AGE", 600)
GONGKAI_FRONTEND_CACHE_URLS = env_list("GONGKAI_FRONTEND_CACHE_URLS")
# /healthz/ answers 503 when one of these fails (database, cache, search, worker).
GONGKAI_HEALTH_REQUIRED = env_list("GONGKAI_HEALTH_REQUIRED", ("database", "cache", "search"))
WAGTAILFRONTENDCACHE = {
    f"cache{number}": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": url}
    for number, url in enumerate(GONGKAI_FRONTEND_CACHE_URLS, start=1)
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
