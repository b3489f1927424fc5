"""Results remembered for the process, so that a preview's next build redoes only what changed."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

V = TypeVar("V")


class Memo:
    """A bounded mapping of key → computed value; emptied whole when it is full."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._values: dict[Hashable, object] = {}

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The value remembered for ``key``, computed (and remembered) on first use."""
        try:
            return self._values[key]  # type: ignore[return-value]
        except KeyError:
            pass
        if len(self._values) >= self.limit:
            self._values.clear()
        value = self._values[key] = compute()
        return value
