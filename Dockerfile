# syntax=docker/dockerfile:1
# Inddrag's image (docs/deployment.md): one image for the app (gunicorn), the task worker
# (`manage.py db_worker`), the scheduler (`manage.py run_scheduler`) and migrations.
#   docker build -t inddrag .

# --- 1. The front-end assets: Det Fælles Designsystem and htmx, exactly as package-lock.json says.
FROM node:22-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error

# --- 2. The Python dependencies in a virtual environment (wheels, and pure-Python sdists such as
#        odfpy: no compiler needed).
FROM python:3.12-slim-bookworm AS python-deps
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY pyproject.toml /tmp/pyproject.toml
# The dependencies of pyproject.toml only: the code itself runs from /app (its paths to locale/
# and node_modules/ are relative to the source tree), so a code change does not reinstall them.
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('/tmp/pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
 && python -m venv /venv \
 && /venv/bin/pip install -r /tmp/requirements.txt

# --- 3. The image that runs.
FROM python:3.12-slim-bookworm
# xmlsec1 signs and checks SAML messages for NemLog-in (pysaml2 calls it).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends xmlsec1 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 inddrag \
 && useradd --system --uid 10001 --gid inddrag --home-dir /app --no-create-home --shell /usr/sbin/nologin inddrag \
 && mkdir -p /var/lib/inddrag/media \
 && chown -R inddrag:inddrag /var/lib/inddrag

ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=inddrag.settings \
    INDDRAG_VAR_DIR=/var/lib/inddrag \
    INDDRAG_STATIC_ROOT=/app/static \
    INDDRAG_LOG_FORMAT=json

COPY --from=python-deps /venv /venv
WORKDIR /app
COPY --from=assets /src/node_modules/dkfds/dist node_modules/dkfds/dist
COPY --from=assets /src/node_modules/htmx.org/dist node_modules/htmx.org/dist
COPY manage.py gunicorn.conf.py ./
COPY locale ./locale
COPY inddrag ./inddrag

# Translations and static files at build time, owned by root and read-only to the app. The key
# is for this step only (settings refuse to start without one); it is not kept in the image.
RUN SECRET_KEY=build-only-not-a-secret-build-only-not-a-secret-0123456789 \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    sh -c 'python manage.py compiletranslations && python manage.py collectstatic --noinput -v 0' \
 && rm -f /tmp/build.sqlite3 \
 && python -m compileall -q inddrag

# Uploaded files (and nothing else that must be kept) are written here: a volume.
VOLUME ["/var/lib/inddrag"]
USER inddrag:inddrag
EXPOSE 8000

# Alive = the app answers /healthz (no database). The worker and the scheduler, which serve no
# HTTP, switch this off in compose.yaml.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]

CMD ["gunicorn", "-c", "gunicorn.conf.py", "inddrag.wsgi"]
