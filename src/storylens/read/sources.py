"""Where input bytes come from: files, directories, stdin, gzip — with size limits applied."""

from __future__ import annotations

import gzip
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from storylens.errors import Problem

STDIN = "<stdin>"

#: extensions read when walking a directory; other files there (images, .DS_Store) are ignored
KNOWN_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".shtml", ".jsonl",
     ".ndjson", ".json", ".csv", ".tsv", ".warc", ".arc", ".rss", ".atom", ".xml"}
)  # fmt: skip


@dataclass(frozen=True)
class Source:
    """The bytes of one input; ``name`` picks the format (``a.jsonl`` for ``a.jsonl.gz``)."""

    where: str
    name: str
    data: bytes


def _megabytes(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def _too_big(size: int, max_bytes: int) -> str:
    return (
        f"file is {_megabytes(size)}, over the --max-bytes limit of {_megabytes(max_bytes)}; "
        "raise --max-bytes to read it"
    )


def _is_known(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return bool(suffixes) and suffixes[-1] in KNOWN_SUFFIXES


def expand(paths: Sequence[str]) -> Iterator[str | Problem]:
    """Each input path; directories become the known-format files under them, sorted."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and _is_known(p)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                yield Problem(raw, "directory has no readable files (.txt, .html, .jsonl, …)")
            yield from (str(p) for p in found)
        elif path.exists():
            yield raw
        else:
            yield Problem(raw, "no such file or directory")


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    with gzip.GzipFile(fileobj=_BytesReader(data)) as fh:
        out = fh.read(max_bytes + 1)
    if len(out) > max_bytes:
        raise ValueError(_too_big(len(out), max_bytes).replace("file is", "file unpacks to over"))
    return out


class _BytesReader:
    """A minimal read-only file over bytes (io.BytesIO copies; pages can be large)."""

    def __init__(self, data: bytes) -> None:
        self._view = memoryview(data)
        self._pos = 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._view) if size is None or size < 0 else self._pos + size
        chunk = self._view[self._pos : end].tobytes()
        self._pos += len(chunk)
        return chunk


def load(item: str, max_bytes: int) -> Source | Problem:
    """Read one path (or ``-``) into memory, unpacking gzip, refusing files over ``max_bytes``."""
    where = STDIN if item == "-" else item
    try:
        if item == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
            name = ""
        else:
            path = Path(item)
            size = path.stat().st_size
            if size > max_bytes:
                return Problem(where, _too_big(size, max_bytes))
            data = path.read_bytes()
            name = path.name.lower()
        if len(data) > max_bytes:
            return Problem(where, _too_big(len(data), max_bytes))
        if data[:2] == b"\x1f\x8b":
            data = _gunzip(data, max_bytes)
            name = name.removesuffix(".gz")
    except (OSError, EOFError, zlib.error) as exc:
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        if isinstance(exc, gzip.BadGzipFile | EOFError | zlib.error):
            message = f"not a valid gzip file ({exc})"
        return Problem(where, message.lower() if message else "cannot read file")
    except ValueError as exc:
        return Problem(where, str(exc))
    if not data.strip():
        return Problem(where, "empty file")
    return Source(where=where, name=name, data=data)
