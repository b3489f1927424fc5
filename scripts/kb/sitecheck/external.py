"""``kb links --external``: external URLs of a built site, checked over the network.

Never part of the default CI run. Each distinct URL is requested once (HEAD, then GET when a
server refuses HEAD) with a timeout, a few at a time, and the answers are kept in a cache file
for a day so that repeated runs do not hammer the same hosts.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kb.sitecheck.links import BrokenLink, Site, strip_site_url

CACHE_SECONDS = 24 * 3600
USER_AGENT = "bpo-knowledge-base-link-check/1.0"


def external_links(site: Site, site_url: str | None) -> dict[str, list[tuple[str, int]]]:
    """Every http(s) URL outside the site, with the pages and lines that use it."""
    found: dict[str, list[tuple[str, int]]] = {}
    for page, parsed in site.pages.items():
        for link in parsed.links:
            target = link.target.strip()
            if target.lower().startswith(("http://", "https://")) and strip_site_url(target, site_url) is None:
                found.setdefault(target.split("#", 1)[0], []).append((page, link.line))
    return found


def fetch_status(url: str, timeout: float) -> str | None:
    """None when the URL answers; otherwise why not."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue
            return f"HTTP {exc.code}"
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            return f"unreachable: {getattr(exc, 'reason', exc)}"
    return None


def check_external(
    site: Site, site_url: str | None, cache_file: Path, timeout: float = 10.0, now: float | None = None
) -> list[BrokenLink]:
    """Broken external links, using and refreshing the cache."""
    now = time.time() if now is None else now
    try:
        cache: dict[str, dict] = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    links = external_links(site, site_url)
    stale = [url for url in links if url not in cache or now - cache[url]["checked"] > CACHE_SECONDS]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for url, problem in zip(stale, pool.map(lambda u: fetch_status(u, timeout), stale), strict=True):
            cache[url] = {"checked": now, "problem": problem}
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_text(json.dumps(cache, indent=1, sort_keys=True), encoding="utf-8")
    broken = [
        BrokenLink(page, line, url, cache[url]["problem"])
        for url, uses in links.items()
        if cache[url]["problem"]
        for page, line in uses
    ]
    return sorted(broken, key=lambda b: (b.page, b.line, b.target))
