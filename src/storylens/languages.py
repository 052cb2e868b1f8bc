"""Offline language identification (py3langid) for articles that do not declare one.

Below `read` and `analyze`: the reader tags a page with it and the analysis of an opening
detects the language of one that declares none, and the two must agree."""

from __future__ import annotations

import re

import py3langid

# Below this many letters a guess is noise ("Photos", "OK"), so no language is claimed.
_MIN_LETTERS = 40
_SAMPLE_CHARS = 1000  # langid is as accurate on 1000 chars, at a third of the cost
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def primary(code: str) -> str:
    """The language of a language tag, without its region or script: "es" of "es-ES", "es_es"
    or " ES ". Every stage compares languages by this."""
    return code.strip().lower().replace("_", "-").split("-")[0]


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``, or None when it is too short to tell."""
    sample = text[:_SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < _MIN_LETTERS:
        return None
    code, _score = py3langid.classify(sample)
    return str(code)
