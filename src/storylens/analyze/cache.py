"""Where an :class:`~storylens.analyze.Analyzer` keeps the analyses it has computed.

A cache belongs to the analyzer that is given it; nothing here is module-global. The default is a
small in-memory LRU; :class:`DiskCache` keeps analyses between runs (``storylens train --cache``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import json
import pickle
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, Protocol

from storylens.analyze.document import Analysis

#: what an analysis depends on: the article's id, the words, the publication date (it dates
#: "on Friday"), the declared language (dates in its month names), what was asked for and which
#: models (their identity, None for the shipped ones). Outlet, url and the like do not change
#: an analysis.
Key = tuple[str, str, str, str, str, Any, str | None]


class AnalysisCache(Protocol):
    """What an analyzer needs of a cache."""

    def get(self, key: Key) -> Analysis | None: ...

    def put(self, key: Key, analysis: Analysis) -> None: ...


class LRUCache:
    """At most ``size`` analyses in memory; the least recently used is dropped first."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._items: OrderedDict[Key, Analysis] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Key) -> Analysis | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Key, analysis: Analysis) -> None:
        with self._lock:
            self._items[key] = analysis
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)

    def __getstate__(self) -> dict[str, Any]:
        # a pickled analyzer travels to Spark executors: its analyses and lock stay behind
        return {"size": self.size}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["size"])  # type: ignore[misc]


class DiskCache:
    """One pickle file per analysis under ``folder``, so that a rerun (training, a benchmark)
    skips the models. Only for analyses this program wrote itself: pickles run code on load."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def _path(self, key: Key) -> Path:
        # not repr(key): a frozenset of step names prints in an order that changes per process
        text = json.dumps(_stable(key), ensure_ascii=False)
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16)
        return self.folder / f"{digest.hexdigest()}.pkl"

    def get(self, key: Key) -> Analysis | None:
        path = self._path(key)
        if not path.exists():
            return None
        with open(path, "rb") as fh:
            found = pickle.load(fh)
        return found if isinstance(found, Analysis) else None

    def put(self, key: Key, analysis: Analysis) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(key)
        partial = path.with_suffix(".tmp")
        with open(partial, "wb") as fh:
            pickle.dump(analysis, fh, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)  # a reader never sees half a file


def _stable(value: Any) -> Any:
    """``value`` as JSON that is the same in every process (sets sorted)."""
    if isinstance(value, (set, frozenset)):
        return sorted(_stable(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return [type(value).__name__, *(_stable(getattr(value, f.name)) for f in fields)]
    if isinstance(value, (tuple, list)):
        return [_stable(v) for v in value]
    if inspect.ismethod(value):
        # a model's encode method (the web app lends its models'): named by its function and
        # its models' identity, never by a repr that shows what has loaded so far
        owner = getattr(value.__self__, "identity", repr(value.__self__))
        return [value.__func__.__qualname__, owner]
    if callable(value):
        # another encoder given in the options (``lead_encoder``): its repr names it, and a
        # function's holds its address, so another process misses rather than hits wrongly
        return repr(value)
    return value
