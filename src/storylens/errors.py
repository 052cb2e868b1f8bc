"""Errors and problem reports shared by every stage.

A library call raises; a batch run reports a :class:`Problem` for the bad record and goes on.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """Something that could not be read: ``where`` is ``"FILE"`` or ``"FILE:LINE"``."""

    where: str
    message: str

    def __str__(self) -> str:
        return one_line(f"{self.where}: {self.message}")

    def to_dict(self) -> dict[str, str]:
        return {"where": self.where, "message": self.message}


def one_line(text: str) -> str:
    """``text`` with line breaks, other control characters and lone surrogates escaped, so a
    file named ``a\\nb.txt`` still gives one line of error."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


class StorylensError(Exception):
    """Base class for errors storylens reports to users as one line."""


class ReadError(StorylensError):
    """An input could not be read at all."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.problem = Problem(where, message)
