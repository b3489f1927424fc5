"""``kb.memo``: computed once per key (or per the same objects), falsy values included, and bounded."""

from __future__ import annotations

from kb.memo import IdentityMemo, Memo


def test_a_value_is_computed_once_even_when_it_is_empty() -> None:
    memo = Memo(10)
    calls: list[str] = []
    for _ in range(3):
        assert memo.get("k", lambda: calls.append("k") or "") == ""
    assert calls == ["k"]


def test_a_full_memo_is_emptied_before_it_grows_past_its_limit() -> None:
    memo = Memo(2)
    calls: list[int] = []
    for key in (1, 2, 3, 1):
        memo.get(key, lambda key=key: calls.append(key) or key)
    assert calls == [1, 2, 3, 1]  # 3 emptied the memo, so 1 was computed again


def test_an_identity_memo_answers_for_the_same_objects_only() -> None:
    memo = IdentityMemo(10)
    calls: list[str] = []
    first, equal = ["same data"], ["same data"]
    for objects, values in [((first,), "en"), ((first,), "en"), ((equal,), "en"), ((first,), "uk")]:
        memo.get(objects, values, lambda objects=objects, values=values: calls.append(values) or len(calls))
    # The equal list is another object (a file loaded again), and "uk" is another value.
    assert calls == ["en", "en", "uk"]
    assert memo.get((first,), "en", lambda: -1) == 1
