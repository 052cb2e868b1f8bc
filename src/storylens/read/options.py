"""The one options object every reader takes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

#: reader names accepted by ``ReadOptions.format`` and ``--input-format``
FORMATS: tuple[str, ...] = ("text", "html", "jsonl", "csv", "warc", "feed")


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs.

    ``format`` forces one reader instead of detecting it per file; ``fields`` maps model fields to
    the names a JSONL/CSV source uses (``{"title": "headline"}``); files larger than
    ``max_bytes`` are skipped with a problem rather than read into memory.
    """

    format: str | None = None
    fields: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    max_bytes: int = 50_000_000

    def __post_init__(self) -> None:
        if self.format is not None and self.format not in FORMATS:
            raise ValueError(
                f"unknown input format {self.format!r}; use one of {', '.join(FORMATS)}"
            )
        if self.max_bytes <= 0:
            raise ValueError("max_bytes must be a positive number of bytes")
