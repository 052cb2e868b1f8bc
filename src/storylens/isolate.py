"""One bad record costs only itself: a batch step that fails is retried record by record.

Batch steps (spaCy's ``nlp.pipe``, the sentence encoder, a Spark partition) are fast because they
take many records at once, and for the same reason one hostile record fails the whole batch. The
batch is then run again one record at a time, and only the records that fail alone are given up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Failed(Generic[T]):
    """The record a step could not process, and why."""

    item: T
    reason: str


def reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    text = text if len(text) <= 200 else text[:199] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def isolate(items: Sequence[T], run: Callable[[Sequence[T]], Sequence[R]]) -> list[R | Failed[T]]:
    """``run(items)``, one result per item; on failure each item alone, a :class:`Failed` for
    those that fail on their own (``KeyboardInterrupt`` still stops everything)."""
    if not items:
        return []
    try:
        results = list(run(items))
        if len(results) == len(items):
            return results  # type: ignore[return-value]
        raise RuntimeError(f"{len(results)} results for {len(items)} records")
    except Exception as exc:  # any library error on hostile input
        if len(items) == 1:
            log.debug("record failed", exc_info=True)
            return [Failed(items[0], reason(exc))]
        log.debug("batch of %d failed (%s); retrying one by one", len(items), reason(exc))
    out: list[R | Failed[T]] = []
    for item in items:
        out.extend(isolate([item], run))
    return out
