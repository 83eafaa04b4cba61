"""The web process does not load the claim analyser or the English lexicon it builds its tables from.

Importing ``credibility.analysis.claims.matching`` builds its concept table, which reads the whole
English lexicon (about 90 MB a process); the API's read endpoints never analyse a claim, so the
app gunicorn loads must not import it. Checked in a fresh interpreter: this test process has
imported everything already.
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
from credibility.analysis.lexicons import english
print(json.dumps({
    "matching": "credibility.analysis.claims.matching" in sys.modules,
    "profile_codec": "credibility.analysis.claims.profile_codec" in sys.modules,
    "lexicon_loaded": english._data.cache_info().currsize,
}))
"""


def test_the_wsgi_application_loads_without_the_claim_analyser():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.test")}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == {"matching": False, "profile_codec": False, "lexicon_loaded": 0}


def test_stored_profiles_still_decode_through_the_lazy_imports():
    from credibility.analysis.claims.matching import profile
    from credibility.analysis.claims.profile_codec import analyser_version, profile_dumps
    from credibility.models import FactCheck
    from credibility.retrieval.profiles import stored_profile

    claim = "The ferry operator said crossings fell by 12% over the winter."
    factcheck = FactCheck(claim_reviewed=claim)
    factcheck.stored_profile_version = analyser_version()  # type: ignore[attr-defined]
    factcheck.stored_profile_data = profile_dumps(profile(claim))  # type: ignore[attr-defined]
    assert stored_profile(factcheck) == profile(claim)
    factcheck.stored_profile_version = "profile0-stale"  # type: ignore[attr-defined]
    assert stored_profile(factcheck) is None
