"""Reading a built site: regular files and folders only; everything else is listed, never opened."""

from __future__ import annotations

import os
from pathlib import Path

from kb.sitecheck.links import MAX_PAGE_BYTES, Unchecked, format_unchecked_github, read_site


def test_only_regular_files_count_as_files_and_pages(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<h1 id="top">Home</h1>\n', encoding="utf-8")
    (tmp_path / "style.css").write_text("p {}\n", encoding="utf-8")
    (tmp_path / "copy.html").symlink_to("index.html")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "outside").symlink_to("/etc")
    os.mkfifo(tmp_path / "sub" / "pipe.html")

    site = read_site(tmp_path)

    assert site.files == {"index.html", "style.css"}
    assert set(site.pages) == {"index.html"}
    assert site.unchecked == (
        Unchecked("copy.html", "a symbolic link to the file 'index.html'"),
        Unchecked("sub/outside", "a symbolic link to the folder '/etc'"),
        Unchecked("sub/pipe.html", "a FIFO (named pipe)"),
    )


def test_a_page_too_large_to_be_a_page_is_not_read(tmp_path: Path) -> None:
    with (tmp_path / "huge.html").open("wb") as handle:
        handle.truncate(MAX_PAGE_BYTES + 1)
    site = read_site(tmp_path)
    assert site.files == frozenset() and site.pages == {}
    assert site.unchecked == (Unchecked("huge.html", f"a page larger than {MAX_PAGE_BYTES:,} bytes"),)


def test_github_annotations_name_the_entry_in_the_site_folder() -> None:
    assert format_unchecked_github([Unchecked("a,b:c", "a socket")], site_folder=".site-check") == (
        "::error file=.site-check/a%2Cb%3Ac,title=not-a-regular-file::expected a regular file or folder "
        "(symbolic links are never followed); found a socket\n"
    )
