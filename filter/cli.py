"""`content-filter`: a thin command line over the library. It parses, calls, prints.

Exit codes: 0 done (per-record problems are `error` decisions), 2 usage, 1 internal failure.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from filter.corpus import Corpus, CorpusError
from filter.heads import Heads
from filter.job import gate
from filter.modelfile import ModelFileError
from filter.pipeline import Pipeline, shipped_heads
from filter.read import DEFAULT_MAX_BYTES, ReadOptions, UsageError, check_paths, iter_inputs
from filter.strip import strip_document
from filter.strip.classifier import default_classifier
from filter.types import VERDICTS, Document, InputError

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="content-filter", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def inputs(p: argparse.ArgumentParser, nargs: str = "+") -> None:
        p.add_argument("paths", nargs=nargs, metavar="PATH", help="file, directory, or - for stdin")
        p.add_argument(
            "--max-bytes",
            type=int,
            default=DEFAULT_MAX_BYTES,
            help=f"largest input accepted (default {DEFAULT_MAX_BYTES:,})",
        )

    p = sub.add_parser("strip", help="print the clean text of each input")
    inputs(p)
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="one input: {text, removed} as JSON")
    fmt.add_argument("--jsonl", action="store_true", help="one JSON object per input")
    focus = p.add_mutually_exclusive_group()
    focus.add_argument(
        "--favor-precision",
        dest="focus",
        action="store_const",
        const="precision",
        default="balanced",
        help="remove more junk, at some cost in article text",
    )
    focus.add_argument(
        "--favor-recall",
        dest="focus",
        action="store_const",
        const="recall",
        help="keep more article text, and more junk with it",
    )

    p = sub.add_parser("score", help="score inputs and print one JSON decision per input")
    inputs(p)
    p.add_argument("--context", nargs="+", default=[], metavar="PATH", help="other reports")
    p.add_argument("--corpus", help="corpus to use as read-only context")
    p.add_argument("--model", help="models/ path or MLflow model URI")

    p = sub.add_parser("gate", help="gate inputs into the corpus (the main job)")
    inputs(p)
    p.add_argument("--corpus", required=True, help="SQLite corpus file (created if missing)")
    p.add_argument("--model", help="models/ path or MLflow model URI")
    p.add_argument("--batch-size", type=int, default=256, help="inputs per transaction")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--progress", choices=["auto", "always", "never"], default="auto")

    p = sub.add_parser("explain", help="one article's claims and the evidence about them")
    p.add_argument("path", metavar="PATH", help="file, or - for stdin")
    p.add_argument("--context", nargs="+", default=[], metavar="PATH", help="other reports")
    p.add_argument("--mentions", action="store_true", help="also list place and actor mentions")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help=argparse.SUPPRESS)

    p = sub.add_parser("corpus", help="inspect and export the corpus")
    csub = p.add_subparsers(dest="corpus_command", required=True, parser_class=_Parser)
    c = csub.add_parser("stats", help="counts by verdict, model version and reason")
    c.add_argument("--corpus", required=True)
    c.add_argument("--json", action="store_true")
    c = csub.add_parser("export", help="export documents with their latest decision")
    c.add_argument("--corpus", required=True)
    c.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    c.add_argument("--verdict", choices=VERDICTS, default="admit", help="default: admit")
    c.add_argument("--all", action="store_true", help="every verdict")
    c.add_argument("--output", "-o", help="output file (required for parquet)")
    c = csub.add_parser("show", help="one document, its decisions and label")
    c.add_argument("id", help="document id or a unique prefix of one")
    c.add_argument("--corpus", required=True)
    c = csub.add_parser("label", help="record a person's verdict, kept for retraining")
    c.add_argument("id")
    c.add_argument("verdict", choices=["admit", "review", "reject"])
    c.add_argument("--note")
    c.add_argument("--corpus", required=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        handler = {
            "strip": cmd_strip,
            "score": cmd_score,
            "gate": cmd_gate,
            "corpus": cmd_corpus,
            "explain": cmd_explain,
        }
        return handler[args.command](args)
    except UsageError as exc:
        print(f"content-filter: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (CorpusError, ModelFileError) as exc:
        print(f"content-filter: error: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except BrokenPipeError:
        return EXIT_OK


def _emit(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


def cmd_strip(args: argparse.Namespace) -> int:
    paths = check_paths(args.paths)
    classifier = None if args.focus == "balanced" else default_classifier().focused(args.focus)
    items = list(iter_inputs(paths, ReadOptions(args.max_bytes)))
    as_lines = args.jsonl or len(items) != 1
    for item in items:
        if isinstance(item, InputError):
            record = {"source": item.source, "text": None, "removed": [], "error": item.message}
        else:
            try:
                stripped = strip_document(item, classifier)
            except Exception as exc:  # a known per-document failure (e.g. strip.timeout) has a kind
                if getattr(exc, "kind", None) is None:
                    raise
                record = {
                    "source": item.source,
                    "text": None,
                    "removed": [],
                    "error": f"{exc.kind}: {exc}",
                }
            else:
                removed = [{"text": b.text, "reason": b.reason} for b in stripped.removed]
                record = {"source": item.source, "text": stripped.text, "removed": removed}
        if as_lines:
            _emit(record)
        elif args.json:
            _emit({k: v for k, v in record.items() if k != "source"})
        elif record["text"] is None:
            print(f"content-filter: {record['error']}", file=sys.stderr)
        else:
            sys.stdout.write(record["text"] + "\n")
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from filter.explain import explain

    options = ReadOptions(args.max_bytes)
    items = list(iter_inputs(check_paths([args.path]), options))
    context = (
        [
            d
            for d in iter_inputs(check_paths(args.context), options)
            if not isinstance(d, InputError)
        ]
        if args.context
        else []
    )
    for item in items:
        if isinstance(item, InputError):
            print(f"content-filter: {item.source}: {item.message}", file=sys.stderr)
            continue
        sys.stdout.write(explain(item, context, mentions=args.mentions))
    return EXIT_OK


def _pipeline(model: str | None) -> Pipeline:
    """The scoring pipeline: heads from `--model`, else the shipped `models/`, else rules only."""
    if model is None:
        return Pipeline(heads=shipped_heads())
    if "://" not in model and ":/" not in model and not Path(model).exists():
        raise UsageError(f"no such model directory: {model}")
    return Pipeline(heads=Heads.load(model))


def _documents(paths: Sequence[str], options: ReadOptions) -> list[Document]:
    """Context documents: unreadable ones lend no evidence, and are said so on stderr."""
    docs = []
    for item in iter_inputs(check_paths(paths), options):
        if isinstance(item, InputError):
            print(f"content-filter: context {item.source}: {item.message}", file=sys.stderr)
        else:
            docs.append(item)
    return docs


def cmd_score(args: argparse.Namespace) -> int:
    paths = check_paths(args.paths)
    options = ReadOptions(args.max_bytes)
    if args.corpus and not Path(args.corpus).exists():
        raise UsageError(f"no such corpus: {args.corpus}")
    pipeline = _pipeline(args.model)
    context = _documents(args.context, options)
    items = list(iter_inputs(paths, options))
    corpus = Corpus(args.corpus, readonly=True) if args.corpus else None
    try:
        for outcome in pipeline.process(items, corpus, context):
            _emit(outcome.decision.to_dict())
    finally:
        if corpus is not None:
            corpus.close()
    return EXIT_OK


def cmd_gate(args: argparse.Namespace) -> int:
    paths = check_paths(args.paths)
    if args.batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    pipeline = _pipeline(args.model)
    show = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty())
    with Corpus(args.corpus) as corpus:
        items = iter_inputs(paths, ReadOptions(args.max_bytes))
        if show:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            columns = (
                SpinnerColumn(),
                TextColumn("gated {task.completed} inputs"),
                TimeElapsedColumn(),
            )
            with Progress(*columns, transient=True, console=Console(stderr=True)) as progress:
                task = progress.add_task("gate", total=None)
                summary = gate(
                    items,
                    corpus,
                    pipeline,
                    batch_size=args.batch_size,
                    on_progress=lambda n: progress.advance(task, n),
                )
        else:
            summary = gate(items, corpus, pipeline, batch_size=args.batch_size)
    if args.json:
        _emit(summary.to_dict())
    else:
        _print_summary(summary.to_dict(), args.corpus)
    return EXIT_OK


def _print_summary(s: dict[str, Any], corpus: str) -> None:
    print(
        f"gated {s['inputs']} inputs into {corpus}: {s['new_decisions']} new decisions, "
        f"{s['already_decided']} already decided"
    )
    for verdict in VERDICTS:
        print(f"  {verdict:<7} {s['by_verdict'].get(verdict, 0)}")
    if s["top_reasons"]:
        print("top reasons:")
        for kind, n in s["top_reasons"].items():
            print(f"  {n:>6}  {kind}")
    if s["flagged"]:
        print("not admitted (first few; `content-filter corpus show ID` for all reasons):")
        for f in s["flagged"]:
            scores = " ".join(
                f"{k}={f[k]:.2f}" for k in ("inconsistency", "spam") if f[k] is not None
            )
            print(f"  {f['verdict']:<6} {f['id'][:12]}  {f['source']}  {scores}")
            print(f"         {f['reason'][:300]}")


def cmd_corpus(args: argparse.Namespace) -> int:
    if args.corpus_command != "label" and not Path(args.corpus).exists():
        raise UsageError(f"no such corpus: {args.corpus}")
    with Corpus(args.corpus, readonly=args.corpus_command != "label") as corpus:
        if args.corpus_command == "stats":
            stats = corpus.stats()
            if args.json:
                _emit(stats)
            else:
                _print_stats(stats)
        elif args.corpus_command == "show":
            try:
                _emit(corpus.show(args.id))
            except KeyError as exc:
                raise UsageError(str(exc.args[0])) from exc
        elif args.corpus_command == "label":
            try:
                full = corpus.label(args.id, args.verdict, args.note)
            except KeyError as exc:
                raise UsageError(str(exc.args[0])) from exc
            print(f"labelled {full} {args.verdict}")
        else:
            _export(corpus, args)
    return EXIT_OK


def _print_stats(stats: dict[str, Any]) -> None:
    print(
        f"{stats['path']}: {stats['documents']} documents, {stats['decisions']} decisions, "
        f"{stats['labels']} labels (schema v{stats['schema_version']})"
    )
    for verdict, n in stats["by_verdict"].items():
        print(f"  {verdict:<7} {n}")
    for version, n in stats["by_model_version"].items():
        print(f"  model {version}: {n}")
    for kind, n in stats["top_reasons"].items():
        print(f"  reason {kind}: {n}")


def _export(corpus: Corpus, args: argparse.Namespace) -> None:
    rows = corpus.latest_decisions(None if args.all else args.verdict)
    if args.format == "parquet":
        if not args.output:
            raise UsageError("--format parquet needs --output FILE")
        import pyarrow as pa
        import pyarrow.parquet as pq

        records = [{**r, "reasons": json.dumps(r["reasons"], ensure_ascii=False)} for r in rows]
        pq.write_table(pa.Table.from_pylist(records), args.output)
        return
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()


if __name__ == "__main__":
    sys.exit(main())
