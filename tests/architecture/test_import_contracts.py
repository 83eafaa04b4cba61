"""The import-linter contracts (pyproject.toml) hold, and each one fails when it is broken on purpose.

Each probe copies the three packages into a temporary directory, adds one module that breaks a
contract, and runs ``lint-imports`` there: the source tree is never touched.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

# contract id -> (a module to add, its source)
BREAKERS = {
    "pure-packages": ("credibility/formats/_probe.py", "from django.db import models\n"),
    "analysis-core": ("credibility/analysis/_probe.py", "from credibility.retrieval import terms\n"),
    "annotations-independent": ("annotations/_probe.py", "import credibility.models\n"),
    "quality-not-imported": ("credibility/services/_probe.py", "from credibility.quality.benchmarks import analysis\n"),
}
# The layers probes need an upward import, made from a lower layer's module into a higher one.
UPWARD = {
    "annotations-layers": (
        "annotations/selectors.py",
        "from annotations.services import articles as _upward  # probe\n",
    ),
    "credibility-layers": (
        "credibility/models.py",
        "from credibility.selectors import source_list as _upward  # probe\n",
    ),
    "typos-layers": (
        "credibility/analysis/detectors/typos/vocabulary.py",
        "from credibility.analysis.detectors.typos import candidates as _upward  # probe\n",
    ),
    "attribution-layers": (
        "credibility/analysis/detectors/attribution/grammar.py",
        "from credibility.analysis.detectors.attribution import speakers as _upward  # probe\n",
    ),
}


def _lint(cwd: Path, contract: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--contract", contract],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("contracts")
    for package in ("annotations", "credibility", "config"):
        shutil.copytree(
            ROOT / package,
            root / package,
            ignore=shutil.ignore_patterns("__pycache__", "static", "templates", "migrations"),
        )
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


def test_every_contract_is_kept_on_the_real_tree():
    result = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize("contract", sorted([*BREAKERS, *UPWARD]))
def test_breaking_a_contract_on_purpose_fails_it(tree: Path, contract: str):
    assert _lint(tree, contract).returncode == 0  # kept before the probe
    if contract in UPWARD:
        target, line = UPWARD[contract]
        path = tree / target
        original = path.read_text()
        path.write_text(original + "\n" + line)
        cleanup = lambda: path.write_text(original)  # noqa: E731
    else:
        relative, source = BREAKERS[contract]
        path = tree / relative
        path.write_text(source)
        cleanup = path.unlink
    try:
        result = _lint(tree, contract)
    finally:
        cleanup()
    assert result.returncode != 0, result.stdout
    assert "BROKEN" in result.stdout


def test_every_contract_has_a_probe():
    import tomllib

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    assert {contract["id"] for contract in contracts} == set(BREAKERS) | set(UPWARD)
