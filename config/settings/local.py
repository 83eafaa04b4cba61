"""Embedded default for a laptop: DEBUG on, SQLite and eager Celery unless the environment says otherwise."""
import os

os.environ.setdefault("DEBUG", "1")

from config.settings.base import *  # noqa: E402,F401,F403
