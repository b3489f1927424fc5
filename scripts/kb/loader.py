"""The only code that reads glossary files: YAML → schema check → model objects.

Layout of a glossary folder::

    terms/<id>.yaml       one concept per file
    concepts/<id>.yaml    one article per file
    sources.yaml          the bibliography
    data/*.yaml           language-neutral figures
    schema/*.json         JSON Schemas (the repository's own are used when a folder has none)

Only regular files are read. Symbolic links are never followed (a link could publish a file from
outside the repository, or loop), and every link, FIFO, socket, device or sub-folder where a data
file belongs is reported. Names starting with "." (editor swap files, the temporary files of an
atomic write) are never glossary files and are passed over in silence, as MkDocs does in docs/;
nothing else at the glossary's top level is read.
"""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kb.hand_written import HandWrittenPage, read_pages
from kb.model import (
    Article,
    ArticleSection,
    ArticleText,
    Category,
    Concept,
    Designation,
    Figure,
    Gender,
    Glossary,
    Language,
    NameKind,
    Number,
    PartOfSpeech,
    Qualifier,
    Source,
    SourceKind,
    Status,
    TermStatus,
    TermText,
    Unit,
    freeze,
)
from kb.problems import Problem, error
from kb.regular_files import describe_entry
from kb.schemas import SCHEMA_FILES, Schema, check_schema, load_schema, model_problems, salvage_for_model
from kb.yamldoc import Document, not_a_regular_file, parse_document, read_bytes

if TYPE_CHECKING:
    from kb.file_results import FileResults

REPOSITORY_SCHEMA_DIR = Path(__file__).resolve().parents[2] / "glossary" / "schema"
YAML_SUFFIX = ".yaml"


@dataclass(frozen=True)
class LoadResult:
    glossary: Glossary
    problems: list[Problem]
    #: Files with schema errors whose other values were still checked (see ``schemas.salvage``).
    salvaged: frozenset[Path] = frozenset()


def schema_dir_for(root: Path) -> Path:
    own = root / "schema"
    # lexists: a term schema that is a link or a FIFO is the folder's own, reported as such.
    return own if os.path.lexists(own / "term.schema.json") else REPOSITORY_SCHEMA_DIR


FOLDER_KINDS = (("terms", "term"), ("concepts", "concept"), ("data", "figures"))


def scan_data_files(
    root: Path, kinds: Collection[str] = ("term", "concept", "figures", "sources")
) -> tuple[list[tuple[str, Path, str]], list[Problem]]:
    """``(kind, path, file name)`` of every regular data file of a glossary folder (of these
    kinds), in a stable order, and a problem for each entry that is not a regular file where
    one belongs."""
    found: list[tuple[str, Path, str]] = []
    problems: list[Problem] = []
    for folder, kind in FOLDER_KINDS:
        if kind not in kinds:
            continue
        where = root / folder
        irregular = _irregular(where, "a folder")
        if irregular is not None:
            if irregular:
                problems.append(_not_a_folder(where, irregular))
            continue
        names: list[str] = []
        try:
            with os.scandir(where) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    if entry.is_file(follow_symlinks=False):
                        names.append(entry.name)
                    else:
                        problems.append(_not_a_regular_file(Path(entry.path)))
        except OSError as exc:
            problems.append(_not_a_folder(where, f"a folder that cannot be read ({exc.strerror})"))
        found.extend((kind, where / name, name) for name in sorted(names))
    sources = root / "sources.yaml"
    irregular = _irregular(sources, "a regular file") if "sources" in kinds else ""
    if irregular is None:
        found.append(("sources", sources, "sources.yaml"))
    elif irregular:
        problems.append(not_a_regular_file(sources, irregular))
    return found, sorted(problems, key=lambda problem: str(problem.path))


def _irregular(path: Path, expected: str) -> str | None:
    """None when ``path`` is what is ``expected``; "" when it is absent; else what it is."""
    try:
        found = describe_entry(path) or "a regular file"
    except FileNotFoundError:
        return ""
    except OSError as exc:
        return f"an entry that cannot be examined ({exc.strerror})"
    return None if found == expected else found


def _not_a_folder(path: Path, found: str) -> Problem:
    return error(
        path,
        1,
        1,
        "not-a-regular-file",
        f"expected a folder of {YAML_SUFFIX} files (symbolic links are never followed); found {found}",
    )


def _not_a_regular_file(path: Path) -> Problem:
    try:
        found = describe_entry(path) or "a regular file"
    except OSError as exc:
        found = f"an entry that cannot be examined ({exc.strerror})"
    if found == "a folder":
        found = f"a folder, whose files would never be read (a glossary file is a {YAML_SUFFIX} file in this folder)"
    return not_a_regular_file(path, found)


def data_files(root: Path) -> list[tuple[str, Path, str]]:
    """``(kind, path, file name)`` of every regular data file of a glossary folder, in a stable order."""
    return scan_data_files(root)[0]


def glossary_files(root: Path) -> list[Path]:
    """Every regular data file of a glossary folder, in a stable order."""
    return [path for _, path, _ in data_files(root)]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading builds many small objects that all stay alive; the cyclic GC only slows that down.

    Afterwards they are frozen out of the collector's reach, so the rules and renderers that run
    next do not pay for scanning them again and again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


@dataclass(frozen=True)
class LoadedFile:
    """One file read, checked against its schema and, when valid, turned into model objects."""

    document: Document | None
    problems: tuple[Problem, ...]
    valid: bool = False
    model: Any = None


#: Files already loaded in this process, by path: reused while the file is unchanged (same size,
#: modification time and inode), so that a preview re-reads only what was edited.
_LOADED: dict[Path, tuple[tuple, LoadedFile]] = {}
_LOADED_LIMIT = 50_000


def _load_file(kind: str, path: Path, schemas: Callable[[str], Schema | None], kept: FileResults | None) -> LoadedFile:
    if kept is not None:
        return _read_and_model(kind, path, schemas, kept)
    schema = schemas(kind)
    try:
        status = path.lstat()
        key: tuple | None = (kind, id(schema), status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino)
    except OSError:
        key = None
    cached = _LOADED.get(path)
    if key is not None and cached is not None and cached[0] == key:
        return cached[1]
    loaded = _read_and_model(kind, path, schemas)
    if key is not None:
        if len(_LOADED) >= _LOADED_LIMIT:
            _LOADED.clear()
        _LOADED[path] = (key, loaded)
    return loaded


def _read_and_model(
    kind: str, path: Path, schemas: Callable[[str], Schema | None], kept: FileResults | None = None
) -> LoadedFile:
    """The file read and modelled; with ``kept``, as an earlier run left it when its bytes are
    the same (else read now, and kept)."""
    raw, found = read_bytes(path)
    if raw is None:
        return LoadedFile(None, tuple(found))
    loaded = None if kept is None else kept.loaded(kind, path, raw)
    if loaded is None:
        loaded = _model(kind, path, raw, schemas(kind))
        if kept is not None:
            kept.keep_loaded(kind, path, raw, loaded)
    return loaded


def _model(kind: str, path: Path, raw: bytes, schema: Schema | None) -> LoadedFile:
    document, found = parse_document(path, raw)
    if document is None or schema is None:  # a broken schema is reported once: the shape is unknown
        return LoadedFile(document, tuple(found))
    schema_problems = check_schema(document, schema)
    reported = {(p.line, p.column) for p in schema_problems}
    schema_problems += [p for p in model_problems(document, schema, kind) if (p.line, p.column) not in reported]
    problems = (*found, *schema_problems)
    builders = {"term": _concept, "concept": _article, "sources": lambda d: _sources(d.data)}
    if schema_problems or any(p.is_error for p in found):
        # The file's other problems (references, language lints, spelling) are still reported
        # in the same run: its invalid values are set aside and the rest checked as a model.
        salvaged = salvage_for_model(document.data, schema, kind) if kind in ("term", "concept") else None
        if salvaged is None:
            return LoadedFile(document, problems)
        return LoadedFile(document, problems, model=builders[kind](replace(document, data=salvaged)))
    model = builders[kind](document) if kind in builders else _figures(document.data)
    return LoadedFile(document, problems, valid=True, model=model)


def load_glossary(root: Path, kept: FileResults | None = None) -> LoadResult:
    """Load every file under ``root``; return what is valid as a model and every problem found.

    With ``kept``, a file whose bytes an earlier run already read is taken from there.
    """
    problems: list[Problem] = []
    if not root.is_dir():
        return LoadResult(Glossary(), [error(root, 1, 1, "no-glossary", "expected a glossary folder; found none")])
    schema_dir = schema_dir_for(root)
    concepts: dict[str, Concept] = {}
    articles: dict[str, Article] = {}
    sources: dict[str, Source] = {}
    figures: dict[str, Figure] = {}
    documents: list[Document] = []
    concept_ids: set[str] = set()
    article_ids: set[str] = set()
    source_ids: set[str] = set()
    figure_ids: set[str] = set()
    salvaged: set[Path] = set()

    files, irregular = scan_data_files(root)
    if kept is not None:
        kept.expect(path for _, path, _ in files)
    with _collector_paused():
        schemas, schema_problems = _schemas(schema_dir, kept)  # may read the kept results
        problems.extend(schema_problems)
        problems.extend(irregular)
        for kind, path, name in files:
            if not name.endswith(YAML_SUFFIX):
                problems.append(
                    error(
                        path,
                        1,
                        1,
                        "wrong-extension",
                        f"expected a {YAML_SUFFIX} file in this folder; found {name!r}, which would be ignored",
                    )
                )
                continue
            if kind == "term":
                concept_ids.add(name[: -len(YAML_SUFFIX)])
            elif kind == "concept":
                article_ids.add(name[: -len(YAML_SUFFIX)])
            loaded = _load_file(kind, path, schemas, kept)
            problems.extend(loaded.problems)
            document = loaded.document
            if document is None:
                continue
            documents.append(document)
            if kind == "sources":
                source_ids.update(_keys_of(document.data, "sources"))
            elif kind == "figures":
                figure_ids.update(_keys_of(document.data, "figures"))
            if loaded.model is None:
                continue
            if not loaded.valid:
                salvaged.add(path)
            if kind == "term":
                concepts.setdefault(loaded.model.id, loaded.model)
            elif kind == "concept":
                articles.setdefault(loaded.model.id, loaded.model)
            elif kind == "sources":
                sources.update(loaded.model)
            else:
                for figure in loaded.model:
                    if figure.id in figures:
                        line, column = document.position(["figures", figure.id], key=True)
                        problems.append(
                            error(
                                path,
                                line,
                                column,
                                "duplicate-id",
                                f"expected each figure id once; found {figure.id!r} in another data file too",
                            )
                        )
                    figures.setdefault(figure.id, figure)

    pages, page_problems = hand_written_pages(root)
    problems.extend(page_problems)
    if kept is not None:
        for page in pages:
            kept.note_page(page.document.path, page.document.text)
    glossary = Glossary(
        pages=tuple(pages),
        concepts=freeze(concepts),
        articles=freeze(articles),
        sources=freeze(sources),
        figures=freeze(figures),
        documents=tuple(documents),
        concept_ids=frozenset(concept_ids),
        article_ids=frozenset(article_ids),
        source_ids=frozenset(source_ids),
        figure_ids=frozenset(figure_ids),
        root=root,
    )
    # A schema that proves broken only while checking a file is reported once, not per file.
    return LoadResult(glossary, list(dict.fromkeys(problems)), frozenset(salvaged))


def _schemas(schema_dir: Path, kept: FileResults | None) -> tuple[Callable[[str], Schema | None], list[Problem]]:
    """The schema of each kind of file, and the problems of the schemas themselves.

    When an earlier run's problems of the same schemas are kept, a schema is compiled only if a
    file that changed needs it (compiling all of them takes longer than the rest of such a run).
    """
    known = kept.schema_problems() if kept is not None else None
    if known is not None:
        return functools.cache(lambda kind: load_schema(schema_dir, kind)[0]), list(known)
    schemas: dict[str, Schema | None] = {}
    problems: list[Problem] = []
    for kind in SCHEMA_FILES:
        schemas[kind], schema_problems = load_schema(schema_dir, kind)
        problems.extend(schema_problems)
    if kept is not None:
        kept.keep_schema_problems(tuple(problems))
    return schemas.__getitem__, problems


def hand_written_pages(root: Path) -> tuple[list[HandWrittenPage], list[Problem]]:
    """The site's hand-written pages when the glossary is part of a site (``mkdocs.yml`` and
    ``docs/`` beside it); a lone glossary folder has none."""
    site = root.parent
    if not (site / "mkdocs.yml").is_file() or not (site / "docs").is_dir():
        return [], []
    return read_pages(site / "docs")


def _keys_of(data: dict[str, Any], name: str) -> list[str]:
    value = data.get(name)
    return [str(key) for key in value] if isinstance(value, dict) else []


def _texts(data: dict[str, Any], build: Any) -> dict[Language, Any]:
    return {language: build(data[language.value]) for language in Language if language.value in data}


def _translated_from(data: dict[str, Any]) -> dict[Language, dict[str, str]]:
    return {
        language: dict(data[language.value]["translated_from"])
        for language in Language
        if "translated_from" in data.get(language.value, {})
    }


def _term_text(section: dict[str, Any]) -> TermText:
    designations = [
        _designation(value, kind, default)
        for value, kind, default in (
            (section.get("term"), NameKind.TERM, TermStatus.PREFERRED),
            (section.get("abbreviation"), NameKind.ABBREVIATION, TermStatus.ADMITTED),
            *((value, NameKind.SYNONYM, TermStatus.ADMITTED) for value in section.get("synonyms", ())),
        )
        if value is not None
    ]
    return TermText(
        term=name_text(section.get("term")),
        abbreviation=name_text(section.get("abbreviation")),
        synonyms=tuple(name_text(value) or "" for value in section.get("synonyms", ())),
        definition=section.get("definition"),
        notes=section.get("notes"),
        designations=tuple(designations),
        not_linked=tuple(section.get("not_linked", ())),
    )


def name_text(value: str | dict[str, Any] | None) -> str | None:
    """A name's text, written plain or as a mapping with its terminology data."""
    return value.get("text") if isinstance(value, dict) else value


def _designation(value: str | dict[str, Any], kind: NameKind, default: TermStatus) -> Designation:
    data = value if isinstance(value, dict) else {"text": value}
    return Designation(
        text=data["text"],
        kind=kind,
        status=TermStatus(data.get("status", default.value)),
        part_of_speech=PartOfSpeech(data.get("part_of_speech", "noun")),
        gender=Gender(data["gender"]) if "gender" in data else None,
        number=Number(data["number"]) if "number" in data else None,
        note=data.get("note"),
    )


def _concept(document: Document) -> Concept:
    data = document.data
    return Concept(
        id=data["id"],
        category=Category(data["category"]),
        status=Status(data["status"]),
        related=tuple(data.get("related", ())),
        broader=tuple(data.get("broader", ())),
        sources=_all_sources(data["sources"]),
        field_sources=freeze({name: tuple(ids) for name, ids in data["sources"].items()})
        if isinstance(data["sources"], dict)
        else freeze({}),
        texts=freeze(_texts(data, _term_text)),
        document=document,
        source_language=Language(data.get("source_language", "en")),
        translated_from=_translated_from(data),
    )


def _all_sources(sources: list[str] | dict[str, list[str]]) -> tuple[str, ...]:
    """Every source id of an entry, in order, whether given for the entry or per field."""
    if isinstance(sources, dict):
        return tuple(dict.fromkeys(source for ids in sources.values() for source in ids))
    return tuple(sources)


def _article_text(section: dict[str, Any]) -> ArticleText:
    return ArticleText(
        title=section.get("title"),
        summary=section.get("summary"),
        sections=tuple(ArticleSection(item["heading"], item["body"]) for item in section.get("sections", ())),
    )


def _article(document: Document) -> Article:
    data = document.data
    return Article(
        id=data["id"],
        order=data["order"],
        related=tuple(data.get("related", ())),
        sources=tuple(data["sources"]),
        texts=freeze(_texts(data, _article_text)),
        document=document,
        source_language=Language(data.get("source_language", "en")),
        translated_from=_translated_from(data),
    )


def _sources(data: dict[str, Any]) -> dict[str, Source]:
    return {
        source_id: Source(id=source_id, **{**fields, "kind": SourceKind(fields.get("kind", "document"))})
        for source_id, fields in data["sources"].items()
    }


def _figures(data: dict[str, Any]) -> list[Figure]:
    return [
        Figure(
            id=figure_id,
            value=fields["value"],
            unit=Unit(fields["unit"]),
            qualifier=Qualifier(fields.get("qualifier", "exact")),
            year=fields["year"],
            source=fields["source"],
            labels=freeze({Language(code): text for code, text in fields["label"].items()}),
            cites=freeze({Language(code): text for code, text in fields.get("cites", {}).items()}),
        )
        for figure_id, fields in data["figures"].items()
    ]
