"""Start-up stays lean: a JSON compare never loads rich, nor a terminal compare of text without wide
characters, and importing the CLI loads no heavy module.

Each check runs in a fresh interpreter, because this test process has long since imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import CORPUS, ROOT

_PROBE = """
import sys
from dipdiff.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
sys.stdout.flush()
print(code, sorted(m for m in ("rich", "jinja2", "numpy", "scipy") if m in sys.modules), file=sys.stderr)
"""

_HEAVY = ("rich", "numpy", "scipy", "jinja2", "markdown_it", "charset_normalizer", "yaml")


def _probe(*args: str) -> tuple[str, str]:
    """Run ``dipdiff ARGS`` in a fresh interpreter; return stdout and the probe's last stderr line."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )
    return done.stdout, done.stderr.strip().splitlines()[-1]


def test_json_compare_does_not_import_rich() -> None:
    old = CORPUS / "ru-mfa" / "unknown-korean-peninsula.md"
    new = CORPUS / "ru-mfa" / "unknown-korean-peninsula-illustrative-revision.md"
    stdout, probe = _probe("compare", str(old), str(new), "--format", "json")
    assert json.loads(stdout)["schema"] == "dipdiff/compare/v1"
    code, loaded = probe.split(" ", 1)
    assert code == "1", probe  # the illustrative revision differs: the compare really ran
    assert "rich" not in loaded, probe


def test_terminal_compare_of_english_text_does_not_import_rich() -> None:
    """Its letters and punctuation (curly quotes here) are one cell wide: the view measures them by
    their length, without rich's width tables."""
    old = CORPUS / "ru-mfa" / "unknown-korean-peninsula.md"
    new = CORPUS / "ru-mfa" / "unknown-korean-peninsula-illustrative-revision.md"
    stdout, probe = _probe("compare", str(old), str(new), "--width", "80")
    assert "│" in stdout and probe.startswith("1 "), probe  # the side-by-side view really ran
    assert "rich" not in probe, probe


def test_terminal_compare_of_chinese_text_loads_rich() -> None:
    """Wide characters are measured with rich's tables; and the probe can see rich, so the tests
    above can fail."""
    case = ROOT / "tests" / "cases" / "chinese"
    _, probe = _probe("compare", str(case / "old.txt"), str(case / "new.txt"), "--width", "80")
    assert probe.startswith("1 ") and "rich" in probe, probe


def test_importing_the_cli_loads_no_heavy_module(tmp_path: Path) -> None:
    code = f"import sys, dipdiff.cli; print(sorted(m for m in {_HEAVY!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert done.stdout.strip() == "[]", done.stdout


_COMMAND_MODULES = ("dipdiff.cli.compare", "dipdiff.cli.check", "dipdiff.cli.corpus", "dipdiff.cli.history")


def _modules_loaded_by(*args: str) -> tuple[str, list[str]]:
    """Run ``dipdiff ARGS`` in a fresh interpreter; return its stdout and which command modules it loaded."""
    code = (
        "import json, sys\nfrom dipdiff.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps(sorted(m for m in {_COMMAND_MODULES!r} if m in sys.modules)), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    return done.stdout, json.loads(done.stderr.strip().splitlines()[-1])


def test_a_command_loads_only_its_own_module() -> None:
    seed = CORPUS / "ru-mfa" / "unknown-korean-peninsula.md"
    stdout, loaded = _modules_loaded_by("compare", str(seed), str(seed), "-f", "json")
    assert json.loads(stdout)["summary"]["equal"] > 0
    assert loaded == ["dipdiff.cli.compare"]
    _, loaded = _modules_loaded_by("corpus", "list", "--corpus", str(CORPUS))
    assert loaded == ["dipdiff.cli.corpus"]


def test_help_and_suggestions_still_see_every_command() -> None:
    stdout, loaded = _modules_loaded_by("--help")
    listed = [line.split()[0] for line in stdout.split("Commands:", 1)[1].splitlines() if line.strip()]
    assert listed == ["compare", "check", "corpus", "timeline", "track", "blame"]
    assert loaded == sorted(_COMMAND_MODULES)
    done = subprocess.run(
        [sys.executable, "-m", "dipdiff", "blam"], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 2
    assert "Did you mean 'blame'?" in done.stderr
