"""Packaged data files (rules, lexicons, schemas), read once and cached."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

from dipdiff.errors import ConfigError
from dipdiff.safeyaml import YamlRefused, load_packaged_yaml, load_yaml


@functools.cache
def packaged_text(name: str) -> str:
    """Return the text of a file under ``dipdiff/data``."""
    return resources.files("dipdiff").joinpath("data", *name.split("/")).read_text(encoding="utf-8")


@functools.cache
def packaged_yaml(name: str) -> Any:
    """Parse a YAML file under ``dipdiff/data``."""
    return load_packaged_yaml(packaged_text(name))


def user_yaml(path: Path, *, what: str) -> dict[str, Any]:
    """Read a user's YAML mapping (config or lexicon), with a one-line error when it is unusable."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{what} file not found", source=str(path)) from None
    except IsADirectoryError:
        raise ConfigError(f"{what} path is a directory", source=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {what} file: {exc}", source=str(path)) from None
    try:
        data = load_yaml(text)
    except YamlRefused as exc:
        raise ConfigError(str(exc), source=str(path)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{what} file must hold a YAML mapping", source=str(path))
    return data
