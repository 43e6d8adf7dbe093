"""A per-user cache of parsed modules (start-up time, and lint in pre-commit hooks).

Takes the text and path of a ``.tla`` file; gives its :class:`tla.parser.ast.Module`
(:func:`parse_cached`) and its token images (:func:`token_images_cached`, the order in which
TLC interns strings), read from the cache when the entry for this file was made from exactly
this text, else parsed and lexed (and then stored). Neither the lexer nor PLY is imported
when every module is found in the cache. Unpickling a module is several times faster than parsing it (TLAPS.tla:
1.5 ms against 31 ms; a 48 KB spec with its proofs: 0.18 s to parse), and a spec is checked
again and again while the files it EXTENDS do not change.

Never stale: an entry belongs to one file path and one parser (its name is a hash of the
path and of everything the parse depends on: the source of every module of the parser
package (lexer, grammar, parse tables, AST classes) and of :mod:`tla.errors` (spans) and
:mod:`tla.records` (how nodes pickle), pytlc's version and the Python version), and it
starts with a digest of the text it was parsed from: another text is parsed again and
replaces the entry. The tests compare cached modules with fresh parses, spans included.

Bounded: one entry per file and parser; when more than :data:`MAX_ENTRIES` pile up (files
in temporary folders, earlier versions of pytlc), the ones written longest ago are removed.

Where: ``$PYTLC_CACHE_DIR`` if set (empty: no cache at all), else
``$XDG_CACHE_HOME/pytlc``, else ``~/.cache/pytlc``; never the package's own folder, which
may be read-only. The cache only ever speeds things up: a folder that cannot be created,
read or written, or an entry that cannot be read, means parsing as if there were no cache.
Parse errors are never cached (they are reported by parsing). Entries are written to a
temporary file and renamed, so a reader never sees half of one. Loading admits only the
AST's classes and spans (a restricted unpickler), so a file planted in the cache cannot
run code.
"""
from __future__ import annotations

import io
import os
import pickle
import sys

from tla.blake2 import blake2b
from tla.parser import ast

__all__ = ["parse_cached", "token_images_cached", "cache_dir", "entry_path"]

_FORMAT = b"pytlc parsed-module cache 3\0"
#: entries kept at most; past it, pruning leaves :data:`KEEP_AFTER_PRUNING`
MAX_ENTRIES = 1024
KEEP_AFTER_PRUNING = 768
_parser_digest: bytes | None = None
#: path -> (header, token images) of the modules read or parsed in this process
_IMAGES: dict[str, tuple[bytes, list]] = {}


def cache_dir() -> str | None:
    """The cache folder (not necessarily existing yet), or None when caching is off."""
    explicit = os.environ.get("PYTLC_CACHE_DIR")
    if explicit is not None:
        return explicit or None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "pytlc")


def _parser_sources_digest() -> bytes:
    """A hash of the sources the parse depends on (computed once per process)."""
    global _parser_digest
    if _parser_digest is None:
        import tla
        import tla.errors
        import tla.records
        h = blake2b(digest_size=16)
        h.update(_FORMAT + tla.__version__.encode() + b"\0" + sys.version.encode() + b"\0")
        folder = os.path.dirname(os.path.abspath(__file__))
        sources = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".py"))
        for path in sources + [os.path.abspath(tla.errors.__file__),
                               os.path.abspath(tla.records.__file__)]:
            with open(path, "rb") as f:
                data = f.read()
            h.update(os.path.basename(path).encode() + b"\0" + len(data).to_bytes(8, "little"))
            h.update(data)
        _parser_digest = h.digest()
    return _parser_digest


def entry_path(path: str) -> str | None:
    """The file that holds (or would hold) the parse of the module file ``path``."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        digest = _parser_sources_digest()
    except OSError:         # sources that cannot be read (a zipped install): no cache
        return None
    h = blake2b(digest, digest_size=20)
    h.update(os.path.abspath(path).encode("utf-8", "surrogatepass"))
    return os.path.join(folder, h.hexdigest() + ".ast")


def _text_header(text: str) -> bytes:
    """What an entry starts with: the format and the digest of the text it was parsed from."""
    return _FORMAT + blake2b(text.encode("utf-8", "surrogatepass"), digest_size=32).digest()


class _ASTUnpickler(pickle.Unpickler):
    """Admits the AST's node classes and spans, nothing else."""

    def find_class(self, module: str, name: str):
        if module == "tla.parser.ast":
            found = getattr(ast, name, None)
            if isinstance(found, type) and found.__module__ == ast.__name__:
                return found
        elif module == "tla.errors" and name == "Span":
            from tla.errors import Span
            return Span
        raise pickle.UnpicklingError(f"not an AST class: {module}.{name}")


def _read(entry: str, header: bytes) -> tuple[ast.Module, list] | None:
    try:
        with open(entry, "rb") as f:
            data = f.read()
    except OSError:
        return None
    if not data.startswith(header):
        return None                 # made from another text (the file changed) or format
    try:
        found = _ASTUnpickler(io.BytesIO(data[len(header):])).load()
    except Exception:          # a damaged or foreign file: parse instead
        return None
    if (isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], ast.Module)
            and isinstance(found[1], list)):
        return found
    return None


def _write(entry: str, header: bytes, module: ast.Module, images: list) -> None:
    import tempfile
    folder = os.path.dirname(entry)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".ast")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(header)
            pickle.dump((module, images), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except (OSError, pickle.PicklingError, RecursionError):
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return
    prune(folder, ".ast", MAX_ENTRIES, KEEP_AFTER_PRUNING)


def prune(folder: str, suffix: str, most: int, keep: int) -> None:
    """Past ``most`` entries (files of ``folder`` named ``*suffix``, temporary ``.``-files
    aside), remove the ones written longest ago, leaving ``keep``. Also serves the cache of
    compiled code (``tla.evaluator.codegen.code_cache``)."""
    try:
        with os.scandir(folder) as it:
            entries = [e for e in it if e.name.endswith(suffix) and not e.name.startswith(".")]
        if len(entries) <= most:
            return
        entries.sort(key=lambda e: e.stat().st_mtime)
        for e in entries[:len(entries) - keep]:
            os.unlink(e.path)
    except OSError:         # another process pruning at the same time, a read-only folder
        pass


def parse_cached(text: str, path: str) -> ast.Module:
    """The parse of ``text`` (read from ``path``), through the cache. Parse errors are
    raised as by :func:`tla.parser.parse_module` (and nothing is cached)."""
    from_cache = _cached(text, path)
    if from_cache is not None:
        return from_cache[0]
    from tla.parser.parse import parse_module
    return parse_module(text, path)


def token_images_cached(text: str, path: str) -> list:
    """:func:`tla.parser.lexer.token_images` of ``text`` (read from ``path``), through the
    cache (the entry :func:`parse_cached` read or wrote in this process, usually)."""
    header = _text_header(text)
    known = _IMAGES.get(os.path.abspath(path))
    if known is not None and known[0] == header:
        return known[1]
    from_cache = _cached(text, path, header)
    if from_cache is not None:
        return from_cache[1]
    from tla.parser.lexer import token_images
    return token_images(text)


def _cached(text: str, path: str, header: bytes | None = None
            ) -> tuple[ast.Module, list] | None:
    """``(module, token images)`` of ``text`` from the cache, or parsed, lexed and stored
    there; None when there is no cache (parse errors propagate). ``header``: the text's
    (:func:`_text_header`), when the caller has made it already."""
    entry = entry_path(path)
    if entry is None:
        return None
    if header is None:
        header = _text_header(text)
    found = _read(entry, header)
    if found is None:
        from tla.parser.lexer import token_images
        from tla.parser.parse import parse_module
        found = (parse_module(text, path), token_images(text))
        _write(entry, header, *found)
    _IMAGES[os.path.abspath(path)] = (header, found[1])
    return found
