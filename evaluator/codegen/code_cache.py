"""A per-user cache of compiled generated code (the set-up time of small models).

Takes the source the code generator wrote for one unit and the file name it is compiled
under; gives its code object (:func:`compiled`): read from the cache when an entry was made
from exactly this source and name, else made by :func:`cse.reuse_common_reads` and
``compile`` (and then stored).

Why: a model's generated code is compiled again on every run, and compiling is the slowest
part of writing it (about 0.4 microseconds a byte of source: 10-80 ms for the 20-100 units of
a small corpus model, up to a fifth of its run). Unmarshalling the same code is about fifty
times faster. The generator writes the same sources, under the same names, every time a spec
is checked with the same cfg, so the second and later runs read every unit from the cache.

Never stale: an entry's name is a digest of what the code depends on (this cache's format,
the Python version, the source of the common-reads pass, the file name and the source text);
the file starts with the format, the digest and a digest of the marshalled code, so a
damaged or foreign file is compiled again (and replaced).

Where: the ``code`` folder of the parse cache's folder (:func:`tla.parser.module_cache.cache_dir`;
``PYTLC_CACHE_DIR`` set to nothing turns both off). Unlike a parsed module, a code entry runs
once loaded, so entries are read only from a folder that belongs to the current user and
that no one else may write (what Python's own ``__pycache__`` relies on, checked here).
Entries are written to a temporary file and renamed, so a reader never sees half of one.
A folder that cannot be created, read or written means compiling as if there were no cache.

Bounded: when a process has written entries and more than :data:`MAX_ENTRIES` pile up (specs
edited again and again, earlier versions of pytlc), the ones written longest ago are removed.
"""
from __future__ import annotations

import marshal
import os
import sys

from tla.blake2 import blake2b
from tla.evaluator.codegen.cse import reuse_common_reads

__all__ = ["compiled", "code_folder"]

_FORMAT = b"pytlc compiled-code cache 1\0"
#: entries kept at most; past it, pruning leaves :data:`KEEP_AFTER_PRUNING`
MAX_ENTRIES = 8192
KEEP_AFTER_PRUNING = 6144
_KEY_SIZE = 20
_CHECK_SIZE = 16
_CodeType = type(compile("", "<empty>", "exec"))


class _Folder:
    """The cache folder of this process, its digest prefix and what is known of it."""
    __slots__ = ("path", "prefix", "trusted", "wrote")

    def __init__(self, path: str, prefix: bytes):
        self.path = path
        self.prefix = prefix
        self.trusted: bool | None = None    # None: not looked at yet
        self.wrote = False


#: the folders used in this process, by path
_folders: dict[str, _Folder] = {}
#: what the digests start from (None until first needed; b"" when the sources of the
#: common-reads pass cannot be read, a zipped install: then there is no cache)
_prefix: bytes | None = None


def code_folder() -> str | None:
    """The folder of code entries (not necessarily existing yet), or None when caching is off."""
    from tla.parser.module_cache import cache_dir
    base = cache_dir()
    return None if base is None else os.path.join(base, "code")


def _digest_prefix() -> bytes:
    global _prefix
    if _prefix is None:
        h = blake2b(digest_size=_KEY_SIZE)
        h.update(_FORMAT + sys.version.encode() + b"\0")
        try:
            from tla.evaluator.codegen import cse
            with open(cse.__file__, "rb") as f:
                h.update(f.read())
            _prefix = h.digest()
        except OSError:
            _prefix = b""
    return _prefix


def compiled(source: str, filename: str):
    """The code object of generated unit ``source`` (common reads reused) compiled under
    ``filename``, through the cache."""
    path = code_folder()
    folder = None if path is None else _folders.get(path)
    if folder is None and path is not None and _digest_prefix():
        folder = _folders[path] = _Folder(path, _prefix)
    if folder is None:
        return compile(reuse_common_reads(source), filename, "exec")
    h = blake2b(folder.prefix, digest_size=_KEY_SIZE)
    h.update(filename.encode("utf-8", "surrogatepass") + b"\0")
    h.update(source.encode("utf-8", "surrogatepass"))
    key = h.digest()
    entry = os.path.join(folder.path, h.hexdigest() + ".code")
    if folder.trusted is None:
        folder.trusted = _owned_by_us(folder.path)
    if folder.trusted:
        code = _read(entry, key)
        if code is not None:
            return code
    code = compile(reuse_common_reads(source), filename, "exec")
    if folder.trusted is not False:
        _write(folder, entry, key, code)
    return code


def _owned_by_us(path: str) -> bool | None:
    """True when folder ``path`` belongs to this user and no one else may write it; None
    when it does not exist yet (it is made so on the first write); False otherwise."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError:
        return False
    getuid = getattr(os, "getuid", None)
    if getuid is not None and st.st_uid != getuid():
        return False
    return not st.st_mode & 0o022


def _read(entry: str, key: bytes):
    try:
        with open(entry, "rb") as f:
            data = f.read()
    except OSError:
        return None
    start = len(_FORMAT) + _KEY_SIZE
    if data[:start] != _FORMAT + key:
        return None
    payload = data[start + _CHECK_SIZE:]
    if blake2b(payload, digest_size=_CHECK_SIZE).digest() != data[start:start + _CHECK_SIZE]:
        return None
    try:
        code = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    return code if type(code) is _CodeType else None


def _write(folder: _Folder, entry: str, key: bytes, code) -> None:
    # the temporary file is named after the process (tempfile would import random)
    tmp = os.path.join(folder.path, f".tmp-{os.getpid()}.code")
    try:
        if folder.trusted is None:
            os.makedirs(folder.path, mode=0o700, exist_ok=True)
            folder.trusted = _owned_by_us(folder.path)
            if not folder.trusted:
                return
        payload = marshal.dumps(code)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0),
                     0o600)
    except (OSError, ValueError):
        folder.trusted = False
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(_FORMAT + key + blake2b(payload, digest_size=_CHECK_SIZE).digest())
            f.write(payload)
        os.replace(tmp, entry)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return
    if not folder.wrote:
        folder.wrote = True
        from tla.parser.module_cache import prune
        prune(folder.path, ".code", MAX_ENTRIES, KEEP_AFTER_PRUNING)
