"""Settings for the benchmark's gunicorn only: production settings plus the bench URLconf.

Never used by a deployment. The bench passes SECRET_KEY, turns the HTTPS redirect off (loopback,
plain HTTP) and raises the throttle rates through the environment, so the figures measure the
code, not the rate limiter. ``BENCH_CELERY_QUEUE`` keeps the bench's tasks on its own queue.
"""

import os

from config.settings.production import *  # noqa: F401,F403

ROOT_URLCONF = "credibility.quality.benchmarks.urls"
if os.environ.get("BENCH_CELERY_QUEUE"):
    CELERY_TASK_DEFAULT_QUEUE = os.environ["BENCH_CELERY_QUEUE"]
