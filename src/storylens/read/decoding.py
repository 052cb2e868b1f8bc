"""Bytes to text: detect binary files and the encoding a file really has.

Declared encodings are trusted only when the bytes agree with them, because saved pages often
claim UTF-8 while holding Windows-1252 (and the other way round).
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# A UTF-8 file with this share of broken bytes or less is read with replacement characters.
_MAX_BAD_UTF8 = 0.01


class NotText(ValueError):
    """The bytes are not text in any encoding we can recognise."""


def _bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def is_binary(data: bytes) -> bool:
    """NUL bytes never occur in text files except UTF-16/32, which announce themselves by a BOM."""
    return _bom_encoding(data) is None and b"\x00" in data[:8192]


# C0 control characters other than \t \n \v \f \r (9-13); counted by the regex engine, as a
# character-by-character Python loop cost about 5% of reading a web page
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a bad copy-paste) rather than another encoding."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    # Latin-1 text read as UTF-8 has broken bytes and no valid multibyte characters at all.
    if multibyte > bad and bad <= _MAX_BAD_UTF8 * max(len(text), 1):
        return text
    return None


# Single-byte code pages often tie on the same bytes; Western European text is the likeliest.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")


def _detect(data: bytes) -> str | None:
    results = list(charset_normalizer.from_bytes(data[:500_000]))
    if not results:
        return None
    best = results[0]
    ties = {
        r.encoding
        for r in results
        if r.chaos <= best.chaos + 0.01 and r.coherence >= best.coherence - 0.05
    }
    return next((name for name in _PREFERRED if name in ties), best.encoding)


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode ``data``; raise :class:`NotText` with a user-facing message when it is not text."""
    if is_binary(data):
        raise NotText("binary file, not text (it contains NUL bytes)")
    bom = _bom_encoding(data)
    if bom:
        return data.decode(bom, errors="replace")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
        if declared:
            try:
                text = data.decode(declared)
            except (UnicodeDecodeError, LookupError):
                text = ""
        text = text or _mostly_utf8(data) or ""
        if not text:
            encoding = _detect(data)
            if encoding is None:
                raise NotText("cannot tell the text encoding; re-save the file as UTF-8") from None
            text = data.decode(encoding, errors="replace")
    if _control_share(text) > 0.01:
        raise NotText("binary file, not text (it is full of control characters)")
    return text
