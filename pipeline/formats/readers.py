"""Readers: find input files, detect their encodings, and yield documents (or errors) one at a time."""
from __future__ import annotations

import codecs
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

from charset_normalizer import from_bytes

from ..document import InputError, Record
from ..normalise.patterns import encodes
from .html import read_html
from .markdown import read_markdown
from .page import Page, text_page

# a file's format by its suffix; a folder is searched for these files only
FORMAT_BY_SUFFIX = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl",
}
# how each format is read (a JSONL line says its own format, text by default)
PAGE_READERS: dict[str, Callable[[str], Page]] = {
    "text": text_page,
    "markdown": read_markdown,
    "html": read_html,
}
# --html-main (the article, found by trafilatura) or --html-all (the whole page's text)
HTML_READERS: dict[str, Callable[[str], Page]] = {"main": read_html, "all": partial(read_html, main=False)}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Chinese web text arrives in these; charset-normalizer chooses among them when UTF-8 fails
_CANDIDATES = ["utf_8", "gb18030", "big5", "big5hkscs", "utf_16", "utf_16_le", "utf_16_be", "cp1252"]
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"\x1f\x8b")


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class DecodeError(ValueError):
    """The bytes are not text in any supported encoding."""


_PLAUSIBLE = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u024f\u2000-\u206f\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _plausible(text: str) -> float:
    """Share of characters that ordinary Chinese or English text is made of."""
    head = text[:4000]
    return len(_PLAUSIBLE.findall(head)) / max(1, len(head))


def _guess_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: the byte order whose decoding reads as ordinary text."""
    if len(data) % 2 or 0 not in data[:4096]:
        return None
    best = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _plausible(text)
        if score > 0.95 and (best is None or score > best[0]):
            best = (score, text, encoding)
    return (best[1], best[2]) if best else None


def _decode_mixed(data: bytes) -> tuple[str, str]:
    """UTF-8 with stretches in a legacy Chinese encoding (files and lines glued from several sources).

    Each stretch of non-ASCII bytes that is not UTF-8 is decoded as whichever of GB18030 and Big5
    reads more like Chinese; bytes neither can read become U+FFFD.
    """
    seen = ["utf-8"]

    def handler(exc: UnicodeDecodeError):
        raw = exc.object
        end = exc.start
        while end < len(raw) and raw[end] >= 0x80:  # double-byte pairs; Big5 trail bytes may be ASCII
            end += 2 if raw[end] >= 0x81 and end + 1 < len(raw) else 1
        end = max(min(end, len(raw)), exc.end)
        chunk = bytes(raw[exc.start:end])
        candidates = []
        for encoding in ("gb18030", "big5"):
            try:
                candidates.append((_line_score(chunk.decode(encoding)), encoding))
            except UnicodeDecodeError:
                continue
        if not candidates:
            return "\ufffd", exc.end
        encoding = max(candidates)[1]
        if encoding not in seen:
            seen.append(encoding)
        return chunk.decode(encoding), end

    codecs.register_error("zhpipe-mixed", handler)
    text = data.decode("utf-8", errors="zhpipe-mixed")
    return text, "mixed (" + ", ".join(seen) + ")"


def _line_score(text: str) -> float:
    """How much a decoded line reads like Chinese: ordinary characters, and common ones (GB2312 or Big5)."""
    common = 0
    for char in text:
        for encoding in ("gb2312", "big5"):
            try:
                char.encode(encoding)
                common += 1
                break
            except UnicodeEncodeError:
                continue
    return _plausible(text) + common / max(1, len(text))


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few bad bytes (a truncated character, a line pasted from a GBK file).

    Lines that are valid UTF-8 stay; when other lines decode in a Chinese encoding the file is
    read line by line; stray bytes become U+FFFD (which the mojibake detector then reports).
    """
    if _truncated_tail(data):
        return data.decode("utf-8", errors="replace"), "utf-8 (truncated)"
    # UTF-8 sequences that turn up by chance in GBK or Big5 bytes decode to rare characters;
    # real UTF-8 Chinese is mostly common ones (GB2312)
    lossy = data.decode("utf-8", errors="replace")
    decoded = [ch for ch in lossy if ch > "\x7f" and ch != "\ufffd"]
    common = sum(1 for ch in decoded if encodes(ch, "gb2312"))
    if common < 3 or common < 0.5 * len(decoded):
        return None  # too little says UTF-8: let charset detection choose
    return _decode_mixed(data)


def _truncated_tail(data: bytes) -> bool:
    """The only bad bytes are an unfinished multibyte character at the very end."""
    for cut in range(1, 4):
        try:
            data[:-cut].decode("utf-8")
            return True
        except UnicodeDecodeError:
            continue
    return False


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)`` or raise :class:`DecodeError` with the reason."""
    if not data.strip():
        raise DecodeError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "") + (" (BOM)" if encoding != "utf-32" else "")
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {encoding} after its byte-order mark: {exc.reason}") from None
    if data.startswith(_BINARY_MAGIC):
        raise DecodeError("binary file (not text)")
    utf16 = _guess_utf16(data)
    if utf16:
        return utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8:
        return mostly_utf8
    if data.count(0) > len(data) // 100:
        raise DecodeError("binary file (not text)")
    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is None:
        raise DecodeError("not valid text in any supported encoding (UTF-8, UTF-16, GB18030, Big5)")
    encoding = best.encoding.replace("_", "-")
    return str(best), encoding


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path | InputError]:
    """Input files under ``paths`` (folders recursively, sorted; ``-`` is stdin), or errors for bad paths."""
    for raw in paths:
        path = Path(raw)
        if str(raw) == "-":
            yield path
        elif path.is_dir():
            seen: set[tuple[int, int]] = set()
            for root, dirs, files in os.walk(path, followlinks=True):
                st = os.stat(root)
                if (st.st_dev, st.st_ino) in seen:  # symlink loop
                    dirs[:] = []
                    continue
                seen.add((st.st_dev, st.st_ino))
                dirs.sort()
                for name in sorted(files):
                    if Path(name).suffix.lower() in FORMAT_BY_SUFFIX and not name.startswith("."):
                        yield Path(root) / name
        elif path.exists():
            yield path
        else:
            yield InputError(str(raw), "no such file or folder")


def doc_id_for(path: Path, base: Path | None = None) -> str:
    """A document id from a file path: its path under the input folder, without the suffix."""
    try:
        rel = path.relative_to(base) if base else Path(path.name)
    except ValueError:
        rel = Path(path.name)
    return rel.with_suffix("").as_posix()


def _read_bytes(path: Path) -> bytes:
    if str(path) == "-":
        return sys.stdin.buffer.read()
    return path.read_bytes()


def _jsonl_records(path: Path, text: str, encoding: str, stem: str) -> Iterator[Record | InputError]:
    seen: dict[str, int] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(str(path), f"broken JSON line: {exc.msg}", line=lineno, error="JSONDecodeError")
            continue
        if not isinstance(obj, dict):
            yield InputError(str(path), "JSON line is not an object", line=lineno)
            continue
        body = obj.get("text")
        if not isinstance(body, str):
            reason = "missing 'text'" if body is None else "'text' is not a string"
            yield InputError(str(path), reason, line=lineno, doc_id=_str_or_none(obj.get("id")))
            continue
        body = _LONE_SURROGATE.sub("\ufffd", body)  # JSON escapes can carry them; UTF-8 cannot
        doc_id = _str_or_none(obj.get("id")) or f"{stem}:{lineno}"
        meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
        fmt = obj.get("format", meta.get("format", "text"))
        if fmt not in PAGE_READERS:
            reason = f"unknown format {fmt!r} (one of {', '.join(PAGE_READERS)})"
            yield InputError(str(path), reason, line=lineno, doc_id=doc_id)
            continue
        seen[doc_id] = seen.get(doc_id, 0) + 1
        if seen[doc_id] > 1:  # a repeated id keeps its document, under a new id that says so
            meta = {**meta, "duplicate_of": doc_id}
            doc_id = f"{doc_id}#{seen[doc_id]}"
        yield Record(doc_id, f"{path}:{lineno}", body, encoding, meta, file=str(path), format=fmt)


def _str_or_none(value) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def read_path(path: Path, base: Path | None = None) -> Iterator[Record | InputError]:
    """Documents in one file: a text file is one document, a ``.jsonl`` file one per line."""
    try:
        data = _read_bytes(path)
    except OSError as exc:
        yield InputError(str(path), f"cannot read: {exc.strerror or exc}", error=type(exc).__name__)
        return
    yield from records_from_bytes(path, data, base)


def records_from_bytes(path: Path, data: bytes, base: Path | None = None) -> Iterator[Record | InputError]:
    """Documents in the bytes ``data`` read from ``path`` (the engine reads and hashes a file once)."""
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        yield InputError(str(path), str(exc), error="DecodeError")
        return
    stem = doc_id_for(path, base) if str(path) != "-" else "stdin"
    fmt = format_of(path, text)
    if fmt == "jsonl":
        yield from _jsonl_records(path, text, encoding, stem)
    else:
        yield Record(stem, str(path), text, encoding, file=str(path), format=fmt)


def format_of(path: Path, text: str) -> str:
    """The format of a file: by its suffix (:data:`FORMAT_BY_SUFFIX`), else (stdin, no suffix) by its content."""
    by_suffix = FORMAT_BY_SUFFIX.get(path.suffix.lower()) if str(path) != "-" else None
    return by_suffix or sniff_format(text)


_HTML_PAGE = re.compile(r"(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
# kinds of Markdown syntax; text showing two kinds (or three links) is read as Markdown
_MARKDOWN_SIGNALS = {
    "heading": re.compile(r"^#{1,6}[ \t]+\S", re.M),
    "link": re.compile(r"!?\[[^\]\n]{1,300}\]\([^()\s]{1,2000}(?:\s+\"[^\"\n]*\")?\)"),
    "list": re.compile(r"^[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+\S", re.M),
    "table": re.compile(r"^\|?[ \t]*:?-{3,}:?[ \t]*\|", re.M),
    "fence": re.compile(r"^[ \t]{0,3}(?:```|~~~)", re.M),
    "emphasis": re.compile(r"\*\*[^*\n]{1,200}\*\*|__[^_\n]{1,200}__"),
}


def sniff_format(text: str, *, head: int = 20000) -> str:
    """What the text looks like: ``jsonl`` (a JSON object with ``text`` on its first line), ``html`` (a page),
    ``markdown`` (two kinds of Markdown syntax, or three links), else ``text``."""
    start = text[:head].lstrip("\ufeff \t\r\n")
    first = start.split("\n", 1)[0]
    if first.startswith("{"):
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except json.JSONDecodeError:
            pass
    if _HTML_PAGE.match(start):
        return "html"
    kinds = {name for name, pattern in _MARKDOWN_SIGNALS.items() if pattern.search(start)}
    if len(kinds) >= 2 or len(_MARKDOWN_SIGNALS["link"].findall(start)) >= 3:
        return "markdown"
    return "text"


def read_page(raw: str, format: str = "text", *, html: str = "main") -> Page:
    """The page in ``raw`` read as ``format`` (a key of :data:`PAGE_READERS`); ``html`` chooses how
    HTML is read (a key of :data:`HTML_READERS`)."""
    return (HTML_READERS[html] if format == "html" else PAGE_READERS[format])(raw)


def read_inputs(paths: Iterable[str | os.PathLike]) -> Iterator[Record | InputError]:
    """Every document under ``paths``, streamed in a stable order, with errors in place of bad inputs."""
    paths = list(paths)
    for item in iter_files(paths):
        if isinstance(item, InputError):
            yield item
            continue
        yield from read_path(item, base_for(item, paths))


def base_for(path: Path, paths: list) -> Path | None:
    """The input folder ``path`` was found under (its document id is relative to it), if any."""
    return next((Path(p) for p in paths if Path(p).is_dir() and _is_under(path, Path(p))), None)


def _is_under(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False
