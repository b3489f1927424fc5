"""The HTML allow-list: attack payloads rendered as the site renders them come out harmless.

The checks here are written independently of the policy in ``kb.html_safety``: whatever the
allow-list says, a sanitized page must hold no script, no event handler, no script or data link,
no resource from another host and no CSS that fetches.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from harm import PAYLOADS, harm
from kb.html_safety import find_disallowed, is_same_site, sanitize
from kb.markdown_html import SITE_EXTENSIONS, render_html


def test_the_checker_itself_finds_harm() -> None:
    raw = [render_html(payload)[0] if not payload.startswith("<") else payload for payload in PAYLOADS]
    assert sum(1 for markup in raw if harm(markup)) >= 30


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_a_payload_rendered_by_the_site_is_harmless_after_sanitizing(payload: str) -> None:
    rendered, _ = render_html(payload)
    for markup in (rendered, payload):  # as Markdown, and as if it reached the page as HTML
        clean = sanitize(markup)
        assert harm(clean) == [], clean
        assert find_disallowed(clean) == [], clean


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_what_the_sanitizer_removes_is_reported(payload: str) -> None:
    rendered, _ = render_html(payload)
    if harm(rendered):
        assert find_disallowed(rendered), rendered


def test_the_site_keeps_what_it_uses() -> None:
    page = (
        '<h2 id="моделі">Моделі<a class="headerlink" href="#моделі" title="Permanent link">&para;</a></h2>'
        '<p>A <a class="kb-term" href="../glossary/sla/" title="An agreement.">term</a>, '
        '<a href="https://en.wikipedia.org/wiki/X">web</a>, <a href="mailto:a@example.org">mail</a>.</p>'
        '<table><thead><tr><th style="text-align: right;">1</th></tr></thead></table>'
        '<div class="admonition warning"><p class="admonition-title">Note</p><p>x</p></div>'
        '<div class="highlight"><pre><span></span><code><span class="c1"># c</span>'
        '<span class="p-Indicator">-</span></code></pre></div>'
        '<p lang="uk">текст</p><img alt="chart" src="chart.svg">'
    )
    clean = sanitize(page)
    for kept in (
        'id="моделі"',
        'class="headerlink"',
        'class="kb-term"',
        'title="An agreement."',
        'href="https://en.wikipedia.org/wiki/X"',
        'href="mailto:a@example.org"',
        "text-align:right",
        'class="admonition warning"',
        'class="admonition-title"',
        'class="c1"',
        'class="p-Indicator"',
        'lang="uk"',
        'src="chart.svg"',
    ):
        assert kept in clean, kept
    assert find_disallowed(page) == []


@pytest.mark.parametrize(
    ("markup", "dropped"),
    [
        ('<h2 id="x&#10;">t</h2>', "id="),
        ('<span class="k&#10;">t</span>', "class="),
        ('<span class="k nf&#10;">t</span>', "class="),
        ('<svg><g clip-path="url(#a)&#10;"></g></svg>', "clip-path="),
    ],
)
def test_an_allowed_value_with_a_final_newline_is_not_allowed(markup: str, dropped: str) -> None:
    clean = sanitize(markup)
    assert dropped not in clean, clean
    assert sanitize(markup.replace("&#10;", "")).count(dropped) == 1  # the value itself is kept


@pytest.mark.parametrize(
    ("url", "same_site"),
    [
        ("chart.svg", True),
        ("../a/b.png", True),
        ("/assets/x.png", True),
        ("#fragment", True),
        ("https://example.org/x.png", False),
        ("//example.org/x.png", False),
        ("/\\example.org/x.png", False),
        ("\\\\example.org\\x.png", False),
        (" //example.org/x.png", False),
        ("data:image/png;base64,AAAA", False),
        ("http:example.org", False),
    ],
)
def test_same_site_addresses(url: str, same_site: bool) -> None:
    assert is_same_site(url) is same_site


def test_the_validator_renders_with_the_sites_extensions() -> None:
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    assert tuple(config.markdown_extensions) == SITE_EXTENSIONS


_PIECES = st.sampled_from(
    [
        "text ",
        "*em* ",
        "[a](../x.md)",
        "[a](https://example.org/)",
        "![i](https://tracker.example/p.png)",
        "{onclick=alert(1)}",
        '{style="background:url(https://t.example/)"}',
        "{#__config}",
        "{: .md-header }",
        "\n\n",
        "\n    ",
        "[r]: javascript:alert(1)\n",
        "[r]\n",
        "<b>",
        "!!! note\n\n    ",
        "??? tip\n\n    ",
        "```\n",
        "# ",
        "| a |\n|---|\n| b |\n",
        "&#106;avascript:",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_any_mix_of_markdown_constructs_is_harmless_after_sanitizing(text: str) -> None:
    assert harm(sanitize(render_html(text)[0])) == []


def test_every_built_page_of_the_real_site_is_clean(real_site: Path) -> None:
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        text = path.read_text(encoding="utf-8")
        article = text.split('<article class="md-content__inner md-typeset">', 1)[-1].split("</article>", 1)[0]
        assert harm(article) == [], path
