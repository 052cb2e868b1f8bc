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
        return f"{self.where}: {self.message}"


class StorylensError(Exception):
    """Base class for errors storylens reports to users as one line."""


class ReadError(StorylensError):
    """An input could not be read at all."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.problem = Problem(where, message)
