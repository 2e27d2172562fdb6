"""Start-up stays lean: a JSON compare never loads rich, nor a terminal compare of text without wide
characters, and importing the CLI loads no heavy module.

Each check runs in a fresh interpreter, because this test process has long since imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import typer
from typer.core import TyperGroup

from dipdiff.cli.app import COMMANDS, app
from tests.conftest import CORPUS, ROOT
from tests.helpers import run_fresh

_HEAVY = ("rich", "numpy", "scipy", "jinja2", "markdown_it", "charset_normalizer", "yaml")
_COMMAND_MODULES = ("dipdiff.cli.compare", "dipdiff.cli.check", "dipdiff.cli.corpus", "dipdiff.cli.history")
SEED = CORPUS / "ru-mfa" / "unknown-korean-peninsula.md"
REVISION = CORPUS / "ru-mfa" / "unknown-korean-peninsula-illustrative-revision.md"


def test_json_compare_does_not_import_rich() -> None:
    run = run_fresh("compare", str(SEED), str(REVISION), "--format", "json", watch=["rich"])
    assert json.loads(run.stdout)["schema"] == "dipdiff/compare/v1"
    assert run.code == 1  # the illustrative revision differs: the compare really ran
    assert run.loaded == []


def test_terminal_compare_of_english_text_does_not_import_rich() -> None:
    """Its letters and punctuation (curly quotes here) are one cell wide: the view measures them by
    their length, without rich's width tables."""
    run = run_fresh("compare", str(SEED), str(REVISION), "--width", "80", watch=["rich"])
    assert "│" in run.stdout and run.code == 1  # the side-by-side view really ran
    assert run.loaded == []


def test_terminal_compare_of_chinese_text_loads_rich() -> None:
    """Wide characters are measured with rich's tables; and the probe can see rich, so the tests
    above can fail."""
    case = ROOT / "tests" / "cases" / "chinese"
    run = run_fresh("compare", str(case / "old.txt"), str(case / "new.txt"), "--width", "80", watch=["rich"])
    assert run.code == 1 and run.loaded == ["rich"]


_CONTENT_PAIRING = ("dipdiff.pairing.units", "dipdiff.pairing.content", "dipdiff.pairing.passages")


def test_a_revision_does_not_load_the_content_pairing() -> None:
    """A revision pairs on word similarity alone; the rewrite mode reads units and affinities (forced
    here on the same pair, so the probe can see the modules load)."""
    run = run_fresh("compare", str(SEED), str(REVISION), "--format", "json", watch=_CONTENT_PAIRING)
    assert json.loads(run.stdout)["mode"] == "revision"
    assert run.loaded == []
    run = run_fresh(
        "compare", str(SEED), str(REVISION), "--format", "json", "--mode", "rewrite", watch=_CONTENT_PAIRING
    )
    assert json.loads(run.stdout)["mode"] == "rewrite"
    assert run.loaded == sorted(_CONTENT_PAIRING)


def test_importing_the_cli_loads_no_heavy_module(tmp_path: Path) -> None:
    code = f"import sys, dipdiff.cli; print(sorted(m for m in {_HEAVY!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert done.stdout.strip() == "[]", done.stdout


def test_a_command_loads_only_its_own_module() -> None:
    run = run_fresh("compare", str(SEED), str(SEED), "-f", "json", watch=_COMMAND_MODULES)
    assert json.loads(run.stdout)["summary"]["equal"] > 0
    assert run.loaded == ["dipdiff.cli.compare"]
    run = run_fresh("corpus", "list", "--corpus", str(CORPUS), watch=_COMMAND_MODULES)
    assert run.code == 0 and run.loaded == ["dipdiff.cli.corpus"]


def test_help_and_suggestions_see_every_command_without_importing_one() -> None:
    run = run_fresh("--help", watch=_COMMAND_MODULES)
    commands = run.stdout.split("Commands:\n", 1)[1].split("\n\n", 1)[0]  # the exit codes follow
    listed = [line.split()[0] for line in commands.splitlines()]
    assert listed == ["compare", "check", "corpus", "timeline", "track", "blame"]
    assert run.loaded == []
    done = subprocess.run(
        [sys.executable, "-m", "dipdiff", "blam"], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 2
    assert "Did you mean 'blame'?" in done.stderr


def test_the_root_help_lists_each_command_by_the_first_sentence_of_its_own_help() -> None:
    """The root's help takes the summaries from ``COMMANDS``; they must not drift from the commands."""
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    for name, (module, summary) in COMMANDS.items():
        command = group.commands[name]
        assert command.callback is not None and command.callback.__module__ == module, name
        first = " ".join((command.help or "").split("\n\n", 1)[0].split())
        assert first == summary, name


_FREEZE_SEEN_AT_EXIT = (
    "import atexit, gc, sys\n"
    "atexit.register(lambda: print(gc.get_freeze_count() > 0, gc.get_threshold()[0]))\n"
    "if sys.argv[1:] == ['cli']:\n"
    "    import dipdiff.cli\n"
)


def test_the_cli_spares_the_collector_while_starting_and_at_exit(tmp_path: Path) -> None:
    """Importing the CLI raises the collector's first threshold and sets every object aside at exit
    (a third of a short compare's time above Typer was the collector walking start-up's objects);
    a plain interpreter does neither, so the probe can tell."""
    from dipdiff.cli import YOUNG_OBJECTS_BEFORE_A_COLLECTION

    def seen_at_exit(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", _FREEZE_SEEN_AT_EXIT, *args],
            capture_output=True,
            text=True,
            check=True,
            cwd=tmp_path,
        )
        return done.stdout.strip()

    assert seen_at_exit("cli") == f"True {YOUNG_OBJECTS_BEFORE_A_COLLECTION}"
    assert seen_at_exit() == "False 700"
