"""The ``kb`` command line. Thin: parse arguments, call the library, print, choose the exit code.

Each command imports what only it needs, so that ``kb validate`` starts without the others.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from kb import __version__
from kb.export.formats import EXPORT_FORMATS
from kb.glossary_lock import GlossaryLocked, holding_lock
from kb.problems import Problem, sort_problems
from kb.regular_files import describe_entry, located
from kb.report import FORMATS, display_path, format_summary, printable, render
from kb.transaction import WriteOutcome, finish_interrupted, recover
from kb.validation import ValidationResult, find_glossary_root, validate_glossary
from kb.writable import WriteProblem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DEFAULT_GLOSSARY = Path("glossary")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kb", description="Tools for the BPO knowledge base.")
    parser.add_argument("--version", action="version", version=f"kb {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser(
        "validate",
        help="check glossary files and report every problem",
        description="Check glossary YAML files against the schemas and cross-file rules.",
    )
    validate.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders to report on (default: the repository's glossary/)",
    )
    validate.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    validate.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    validate.add_argument(
        "--no-cache",
        action="store_true",
        help="read every file again, ignoring and not keeping what earlier runs found in unchanged files",
    )

    coverage = commands.add_parser(
        "coverage",
        help="translation coverage and stale translations, per language and category",
        description="Count translated, missing and stale fields in each language.",
    )
    coverage.add_argument("--glossary", type=Path, default=DEFAULT_GLOSSARY, help="the glossary folder")
    coverage.add_argument("--format", choices=("text", "json", "markdown", "github"), default="text")
    coverage.add_argument("--min", type=float, metavar="PERCENT", help="exit 1 if a language is below this")
    coverage.add_argument("--fail-on-stale", action="store_true", help="exit 1 if any translation is stale")

    stamp = commands.add_parser(
        "stamp",
        help="record that translations were reviewed against the current source texts",
        description="Write the hashes of the current source texts into translated_from.",
    )
    stamp.add_argument("ids", nargs="*", metavar="ID", help="concept or article ids")
    stamp.add_argument("--all", action="store_true", help="stamp every concept and article")
    stamp.add_argument("--glossary", type=Path, default=DEFAULT_GLOSSARY, help="the glossary folder")

    export = commands.add_parser(
        "export",
        help="export the glossary as TBX, SKOS, JSON or CSV",
        description="Write the glossary in a standard format to standard output or a file.",
    )
    export.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    export.add_argument("-o", "--output", type=Path, help="write to this file (default: standard output)")
    export.add_argument("--glossary", type=Path, default=DEFAULT_GLOSSARY, help="the glossary folder")

    importer = commands.add_parser(
        "import",
        help="write translators' CSV cells back into the YAML files",
        description="Apply an edited CSV export; nothing is written unless the whole file is valid.",
    )
    importer.add_argument("file", type=Path, metavar="FILE.csv")
    importer.add_argument("--glossary", type=Path, default=DEFAULT_GLOSSARY, help="the glossary folder")

    renderer = commands.add_parser(
        "render",
        help="write the site's Markdown pages (docs/ and the glossary's) to a folder",
        description="Write the docs folder a site is built from: the hand-written pages and every page "
        "rendered from the glossary, as Markdown files any generator can build.",
    )
    renderer.add_argument("output", type=Path, metavar="OUTPUT_DIR")
    renderer.add_argument("--glossary", type=Path, default=DEFAULT_GLOSSARY, help="the glossary folder")
    renderer.add_argument("--docs", type=Path, default=Path("docs"), help="the hand-written pages (default: docs)")
    renderer.add_argument("--site-url", help="the site's address, for canonical links in structured data")

    links = commands.add_parser(
        "links",
        help="check every internal link and anchor of a built site",
        description="Check href/src targets, #fragments, the language switcher and hreflang alternates.",
    )
    links.add_argument("site", type=Path, metavar="SITE_DIR")
    links.add_argument("--site-url", help="treat absolute links to this URL as internal")
    links.add_argument("--format", choices=("text", "github"), default="text")
    links.add_argument("--external", action="store_true", help="also request external URLs (network; cached)")
    links.add_argument("--timeout", type=float, default=10.0, help="seconds per external request (default 10)")
    links.add_argument(
        "--cache",
        type=Path,
        default=Path(".cache/external-links.json"),
        help="where external answers are kept for a day",
    )
    return parser


def _load_valid(root: Path) -> ValidationResult | None:
    """The glossary when it has no errors; otherwise the errors are printed and None returned."""
    if not root.is_dir():
        print(f"kb: error: no glossary folder at {printable(str(root))}", file=sys.stderr)
        return None
    result = validate_glossary(root)
    if result.errors:
        sys.stdout.write(render(result.errors, "text"))
        print(f"kb: the glossary has {len(result.errors)} error(s); fix them first (kb validate)", file=sys.stderr)
        return None
    return result


def run_coverage(args: argparse.Namespace) -> int:
    from kb.coverage import compute_coverage, failures, to_github, to_json, to_markdown, to_text

    result = _load_valid(args.glossary)
    if result is None:
        return EXIT_PROBLEMS
    coverage = compute_coverage(result.glossary)
    reasons = failures(coverage, args.min, args.fail_on_stale)
    formats = {"json": to_json, "markdown": to_markdown, "text": to_text}
    if args.format == "github":
        sys.stdout.write(to_github(coverage, failing=bool(reasons)))
    else:
        sys.stdout.write(formats[args.format](coverage))
    for reason in reasons:
        print(f"kb coverage: {reason}", file=sys.stderr)
    return EXIT_PROBLEMS if reasons else EXIT_OK


def run_stamp(args: argparse.Namespace) -> int:
    from kb.stamping import entries_by_id, stamp

    if bool(args.ids) == args.all:
        print("kb stamp: error: give concept or article ids, or --all", file=sys.stderr)
        return EXIT_USAGE
    result = _load_valid(args.glossary)
    if result is None:
        return EXIT_PROBLEMS
    known = entries_by_id(result.glossary)
    unknown = [entry_id for entry_id in args.ids if entry_id not in known]
    if unknown:
        print(f"kb stamp: error: no concept or article with the id {', '.join(map(repr, unknown))}", file=sys.stderr)
        return EXIT_PROBLEMS
    chosen = list(known.values()) if args.all else [known[entry_id] for entry_id in args.ids]
    stamped = stamp(args.glossary, chosen)
    if not _report_write("stamp", stamped.write):
        return EXIT_PROBLEMS
    for entry in stamped.changed:
        print(f"stamped {display_path(entry.document.path)}")
    print(f"{len(stamped.changed)} file(s) changed", file=sys.stderr)
    return EXIT_OK


def _report_write(command: str, outcome: WriteOutcome) -> bool:
    """Print why the files could not be written; True when they were."""
    for problem in outcome.problems:
        print(f"kb {command}: error: {problem.message}", file=sys.stderr)
    if outcome.problems and not outcome.committed:
        print(f"kb {command}: {len(outcome.problems)} problem(s); no file was changed", file=sys.stderr)
    return not outcome.problems


def run_export(args: argparse.Namespace) -> int:
    from kb.export.formats import render_export
    from kb.yamlwrite import write_atomically

    if args.output is not None:
        refusal = _output_refusal(args.output)
        if refusal is not None:
            print(f"kb export: error: {refusal}", file=sys.stderr)
            return EXIT_USAGE
    result = _load_valid(args.glossary)
    if result is None:
        return EXIT_PROBLEMS
    text = render_export(result.glossary, args.format)
    if args.output is None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except OSError as exc:  # a closed pipe or a full disk
            print(f"kb export: error: cannot write to standard output: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_PROBLEMS
        return EXIT_OK
    shown = printable(str(args.output))
    try:
        write_atomically(args.output, text)
    except OSError as exc:
        print(f"kb export: error: cannot write {shown}: {exc.strerror or exc}; no file was written", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"wrote {shown}", file=sys.stderr)
    return EXIT_OK


def _output_refusal(path: Path) -> str | None:
    """Why ``-o PATH`` cannot take the export, or None. The file is replaced whole, by a rename:
    a link, a FIFO or a device in its place would be replaced, never written through."""
    shown = printable(str(path))
    try:
        found = describe_entry(path)
    except (FileNotFoundError, NotADirectoryError):
        found = None
    except OSError as exc:
        return f"-o {shown}: expected a file to write; found an entry that cannot be examined ({exc.strerror})"
    if found is not None:
        return f"-o {shown}: expected a new or a regular file; found {found}"
    if not path.parent.is_dir():
        return f"-o {shown}: expected a file in an existing folder; found no folder {printable(str(path.parent))}"
    return None


def run_import(args: argparse.Namespace) -> int:
    from kb.csv_import import import_csv

    shown = printable(str(args.file))
    if not args.file.is_file():
        print(f"kb import: error: no such file: {shown}", file=sys.stderr)
        return EXIT_USAGE
    outcome = import_csv(args.glossary, args.file.read_bytes())
    for problem in outcome.errors:
        print(f"{shown}:{problem.line}: error: {printable(problem.message)}")
    if outcome.errors:
        print(f"kb import: {len(outcome.errors)} problem(s); no file was changed", file=sys.stderr)
        return EXIT_PROBLEMS
    if not _report_write("import", outcome.write):
        return EXIT_PROBLEMS
    for path in outcome.changed:
        print(f"updated {display_path(path)}")
    print(f"{len(outcome.changed)} file(s) changed", file=sys.stderr)
    return EXIT_OK


def run_render(args: argparse.Namespace) -> int:
    from kb.render.docs_folder import RenderRefused, render_docs_folder

    if not args.docs.is_dir():
        print(f"kb render: error: no such folder: {printable(str(args.docs))}", file=sys.stderr)
        return EXIT_USAGE
    result = _load_valid(args.glossary)
    if result is None:
        return EXIT_PROBLEMS
    try:
        rendered = render_docs_folder(result.glossary, args.docs, args.output, args.site_url)
    except RenderRefused as refused:
        print(f"kb render: error: {printable(str(refused))}; nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:
        print(f"kb render: error: cannot write {printable(str(args.output))}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    shown = printable(str(args.output))
    print(f"wrote {rendered.files} file(s), {rendered.pages} page(s), to {shown}", file=sys.stderr)
    return EXIT_OK


def run_links(args: argparse.Namespace) -> int:
    from kb.sitecheck.external import check_external
    from kb.sitecheck.links import (
        find_broken_links,
        format_broken,
        format_broken_github,
        format_unchecked,
        format_unchecked_github,
        read_site,
    )

    if not args.site.is_dir():
        print(f"kb links: error: no such folder: {printable(str(args.site))}", file=sys.stderr)
        return EXIT_USAGE
    site = read_site(args.site)
    broken = find_broken_links(site, args.site_url)
    if args.external:
        broken = sorted(
            [*broken, *check_external(site, args.site_url, args.cache, args.timeout)],
            key=lambda link: (link.page, link.line, link.target),
        )
    if args.format == "github":
        sys.stdout.write(format_unchecked_github(site.unchecked) + format_broken_github(broken))
    else:
        sys.stdout.write(format_unchecked(site.unchecked) + format_broken(broken))
    unchecked = f", {len(site.unchecked)} entry(ies) not checked" if site.unchecked else ""
    print(f"{len(broken)} broken link(s){unchecked}", file=sys.stderr)
    return EXIT_PROBLEMS if broken or site.unchecked else EXIT_OK


def run_validate(args: argparse.Namespace) -> int:
    targets: list[Path] = args.paths or [DEFAULT_GLOSSARY]
    by_root: dict[Path, list[Path]] = {}
    for target in targets:
        # lexists: a link is a target too (reported as a link), even a dangling one or a loop.
        if not os.path.lexists(target):
            print(f"kb validate: error: no such file or folder: {printable(str(target))}", file=sys.stderr)
            return EXIT_USAGE
        root = find_glossary_root(target)
        if root is None:
            print(
                f"kb validate: error: {printable(str(target))} is not inside a glossary folder "
                "(one holding terms/, concepts/ or sources.yaml)",
                file=sys.stderr,
            )
            return EXIT_USAGE
        by_root.setdefault(root, []).append(target)
    problems: list[Problem] = []
    for root, paths in by_root.items():
        only = [] if any(located(path) == root for path in paths) else paths
        problems.extend(validate_glossary(root, only, keep_results=not args.no_cache).problems)
    problems = sort_problems(problems)
    sys.stdout.write(render(problems, args.format))
    if args.format == "text":
        sys.stderr.write(format_summary(problems))
    has_errors = any(p.is_error for p in problems)
    return EXIT_PROBLEMS if has_errors or (args.strict and problems) else EXIT_OK


#: Commands that write the glossary: each holds its lock from reading the glossary to writing it.
WRITING_COMMANDS = frozenset({"stamp", "import"})


def _glossaries_read(args: argparse.Namespace) -> list[Path]:
    """The existing glossary folders a reading command looks at."""
    if args.command == "validate":
        found = (find_glossary_root(path) for path in args.paths or [DEFAULT_GLOSSARY] if path.exists())
        return list(dict.fromkeys(root for root in found if root is not None))
    glossary = getattr(args, "glossary", None)
    return [glossary] if glossary is not None and glossary.is_dir() else []


def _report_recovery(command: str, problems: list[WriteProblem]) -> bool:
    """Print why an interrupted write could not be finished; True when nothing stands in the way."""
    for problem in problems:
        print(f"kb {command}: error: {problem.message}", file=sys.stderr)
    return not problems


def _run_writing(args: argparse.Namespace, run: Callable[[argparse.Namespace], int]) -> int:
    """Run a writing command under the glossary's lock, after finishing what a killed writer left."""
    holder = f"kb {args.command}"
    try:
        with holding_lock(args.glossary, holder):
            if not _report_recovery(args.command, finish_interrupted(args.glossary)):
                return EXIT_PROBLEMS
            return run(args)
    except GlossaryLocked as exc:
        print(f"{holder}: {exc}", file=sys.stderr)
    except OSError as exc:
        # An error outside write_files (which reports its own), e.g. a file made unreadable meanwhile.
        print(f"{holder}: error: {exc}", file=sys.stderr)
    return EXIT_PROBLEMS


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    commands = {
        "validate": run_validate,
        "coverage": run_coverage,
        "stamp": run_stamp,
        "export": run_export,
        "import": run_import,
        "render": run_render,
        "links": run_links,
    }
    if args.command not in commands:
        return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands
    if args.command in WRITING_COMMANDS and args.glossary.is_dir():
        return _run_writing(args, commands[args.command])
    for root in _glossaries_read(args):
        if not _report_recovery(args.command, recover(root, f"kb {args.command}")):
            return EXIT_PROBLEMS
    return commands[args.command](args)


def run() -> NoReturn:
    """The ``kb`` command: ``main``, then out without tearing down what it built.

    A run over thousands of files leaves a million small objects; freeing them one by one on
    the way out took a fifth of a second. Output is flushed first, and nothing is left open
    for writing: every file written is written atomically and closed before this point.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
