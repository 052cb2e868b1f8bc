"""Property tests over the readers: no input makes ``iter_articles`` raise, and good records
survive next to bad ones. Bounded so that the whole file runs in well under a minute."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storylens.errors import Problem
from storylens.model import Article
from storylens.read import iter_articles

SETTINGS = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,  # the same examples on every run: a red run is reproducible
    suppress_health_check=[HealthCheck.too_slow],
)
SUFFIXES = [".txt", ".jsonl", ".json", ".csv", ".html", ".warc", ".rss", ".xml", ""]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
# records that look like articles, with hostile values in every field
record_like = st.dictionaries(
    st.sampled_from(["id", "title", "text", "body", "url", "published", "authors", "outlet"]),
    json_values,
    max_size=6,
)


def _read(data: bytes, suffix: str) -> list[Article | Problem]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        items = list(iter_articles([str(path)]))
    assert all(isinstance(item, Article | Problem) for item in items)
    return items


@SETTINGS
@given(data=st.binary(max_size=2_000), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_never_raise(data: bytes, suffix: str) -> None:
    _read(data, suffix)


@SETTINGS
@given(text=st.text(max_size=1_000), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_text_never_raises(text: str, suffix: str) -> None:
    for article in _read(text.encode("utf-8", "surrogatepass"), suffix):
        if isinstance(article, Article):
            article.text.encode("utf-8")  # lone surrogates never survive reading


def _good(i: int) -> str:
    return json.dumps({"id": f"good{i}", "title": f"Story {i}", "text": f"Town {i} voted."})


@SETTINGS
@given(bad=st.lists(json_values | record_like, min_size=1, max_size=5))
def test_good_jsonl_records_survive_next_to_arbitrary_json(bad: list[object]) -> None:
    lines = []
    for i, value in enumerate(bad):
        lines += [_good(i), json.dumps(value)]
    lines.append(_good(len(bad)))
    items = _read(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"), ".jsonl")
    ids = {item.id for item in items if isinstance(item, Article)}
    assert {f"good{i}" for i in range(len(bad) + 1)} <= ids


@SETTINGS
@given(bad=st.lists(st.binary(min_size=1, max_size=200), min_size=1, max_size=4))
def test_good_jsonl_records_survive_next_to_arbitrary_bytes(bad: list[bytes]) -> None:
    lines = []
    for i, junk in enumerate(bad):
        lines += [_good(i).encode(), junk.replace(b"\n", b" ").replace(b"\r", b" ")]
    lines.append(_good(len(bad)).encode())
    items = _read(b"\n".join(lines) + b"\n", ".jsonl")
    ids = {item.id for item in items if isinstance(item, Article)}
    if not any(b"\0" in junk for junk in bad):  # NUL bytes mark the whole file as binary
        assert {f"good{i}" for i in range(len(bad) + 1)} <= ids
