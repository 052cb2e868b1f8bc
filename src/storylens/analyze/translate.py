"""Machine translation into English with Apertium, where Debian has the language pair installed.

A word-by-word dictionary gloss is all most languages get (:mod:`.glossary`); for a language with
an Apertium pair into English (Spanish: Debian ``apertium`` + ``apertium-eng-spa``) the whole
article is translated instead, so its gloss has English words in context ("el 5 de marzo" ->
"on 5 March", "los activos" -> "the assets"). Apertium is rule-based and literal, a GPL program
run as a separate process and never linked or vendored; nothing is downloaded.

Many texts go through one process, joined by a marker line that Apertium passes through
untouched: a process start costs about 0.1 s, so one per article would dominate.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import cached_property

from storylens.languages import primary
from storylens.shared import ProcessShared

#: ISO 639-1 -> the codes Apertium's pairs into English may be named with (new and old style)
_CODES = {
    "es": ("spa",), "ca": ("cat",), "gl": ("glg", "gl"), "eu": ("eus", "eu"), "eo": ("epo", "eo"),
    "is": ("isl",), "mk": ("mkd", "mk"), "sr": ("hbs",), "hr": ("hbs",), "bs": ("hbs",),
}  # fmt: skip
#: Apertium's marks on words it could not handle: * unknown (the word as written), # and @
_MARKS = re.compile(r"(?<!\w)[*#@](?=\w)")
_UNKNOWN = re.compile(r"(?<!\w)\*\w")
_WORD = re.compile(r"\w+")
#: a line no news text holds, that Apertium copies as it is: where one text ends
_SEPARATOR = "§§ {} §§"
_SPLIT = re.compile(r"\n*§§ (\d+) §§\n*")


class Translation:
    """English text of one article and the share of its words the translator knew."""

    __slots__ = ("known", "method", "text")

    def __init__(self, text: str, known: float, method: str) -> None:
        self.text = text
        self.known = known
        self.method = method


class Apertium(ProcessShared):
    """The installed Apertium pairs into English, and the translations made so far (bounded).

    ``program`` is the ``apertium`` command (None: found on PATH); ``timeout`` bounds one process,
    which translates at most ``chunk`` texts.
    A failure (no program, a pair that breaks, a timeout) gives None for the texts concerned, and
    the caller falls back to the dictionary gloss.
    """

    def __init__(
        self,
        program: str | None = None,
        timeout: float = 120.0,
        limit: int = 4096,
        chunk: int = 200,
    ) -> None:
        self.program = program or shutil.which("apertium")
        self.timeout = timeout
        self.chunk = chunk
        self.limit = limit
        self._lock = threading.Lock()
        self._done: OrderedDict[tuple[str, str], Translation | None] = OrderedDict()

    @cached_property
    def pairs(self) -> frozenset[str]:
        """The installed modes (``apertium -l``): "spa-eng", "eng-spa", …; empty without it."""
        if self.program is None:
            return frozenset()
        try:
            listed = subprocess.run(
                [self.program, "-l"], capture_output=True, text=True, timeout=30, check=True
            )
        except (OSError, subprocess.SubprocessError):
            return frozenset()
        return frozenset(line.strip() for line in listed.stdout.splitlines() if line.strip())

    def mode(self, language: str | None) -> str | None:
        """The Apertium mode that translates ``language`` into English, if installed."""
        for code in _CODES.get(primary(language or ""), ()):
            for mode in (f"{code}-eng", f"{code}-en"):
                if mode in self.pairs:
                    return mode
        return None

    def to_english(self, texts: Sequence[str], language: str) -> list[Translation | None]:
        """The English of each text (None where ``language`` has no pair or Apertium failed);
        texts not translated before go through one Apertium process."""
        mode = self.mode(language)
        if mode is None:
            return [None] * len(texts)
        found: dict[str, Translation | None] = {}
        with self._lock:
            for text in dict.fromkeys(texts):
                if (mode, text) in self._done:
                    found[text] = self._done[(mode, text)]
        todo = [t for t in dict.fromkeys(texts) if t not in found]
        # a few hundred articles take seconds: the timeout stays meaningful for a large batch
        for start in range(0, len(todo), self.chunk):
            part = todo[start : start + self.chunk]
            made = self._run(mode, part)
            found.update(zip(part, made, strict=True))
            self._keep(mode, part, made)
        # from the batch's own results: the bounded memo may already have let some go
        return [found[t] for t in texts]

    def _keep(self, mode: str, texts: list[str], found: list[Translation | None]) -> None:
        with self._lock:
            for text, translation in zip(texts, found, strict=True):
                self._done[(mode, text)] = translation
                self._done.move_to_end((mode, text))
            while len(self._done) > self.limit:
                self._done.popitem(last=False)

    def _run(self, mode: str, texts: list[str]) -> list[Translation | None]:
        # The marker stands alone between blank lines, and no text may hold one itself.
        clean = [_SPLIT.sub("\n\n", t.replace("\0", " ")) for t in texts]
        # an end marker after the last text: output cut short loses it
        joined = "".join(f"\n\n{_SEPARATOR.format(i)}\n\n{t}" for i, t in enumerate(clean))
        joined += f"\n\n{_SEPARATOR.format(len(texts))}\n"
        output = self._process(mode, joined)
        parts = _SPLIT.split(output) if output is not None else []
        # ["", "0", text0, "1", text1, …, "n", ""]: every marker back, in order, or none is trusted
        if parts[1::2] != [str(i) for i in range(len(texts) + 1)]:
            return [None] * len(texts)
        out: list[Translation | None] = []
        for english in parts[2:-1:2]:
            words = len(_WORD.findall(english))
            known = 1.0 - len(_UNKNOWN.findall(english)) / words if words else 0.0
            out.append(Translation(_MARKS.sub("", english).strip(), round(known, 4), mode))
        return out

    def _process(self, mode: str, text: str) -> str | None:
        """Apertium's output for ``text``, or None when it fails or runs out of time (its whole
        pipeline is then killed: ``apertium`` is a shell script that starts one per stage)."""
        assert self.program is not None  # mode() found a pair, so the program was found
        try:
            with subprocess.Popen(
                [self.program, mode],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                encoding="utf-8",
                errors="replace",
                start_new_session=True,
            ) as process:
                try:
                    output, _ = process.communicate(text, timeout=self.timeout)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.communicate()
                    return None
        except OSError:
            return None
        return output if process.returncode == 0 else None
