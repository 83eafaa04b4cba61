"""Where the repository and the test fixtures are, for tests at any depth of the mirrored tree."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
