"""Settings shared by every run mode. Everything that differs between machines comes from the
environment (12-factor); see README "Configuration"."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("SUNSHINE_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "sunshine.kernel.audit",
    "sunshine.kernel.orgs",
    "sunshine.kernel.accounts",
    "sunshine.kernel.access",
    "sunshine.kernel.sites",
    "sunshine.kernel.workcalendar",
    "sunshine.kernel.deadlines",
    "sunshine.kernel.jobs",
    "sunshine.kernel.notify",
    "sunshine.kernel.search",
    "sunshine.kernel.files",
    "sunshine.kernel.workflow",
    "sunshine.kernel.ratings",
    "sunshine.kernel.duban",
    "sunshine.kernel.backup",
    "sunshine.disclosure.records",
    "sunshine.disclosure.docparse",
    "sunshine.disclosure.interpretations",
    "sunshine.disclosure.catalog",
    "sunshine.disclosure.gazette",
    "sunshine.disclosure.foi",
    "sunshine.disclosure.releases",
    "sunshine.disclosure.answers",
    "sunshine.disclosure.annualreport",
    "sunshine.participation.meetings",
    "sunshine.participation.messages",
    "sunshine.participation.messagetopics",
    "sunshine.participation.sentiment",
    "sunshine.participation.consultations",
    "sunshine.participation.opinion",
    "sunshine.participation.briefings",
    "sunshine.servicehall.catalog",
    "sunshine.servicehall.applications",
    "sunshine.servicehall.supervision",
    "sunshine.governance.decisions",
    "sunshine.governance.powers",
    "sunshine.governance.spotchecks",
    "sunshine.governance.accountability",
    "sunshine.governance.crossreview",
    "sunshine.governance.keyitems",
    "sunshine.governance.enforcement",
    "sunshine.opendata.datasets",
    "sunshine.assessment.training",
    "sunshine.assessment.workplans",
    "sunshine.opendata.trading",
    "sunshine.assessment.scores",
    "sunshine.assessment.sitecheck",
    "sunshine.assessment.errorreports",
    "sunshine.assessment.clockboard",
    "sunshine.portal",
    "sunshine.workbench",
    "sunshine.api",
    "sunshine.demo",
]

MIDDLEWARE = [
    # First: every response gets the Content-Security-Policy, static files and errors included.
    "sunshine.kernel.sites.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sunshine.kernel.sites.middleware.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sunshine.kernel.sites.middleware.CurrentSiteMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "sunshine" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sunshine.kernel.sites.context_processors.site",
            ],
        },
    }
]
# Django's form renderer, with 请选择 for a select's blank choice instead of "---------".
FORM_RENDERER = "sunshine.workbench.forms.PleaseChooseRenderer"

# --- Database: SQLite file (embedded default) unless DATABASE_URL says otherwise.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "sunshine.sqlite3",
            "OPTIONS": {
                # IMMEDIATE: a writer takes the lock at BEGIN, so two writers queue instead of
                # failing with "database is locked" half-way through (audit chain appends).
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DB_VENDOR = DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]

# --- Cache: Redis when REDIS_URL is set, otherwise per-process memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_PREFIX", "sunshine"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background jobs (Django tasks API; see kernel/jobs).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task still RUNNING when its worker has not beaten for this long goes back in the queue
# (kernel/jobs/orphans.py). Keep it well above the 20 s heartbeat and short database outages.
JOBS_ORPHAN_AFTER_SECONDS = float(os.environ.get("JOBS_ORPHAN_AFTER_SECONDS", "300"))
# Backups (kernel/backup): where pg_dump/pg_restore/psql live if not in
# /usr/lib/postgresql/<server major>/bin or on PATH.
BACKUP_PG_BIN_DIR = os.environ.get("BACKUP_PG_BIN_DIR", "")

# --- Untrusted files (docs/files.md). Text of DOCX/XLSX/PDF and image headers are read in a
# separate process under these limits (any subset of kernel/files/safe_extract/limits.py
# DEFAULTS: unpacked size, parts, ratio, XML elements, PDF pages, image pixels, memory, CPU
# and wall time); past one the file is kept with "文件过大，未提取文字".
FILE_EXTRACT_LIMITS = {
    "memory_mb": int(os.environ.get("FILE_EXTRACT_MEMORY_MB", "1024")),
    "wall_seconds": int(os.environ.get("FILE_EXTRACT_WALL_SECONDS", "60")),
}
# The historical gazette's OCR runs in the same bounded worker, with more memory: RapidOCR's
# model does not load under 1,024 MB (disclosure/gazette/pagetext.py).
GAZETTE_OCR_MEMORY_MB = int(os.environ.get("GAZETTE_OCR_MEMORY_MB", "2048"))
# Catalog XLSX: an import of more rows is refused; above SYNC rows/items an import or export
# runs as a background task with a progress page.
CATALOG_IMPORT_MAX_ROWS = int(os.environ.get("CATALOG_IMPORT_MAX_ROWS", "20000"))
CATALOG_IMPORT_SYNC_ROWS = 2_000
CATALOG_EXPORT_SYNC_ROWS = 2_000

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["sunshine.kernel.accounts.backends.ThrottledEmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workbench:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "sunshine.kernel.accounts.passwords.CharacterClassValidator"},
]
# Login throttling (kernel/accounts/throttle.py): per (account, client) the first
# LOGIN_FREE_FAILURES failures are free, then each waits 1 s, 2 s, 4 s … up to the maximum;
# per client over all accounts, LOGIN_CLIENT_MAX_FAILURES in the window lock that client.
# The owner can always sign in through an e-mailed unlock link.
LOGIN_FREE_FAILURES = int(os.environ.get("LOGIN_FREE_FAILURES", "3"))
LOGIN_DELAY_BASE_SECONDS = 1
LOGIN_DELAY_MAX_SECONDS = int(os.environ.get("LOGIN_DELAY_MAX_SECONDS", "900"))
LOGIN_FAILURE_MEMORY_SECONDS = 24 * 3600
LOGIN_CLIENT_MAX_FAILURES = int(os.environ.get("LOGIN_CLIENT_MAX_FAILURES", "30"))
LOGIN_CLIENT_WINDOW_SECONDS = 3600
LOGIN_CLIENT_LOCK_SECONDS = int(os.environ.get("LOGIN_CLIENT_LOCK_SECONDS", "900"))
LOGIN_UNLOCK_VALID_SECONDS = 1800
LOGIN_UNLOCK_RESEND_SECONDS = 300
LOGIN_UNLOCK_MAX_ATTEMPTS = 3
# Proxies whose X-Forwarded-For is believed (CIDRs, comma-separated), e.g. the load balancer
# and nginx: "10.0.0.0/8,127.0.0.1". Empty: the header is ignored (kernel/access/client.py).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "sunshine" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns at every request without it
STATICFILES_DIRS = [BASE_DIR / "sunshine" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@gd.gov.cn")
# Absolute links in e-mails; empty means https://SITE_DOMAIN.
NOTIFY_BASE_URL = os.environ.get("NOTIFY_BASE_URL", "")

# --- Site identity of the default site (rules.md §10). Other sites of the cluster are rows.
SITE_NAME = os.environ.get("SITE_NAME", "广东省人民政府")
SITE_DOMAIN = os.environ.get("SITE_DOMAIN", "www.gd.gov.cn")
SITE_ID_CODE = os.environ.get("SITE_ID_CODE", "4400000035")  # 网站标识码
SITE_ICP = os.environ.get("SITE_ICP", "粤ICP备05070829号")
SITE_PSB = os.environ.get("SITE_PSB", "粤公网安备 44010402001143号")  # 公安备案号
SITE_SPONSOR = os.environ.get("SITE_SPONSOR", "广东省人民政府办公厅")  # 主办单位
SITE_CONTACT = os.environ.get("SITE_CONTACT", "020-83135078")
# 党政机关标识: the id of the default site's page at bszs.conac.cn (empty: link the lookup).
SITE_CONAC_ID = os.environ.get("SITE_CONAC_ID", "")

# --- Deadline rules (rules.md). name: (unit, length, due-soon threshold in the same unit)
DEADLINE_DUE_SOON_WD = int(os.environ.get("DEADLINE_DUE_SOON_WD", "3"))

DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

SUNSHINE_LANGUAGE_NAMES = {"zh-hans": _("中文"), "en": _("English")}
