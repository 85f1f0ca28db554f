"""A small least-recently-used store in process memory, for copies of shared cache entries.

Copies spare a round trip to the shared cache and the unpickling of what it returns. They are
only ever used after the same check as the shared entry (its version tokens, its expiry), so a
copy can be old but is never served stale.
"""

import threading
from collections import OrderedDict
from typing import Any


class LocalCopies:
    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[str, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: Any) -> None:
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
