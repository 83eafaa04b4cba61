"""The web process does not load the English lexicon's full tables.

The claim analyser (``credibility.analysis.claims.matching``), which the API's views reach through
the analysis services, stems its word lists at import with the clean vocabulary; the rest of the
lexicon (wordfreq's frequencies, the misspellings, the edit index: about 100 MB a process) is only
read by analysis, which the web process never runs. Checked in a fresh interpreter with the app and
its URLconf loaded (what a gunicorn worker holds after its first request): this test process has
loaded everything already.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import json, sys
from config.wsgi import application
from django.urls import get_resolver
get_resolver().url_patterns
from credibility.analysis.lexicons import english
print(json.dumps({
    "matching": "credibility.analysis.claims.matching" in sys.modules,
    "vocabulary": english._vocabulary.cache_info().currsize,
    "lexicon": english._data.cache_info().currsize,
}))
"""


def test_the_web_application_loads_the_vocabulary_but_not_the_lexicon():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.test")}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == {"matching": True, "vocabulary": 1, "lexicon": 0}
