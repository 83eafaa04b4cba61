# One image for web, worker, beat and the one-shot migrate (docker-compose.yml picks the command).
#
# The base image is pinned by digest as well as by tag: the tag moves with every Python patch
# release and Debian update, a digest names exactly the image that was built and tested.
# PYTHON_IMAGE_DIGEST is EMPTY here because it could not be looked up from where this file was
# written (no access to the image registry); until it is filled, builds follow the moving tag.
# Fill it (and re-verify it whenever PYTHON_IMAGE changes) with the index digest that
#   docker buildx imagetools inspect python:3.11-slim-bookworm
# prints as "Digest: sha256:…", either here or with
#   docker compose build --build-arg PYTHON_IMAGE_DIGEST=sha256:…
ARG PYTHON_IMAGE=python:3.11-slim-bookworm
ARG PYTHON_IMAGE_DIGEST=
FROM ${PYTHON_IMAGE}${PYTHON_IMAGE_DIGEST:+@${PYTHON_IMAGE_DIGEST}}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    STATIC_ROOT=/app/var/static

WORKDIR /app

# Dependencies first, so code changes reuse the cached layer. requirements.txt is the pip-tools
# lock (make lock): every package, transitive ones included, pinned with its hashes, and pip
# refuses anything that is not.
COPY requirements-bootstrap.txt requirements.txt ./
RUN pip install --require-hashes -r requirements-bootstrap.txt \
    && pip install --require-hashes -r requirements.txt

# Only the application; .dockerignore keeps out tests, docs, local databases, the benchmarks and
# the quality/evaluation code even where they sit inside these folders.
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

# Bind address, workers, access log and log format: config/gunicorn.conf.py.
CMD ["gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi:application"]
