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


class IdentityMemo:
    """Results computed from model objects, remembered while they are the very same objects.

    The loader keeps an unchanged file's objects between loads (kb.loader), so the same object
    (``is``) holds the same data, and a preview's next build recomputes only for what changed.
    The objects are kept with the result, so that no new object can take a remembered identity.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._values: dict[Hashable, tuple[tuple[object, ...], object]] = {}

    def get(self, objects: tuple[object, ...], values: Hashable, compute: Callable[[], V]) -> V:
        """The value computed from ``objects`` and ``values`` last time, or computed now."""
        # The objects are kept with the value, so equal ids are the same objects.
        key = (*map(id, objects), values)
        found = self._values.get(key)
        if found is not None:
            return found[1]  # type: ignore[return-value]
        if len(self._values) >= self.limit:
            self._values.clear()
        value = compute()
        self._values[key] = (objects, value)
        return value
