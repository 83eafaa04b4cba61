"""Embedded default for a laptop: DEBUG on, plain log lines, SQLite and eager Celery unless the
environment says otherwise (these defaults are written to the environment base.py reads)."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("LOG_FORMAT", "plain")

from config.settings.base import *  # noqa: E402,F401,F403
