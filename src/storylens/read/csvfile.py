"""CSV and TSV files with a header row and one article per row."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator

from storylens.errors import Problem
from storylens.model import Article
from storylens.read.decoding import NotText, decode
from storylens.read.options import ReadOptions
from storylens.read.records import article_from_record
from storylens.read.sources import Source

# Article bodies easily exceed the csv module's 128 kB default field limit.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _dialect(sample: str, name: str) -> type[csv.Dialect] | csv.Dialect:
    if name.endswith(".tsv"):
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def read_csv(source: Source, options: ReadOptions) -> Iterator[Article | Problem]:
    """One article per row; a bad row is a problem at ``FILE:LINE`` and reading goes on."""
    try:
        text = decode(source.data).lstrip("\ufeff")
    except NotText as exc:
        yield Problem(source.where, str(exc))
        return
    header = text.split("\n", 1)[0]
    reader = csv.DictReader(text.splitlines(keepends=True), dialect=_dialect(header, source.name))
    try:
        columns = reader.fieldnames
    except csv.Error as exc:
        yield Problem(source.where, f"cannot read the CSV header ({exc})")
        return
    if not columns:
        yield Problem(source.where, "CSV file has no header row")
        return
    missing = [name for name in options.fields.values() if name not in columns]
    if missing:
        yield Problem(
            source.where,
            f"--field names column {missing[0]!r}, which the CSV header lacks "
            f"(columns: {', '.join(columns)})",
        )
        return
    start = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Problem(f"{source.where}:{reader.line_num}", f"malformed CSV row ({exc})")
            continue
        line = start + 1
        start = reader.line_num
        if None in row:
            yield Problem(f"{source.where}:{line}", "row has more cells than the header")
            continue
        try:
            yield article_from_record(dict(row), options.fields, source=f"{source.where}:{line}")
        except ValueError as exc:
            yield Problem(f"{source.where}:{line}", str(exc))
