"""Who speaks in a statement, as actor ids, so that its self-references name it.

A speech says "China will not be blackmailed" one year and "We will not be cowed" the next: the
speaker named itself both times, and no actor was dropped. The speaker is read from, in order: the
``--speaker`` option; the statement's front matter (``speaker``, ``country``), looked up in the corpus
registry (``<corpus>/speakers.yaml``) when the statement sits in a corpus; and file names that carry a
country code (the UN General Debate corpus names its speeches ``RUS_72_2017.txt``). Each name is read
with the actor lexicon: an ISO alpha-3 code or actor id stands for itself, any other name for the
actors it names ("Ministry of Foreign Affairs of the Russian Federation" is Russia).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, NamedTuple

from dipdiff.errors import ConfigError
from dipdiff.model import Statement
from dipdiff.shifts.actors import actors_of
from dipdiff.shifts.lexicon import Lexicon


class Speakers(NamedTuple):
    """The actor ids of whoever speaks in the old and in the new statement (empty: not known)."""

    old: frozenset[str] = frozenset()
    new: frozenset[str] = frozenset()

    @classmethod
    def of(cls, old: Statement, new: Statement, lexicon: Lexicon, speaker: str | None = None) -> Speakers:
        """Read both statements' speakers (``speaker`` overrides both when given)."""
        return cls(speaker_ids(old, lexicon, speaker), speaker_ids(new, lexicon, speaker))

    @classmethod
    def named(cls, old: str, new: str, lexicon: Lexicon) -> Speakers:
        """The speakers of each side, by name ("China", "CHN", "Security Council")."""
        return cls(frozenset(actor_ids_of(old, lexicon)), frozenset(actor_ids_of(new, lexicon)))


def speaker_ids(statement: Statement, lexicon: Lexicon, speaker: str | None = None) -> frozenset[str]:
    """The actor ids of whoever speaks in ``statement`` (empty when nothing says)."""
    names = [speaker] if speaker else _named_speakers(statement, lexicon)
    ids: set[str] = set()
    for name in names:
        ids |= actor_ids_of(name, lexicon)
    if speaker and not ids:
        # Said to speak, yet unknown: reading on would silently drop what the files say of the speaker.
        raise ConfigError(
            "names no country, organisation or leader in the actor lexicon; give a country's name or "
            "ISO code (China, CHN, Russian Federation)",
            source=f"--speaker {speaker!r}",
        )
    return frozenset(ids)


def actor_ids_of(name: str, lexicon: Lexicon) -> set[str]:
    """The actors a speaker's name stands for: itself when it is an actor id, else those it names."""
    from dipdiff.shifts.clauses import Side

    actors = actors_of(lexicon)
    name = name.strip()
    if name in actors.names or (name.upper() in actors.names and len(name) == 3):
        return {name if name in actors.names else name.upper()}
    side = Side.of(name)
    return {m.value for m in actors.matcher.find(side.words, keys=side.keys) if m.value is not None}


def _named_speakers(statement: Statement, lexicon: Lexicon) -> list[str]:
    """Names of the speaker from the statement's metadata, its corpus registry and its file name."""
    names = [str(statement.meta[key]) for key in ("speaker", "country") if statement.meta.get(key)]
    if statement.source != "-":
        path = Path(statement.source)
        names += _registered(path, str(statement.meta.get("speaker", "")))
        for pattern in actors_of(lexicon).speaker_files:
            match = re.search(pattern, path.name)
            if match:
                names.append(match.group("speaker"))
        names += [
            name for pattern, name in actors_of(lexicon).speaker_file_names if re.search(pattern, path.name)
        ]
    return names


def _registered(path: Path, speaker_id: str) -> list[str]:
    """The registry entry of a statement's speaker, when the statement sits in a corpus folder."""
    if not speaker_id:
        return []
    registry_file = path.parent.parent / "speakers.yaml"
    try:
        stat = registry_file.stat()
    except OSError:
        return []
    if not registry_file.is_file():
        return []
    names = _registry_names(
        str(registry_file), (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
    )
    return list(names.get(speaker_id, ()))


@functools.lru_cache(maxsize=8)
def _registry_names(registry_file: str, stat_key: tuple[int, int, int, int]) -> dict[str, tuple[str, ...]]:
    """Each registered speaker's names, read once per registry file and version (``stat_key``): a
    corpus command compares hundreds of statements of one corpus."""
    from dipdiff.corpus.speakers import load_registry
    from dipdiff.errors import DipdiffError

    try:
        speakers: Any = load_registry(Path(registry_file).parent).speakers
    except DipdiffError:
        return {}  # ``dipdiff check`` reports a broken registry; a comparison reads on without it
    return {
        sid: (entry.country,) if entry.country else (entry.name, *entry.aliases)
        for sid, entry in speakers.items()
    }
