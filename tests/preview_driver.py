"""``mkdocs serve --dirty`` without its HTTP server, for tests: the same first build, the same
``on_serve`` (so the kb plugin's watcher and page builder), and a rebuild on request.

    python tests/preview_driver.py MKDOCS_YML SITE_DIR

builds, prints ``ready``, then for each ``rebuild`` line on stdin waits for the watcher to see
a change, runs the server's builder and prints ``pages`` or ``site`` (how it was built: the
changed pages only, or MkDocs' builder); ``quit`` ends. With ``--once`` it only builds.
"""

from __future__ import annotations

import logging
import sys
import time

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

SERVE_URL = "http://127.0.0.1:8000/"


def main(config_file: str, site_dir: str, once: bool) -> None:
    # static-i18n builds its other languages dirty when the command line says so.
    sys.argv = ["mkdocs", "serve", "--dirty", "--livereload"]
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")

    def configured():  # type: ignore[no-untyped-def]
        config = load_config(config_file=config_file, site_dir=site_dir, strict=False)
        config.site_url = SERVE_URL
        return config

    def builder(config=None):  # type: ignore[no-untyped-def]
        build(config or configured(), serve_url=SERVE_URL, dirty=True)

    config = configured()
    config.plugins.on_startup(command="serve", dirty=True)
    builder(config)
    if once:
        return
    server = LiveReloadServer(builder=builder, host="127.0.0.1", port=8000, root=site_dir)
    server.watch(config.docs_dir)
    server.watch(config.config_file_path)
    server = config.plugins.on_serve(server, config=config, builder=builder)
    server.observer.start()
    print("ready", flush=True)
    try:
        for line in sys.stdin:
            if line.strip() != "rebuild":
                break
            deadline = time.monotonic() + 10
            while not server._want_rebuild and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(0.2)  # as the server waits for a burst of events to end
            server._want_rebuild = False
            server.builder()
            print(getattr(server.builder, "last", "site"), flush=True)
    finally:
        server.observer.stop()


if __name__ == "__main__":
    arguments = [argument for argument in sys.argv[1:] if argument != "--once"]
    main(arguments[0], arguments[1], "--once" in sys.argv[1:])
