"""Broken links in built sites: small hand-made sites, then the real fixture site built by MkDocs."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from kb.sitecheck.links import BrokenLink, Link, LinkKind, check_site, format_broken, format_broken_github, parse_page

SITE_URL = "https://example.org/kb/"
PAGE = "glossary/x/index.html"
CYRILLIC_PAGE = "uk/глосарій/розмір/index.html"

# The pages every case can link to; ``PAGE`` is written per case.
CONTROL_SITE = {
    "index.html": '<!doctype html>\n<h1 id="home">Home</h1>\n',
    "404.html": "<!doctype html>\n<h1>Not found</h1>\n",
    "glossary/y/index.html": '<!doctype html>\n<h2 id="scope">Scope</h2>\n<a name="legacy"></a>\n',
    "uk/glossary/x/index.html": '<!doctype html>\n<h1 id="x">X</h1>\n',
    CYRILLIC_PAGE: '<!doctype html>\n<h2 id="розмір-ринку">Розмір ринку</h2>\n',
    "assets/logo.svg": "<svg/>",
}

ANCHOR = '<a href="{target}">link</a>'
IMAGE = '<img src="{target}" alt="">'
SCRIPT = '<script src="{target}"></script>'
STYLESHEET = '<link rel="stylesheet" href="{target}">'
SWITCHER = '<a href="{target}" hreflang="uk" class="md-select__link">Українська</a>'
ALTERNATE = '<link rel="alternate" href="{target}" hreflang="uk">'

ENCODED_CYRILLIC_FOLDER = "../../" + quote("uk/глосарій/розмір/")

# (element, target, the reason it is broken or None when it works or is not ours to check)
CASES = {
    "good folder link": (ANCHOR, "../y/", None),
    "good file link": (ANCHOR, "../y/index.html", None),
    "folder without a slash": (ANCHOR, "../y", None),
    "relative to the root index": (ANCHOR, "../../", None),
    "dot-dot as the last segment": (ANCHOR, "../..", None),
    "same folder": (ANCHOR, "./", None),
    "empty href": (ANCHOR, "", None),
    "empty fragment": (ANCHOR, "#", None),
    "top of the page": (ANCHOR, "#top", None),
    "good anchor": (ANCHOR, "../y/#scope", None),
    "good a-name anchor": (ANCHOR, "../y/#legacy", None),
    "query string ignored": (ANCHOR, "../y/?q=1#scope", None),
    "same-page anchor": (ANCHOR, "#here", None),
    "non-HTML file": (IMAGE, "../../assets/logo.svg", None),
    "fragment on a non-HTML file": (IMAGE, "../../assets/logo.svg#icon", None),
    "raw Cyrillic path and anchor": (ANCHOR, "../../uk/глосарій/розмір/#розмір-ринку", None),
    "encoded Cyrillic path and anchor": (ANCHOR, ENCODED_CYRILLIC_FOLDER + "#" + quote("розмір-ринку"), None),
    "root-relative under the site path": (SCRIPT, "/kb/glossary/y/", None),
    "site_url absolute": (ANCHOR, SITE_URL + "glossary/y/#scope", None),
    "site_url itself": (ANCHOR, SITE_URL.rstrip("/"), None),
    "external": (ANCHOR, "https://example.com/nowhere/", None),
    "protocol-relative": (SCRIPT, "//cdn.example.com/missing.js", None),
    "mailto": (ANCHOR, "mailto:kb@example.org", None),
    "javascript": (ANCHOR, "javascript:void(0)", None),
    "same host outside site_url": (ANCHOR, "https://example.org/other/", None),
    "good language switcher": (SWITCHER, "../../uk/glossary/x/", None),
    "good hreflang alternate": (ALTERNATE, "../../uk/glossary/x/", None),
    "missing folder": (ANCHOR, "../missing/", "no such file"),
    "missing file": (ANCHOR, "../y/missing.html", "no such file"),
    "missing image": (IMAGE, "../../assets/missing.png", "no such file"),
    "missing stylesheet": (STYLESHEET, "/kb/assets/missing.css", "no such file"),
    "missing anchor": (ANCHOR, "../y/#nowhere", "no such anchor"),
    "missing same-page anchor": (ANCHOR, "#gone", "no such anchor"),
    "missing encoded Cyrillic anchor": (ANCHOR, ENCODED_CYRILLIC_FOLDER + "#" + quote("ринок"), "no such anchor"),
    "missing raw Cyrillic file": (ANCHOR, "../../uk/глосарій/ринок/", "no such file"),
    "above the root": (ANCHOR, "../../../up/", "outside the site"),
    "root-relative outside the site path": (ANCHOR, "/other/", "outside the site"),
    "missing site_url page": (ANCHOR, SITE_URL + "glossary/missing/", "no such file"),
    "missing site_url anchor": (ANCHOR, SITE_URL + "#nowhere", "no such anchor"),
    "broken language switcher": (SWITCHER, "../../uk/glossary/missing/", "language switcher: no such file"),
    "language switcher anchor": (SWITCHER, "../../uk/glossary/x/#y", "language switcher: no such anchor"),
    "broken hreflang alternate": (ALTERNATE, "../../uk/glossary/missing/", "hreflang alternate: no such file"),
    "hreflang alternate above the root": (ALTERNATE, "../../../uk/", "hreflang alternate: outside the site"),
}


def write_site(root: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(("element", "target", "reason"), CASES.values(), ids=CASES.keys())
def test_one_link(tmp_path: Path, element: str, target: str, reason: str | None) -> None:
    page = f'<!doctype html>\n{element.format(target=target)}\n<h2 id="here">Here</h2>\n'
    site = write_site(tmp_path, {**CONTROL_SITE, PAGE: page})
    expected = [] if reason is None else [BrokenLink(PAGE, 2, target, reason)]
    assert check_site(site, site_url=SITE_URL) == expected


def test_links_from_a_cyrillic_page(tmp_path: Path) -> None:
    page = (
        "<!doctype html>\n"
        '<h2 id="розмір-ринку">Розмір ринку</h2>\n'
        '<a href="#розмір-ринку">raw</a>\n'
        '<a href="#%D1%80%D0%BE%D0%B7%D0%BC%D1%96%D1%80-%D1%80%D0%B8%D0%BD%D0%BA%D1%83">encoded</a>\n'
        '<a href="../інше/">missing</a>\n'
        '<a href="../../../glossary/y/#scope">English</a>\n'
    )
    site = write_site(tmp_path, {**CONTROL_SITE, CYRILLIC_PAGE: page})
    assert check_site(site) == [BrokenLink(CYRILLIC_PAGE, 5, "../інше/", "no such file")]


def test_every_problem_is_reported_sorted_by_page_and_line(tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {
            "b/index.html": '<!doctype html>\n\n<a href="../a/">a</a>\n<a href="#no">here</a>\n',
            "a/index.html": '<!doctype html>\n<a href="../missing/">m</a>\n\n\n<img src="nothing.png">\n',
            "index.html": '<!doctype html>\n<a href="../up/">up</a>\n',
        },
    )
    assert check_site(site) == [
        BrokenLink("a/index.html", 2, "../missing/", "no such file"),
        BrokenLink("a/index.html", 5, "nothing.png", "no such file"),
        BrokenLink("b/index.html", 4, "#no", "no such anchor"),
        BrokenLink("index.html", 2, "../up/", "outside the site"),
    ]


def test_root_relative_links_without_site_url_start_at_the_site_folder(tmp_path: Path) -> None:
    page = '<a href="/glossary/y/">y</a>\n<a href="/kb/glossary/y/">kb</a>\n'
    site = write_site(tmp_path, {**CONTROL_SITE, PAGE: page})
    assert check_site(site) == [BrokenLink(PAGE, 2, "/kb/glossary/y/", "no such file")]


def test_page_parsing_collects_anchors_and_links_with_lines() -> None:
    parsed = parse_page(
        "<!doctype html>\n"
        '<link rel="alternate" href="../en/" hreflang="en"><link rel="canonical" href="https://x.org/">\n'
        '<h1 id="заголовок">T</h1><a name="old"></a><a>no href</a>\n'
        '<a href="../en/" hreflang="en" class="md-select__link">en</a><a href="a&amp;b" hreflang="en">x</a>\n'
        '<source src="v.webm"><iframe src="f.html"></iframe><use href="#not-a-link"/>\n'
    )
    assert parsed.anchors == {"заголовок", "old"}
    assert parsed.links == (
        Link(2, "../en/", LinkKind.HREFLANG_ALTERNATE),
        Link(2, "https://x.org/", LinkKind.PLAIN),
        Link(4, "../en/", LinkKind.LANGUAGE_SWITCHER),
        Link(4, "a&b", LinkKind.PLAIN),
        Link(5, "v.webm", LinkKind.PLAIN),
        Link(5, "f.html", LinkKind.PLAIN),
    )


FORMATTED = [
    BrokenLink("uk/glossary/кол-центр/index.html", 12, "../аутсорсинг/#розмір", "no such anchor"),
    BrokenLink("glossary/a,b/index.html", 3, "../x:y/", "language switcher: no such file"),
    BrokenLink("index.html", 1, "100%\nnew", "no such file"),
]


def test_text_format() -> None:
    assert format_broken(FORMATTED) == (
        "uk/glossary/кол-центр/index.html:12: broken link → ../аутсорсинг/#розмір (no such anchor)\n"
        "glossary/a,b/index.html:3: broken link → ../x:y/ (language switcher: no such file)\n"
        "index.html:1: broken link → 100%\nnew (no such file)\n"
    )


def test_github_format_escapes_data_and_properties() -> None:
    assert format_broken_github(FORMATTED) == (
        "::error file=site/uk/glossary/кол-центр/index.html,line=12,title=broken-link"
        "::../аутсорсинг/#розмір (no such anchor)\n"
        "::error file=site/glossary/a%2Cb/index.html,line=3,title=broken-link"
        "::../x:y/ (language switcher: no such file)\n"
        "::error file=site/index.html,line=1,title=broken-link::100%25%0Anew (no such file)\n"
    )
    assert format_broken_github(FORMATTED[2:], site_folder="build/site") == (
        "::error file=build/site/index.html,line=1,title=broken-link::100%25%0Anew (no such file)\n"
    )


def test_the_built_fixture_site_has_no_broken_links(fixture_site: Path) -> None:
    assert check_site(fixture_site, site_url="http://127.0.0.1:8000/") == []


def test_a_missing_page_is_reported_wherever_it_is_linked(fixture_site: Path, tmp_path: Path) -> None:
    site = Path(shutil.copytree(fixture_site, tmp_path / "site"))
    (site / "uk/glossary/call-centre/index.html").unlink()

    broken = check_site(site, site_url="http://127.0.0.1:8000/")

    assert [(b.page, b.target, b.reason) for b in broken] == [
        (
            "glossary/call-centre/index.html",
            "http://127.0.0.1:8000/uk/glossary/call-centre/",
            "hreflang alternate: no such file",
        ),
        ("glossary/call-centre/index.html", "../../uk/glossary/call-centre/", "language switcher: no such file"),
        ("uk/categories/operations/index.html", "../../glossary/call-centre/", "no such file"),
        ("uk/concepts/intro/index.html", "../../glossary/call-centre/", "no such file"),
        ("uk/concepts/intro/index.html", "../../glossary/call-centre/", "no such file"),
        ("uk/glossary/contact-centre/index.html", "../call-centre/", "no such file"),
        ("uk/glossary/contact-centre/index.html", "../call-centre/", "no such file"),
        ("uk/glossary/index.html", "call-centre/", "no such file"),
        ("uk/glossary/outsourcing/index.html", "../call-centre/", "no such file"),
        ("uk/glossary/outsourcing/index.html", "../call-centre/", "no such file"),
        ("uk/status/index.html", "../glossary/call-centre/", "no such file"),
    ]
    for link in broken:
        line = (site / link.page).read_text(encoding="utf-8").splitlines()[link.line - 1]
        assert f'href="{link.target}"' in line, (link, line)
