"""One instance of a class per process, made on first use.

For what every caller may share and nobody changes: the models (loading them takes seconds and
hundreds of MB), the judge that holds them, the idf tables, the translator. Each is held on its
class rather than in a module global, and every consumer also takes one passed in.
"""

from __future__ import annotations

import threading
from typing import Any, ClassVar, Self


class ProcessShared:
    """Gives a class :meth:`shared`: this process's instance, made by :meth:`make_shared`."""

    _instances: ClassVar[dict[type, Any]] = {}
    # re-entrant: making one shared instance may ask for another
    _lock: ClassVar[threading.RLock] = threading.RLock()

    @classmethod
    def shared(cls) -> Self:
        """This process's instance, made on first call."""
        with ProcessShared._lock:
            found = ProcessShared._instances.get(cls)
            if found is None:
                found = ProcessShared._instances[cls] = cls.make_shared()
            return found

    @classmethod
    def make_shared(cls) -> Self:
        """How the shared instance is made (the class's defaults unless overridden)."""
        return cls()

    def is_shared(self) -> bool:
        """Whether this is the process's shared instance (which pickles as a reference to the
        receiving process's own)."""
        return ProcessShared._instances.get(type(self)) is self
