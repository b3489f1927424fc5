from __future__ import annotations

import pytest

from kb.markdown_safety import defuse_markdown, find_unsafe_markup


@pytest.mark.parametrize(
    "markdown",
    [
        "Plain text with a [link](https://example.org) and [term](term:call-centre).",
        "Code spans may show `<b>` without being HTML.",
        "A comparison: 3 < 5 and 7 > 2.",
        "[article](article:what-is-bpo) and [mail](mailto:a@example.org) and [anchor](#top)",
        "    <b>indented code</b>",
    ],
)
def test_safe_markdown(markdown: str) -> None:
    assert find_unsafe_markup(markdown) == []


@pytest.mark.parametrize(
    ("markdown", "rule"),
    [
        ("Some <b>bold</b> text", "raw-html"),
        ("<script>alert(1)</script>", "raw-html"),
        ('<img src=x onerror="alert(1)">', "raw-html"),
        ("[click](javascript:alert(1))", "link-scheme"),
        ("[click](JaVaScRiPt:alert(1))", "link-scheme"),
        ("[click](java\tscript:alert(1))", "link-scheme"),
        ("![x](data:image/svg+xml;base64,AAAA)", "link-scheme"),
        ("[click][ref]\n\n[ref]: javascript:alert(1)", "link-scheme"),
        ("<javascript:alert(1)>", "link-scheme"),
    ],
)
def test_unsafe_markdown(markdown: str, rule: str) -> None:
    assert rule in {finding.rule for finding in find_unsafe_markup(markdown)}


@pytest.mark.parametrize(
    "markdown",
    [
        "[c](java&#x09;script:alert(1))",
        "[c](javascript&colon;alert(1))",
        "[c](  javascript:alert(1) )",
        "[c](vbscript:msgbox(1))",
    ],
)
def test_targets_python_markdown_would_render_are_caught(markdown: str) -> None:
    assert [finding.rule for finding in find_unsafe_markup(markdown)] == ["link-scheme"]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("a <b>x</b> `<i>` y", "a &lt;b>x&lt;/b> `<i>` y"),
        ("[c](javascript:alert(1)) and [ok](term:x)", "[c](#)) and [ok](term:x)"),
        ("see <https://example.org>", "see [https://example.org](https://example.org)"),
        ("[r][1]\n\n[1]: javascript:alert(1)", "[r][1]\n\n[1]: #"),
        ("x < 3 and y > 2", "x < 3 and y > 2"),
        ("![i](data:image/png;base64,AA)", "![i](#)"),
    ],
)
def test_defuse_markdown(markdown: str, expected: str) -> None:
    assert defuse_markdown(markdown) == expected
