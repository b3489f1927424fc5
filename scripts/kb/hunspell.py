"""Hunspell, run so that its answers depend only on the dictionary and word list named to it.

Hunspell 1.7 also reads ``~/.hunspell_<dictionary>`` whatever ``-p`` says, looks for the ``-p``
path under ``$HOME`` first (``$HOME//abs/path``) and for the ``-d`` path under the working
directory first (``.//usr/share/…``), and takes dictionaries and word lists from ``$DICPATH``,
``$DICTIONARY`` and ``$WORDLIST``; without ``$HOME`` it reads no word list at all. Every run
here names the dictionary by its absolute path and always a word list (the project's, or none),
from ``/``, with ``$HOME`` set to ``/dev/null`` (under which no file can be) and none of the
other variables set: the same words get the same answers wherever, and by whomever, the check
is run.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

DICTIONARY_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"))
#: The environment variables through which Hunspell would read files other than those named.
_READS = frozenset({"HOME", "WORDLIST", "DICPATH", "DICTIONARY"})


def dictionary(name: str) -> Path | None:
    """The installed dictionary ``name`` (``en_GB``) without its suffix, as ``-d`` takes it."""
    for folder in DICTIONARY_DIRS:
        if (folder / f"{name}.dic").is_file():
            return folder / name
    return None


def command(name: str, word_list: Path | None = None) -> list[str]:
    """``hunspell -l`` over UTF-8 lines with dictionary ``name`` and ``word_list`` (or none)."""
    installed = dictionary(name)
    personal = str(word_list.absolute()) if word_list is not None else os.devnull
    return ["hunspell", "-d", str(installed or name), "-l", "-i", "utf-8", "-p", personal]


def isolated() -> dict[str, Any]:
    """The ``subprocess`` options that keep Hunspell to the files :func:`command` names."""
    environment = {name: value for name, value in os.environ.items() if name not in _READS}
    return {"cwd": "/", "env": {**environment, "HOME": os.devnull}}
