# The image docker-compose.yml runs as web (gunicorn), worker and beat (Celery).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint needs Pango and a font; gettext compiles the translations below.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so that a code change does not reinstall them.
# pyproject.toml packages nothing ([tool.setuptools] packages = []): this installs the dependencies.
COPY pyproject.toml README.md ./
RUN pip install .

COPY . .
RUN python manage.py compilemessages --ignore=.venv --ignore=staticfiles --ignore=media

# Static files are collected here too, not only when the web service starts: the worker and beat
# render templates as well, and with DEBUG=0 {% static %} needs the manifest. The key below exists
# only for this command (settings refuse to load without one when DEBUG=0).
RUN DEBUG=0 SECRET_KEY=collectstatic-at-build-time-only-not-used-at-run-time ALLOWED_HOSTS=localhost \
    STATIC_ROOT=/app/staticfiles python manage.py collectstatic --noinput

# The web service re-collects into STATIC_ROOT as it starts; uploads go to MEDIA_ROOT, a volume that
# Docker initialises with this folder's owner.
RUN useradd --system --create-home --uid 1000 app \
    && mkdir -p /app/staticfiles /data/media \
    && chown -R app:app /app/staticfiles /data/media
USER app

EXPOSE 8000
CMD ["gunicorn", "mainstreaming.wsgi:application", "-b", "0.0.0.0:8000", "--workers", "3"]
