"""Which files changed since a git ref: what ``check --since REF`` checks."""

from __future__ import annotations

import subprocess
from pathlib import Path

from dipdiff.errors import CorpusError


def changed_since(ref: str, where: Path) -> list[Path]:
    """Files added, copied, modified or renamed since ``ref``, plus untracked ones, as absolute paths."""
    if ref.startswith("-"):
        raise CorpusError(f"--since {ref!r} is not a git ref")
    try:
        top = _git(["rev-parse", "--show-toplevel"], where).strip()
    except CorpusError as exc:
        if "not a git repository" not in str(exc):
            raise
        raise CorpusError(
            f"not in a git repository, so --since {ref} has nothing to compare with", source=str(where)
        ) from None
    root = Path(top)
    changed = _git(["diff", "--name-only", "-z", "--no-renames", "--diff-filter=ACMRT", ref, "--"], root)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    names = {name for name in (changed + untracked).split("\0") if name}
    return sorted(root / name for name in names)


def _git(args: list[str], where: Path) -> str:
    """Run git and return its output; any failure is a one-line ``CorpusError``."""
    try:
        result = subprocess.run(
            ["git", *args], cwd=where, capture_output=True, text=True, check=False, timeout=120
        )
    except FileNotFoundError:
        raise CorpusError("--since needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise CorpusError("git took too long to answer") from None
    if result.returncode != 0:
        detail = (result.stderr.strip().splitlines() or ["failed"])[0]
        raise CorpusError(f"git {args[0]}: {detail}")
    return result.stdout
