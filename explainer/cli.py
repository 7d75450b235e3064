"""Command line: build, check and serve. Parses arguments and reports; the package does the work."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .errors import BuildFailed, SourceError, internal_error

EPILOG = """examples:
  python build.py                 build the site into _site/
  python build.py --out /tmp/site build it elsewhere
  python build.py check           validate everything, write nothing
  python build.py serve           preview with live reload on http://127.0.0.1:8000/
  python build.py new ../my-story write a starter explainer to edit, with the templates and static files
  python build.py schema          write schema/*.schema.json, the JSON Schemas editors check the YAML files with
  python build.py schema --readme and rewrite the README's key tables from the same declaration
  python build.py import timelinejs FILE   import a TimelineJS JSON or sheet CSV (see: build.py import --help)
"""


VALUED_OPTIONS = ("--project", "--out", "--host", "--port", "--theme")
# The generator's own folder: its templates and static files are what `new` copies unless --project names others.
GENERATOR = Path(__file__).resolve().parent.parent


def make_parser(default_project: Path, prog: str = "build.py") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Build the explainer site.",
        epilog=EPILOG.replace("python build.py", invocation(prog)),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "command",
        nargs="?",
        choices=("build", "check", "serve", "new", "schema"),
        default="build",
        help="what to do (default: build)",
    )
    parser.add_argument(
        "folder", nargs="?", type=Path, help="new: the folder to write the starter explainer into (empty or absent)"
    )
    parser.add_argument(
        "--project",
        type=Path,
        help=f"the explainer's folder, holding site.yaml (default: {'this repository' if default_project == GENERATOR else 'the current folder'})",
    )
    parser.add_argument("--out", type=Path, help="output folder (default: _site in the project)")
    parser.add_argument("--host", default="127.0.0.1", help="serve: address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="serve: port (default: 8000; 0 picks a free one)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks for unexpected failures")
    parser.add_argument(
        "--readme", action="store_true", help="schema: also rewrite the key tables of the project's README.md"
    )
    return parser


def console() -> int:
    """The `explainer` command (pyproject.toml): build.py's commands, on the explainer in the current folder."""
    return main(prog="explainer")


def main(argv: list[str] | None = None, default_project: Path | None = None, prog: str = "build.py") -> int:
    """Run one command; return the exit status (0 fine, 1 errors in the sources, 2 usage)."""
    argv = sys.argv[1:] if argv is None else argv
    if _first_positional(argv) == "import":  # a subcommand with options of its own (explainer/exchange/importer.py)
        from .exchange.importer import main as import_main

        rest = list(argv)
        rest.remove("import")
        return import_main(rest, default_project or Path.cwd())
    parser = make_parser(default_project or Path.cwd(), prog)
    args = parser.parse_args(argv)
    if args.readme and args.command != "schema":
        parser.error("only 'schema' takes --readme")
    if args.folder is not None and args.command != "new":
        parser.error(f"only 'new' takes a folder; to build another explainer use --project {args.folder}")
    project = (args.project or default_project or Path.cwd()).resolve()
    out = (args.out or project / "_site").resolve()
    try:
        return _run(args, project, out, prog)
    except BuildFailed as exc:
        report(exc.errors)
        print(f"build failed: {len(exc.errors)} error(s); nothing was written", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        return internal_error(exc, args.debug)


def invocation(prog: str) -> str:
    """How a user types the command: `python build.py` or `explainer`."""
    return "python build.py" if prog == "build.py" else prog


def _first_positional(argv: list[str]) -> str | None:
    """The first argument that is neither an option nor an option's value."""
    for i, arg in enumerate(argv):
        if not arg.startswith("-") and (i == 0 or argv[i - 1] not in VALUED_OPTIONS):
            return arg
    return None


def _run(args: argparse.Namespace, project: Path, out: Path, prog: str) -> int:
    from .build import build, render_site

    started = time.perf_counter()
    if args.command == "new":
        return _new(args.folder, (args.project or GENERATOR).resolve(), prog)
    if args.command == "schema":
        return _schema(project, args.readme)
    if args.command == "serve":
        from .preview.serve import is_loopback, serve

        if not is_loopback(args.host):
            print(
                f"warning: {args.host or 'every address'} is not a loopback address: other machines can open the preview, drafts included; use --host 127.0.0.1 to keep it private",
                file=sys.stderr,
            )
        return serve(project, args.host, args.port, strict=args.strict, debug=args.debug)
    if args.command == "check":
        result = render_site(project, strict=args.strict, store_cache=False)  # writes nothing, not even .cache/
    else:
        result = build(project, out, strict=args.strict)
    report(result.warnings)
    elapsed = (time.perf_counter() - started) * 1000
    if args.command == "check":
        for line in result.untranslated:  # information for translators, not warnings: --strict passes with them
            print(line)
        print(f"check passed: {len(result.files)} files would be written ({elapsed:.0f} ms)")
    else:
        print(f"built {len(result.files)} files into {out} ({elapsed:.0f} ms)")
    return 0


def _new(folder: Path | None, generator: Path, prog: str) -> int:
    from .starter import write_starter

    command = invocation(prog)
    if folder is None:
        print(f"error: name the folder for the new explainer: {command} new FOLDER", file=sys.stderr)
        return 2
    written = write_starter(folder.resolve(), generator)
    print(f"wrote a starter explainer ({len(written)} files) into {folder}; next: {command} --project {folder} serve")
    return 0


def _schema(project: Path, readme: bool) -> int:
    from .content.schema import schema_files, update_readme

    if not project.is_dir():
        print(f"error: {project} is not a folder; name the explainer's folder with --project", file=sys.stderr)
        return 1
    files = schema_files()
    for rel, text in files.items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} JSON Schemas into {project / 'schema'}")
    if readme:
        path = project / "README.md"
        try:
            text = update_readme(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"error: {path}: {exc}", file=sys.stderr)
            return 1
        path.write_text(text, encoding="utf-8")
        print(f"rewrote the key tables of {path}")
    return 0


def report(problems: list[SourceError]) -> None:
    """Print errors and warnings, one per line, to standard error."""
    for problem in problems:
        print(problem, file=sys.stderr)
