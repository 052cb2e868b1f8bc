"""WARC and WARC.gz web archives: every HTML response record is read as a page."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storylens.errors import Problem
from storylens.model import Article
from storylens.read.decoding import NotText, decode
from storylens.read.htmlpage import article_from_html, declared_charset
from storylens.read.options import ReadOptions
from storylens.read.sources import Source

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w-]+)", re.IGNORECASE)


def _is_html(content_type: str, payload: bytes) -> bool:
    if "html" in content_type.lower():
        return True
    head = payload[:512].lstrip().lower()
    return not content_type and (head.startswith(b"<!doctype html") or head.startswith(b"<html"))


def read_warc(source: Source, options: ReadOptions) -> Iterator[Article | Problem]:
    """One article per HTML response; ``source`` is ``FILE:N`` with N the record's number."""
    pages = 0
    number = 0
    truncated = False
    try:
        archive = ArchiveIterator(io.BytesIO(source.data))
        for record in archive:
            number += 1
            if record.rec_type not in ("response", "resource"):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            content_type = ""
            if record.http_headers is not None:
                if record.http_headers.get_statuscode() not in (None, "200"):
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
            else:
                content_type = record.rec_headers.get_header("Content-Type") or ""
            payload = record.content_stream().read()
            if getattr(record.raw_stream, "limit", 0) > 0:
                # the record's Content-Length promised more bytes than the file holds
                truncated = True
                yield Problem(f"{source.where}:{number}", "WARC record is truncated (file cut off)")
                continue
            if not _is_html(content_type, payload):
                continue
            pages += 1
            where = f"{source.where}:{number}"
            match = _CHARSET.search(content_type)
            try:
                html = decode(payload, match.group(1) if match else declared_charset(payload))
                yield article_from_html(
                    html,
                    source=where,
                    url=url,
                    published=record.rec_headers.get_header("WARC-Date"),
                )
            except (NotText, ValueError) as exc:
                yield Problem(where, f"{url or 'record'}: {exc}")
            except Exception as exc:  # one hostile page must not end the archive
                yield Problem(where, f"{url or 'record'}: cannot read ({type(exc).__name__})")
    except ArchiveLoadFailed as exc:
        yield Problem(source.where, f"not a readable WARC file ({exc})")
        return
    except Exception as exc:  # warcio fails in many ways on a cut or damaged file
        yield Problem(
            f"{source.where}:{number}",
            f"WARC record is truncated or damaged ({type(exc).__name__}); records before it kept",
        )
        return
    if source.data[archive.offset :].strip():
        # warcio stops quietly at a record whose headers were cut off
        truncated = True
        yield Problem(f"{source.where}:{number + 1}", "WARC record is truncated (file cut off)")
    if pages == 0 and not truncated:
        yield Problem(source.where, "WARC file has no HTML response records")
