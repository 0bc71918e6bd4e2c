"""The zhpipe command line: parses options and calls the library; data on stdout, messages on stderr."""
from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

import click

from . import __version__
from .document import InputError, Record
from .engine import Options
from .engine import run as run_pipeline
from .formats.atomic import dumps
from .formats.readers import DecodeError, decode_bytes, read_page, records_from_bytes
from .formats.writers import DEFAULT_FORMATS, REPORT_FORMATS, WRITERS
from .language import DEFAULT_NER_STYLE, NER_STYLES
from .normalise.convert import DEFAULT_CONFIG

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
LANG = click.option("--lang", type=click.Choice(["zh", "en", "auto"]), default="auto", show_default=True,
                    help="Language of the input.")
NER_STYLE = click.option(
    "--ner-style", type=click.Choice(NER_STYLES), default=DEFAULT_NER_STYLE, show_default=True,
    help="Chinese entity conventions: auto (news or social where a document reads like edited news or "
         "posts, else mixed), mixed (names two of three models agree on: the conventions' common ground; "
         "robust), news (People's Daily/MSRA: "
         "every place name, also as a modifier: 中国市场), web (CLUENER: those untagged, addresses and "
         "sights tagged), social (Weibo posts: place names as in news).")
HTML = click.option("--html-main/--html-all", "html", default=True, show_default=True,
                    callback=lambda ctx, param, main: "main" if main else "all",  # a key of HTML_READERS
                    help="HTML pages: the article only (found by trafilatura; the whole text where it finds none) "
                         "or all the text of the page.")


class Failures:
    """Counts the per-input failures of one stage command so its exit code can say so."""

    def __init__(self) -> None:
        self.count = 0

    def report(self, error: InputError) -> None:
        self.count += 1
        click.echo(error.message(), err=True)

    @property
    def exit_code(self) -> int:
        return 1 if self.count else 0


def _read(name: str, failures: Failures) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        with open(name, "rb") as fh:
            return fh.read()
    except OSError as exc:
        failures.report(InputError(name, f"cannot read: {exc.strerror or exc}"))
        return b""


def _split_lines(text: str) -> list[str]:
    return text.split("\n") if not text.endswith("\n") else text[:-1].split("\n")


def _lines(files: tuple[str, ...], failures: Failures) -> Iterator[str]:
    """Lines of each file (encoding detected) or of stdin for ``-``; a bad file is reported and skipped."""
    for name in files or ("-",):
        data = _read(name, failures)
        if not data:
            continue
        try:
            text, _ = decode_bytes(data)
        except DecodeError as exc:
            failures.report(InputError(name, str(exc)))
            continue
        yield from _split_lines(text)


def _records(files: tuple[str, ...], failures: Failures) -> Iterator[Record]:
    """The documents of each file or of stdin for ``-``, each with its format (by suffix, or sniffed);
    bad files and lines are reported and skipped."""
    for name in files or ("-",):
        data = _read(name, failures)
        if not data:
            continue
        for item in records_from_bytes(Path(name), data):
            if isinstance(item, InputError):
                failures.report(item)
            else:
                yield item


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="zhpipe")
def main() -> None:
    """zhpipe: clean, convert, segment and annotate Chinese and English web text.

    \b
    Example:
      zhpipe run corpus/ -o outputs/
      echo '實現(xiàn)了' | zhpipe normalise -
    """


@main.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Output folder (created if needed).")
@click.option("--no-convert", is_flag=True, help="Keep traditional characters (skip OpenCC).")
@click.option("--opencc-config", default=DEFAULT_CONFIG, show_default=True,
              help="OpenCC configuration for traditional sentences (t2s, tw2s, hk2s, tw2sp ...); simplified text is kept.")
@click.option("--max-doc-chars", default=5_000_000, show_default=True, type=click.IntRange(min=1),
              help="Longer documents are reported as errors instead of processed.")
@click.option("--formats", default=",".join(DEFAULT_FORMATS), show_default=True,
              help="Comma-separated outputs to write besides documents.jsonl.")
@click.option("--strict", is_flag=True, help="Stop at the first failure (exit code 1).")
@click.option("-w", "--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of cores; 1 below 1 MB of input). 1 = in-process.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine (process pool); dask: a Dask cluster (--scheduler) or a LocalCluster.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (with --engine dask).")
@click.option("--shard-size", type=click.IntRange(min=1), default=None, metavar="N",
              help="Write documents as gzip shards documents-00000.jsonl.gz ... of N documents each.")
@click.option("--force", is_flag=True,
              help="Reprocess every input (default: resume an interrupted run, skip unchanged inputs).")
@click.option("--chunk-chars", type=click.IntRange(min=1000), default=100_000, show_default=True,
              help="Longer texts go through the models in pieces cut at line or sentence ends.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or messages on stderr.")
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")
@LANG
@NER_STYLE
@HTML
def run(inputs, out_dir, no_convert, opencc_config, max_doc_chars, formats, strict, workers, engine, scheduler,
        shard_size, force, chunk_chars, quiet, debug, lang, ner_style, html):
    """Process INPUTS (files, folders, or - for stdin) into the output folder.

    \b
    Writes documents.jsonl, errors.jsonl and manifest.json (see the README).
    Exit code 0 when every input succeeded, 1 when some failed (the rest are written).
    A rerun skips inputs unchanged since the last run and resumes an interrupted one.
    \b
    Example:
      zhpipe run corpus/ -o outputs/
      zhpipe run big/ -o out/ --workers 8 --shard-size 10000
      zhpipe run big/ -o out/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    chosen = tuple(f.strip() for f in formats.split(",") if f.strip())
    unknown = [f for f in chosen if f not in WRITERS]
    if unknown:
        raise click.BadParameter(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(WRITERS)}",
                                 param_hint="--formats")
    options = Options(convert=not no_convert, opencc_config=opencc_config, lang=lang,
                      max_doc_chars=max_doc_chars, strict=strict, formats=chosen, chunk_chars=chunk_chars,
                      ner_style=ner_style, html=html)
    if scheduler and engine != "dask":
        raise click.BadParameter("needs --engine dask", param_hint="--scheduler")
    report = (lambda msg: None) if quiet else (lambda msg: click.echo(msg, err=True))
    progress = not quiet and sys.stderr.isatty()
    try:
        result = run_pipeline(inputs, out_dir, options, report=report, workers=workers, engine=engine,
                              scheduler=scheduler, shard_size=shard_size, force=force, progress=progress)
    except Exception as exc:
        if debug:
            traceback.print_exc()
        raise click.ClickException(f"{type(exc).__name__}: {exc}") from None
    if not quiet:
        reused = f" ({result.reused} unchanged inputs reused)" if result.reused else ""
        click.echo(f"zhpipe: {result.documents} documents, {result.errors} errors, {result.chars:,} chars "
                   f"in {result.seconds:.1f}s -> {out_dir}{reused}", err=True)
    sys.exit(result.exit_code)


@main.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1)
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per input line (per document for Markdown and HTML), with what was removed.")
@click.option("--no-convert", is_flag=True, help="Keep traditional characters (skip OpenCC).")
@LANG
@HTML
def normalise(files, as_json, no_convert, lang, html):
    """Print the normalised (cleaned, simplified) text of FILES or - (stdin).

    Text is normalised line by line; Markdown and HTML (by suffix, or sniffed on stdin) are read
    as a reader sees them first, and --json shows what was removed, with offsets into the input.

    \b
    Example:
      echo '它實現(xiàn)了' | zhpipe normalise -        # 它实现了
      zhpipe normalise --json corpus/aliyun.txt
      zhpipe normalise --json page.html              # the article; "removed": the furniture around it
    """
    failures = Failures()
    from .normalise import normalise as normalise_text
    from .normalise import removed_spans

    for record in _records(files, failures):
        if record.format == "text":
            for line in _split_lines(record.raw_text):
                norm = normalise_text(line, convert=not no_convert)
                click.echo(dumps({"raw": line, "text": norm.text, "script": norm.script, "quality": norm.quality})
                           if as_json else norm.text)
            continue
        norm = normalise_text(read_page(record.raw_text, record.format, html=html), convert=not no_convert)
        if as_json:
            removed = [[s, e, record.raw_text[s:e]] for s, e in removed_spans(norm, record.raw_text)]
            click.echo(dumps({"id": record.id, "source": record.source, "text": norm.text, "script": norm.script,
                              "quality": norm.quality, "meta": norm.meta, "removed": removed}))
        else:
            click.echo(norm.text)
    sys.exit(failures.exit_code)


@main.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per input line, with tags and offsets.")
@LANG
def segment(files, as_json, lang):
    """Print the tokens of each line of FILES or - (stdin), separated by spaces.

    \b
    Example:
      echo '阿里云营收为776亿' | zhpipe segment -       # 阿里云 营收 为 776 亿
    """
    failures = Failures()
    from .langid import detect_language
    from .language import blank, pipeline_language
    from .normalise import normalise as normalise_text

    for line in _lines(files, failures):
        line_lang = lang if lang != "auto" else detect_language(line)
        norm = normalise_text(line, convert=line_lang != "en")
        doc = blank(pipeline_language(line_lang))(norm.text)
        if as_json:
            tokens = []
            for tok in doc:
                if tok.is_space:
                    continue
                raw_start, raw_end = norm.to_raw(tok.idx, tok.idx + len(tok.text))
                tokens.append({"text": tok.text, "start": raw_start, "end": raw_end, "pos": tok.tag_,
                               "upos": tok.pos_, "lang": tok._.lang})
            click.echo(dumps({"text": line, "normalised": norm.text, "tokens": tokens}))
        else:
            click.echo(" ".join(tok.text for tok in doc if not tok.is_space))
    sys.exit(failures.exit_code)


@main.command(context_settings=CONTEXT)
@click.argument("out_dir", metavar="OUT", type=click.Path(exists=True, file_okay=False))
@click.option("--formats", default=",".join(REPORT_FORMATS), show_default=True,
              help=f"Comma-separated outputs to re-render (any of {', '.join(WRITERS)}).")
@click.option("-q", "--quiet", is_flag=True, help="No messages on stderr.")
def report(out_dir, formats, quiet):
    """Re-render summary.md and report.html of OUT from its documents.jsonl, without processing again.

    \b
    Example:
      zhpipe report outputs/
      zhpipe report outputs/ --formats summary,report,claims-csv,entities-csv
    """
    from pathlib import Path

    from .formats.store import DOCUMENTS, document_files
    from .formats.writers import write_outputs

    chosen = tuple(f.strip() for f in formats.split(",") if f.strip())
    unknown = [f for f in chosen if f not in WRITERS]
    if unknown:
        raise click.BadParameter(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(WRITERS)}",
                                 param_hint="--formats")
    if not document_files(out_dir):
        raise click.ClickException(f"{Path(out_dir) / DOCUMENTS} not found: run `zhpipe run INPUT -o {out_dir}` first")
    done = write_outputs(out_dir, chosen)
    if not quiet:
        click.echo(f"zhpipe: re-rendered {', '.join(done)} in {out_dir}", err=True)


@main.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1)
@LANG
def numbers(files, lang):
    """Print the numbers of each line of FILES or - as JSON, one object per input line.

    \b
    Example:
      echo '营收接近40亿美元，增速7.2%' | zhpipe numbers -
    """
    failures = Failures()
    from .linewise import numbers_of_line

    for line in _lines(files, failures):
        click.echo(dumps(numbers_of_line(line, lang=lang)))
    sys.exit(failures.exit_code)


@main.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1)
@LANG
@NER_STYLE
def entities(files, lang, ner_style):
    """Print the named entities of each line of FILES or - as JSON, one object per input line.

    \b
    Example:
      echo '马云创立了阿里巴巴' | zhpipe entities -
    """
    failures = Failures()
    from .linewise import entities_of_lines

    for obj in entities_of_lines(_lines(files, failures), lang=lang, ner_style=ner_style):
        click.echo(dumps(obj))
    sys.exit(failures.exit_code)


@main.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1)
@LANG
@HTML
def claims(files, lang, html):
    """Print the numeric claims of each document (a file, or - for stdin) as JSON lines.

    \b
    Example:
      echo '到2022年时，阿里云营收为776亿，增速为7.2%。' | zhpipe claims -
    """
    failures = Failures()
    from .linewise import claims_of_text

    for record in _records(files, failures):
        if not record.raw_text.strip():
            continue
        for claim in claims_of_text(record.raw_text, doc_id=record.id, lang=lang, format=record.format,
                                    html=html):
            click.echo(dumps(claim))
    sys.exit(failures.exit_code)


@main.command("export-pipeline", context_settings=CONTEXT)
@click.argument("out_dir", metavar="DIR", type=click.Path(file_okay=False))
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Which pipeline to save.")
@NER_STYLE
@click.option("--name", default="zhpipe", show_default=True, help="Package name in meta.json (spacy package).")
@click.option("--version", "version", default=__version__, show_default=True, help="Package version in meta.json.")
def export_pipeline(out_dir, lang, ner_style, name, version):
    """Save the spaCy pipeline to DIR (new or empty): `spacy.load(DIR)` loads it wherever zhpipe is installed,
    and `python -m spacy package DIR OUTDIR` packages it.

    \b
    Example:
      zhpipe export-pipeline models/zhpipe_zh
      python -c 'import spacy; print(spacy.load("models/zhpipe_zh")("营收增长7.2%").user_data["claims"])'
    """
    from .export import export_pipeline as export

    try:
        saved = export(out_dir, lang=lang, ner_style=ner_style, name=name, version=version)
    except FileExistsError as exc:
        raise click.ClickException(f"{exc}; pass a new folder") from exc
    click.echo(f"zhpipe: saved the {lang} pipeline to {saved}", err=True)
