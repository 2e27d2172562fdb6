"""Turn a file's bytes into text: BOMs, UTF-8, UTF-16, and legacy code pages by detection."""

from __future__ import annotations

import codecs

from dipdiff.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes, source: str) -> str:
    """Decode ``data``, or raise ``InputError`` naming ``source`` when it is not text."""
    return decode_guessed(data, source)[0]


def decode_guessed(data: bytes, source: str) -> tuple[str, str | None]:
    """Decode ``data``; also return the legacy encoding guessed for it, None when it said its own
    (a byte-order mark) or is UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), None
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"not valid {encoding.upper()} after its byte-order mark (byte {exc.start})",
                    source=source,
                ) from None
    if b"\x00" in data:
        raise InputError("binary file (NUL bytes); expected a text statement", source=source)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    return _detect(data, source, utf8_error)


_COHERENCE_MARGIN = 0.1
"""How far below the best-ranked encoding's language coherence a Windows code page may be and still
be preferred to it, when both decode the bytes as cleanly (no more chaos)."""


def _detect(data: bytes, source: str, utf8_error: int) -> tuple[str, str]:
    """Decode a legacy single-byte encoding found by charset-normalizer.

    On short texts charset-normalizer may rank a Mac or ISO code page above the Windows one a
    statement was saved in (French in cp1252 read as Mac Latin-2: 'sťcuritť'), when both decode it
    without chaos and its language guesses barely differ: then the Windows code page is taken.
    """
    from charset_normalizer import from_bytes

    found = from_bytes(data)
    best = found.best()
    if best is None or best.encoding in ("utf_8", "utf-8"):
        raise InputError(
            f"undecodable bytes: not UTF-8 (byte {utf8_error}) and no other encoding fits",
            source=source,
        )
    windows = [
        match
        for match in found
        if match.encoding.startswith("cp125")
        and match.chaos <= best.chaos
        and match.coherence >= best.coherence - _COHERENCE_MARGIN
    ]
    chosen = windows[0] if windows else best
    text = str(chosen)
    if _looks_binary(text):
        raise InputError("binary file; expected a text statement", source=source)
    return text, _most_common_name(data, text, chosen.encoding)


_WESTERN = "cp1252"
"""The Windows code page of English, French, Spanish, German... statements: named when it reads the
bytes as the chosen one does."""


def _most_common_name(data: bytes, text: str, encoding: str) -> str:
    """The code page to name for bytes decoded as ``text``: Western European (cp1252) when it gives
    the very same text as another Windows code page, as it does for English whose only bytes past
    ASCII are curly quotes and dashes (charset-normalizer lists Central European, cp1250, first)."""
    if encoding.startswith("cp125") and encoding != _WESTERN:
        try:
            if data.decode(_WESTERN) == text:
                return _WESTERN
        except UnicodeDecodeError:
            pass
    return encoding


def _looks_binary(text: str) -> bool:
    """Whether decoded text is mostly control characters, as binary data read as a code page is."""
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls > len(sample) // 20
