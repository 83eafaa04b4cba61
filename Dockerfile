# One image for web, worker and beat (docker-compose.yml picks the command).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    STATIC_ROOT=/app/var/static

WORKDIR /app

# Dependencies first, so code changes reuse the cached layer. All pins are in requirements.txt.
COPY requirements.txt ./
RUN pip install -r requirements.txt

# Only the application (no .venv, local database or test data from the build context).
COPY manage.py ./
COPY config ./config
COPY annotations ./annotations
COPY credibility ./credibility
COPY seeds ./seeds

# Static files are collected at build time; the key is a throwaway that only satisfies settings
# import (DEBUG is off) and never reaches a running container.
RUN SECRET_KEY=collectstatic-build-only python manage.py collectstatic --noinput \
    && useradd --create-home --uid 1000 app \
    && chown -R app:app /app/var

USER app
EXPOSE 8000

CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
