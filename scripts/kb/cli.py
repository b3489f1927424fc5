"""The ``kb`` command line. Thin: parse arguments, call the library, print, choose the exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kb import __version__
from kb.problems import Problem, sort_problems
from kb.report import FORMATS, format_summary, render
from kb.validation import find_glossary_root, validate_glossary

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
    return parser


def run_validate(args: argparse.Namespace) -> int:
    targets: list[Path] = args.paths or [DEFAULT_GLOSSARY]
    by_root: dict[Path, list[Path]] = {}
    for target in targets:
        if not target.exists():
            print(f"kb validate: error: no such file or folder: {target}", file=sys.stderr)
            return EXIT_USAGE
        root = find_glossary_root(target)
        if root is None:
            print(
                f"kb validate: error: {target} is not inside a glossary folder "
                "(one holding terms/, concepts/ or sources.yaml)",
                file=sys.stderr,
            )
            return EXIT_USAGE
        by_root.setdefault(root, []).append(target)
    problems: list[Problem] = []
    for root, paths in by_root.items():
        only = [] if any(path.resolve() == root for path in paths) else paths
        problems.extend(validate_glossary(root, only).problems)
    problems = sort_problems(problems)
    sys.stdout.write(render(problems, args.format))
    if args.format == "text":
        sys.stderr.write(format_summary(problems))
    has_errors = any(p.is_error for p in problems)
    return EXIT_PROBLEMS if has_errors or (args.strict and problems) else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "validate":
        return run_validate(args)
    return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
