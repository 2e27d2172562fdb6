"""Every ``--format`` choice has a renderer, documented, and loaded only when it is asked for."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from dipdiff.compare import compare
from dipdiff.model import Statement
from dipdiff.options import CompareOptions
from dipdiff.render import _MODULES, Format, RenderOptions, formats, renderer
from tests.conftest import CORPUS, ROOT
from tests.helpers import expect, run_cli

SEED = CORPUS / "ru-mfa" / "unknown-korean-peninsula.md"
REVISION = CORPUS / "ru-mfa" / "unknown-korean-peninsula-illustrative-revision.md"
OLD = Statement("old.txt", ("We are concerned.", "Talks will continue."))
NEW = Statement("new.txt", ("We are gravely concerned.", "Talks will continue.", "A new paragraph."))


def test_every_format_has_exactly_one_renderer_module() -> None:
    assert set(_MODULES) == set(Format)
    assert formats() == tuple(Format)
    assert len(set(_MODULES.values())) == len(Format)


@pytest.mark.parametrize("fmt", list(Format), ids=[f.value for f in Format])
def test_every_renderer_renders_a_comparison(fmt: Format) -> None:
    result = compare(OLD, NEW, CompareOptions(classify=False))
    text = renderer(fmt)(result, RenderOptions(width=80))
    assert isinstance(text, str) and text.endswith("\n")
    assert "gravely" in text and "A new paragraph." in text


@pytest.mark.parametrize("fmt", list(Format), ids=[f.value for f in Format])
def test_the_command_line_accepts_every_format(fmt: Format) -> None:
    run = expect(run_cli("compare", str(SEED), str(REVISION), "--format", fmt.value), 1)
    assert run.stdout.strip()


def test_the_command_line_refuses_other_formats_naming_the_choices() -> None:
    run = expect(run_cli("compare", str(SEED), str(REVISION), "--format", "pdf"), 2)
    assert all(f.value in run.stderr for f in Format), run.stderr


def test_the_readme_documents_every_format() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `--format`"))
    assert sorted(re.findall(r"`(\w+)`", row.split("|")[2])) == sorted(f.value for f in Format)


def test_report_renderers_load_their_libraries_only_when_rendering() -> None:
    code = (
        "import sys, dipdiff.cli, dipdiff.render.markdown, dipdiff.render.html\n"
        "heavy = [m for m in ('jinja2', 'markdown_it', 'rich') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
