"""Packaged data files (rules, lexicons, schemas), read once and cached."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from dipdiff.datacache import cached
from dipdiff.errors import ConfigError
from dipdiff.safeyaml import YamlRefused, load_packaged_yaml, load_yaml

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


@functools.cache
def packaged_text(name: str) -> str:
    """Return the text of a file under ``dipdiff/data``."""
    from importlib import resources

    return resources.files("dipdiff").joinpath("data", *name.split("/")).read_text(encoding="utf-8")


def packaged_yaml(name: str) -> Any:
    """Return the parsed content of a YAML file under ``dipdiff/data``."""
    return _packaged_yaml()[name]


@functools.cache
def _packaged_yaml() -> dict[str, Any]:
    """Every packaged YAML file by its name under ``data/``, parsed once and cached between runs."""
    folder = Path(__file__).resolve().parent / "data"
    if not folder.is_dir():  # installed inside an archive: read through importlib, without the cache
        from importlib import resources

        return _parse_yaml_files(resources.files("dipdiff").joinpath("data"))
    # os.walk rather than Path.rglob, whose pattern compilation costs milliseconds of every run.
    files = sorted(
        Path(root, name) for root, _, names in os.walk(folder) for name in names if name.endswith(".yaml")
    )
    return cast(dict[str, Any], cached("data", files, lambda: _parse_yaml_files(folder)))


def _parse_yaml_files(folder: Traversable) -> dict[str, Any]:
    parsed: dict[str, Any] = {}
    pending = [("", folder)]
    while pending:
        prefix, directory = pending.pop()
        for entry in directory.iterdir():
            if entry.is_dir():
                pending.append((f"{prefix}{entry.name}/", entry))
            elif entry.name.endswith(".yaml"):
                parsed[prefix + entry.name] = load_packaged_yaml(entry.read_text(encoding="utf-8"))
    return parsed


def user_yaml(path: Path, *, what: str) -> dict[str, Any]:
    """Read a user's YAML mapping (config or lexicon), with a one-line error when it is unusable."""
    from dipdiff.files import read_regular

    try:
        text = read_regular(path).decode("utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{what} file not found", source=str(path)) from None
    except IsADirectoryError:
        raise ConfigError(f"{what} path is a directory", source=str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read {what} file: {exc.strerror or exc}", source=str(path)) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{what} file is not UTF-8 (byte {exc.start})", source=str(path)) from None
    try:
        data = load_yaml(text)
    except YamlRefused as exc:
        raise ConfigError(str(exc), source=str(path)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{what} file must hold a YAML mapping", source=str(path))
    return data
