# Gongkai web application (also the image of the background worker).
# Build from the repository root:  docker build -t gongkai .
# Runtime configuration comes from the environment (see .env.example and README.md).

# ---- build stage: a virtualenv holding the pinned runtime requirements only ----
FROM python:3.11-slim AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install --require-virtualenv -r /tmp/requirements.txt


# ---- runtime stage ----
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    STATIC_ROOT=/srv/gongkai/static \
    MEDIA_ROOT=/srv/gongkai/media

# Unprivileged user; the media and static directories are its own so that named
# volumes mounted there start out writable by it.
RUN groupadd --gid 1000 gongkai \
    && useradd --uid 1000 --gid gongkai --no-log-init --create-home --shell /usr/sbin/nologin gongkai \
    && mkdir -p /srv/gongkai/static /srv/gongkai/media \
    && chown -R gongkai:gongkai /srv/gongkai

COPY --from=build /opt/venv /opt/venv

WORKDIR /app
# The code stays root-owned (read-only for the app user). .dockerignore keeps out
# .venv, var, media, staticfiles, .env and requirements-dev.txt.
COPY . /app
RUN python -m compileall -q /app

USER gongkai

# Static files are collected into the image at build time. The production settings
# insist on SECRET_KEY and ALLOWED_HOSTS, so throwaway values are given to this one
# command only; they are not kept in the image's environment.
RUN SECRET_KEY=collectstatic-build-only-not-a-secret ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput

EXPOSE 8000

# /healthz/ checks the app and its database. The request carries a Host from
# ALLOWED_HOSTS and X-Forwarded-Proto: https, as the TLS proxy in front would, so that
# neither host validation nor SECURE_SSL_REDIRECT turns it away.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; h = [x.strip().lstrip('.') for x in os.environ.get('ALLOWED_HOSTS', '').split(',') if x.strip() not in ('', '*')]; u.urlopen(u.Request('http://127.0.0.1:8000/healthz/', headers={'Host': (h or ['localhost'])[0], 'X-Forwarded-Proto': 'https'}), timeout=4)"]

# Workers, threads and timeout come from GUNICORN_* variables read by gunicorn.conf.py.
CMD ["gunicorn", "--config", "/app/gunicorn.conf.py", "config.wsgi:application"]
