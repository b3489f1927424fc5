"""What checking each file found, kept on disk so that the next ``kb validate`` redoes only what
changed.

A file's entry holds what the checks that read that file alone found: its parse, schema check
and model (kb.loader), the problems of the one-file rules (kb.rules.FILE_RULES) and its
misspellings. The entry is named by the file's kind, path and bytes; it sits in a folder named
by everything else those results depend on: this package's code, the Python version, the
installed libraries, the schemas, the figures and sources (Markdown fields quote figures and
their tables cite sources), Hunspell, its dictionaries and the word lists. Hunspell's answers
about words are kept too, so it is asked only about words no run asked about. The rules that
read more than one file (identity, references, duplicates, translations, terminology) run
again on every run, on what they read from each file: names, link targets, placeholders, and
mentions of discouraged names (kept with the list of those names they were found with). So an
unchanged file's text is not walked again.

Safety: the folder is in the user's cache folder (``$KB_CACHE_DIR``, else
``$XDG_CACHE_HOME/bpo-knowledge-base``, else ``~/.cache/bpo-knowledge-base``), never in the
working tree (the folder holding the glossary), so a pull request cannot place packs there; it
is used only while it is a real folder that belongs to the user and that nobody else may write.
Every pack is sealed with a keyed hash by a secret kept elsewhere (the user's config folder,
readable by the user alone): a pack that is not this user's own (planted, restored from a shared
cache, damaged) is never unpickled. The unpickler also makes nothing but the model's own data
classes and enums, paths and read-only mappings. A folder that cannot be used, or a pack that
cannot be read, only means the work is done again: results never depend on what was kept.
"""

from __future__ import annotations

import copyreg
import hashlib
import hmac
import io
import os
import pickle
import secrets
import shutil
import site
import stat
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, is_dataclass
from enum import Enum
from pathlib import Path, PosixPath
from types import MappingProxyType
from typing import Any

from kb.loader import LoadedFile, scan_data_files, schema_dir_for
from kb.model import Language
from kb.problems import Problem
from kb.regular_files import RefusedFile, read_regular_file
from kb.rules import spelling

#: Raised whenever what an entry holds changes shape.
FORMAT = "2"
#: All entries as of the last compaction, and the entries each later run added.
_BASE = "entries.pack"
_MORE = "more-"
_PACK = ".pack"
#: Runs that add a pack of their own before the packs are compacted into one again.
_MAX_PACKS = 64
_PACKAGE = Path(__file__).resolve().parent
#: Each pack starts with these bytes and its seal: a keyed BLAKE2b of the rest, by a secret of
#: the user's (``results.key`` in ``$KB_CONFIG_DIR``, else ``$XDG_CONFIG_HOME/bpo-knowledge-base``,
#: else ``~/.config/bpo-knowledge-base``).
_MAGIC = b"kb-results-2\n"
_SEAL_BYTES = 32
_KEY = "results.key"
_KEY_BYTES = 32
#: The entry holding the schemas' own problems (the schemas name the folder), and its key among
#: this run's entries, which no file's path can be (those are absolute).
_SCHEMAS = "schemas"
_SCHEMAS_KEY = Path("schemas")
#: The entry holding Hunspell's answers about words (the dictionaries and word lists name the
#: folder), its key among this run's entries, and the most words it keeps.
_ANSWERS = "hunspell-answers"
_ANSWERS_KEY = Path("hunspell-answers")
_MAX_ANSWERS = 500_000
#: In each glossary's folder: the glossary folder's path, to forget it once it is gone.
_GLOSSARY = "glossary-path"


@dataclass
class _Entry:
    loaded: LoadedFile
    #: Problems of the one-file checks, by check ("rules", "spelling"...), and what cross-file
    #: rules read from this file alone ("names", "links").
    problems: dict[str, tuple] = field(default_factory=dict)


class FileResults:
    """The entries of one glossary's files: those of earlier runs, and this run's new ones."""

    def __init__(self, folder: Path, key: bytes) -> None:
        self.folder = folder
        self._key = key
        self._stored: dict[str, _Entry] | None = None
        self._packs: list[Path] = []
        self._used: dict[Path, tuple[str, _Entry]] = {}
        self._changed: set[str] = set()
        #: This run's paths of the glossary's files, by their text: kept documents, problems and
        #: models are given these objects rather than new ones (one fewer parse per file).
        self._paths: dict[str, Path] = {}

    def expect(self, paths: Iterable[Path]) -> None:
        """The files this run reads (before it asks for any of them)."""
        self._paths.update((str(path), path) for path in paths)

    def loaded(self, kind: str, path: Path, raw: bytes) -> LoadedFile | None:
        """The file as an earlier run read it, if its bytes are the same."""
        name = _entry_name(kind, path, raw)
        entry = self._entries().get(name)
        if entry is None:
            return None
        self._used[path] = (name, entry)
        return entry.loaded

    def keep_loaded(self, kind: str, path: Path, raw: bytes, loaded: LoadedFile) -> None:
        name = _entry_name(kind, path, raw)
        self._used[path] = (name, _Entry(loaded))
        self._changed.add(name)

    def note_page(self, path: Path, text: str) -> None:
        """A hand-written page read this run: its one-file problems can be kept like a file's."""
        name = _entry_name("page", path, text.encode())
        entry = self._entries().get(name)
        if entry is None:
            entry = _Entry(LoadedFile(None, ()))
            self._changed.add(name)
        self._used[path] = (name, entry)

    def schema_problems(self) -> tuple[Problem, ...] | None:
        """The problems of the schemas themselves, as an earlier run found them."""
        entry = self._entries().get(_SCHEMAS)
        if entry is None:
            return None
        self._used[_SCHEMAS_KEY] = (_SCHEMAS, entry)
        return entry.loaded.problems

    def keep_schema_problems(self, problems: tuple[Problem, ...]) -> None:
        self._used[_SCHEMAS_KEY] = (_SCHEMAS, _Entry(LoadedFile(None, problems)))
        self._changed.add(_SCHEMAS)

    def answers(self, key: str) -> dict[str, bool]:
        """Hunspell's answers (word → known) that earlier runs got from the dictionary and word
        list ``key`` describes."""
        found = self._answers_entry().problems.get(key)
        if not (isinstance(found, tuple) and len(found) == 2):
            return {}
        known, unknown = found
        return {**dict.fromkeys(unknown, False), **dict.fromkeys(known, True)}

    def keep_answers(self, key: str, answers: dict[str, bool]) -> None:
        if len(answers) <= _MAX_ANSWERS:
            known = tuple(word for word, is_known in answers.items() if is_known)
            unknown = tuple(word for word, is_known in answers.items() if not is_known)
            self._answers_entry().problems[key] = (known, unknown)
            self._changed.add(_ANSWERS)

    def _answers_entry(self) -> _Entry:
        used = self._used.get(_ANSWERS_KEY)
        if used is None:
            used = self._used[_ANSWERS_KEY] = (_ANSWERS, self._entries().get(_ANSWERS) or _Entry(LoadedFile(None, ())))
        return used[1]

    def file_problems(self, path: Path, check: str) -> tuple | None:
        """What the one-file ``check`` found in the file at ``path`` (its problems, or what a
        cross-file rule reads from the file alone), if already known."""
        used = self._used.get(path)
        return None if used is None else used[1].problems.get(check)

    def file_result(self, path: Path, check: str, compute: Callable[[], tuple]) -> tuple:
        """What ``check`` found in (or read from) the file at ``path``: kept, or computed now and
        kept for the next run."""
        found = self.file_problems(path, check)
        if found is None:
            found = compute()
            self.keep_file_problems(path, check, found)
        return found

    def keep_file_problems(self, path: Path, check: str, problems: tuple) -> None:
        used = self._used.get(path)
        if used is not None:
            used[1].problems[check] = problems
            self._changed.add(used[0])

    def save(self) -> None:
        """Keep this run's new entries: in a pack of their own, or, once there are many packs or
        many entries of files that changed or went, all in one pack again."""
        entries = {name: entry for name, entry in self._used.values()}
        stored = self._entries()
        new = {name: entries[name] for name in self._changed if name in entries}
        unused = len(stored.keys() - entries.keys())
        try:
            if (
                len(self._packs) >= _MAX_PACKS
                or not (self.folder / _BASE).exists()
                or (len(new) + unused) * 4 > len(entries)
            ):
                _write_atomically(self.folder / _BASE, _sealed(_dumps(entries), self._key))
                _remove_leftovers(self.folder)
                for pack in self._packs:
                    if pack.name != _BASE:
                        pack.unlink(missing_ok=True)
            elif new:
                _write_atomically(
                    self.folder / f"{_MORE}{time.time_ns():020d}-{os.getpid()}{_PACK}", _sealed(_dumps(new), self._key)
                )
        except (OSError, pickle.PicklingError):
            pass  # the next run does the work again
        self._changed.clear()

    def _entries(self) -> dict[str, _Entry]:
        # Read on first use, which is inside the loader's pause of the garbage collector (a
        # collection during the unpickling of a pack of thousands of entries doubles its time).
        if self._stored is None:
            self._stored = {}
            try:
                names = sorted(entry.name for entry in os.scandir(self.folder) if entry.name.endswith(_PACK))
            except OSError:  # gone (another run with other inputs removed it) or unreadable
                names = []
            for name in sorted(names, key=lambda name: name != _BASE):  # the base first, then in order
                pack = _read_pack(self.folder / name, self._key, self._paths)
                self._packs.append(self.folder / name)
                if isinstance(pack, dict):
                    self._stored.update(
                        (key, entry)
                        for key, entry in pack.items()
                        if isinstance(entry, _Entry) and isinstance(entry.loaded, LoadedFile)
                    )
        return self._stored


def open_file_results(root: Path) -> FileResults | None:
    """The results kept for the glossary at ``root``, or None when no safe folder can hold them."""
    try:
        base = _cache_base()
        if not base.is_absolute() or base.resolve().is_relative_to(root.resolve().parent):
            return None  # never in the working tree, where a pull request could place packs
        key = _key()
        if key is None:
            return None
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
        where = os.fsencode(root.resolve())
        glossary_folder = base / _digest(where)
        folder = glossary_folder / _fingerprint(root)
        for step in (base, glossary_folder, folder):
            step.mkdir(mode=0o700, exist_ok=True)
            if not _is_private_folder(step):
                return None
        if not (glossary_folder / _GLOSSARY).exists():
            _write_atomically(glossary_folder / _GLOSSARY, where)
        for other in os.scandir(glossary_folder):
            if other.name != folder.name and other.is_dir(follow_symlinks=False):
                shutil.rmtree(other.path, ignore_errors=True)  # kept by other code or other schemas
        _forget_gone_glossaries(base)
    except (OSError, RuntimeError):  # RuntimeError: no home folder to be found
        return None
    return FileResults(folder, key)


def _forget_gone_glossaries(base: Path) -> None:
    """Drop what was kept for glossary folders that no longer exist (temporary copies...)."""
    for other in os.scandir(base):
        if not other.is_dir(follow_symlinks=False):
            continue
        try:
            where = Path(other.path, _GLOSSARY).read_bytes()
        except OSError:
            continue
        if not os.path.isdir(where):
            shutil.rmtree(other.path, ignore_errors=True)


def _cache_base() -> Path:
    return _user_folder("KB_CACHE_DIR", "XDG_CACHE_HOME", ".cache")


def _config_folder() -> Path:
    return _user_folder("KB_CONFIG_DIR", "XDG_CONFIG_HOME", ".config")


def _user_folder(explicit: str, xdg: str, in_home: str) -> Path:
    """``$explicit``, else ``$xdg/bpo-knowledge-base`` (if absolute), else ``~/in_home/...``."""
    if os.environ.get(explicit):
        return Path(os.environ[explicit])
    parent = os.environ.get(xdg)
    return (Path(parent) if parent and Path(parent).is_absolute() else Path.home() / in_home) / "bpo-knowledge-base"


def _key() -> bytes | None:
    """This user's secret for sealing packs, made on first use; kept apart from the packs (in
    the config folder), so that whoever could place packs cannot seal them."""
    folder = _config_folder()
    if not folder.is_absolute():
        return None
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not _is_private_folder(folder):
        return None
    path = folder / _KEY
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(descriptor, "wb") as file:
            file.write(secrets.token_bytes(_KEY_BYTES))
    status = path.lstat()
    if not stat.S_ISREG(status.st_mode) or status.st_uid != os.getuid() or status.st_mode & 0o077:
        return None
    key = read_regular_file(path, _KEY_BYTES)
    return key if len(key) == _KEY_BYTES else None


def _seal(payload: bytes, key: bytes) -> bytes:
    return hashlib.blake2b(payload, key=key, digest_size=_SEAL_BYTES).digest()


def _sealed(payload: bytes, key: bytes) -> bytes:
    return _MAGIC + _seal(payload, key) + payload


def _remove_leftovers(folder: Path) -> None:
    """Temporary files of runs killed while writing (an hour is far longer than any write)."""
    for entry in os.scandir(folder):
        if entry.name.endswith(".tmp") and entry.stat(follow_symlinks=False).st_mtime < time.time() - 3600:
            os.unlink(entry.path)


def _is_private_folder(path: Path) -> bool:
    if not hasattr(os, "getuid"):
        return False  # no owner to compare with (Windows): nothing is kept
    status = path.lstat()
    return stat.S_ISDIR(status.st_mode) and status.st_uid == os.getuid() and not status.st_mode & 0o022


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _entry_name(kind: str, path: Path, raw: bytes) -> str:
    named = hashlib.blake2b(kind.encode() + b"\0" + os.fsencode(path) + b"\0", digest_size=16)
    named.update(raw)
    return named.hexdigest()


def _fingerprint(root: Path) -> str:
    """A name for everything a file's results depend on besides the file itself."""
    inputs = hashlib.blake2b(f"{FORMAT}\0{sys.version}\0".encode(), digest_size=16)
    for source in sorted(path for path in _PACKAGE.rglob("*") if path.is_file() and "__pycache__" not in path.parts):
        inputs.update(os.fsencode(source.relative_to(_PACKAGE)) + b"\0" + source.read_bytes())
    for folder in _library_folders():  # their versions, as the names of their metadata folders
        try:
            names = sorted(name for name in os.listdir(folder) if name.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
        inputs.update(os.fsencode(folder) + b"\0" + os.fsencode("\0".join(names)) + b"\0")
    schema_dir = schema_dir_for(root)
    for schema in sorted(schema_dir.glob("*.json")) if schema_dir.is_dir() else ():
        inputs.update(os.fsencode(schema.name) + b"\0" + _bytes_or_nothing(schema))
    for _, path, _ in scan_data_files(root, ("figures", "sources"))[0]:  # quoted by Markdown fields
        inputs.update(os.fsencode(path) + b"\0" + _bytes_or_nothing(path))
    for language in Language:  # misspellings depend on Hunspell, its dictionaries and the word lists
        inputs.update(os.fsencode(repr(spelling.answers_key(language, spelling.word_list_path(root, language)))))
    return inputs.hexdigest()


def _library_folders() -> list[str]:
    """Where this Python's libraries are installed (not the script's or working folder, which
    differ between ``kb`` and ``python -m kb.cli`` and would name another folder each time)."""
    paths = sysconfig.get_paths()
    folders = [paths["purelib"], paths["platlib"], *site.getsitepackages()]
    if site.ENABLE_USER_SITE:
        folders.append(site.getusersitepackages())
    return sorted(set(folders))


def _bytes_or_nothing(path: Path) -> bytes:
    try:
        return read_regular_file(path, 10_000_000)
    except (OSError, RefusedFile):
        return b"\0unreadable\0"


def _dumps(value: object) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {  # type: ignore[assignment]
        **copyreg.dispatch_table,
        MappingProxyType: _reduce_mapping,
        PosixPath: _reduce_path,
    }
    pickler.dump(value)
    return buffer.getvalue()


def _reduce_mapping(mapping: MappingProxyType) -> tuple:
    return (read_only_mapping, (dict(mapping),))


def _reduce_path(path: PosixPath) -> tuple:
    return (kept_path, (str(path),))


def kept_path(text: str) -> Path:
    """A kept path made again (each pack's unpickler shares one object per path)."""
    return Path(text)


def read_only_mapping(values: dict) -> MappingProxyType:
    """A kept read-only mapping made again (``types.MappingProxyType`` cannot be named by pickle)."""
    return MappingProxyType(dict(values))


#: The modules whose data classes and enums a kept result is made of (none acts on construction).
_MODEL_MODULES = frozenset({"kb.file_results", "kb.loader", "kb.model", "kb.problems", "kb.yamldoc"})


class _ModelUnpickler(pickle.Unpickler):
    """Makes only this package's data classes and enums, paths, and read-only mappings."""

    def __init__(self, file: Any, paths: dict[str, Path]) -> None:
        super().__init__(file)
        self._paths = dict(paths)

    def _path(self, text: str) -> Path:
        # The same file's path appears in its document, its problems and its model: parsed once.
        found = self._paths.get(text)
        if found is None:
            found = self._paths[text] = Path(text)
        return found

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("kb.file_results", "kept_path"):
            return self._path
        if module in _MODEL_MODULES and module in sys.modules:
            found = getattr(sys.modules[module], name, None)
            defined_here = getattr(found, "__module__", None) == module
            if defined_here and isinstance(found, type) and (is_dataclass(found) or issubclass(found, Enum)):
                return found
        allowed = {
            ("pathlib", "PosixPath"): PosixPath,
            ("kb.file_results", "read_only_mapping"): read_only_mapping,
            ("builtins", "frozenset"): frozenset,
            ("builtins", "set"): set,
        }.get((module, name))
        if allowed is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a kept result")
        return allowed


def _read_pack(path: Path, key: bytes, paths: dict[str, Path]) -> object:
    """A pack this user's runs wrote (its seal checked before anything is unpickled), or None."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError:
        return None
    start = len(_MAGIC) + _SEAL_BYTES
    if not data.startswith(_MAGIC) or not hmac.compare_digest(data[len(_MAGIC) : start], _seal(data[start:], key)):
        return None
    try:
        return _ModelUnpickler(io.BytesIO(data[start:]), paths).load()
    except Exception:  # a pack of an older format is only a miss
        return None


def _write_atomically(path: Path, data: bytes) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
