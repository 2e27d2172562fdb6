"""The listing of one corpus's files, kept by the corpus index: what was seen of each file (stat key
and content hash) with its encoded head, in one record, and the light listing beside it (per file its
stat key, content hash and what the rules read of a file that is not being checked;
``records.LightListing``).

Reading 20,000 files' rows and heads one row at a time, each with its checksum, took most of a warm
run; the listing is one row and one checksum. Every listed file is still checked against its stat
key before it is trusted, as with the per-file rows, so a stale listing costs only speed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from dipdiff.index.db import Damaged, Database, Seen
from dipdiff.index.records import (
    LightListing,
    decode_light_listing,
    decode_listing,
    encode_light_listing,
    encode_listing,
    light_row,
)

LISTING_SLACK = 100
"""Files a run may find missing from (or changed in) the corpus listing before it rewrites it."""


class CorpusListing:
    """The listing and light listing of the corpus rooted at ``key`` (none for an index in memory),
    read on first use, and rewritten at the end of a run that saw enough files they lack."""

    def __init__(self, db: Database, key: str | None) -> None:
        self.db = db
        self.key = key
        self.vouched: dict[str, Seen] = {}
        """Path -> what was seen of it, for every file vouched for or read in this run."""
        self._rows: dict[str, tuple[Seen, bytes]] | None = None
        self._light: LightListing | None = None
        """The light listing, once read, when there is a sound one."""
        self._light_read = False
        self._dropped = 0
        """Files pruned from the listing in this run."""

    def rows(self) -> dict[str, tuple[Seen, bytes]]:
        """What was seen of each listed file and each one's encoded head, read on first use."""
        if self._rows is None:
            self._rows = {}
            if self.key is not None:
                payload = self.db.get("listing", self.key)
                if payload is not None:
                    try:
                        self._rows = decode_listing(payload)
                    except Damaged as exc:
                        self.db.damaged("a listing record has the wrong shape", exc)
        return self._rows

    def light(self) -> LightListing | None:
        """The light listing, read on first use; None when there is none or it is damaged (it is
        rewritten from the listing)."""
        if not self._light_read:
            self._light_read = True
            payload = self.db.get("light", self.key) if self.key is not None else None
            if payload is not None:
                try:
                    self._light = decode_light_listing(payload)
                except Damaged as exc:
                    self.db.damaged("a light record has the wrong shape", exc)
        return self._light

    def forget_light(self) -> None:
        """Drop a light listing found damaged: it is written again from the listing at the end."""
        self._light = None

    def answered(self) -> bool:
        """Whether a listing was read that names any file."""
        return bool(self._rows) or self._light is not None

    def vouching(self, key: str, stat: os.stat_result) -> tuple[Seen, bytes | None] | None:
        """What the listing says of a file whose stat it vouches for, with its encoded head when the
        whole listing was read; None otherwise. A run that read only the light listing (a check of a
        few files) does not read the whole listing for this."""
        if self._rows is None and self._light is not None:
            row = self._light.rows.get(key)
            seen = self._light.seen(row) if row is not None else None
            if seen is not None and seen.vouches_for(stat):
                self.vouched[key] = seen
                return seen, None
            return None
        listed = self.rows().get(key)
        if listed is not None and listed[0].vouches_for(stat):
            self.vouched[key] = listed[0]
            return listed
        return None

    def drop(self, prefix: str, kept: Iterable[str]) -> None:
        """Drop the listed files below ``prefix`` other than ``kept``."""
        kept = set(kept)
        listed = self.rows()
        for path in [p for p in listed if p.startswith(prefix) and p not in kept]:
            del listed[path]
            self._dropped += 1

    def keep(self, payloads: Mapping[str, bytes]) -> None:
        """Rewrite the listing and the light listing when this run saw more than ``LISTING_SLACK``
        files they lacked or held otherwise (a first run, a pull of many changes); a few new files are
        read from their own rows until then, so that adding one file does not rewrite a listing of
        20,000. A light listing that was missing or damaged is written again from the listing.
        ``payloads``: content hash -> encoded head, for the heads met in this run."""
        if self.key is None:
            return
        light_lacking = self._light_read and self._light is None
        light = self._light
        if self._rows is None and light is not None:  # only the light listing was read
            news = sum(
                1
                for key, seen in self.vouched.items()
                if key not in light.rows or light.seen(light.rows[key]) != seen
            )
            if news <= LISTING_SLACK:
                return
        if not self.vouched and not (light_lacking and self._rows):
            return
        listed = self.rows()
        news = self._dropped
        news += sum(1 for key, seen in self.vouched.items() if key not in listed or listed[key][0] != seen)
        if news <= (LISTING_SLACK if listed else 0):
            if light_lacking and listed:
                self._keep_light(sorted(listed.items()))
            return
        prefix = self.key.rstrip(os.sep) + os.sep
        # a file vouched for by the light listing, whose head was not read, keeps its listed row
        rows = {key: row for key, row in listed.items() if self.vouched.get(key, row[0]) == row[0]}
        for key, seen in self.vouched.items():
            payload = payloads.get(seen.digest)
            if payload is not None and key.startswith(prefix):
                rows[key] = (seen, payload)
        ordered = sorted(rows.items())
        self.db.put("listing", self.key, encode_listing([(k, *row) for k, row in ordered]))
        self._keep_light(ordered)

    def _keep_light(self, rows: list[tuple[str, tuple[Seen, bytes]]]) -> None:
        """Write the light listing of these listing rows (a head that is not one is left out)."""
        assert self.key is not None
        light = []
        for key, (seen, head) in rows:
            try:
                light.append((key, seen, light_row(head)))
            except Damaged:
                continue  # its file is read again from its own row
        self.db.put("light", self.key, encode_light_listing(light))
