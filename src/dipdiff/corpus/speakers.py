"""The speakers registry, ``<corpus>/speakers.yaml``: who may appear as a statement's ``speaker``.

The file maps each speaker id to its display name, country (ISO 3166-1 alpha-3, optional) and
aliases (optional list)::

    ru-mfa:
      name: Ministry of Foreign Affairs of the Russian Federation
      country: RUS
      aliases: [Russian MFA, MID]
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dipdiff.corpus.layout import REGISTRY_NAME, is_valid_id
from dipdiff.errors import CorpusError
from dipdiff.safeyaml import YamlRefused, duplicate_keys, load_yaml

ENTRY_FIELDS = ("name", "country", "aliases")


@dataclass(frozen=True, slots=True)
class Speaker:
    """One entry of the registry."""

    id: str
    """The folder name under the corpus and the ``speaker`` field of its statements."""
    name: str
    """Display name."""
    country: str | None = None
    """ISO 3166-1 alpha-3 code, when the speaker belongs to one country."""
    aliases: tuple[str, ...] = ()
    """Other names the speaker goes by."""


@dataclass(frozen=True, slots=True)
class Registry:
    """All speakers of a corpus, and what was wrong with the file's entries."""

    speakers: Mapping[str, Speaker]
    problems: tuple[tuple[int, str], ...] = ()
    """(1-based line, message) for each malformed entry; malformed entries are still registered."""

    def __contains__(self, speaker_id: object) -> bool:
        return speaker_id in self.speakers

    def suggest(self, speaker_id: str) -> str | None:
        """Return the registered id most like ``speaker_id`` (by id or alias), if any is close."""
        names = {sid: sid for sid in self.speakers}
        for speaker in self.speakers.values():
            for alias in (speaker.name, *speaker.aliases):
                names.setdefault(alias.casefold(), speaker.id)
        match = difflib.get_close_matches(speaker_id.casefold(), list(names), n=1, cutoff=0.6)
        return names[match[0]] if match else None


def registry_path(root: Path) -> Path:
    """Where a corpus keeps its registry."""
    return root / REGISTRY_NAME


def require_registry_file(root: Path) -> None:
    """``CorpusError`` naming the registry when ``root`` has something at its place that is not a
    regular file (a folder, a pipe, a broken link): the corpus is neither missing its registry nor
    startable there."""
    import stat

    from dipdiff.files import kind_of

    path = registry_path(root)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if not path.is_symlink():
            return
        problem = "a symbolic link to nothing"
    except OSError as exc:
        problem = f"cannot be looked at: {exc.strerror or exc}"
    else:
        if stat.S_ISREG(mode):
            return
        problem = kind_of(mode)
    raise CorpusError(f"is {problem}; the speakers registry must be a YAML file", source=str(path))


def load_registry(root: Path) -> Registry:
    """Read ``speakers.yaml``; a missing or unparsable file is a ``CorpusError``."""
    return parse_registry(read_registry(root), root)


def read_registry(root: Path) -> bytes:
    """The registry's bytes; a missing, unreadable or non-regular file is a ``CorpusError``."""
    from dipdiff.files import read_regular

    path = registry_path(root)
    require_registry_file(root)
    try:
        return read_regular(path)
    except FileNotFoundError:
        raise CorpusError(
            f"no {REGISTRY_NAME}: not a dipdiff corpus (use --corpus DIR, or start one with "
            "'dipdiff corpus init DIR')",
            source=str(root),
        ) from None
    except OSError as exc:
        raise CorpusError(f"cannot read: {exc.strerror or exc}", source=str(path)) from None


def parse_registry(data: bytes, root: Path) -> Registry:
    """The registry in ``data`` (the bytes of ``root``'s ``speakers.yaml``); ``CorpusError`` when it is
    not UTF-8 or not a mapping of speaker entries. The same bytes always give the same registry, so the
    corpus index keeps the result by their hash."""
    path = registry_path(root)
    text = _decoded(data, path)
    try:
        loaded = load_yaml(text) or {}
    except YamlRefused as exc:
        raise CorpusError(str(exc), source=str(path)) from None
    if not isinstance(loaded, dict):
        raise CorpusError("must map speaker ids to entries", source=str(path))
    lines = _key_lines(text)
    speakers: dict[str, Speaker] = {}
    problems = [
        (line, f"speaker id {key!r} is registered twice; only the last entry counts")
        for line, key in duplicate_keys(text)
    ]
    for key, entry in loaded.items():
        sid = str(key)
        speaker, entry_problems = _speaker(sid, entry)
        problems += [(lines.get(sid, 1), message) for message in entry_problems]
        speakers[sid] = speaker
    return Registry(speakers, tuple(problems))


def _read(root: Path) -> str:
    """The registry's text; ``CorpusError`` when it is missing, unreadable or not UTF-8."""
    return _decoded(read_registry(root), registry_path(root))


def _decoded(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"not UTF-8: {exc.reason} at byte {exc.start}", source=str(path)) from None


def _speaker(sid: str, entry: Any) -> tuple[Speaker, list[str]]:
    """Build one speaker, listing what is wrong with its entry."""
    problems = []
    if not is_valid_id(sid):
        problems.append(f"speaker id {sid!r} must be lowercase letters, digits and single hyphens")
    if not isinstance(entry, dict):
        return Speaker(sid, sid), [*problems, f"{sid}: entry must be a mapping with a name"]
    unknown = sorted(str(k) for k in entry if k not in ENTRY_FIELDS)
    if unknown:
        problems.append(f"{sid}: unknown field(s) {', '.join(unknown)}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(f"{sid}: 'name' is required and must be text")
        name = sid
    country = entry.get("country")
    if country is not None and not is_country(country):
        problems.append(f"{sid}: country {country!r} is not an ISO 3166-1 alpha-3 code")
        country = None
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        problems.append(f"{sid}: 'aliases' must be a list of names")
        aliases = []
    return Speaker(sid, name, country, tuple(aliases)), problems


def is_country(code: Any) -> bool:
    """Whether ``code`` is a current or historic ISO 3166-1 alpha-3 code."""
    if not isinstance(code, str) or len(code) != 3 or not code.isupper():
        return False
    import pycountry

    return (
        pycountry.countries.get(alpha_3=code) is not None
        or pycountry.historic_countries.get(alpha_3=code) is not None
    )


def _key_lines(text: str) -> dict[str, int]:
    """Line of each top-level key, for pointing at a bad entry."""
    lines = {}
    for number, line in enumerate(text.splitlines(), 1):
        if line[:1] not in ("", " ", "\t", "#", "-") and ":" in line:
            lines[line.split(":", 1)[0].strip().strip("'\"")] = number
    return lines


REGISTRY_HEADER = """\
# The speakers of this corpus: each id (the folder its statements are filed under) maps to a display
# name, an optional ISO 3166-1 alpha-3 country and optional aliases, e.g.
#
# ru-mfa:
#   name: Ministry of Foreign Affairs of the Russian Federation
#   country: RUS
#   aliases: [Russian MFA, MID]
#
# 'dipdiff corpus add --new-speaker NAME' appends entries here.
"""


def create_registry(root: Path) -> Path:
    """Start a corpus at ``root``: make the folder if need be and write an empty ``speakers.yaml``.

    A folder that already holds a registry is refused (``CorpusError``), and nothing else in the folder
    is touched, so an existing corpus is never changed."""
    from dipdiff.atomic import write_atomic

    path = registry_path(root)
    require_registry_file(root)
    if path.exists() or path.is_symlink():
        raise CorpusError(f"{REGISTRY_NAME} exists already: this is a dipdiff corpus", source=str(root))
    if root.exists() and not root.is_dir():
        raise CorpusError("not a folder", source=str(root))
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CorpusError(f"cannot make the folder: {exc.strerror or exc}", source=str(root)) from None
    write_atomic(path, REGISTRY_HEADER)
    return path


def register_speaker(root: Path, speaker: Speaker) -> None:
    """Append a new speaker to the registry atomically, keeping the file's comments and order.

    The read, the check and the write happen under a lock on the registry, so that concurrent
    ``corpus add --new-speaker`` runs each add their speaker and none is lost, and of two runs
    registering one id, the second is refused.
    """
    from dipdiff.atomic import write_atomic

    path = registry_path(root)
    with _locked(path):
        registry = load_registry(root)
        if speaker.id in registry:  # by a run that went first: the same answer as when it finished first
            raise CorpusError(
                f"speaker '{speaker.id}' is already registered; drop --new-speaker", source=str(path)
            )
        text = _read(root)
        entry = {"name": speaker.name}
        if speaker.country:
            entry["country"] = speaker.country
        if speaker.aliases:
            entry["aliases"] = list(speaker.aliases)  # type: ignore[assignment]
        import yaml

        block = yaml.safe_dump({speaker.id: entry}, sort_keys=False, allow_unicode=True, width=100)
        separator = "" if not text or text.endswith("\n") else "\n"
        write_atomic(path, text + separator + block, overwrite=True)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the registry file for a read-modify-write.

    The lock is on the file itself (``flock``), so no lock file is left in the corpus. Each write
    replaces the file by renaming a new one over it, so a waiter that wakes holding the lock of a file
    that has since been replaced opens the path again and locks the new file.
    """
    import fcntl

    from dipdiff.files import open_regular

    while True:
        try:
            handle = open_regular(path)
        except OSError as exc:
            raise CorpusError(f"cannot lock: {exc.strerror or exc}", source=str(path)) from None
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            current = os.stat(path)
        except OSError:
            current = None
        held = os.fstat(handle.fileno())
        if current is not None and (current.st_dev, current.st_ino) == (held.st_dev, held.st_ino):
            break
        handle.close()  # replaced while we waited: lock the file that is there now
    try:
        yield
    finally:
        handle.close()  # closing the descriptor releases the lock
