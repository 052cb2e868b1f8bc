"""Where input bytes come from: files, directories, stdin, gzip — with size limits applied.

Every limit is applied while reading, never after: a file that grows, ``/dev/zero`` piped to
stdin or a gzip bomb costs at most the limit plus one byte. Only regular files are opened, since
opening a FIFO blocks until a writer comes and a device never ends.
"""

from __future__ import annotations

import gzip
import io
import stat
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from storylens.errors import Problem

STDIN = "<stdin>"

#: extensions read when walking a directory; other files there (images, .DS_Store) are ignored
KNOWN_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".shtml", ".jsonl",
     ".ndjson", ".json", ".csv", ".tsv", ".warc", ".arc", ".rss", ".atom", ".xml"}
)  # fmt: skip

#: bytes read to pick a reader before deciding whether a file is streamed record by record
HEAD_BYTES = 65_536


@dataclass(frozen=True)
class Source:
    """The bytes of one input; ``name`` picks the format (``a.jsonl`` for ``a.jsonl.gz``).

    A streamed source (``path`` set) holds only its first :data:`HEAD_BYTES` in ``data``; its
    reader goes line by line (:mod:`storylens.read.lines`), so no whole-file limit applies.
    """

    where: str
    name: str
    data: bytes
    path: str | None = None


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
        elif path.exists() or path.is_symlink():
            yield raw
        else:
            yield Problem(raw, "no such file or directory")


_SPECIAL: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def not_regular(mode: int) -> str | None:
    """Why a file of this ``st_mode`` is refused, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _SPECIAL if test(mode)), "not a regular file")
    return f"is {kind}, not a regular file; storylens reads files, folders and - (stdin)"


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
        out = fh.read(max_bytes + 1)
    if len(out) > max_bytes:
        raise ValueError(_too_big(len(out), max_bytes).replace("file is", "file unpacks to over"))
    return out


def _read_capped(fh: BinaryIO, max_bytes: int, where: str) -> bytes | Problem:
    data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        return Problem(where, _too_big(len(data), max_bytes))
    return data


def load(
    item: str, max_bytes: int, streamed: Callable[[Source], bool] | None = None
) -> Source | Problem:
    """Read one path (or ``-``), unpacking gzip, refusing special files and files over
    ``max_bytes``; a plain file ``streamed(head)`` accepts comes back as a streamed source."""
    where = STDIN if item == "-" else item
    try:
        if item == "-":
            data = _read_capped(sys.stdin.buffer, max_bytes, where)
            name = ""
        else:
            path = Path(item)
            info = path.stat()
            refusal = not_regular(info.st_mode)
            if refusal:
                return Problem(where, refusal)
            name = path.name.lower()
            with open(path, "rb") as fh:
                head = fh.read(HEAD_BYTES)
                if not head.startswith(b"\x1f\x8b") and head.strip() and streamed is not None:
                    candidate = Source(where=where, name=name, data=head, path=item)
                    if streamed(candidate):
                        return candidate
                if info.st_size > max_bytes:
                    return Problem(where, _too_big(info.st_size, max_bytes))
                rest = _read_capped(fh, max_bytes - len(head), where)
                data = rest if isinstance(rest, Problem) else head + rest
        if isinstance(data, Problem):
            return data
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
