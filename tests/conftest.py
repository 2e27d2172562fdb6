"""Shared fixtures: the shared statements under DIPDIFF_DATA, the repository's corpus, a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


_TEST_CACHE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """Keep the reference-data cache (``dipdiff.datacache``) of test runs out of the user's own."""
    import tempfile

    if not os.environ.get("DIPDIFF_KEEP_USER_CACHE"):
        _TEST_CACHE.append(tempfile.mkdtemp(prefix="dipdiff-test-cache-"))
        os.environ["XDG_CACHE_HOME"] = _TEST_CACHE[-1]


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the test run's cache folder."""
    import shutil

    for folder in _TEST_CACHE:
        shutil.rmtree(folder, ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite golden files from the current output (review the diff before committing).",
    )


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def shared_data() -> Path | None:
    """The shared statements, or None when they are not on this machine."""
    path = Path(os.environ.get("DIPDIFF_DATA", ROOT.parent / "shared" / "data"))
    return path if path.is_dir() else None


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """DIPDIFF_DATA; skips the test when absent, or fails it when CI requires the data."""
    path = shared_data()
    if path is None:
        reason = (
            "shared statements not found: set DIPDIFF_DATA to the shared/data folder (default ../shared/data)"
        )
        if os.environ.get("DIPDIFF_REQUIRE_DATA"):
            pytest.fail(reason)
        pytest.skip(reason)
    return path
