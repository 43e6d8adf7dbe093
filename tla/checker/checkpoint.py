"""Checkpoints of a breadth-first search, and recovery from them (TLC's ``-checkpoint``,
``-recover``, ``-metadir``, ``-cleanup``).

Takes: a :class:`~tla.checker.search.Search` stopped at a state boundary (its store, queue
and outcome agree), plus a hash of the inputs the search depends on. Gives: one file,
``<run dir>/checkpoint.pytlc``, and back from it the same search, ready to go on, so that a
recovered run ends with exactly the counts of an uninterrupted one.

The file is::

    pytlc-checkpoint\\n                       magic line
    {"version": 1, "inputs": ..., ...}\\n     JSON header: format version, input hash,
                                             payload length and SHA-256, counts
    <payload>                                pickle of the saved search

Why these choices:

* Written atomically: to ``checkpoint.pytlc.tmp``, flushed and fsynced, then renamed over
  the previous checkpoint, then the directory fsynced. A SIGKILL at any moment leaves the
  previous checkpoint intact (at worst a stale ``.tmp`` that is overwritten next time).
* Versioned, with a checksum: a file of another format version, a truncated or altered file,
  or one written for other inputs (another spec text, cfg text or state-space option) is
  refused with a :class:`CheckpointError` saying which, never half-loaded.
* Pickle, because states are arbitrary trees of evaluator values; but unpickling only admits
  pytlc's own value classes and a few built-in containers (``tla.checker.pickling``), so a
  checkpoint cannot name arbitrary callables.
* The store holds fingerprints and predecessors (``tla.checker.store``); the queue is saved
  as the pickled chunks of states it is made of (``tla.checker.spill``), so a queue that
  spilled to disk is copied without being rebuilt in memory.
* The intern table (TLC's first-seen order of strings and model values, which decides how
  sets sort and print) is saved too, as TLC saves its ``UniqueString`` table: strings first
  seen during the search must keep their place after recovery.
"""
from __future__ import annotations

import os
import pickle
import re
import sys
import time
from typing import Any, Iterable, Optional

from tla.blake2 import blake2b
from tla.checker import pickling
from tla.checker.fingerprints import ALGORITHM as FINGERPRINT_ALGORITHM
from tla.evaluator.fingerprint import ALGORITHM as VALUE_FINGERPRINT_ALGORITHM
from tla.checker.spill import SpillError, StateQueue
from tla.errors import TLAError
from tla.records import field, mutable_record

#: 3: spans and action labels are records (``tla.records``), pickled as lists of fields;
#: 4: the hash of the inputs is BLAKE2b
FORMAT_VERSION = 4
MAGIC = b"pytlc-checkpoint\n"
FILE_NAME = "checkpoint.pytlc"
#: environment variable giving the checkpoint interval in seconds (tests; overrides
#: ``-checkpoint`` minutes when set)
INTERVAL_ENV = "PYTLC_CHECKPOINT_SECONDS"
#: run directories are named like TLC's: yy-MM-dd-HH-mm-ss.SSS
_RUN_DIR = re.compile(r"^\d\d-\d\d-\d\d-\d\d-\d\d-\d\d\.\d\d\d$")


class CheckpointError(TLAError):
    """A checkpoint that cannot be written or must not be recovered from."""


@mutable_record
class Saved:
    """What a checkpoint holds besides its header."""
    store: Any                       # tla.checker.store.StateStore
    queue: list[bytes]               # the queue's states, as pickled chunks (lists of states)
    queue_length: int
    outcome: Any                     # tla.checker.search.SearchOutcome
    interned: list[str]              # the intern table, in order
    extra: dict[str, Any] = field(default_factory=dict)   # e.g. the liveness graph


# ------------------------------------------------------------------------------ inputs
def inputs_hash(files: Iterable[str], cfg_path: Optional[str], settings: dict) -> str:
    """BLAKE2b (32 bytes) over the text of every module file, the cfg file and the settings
    that change the state space (``settings`` values: strings, numbers, booleans). Every run
    computes it; BLAKE2b needs no OpenSSL (see ``tla.blake2``)."""
    h = blake2b(digest_size=32)
    # fingerprints are what the store holds (the search's lanes, or under symmetry those
    # of permuted states): another algorithm (or another Python, whose hash of int tuples
    # the fingerprints use) would not recognise the states seen
    h.update(f"pytlc-checkpoint-v{FORMAT_VERSION}\0{FINGERPRINT_ALGORITHM}\0"
             f"{VALUE_FINGERPRINT_ALGORITHM}\0"
             f"{sys.implementation.name}-{sys.version_info[0]}.{sys.version_info[1]}\0".encode())
    for path in sorted(set(files)):
        h.update(os.path.basename(path).encode() + b"\0")
        with open(path, "rb") as f:
            h.update(blake2b(f.read(), digest_size=32).digest())
    if cfg_path is not None and os.path.exists(cfg_path):
        with open(cfg_path, "rb") as f:
            h.update(b"cfg\0" + blake2b(f.read(), digest_size=32).digest())
    h.update(repr(sorted(settings.items())).encode())
    return h.hexdigest()


def interval_seconds(checkpoint_minutes: int) -> float:
    """Seconds between checkpoints: ``$PYTLC_CHECKPOINT_SECONDS`` when set, else the
    ``-checkpoint`` minutes (0 turns checkpoints off)."""
    raw = os.environ.get(INTERVAL_ENV)
    if raw:
        try:
            value = float(raw)
        except ValueError:
            raise CheckpointError(f"{INTERVAL_ENV} must be a number of seconds, not {raw!r}.")
        if value < 0 or value != value:
            raise CheckpointError(f"{INTERVAL_ENV} must be a nonnegative number of seconds.")
        return value
    return 60.0 * checkpoint_minutes


# ------------------------------------------------------------------------------ directories
def new_run_dir(spec_path: str, metadir: Optional[str]) -> str:
    """TLC's place for this run's metadata: ``<metadir or spec dir/states>/<timestamp>``.
    Only a name: the directory is created when the first checkpoint is written, so runs that
    never checkpoint leave nothing behind."""
    base = metadir or os.path.join(os.path.dirname(os.path.abspath(spec_path)), "states")
    now = time.time()
    stamp = time.strftime("%y-%m-%d-%H-%M-%S", time.localtime(now))
    return os.path.join(base, f"{stamp}.{int(now * 1000) % 1000:03d}")


def cleanup_states(spec_path: str, metadir: Optional[str]) -> None:
    """``-cleanup``: remove earlier run directories. Only directories named like TLC's run
    directories are removed (and the base directory if that leaves it empty), so that a
    user's own ``states`` folder with other content is never wiped."""
    base = metadir or os.path.join(os.path.dirname(os.path.abspath(spec_path)), "states")
    if not os.path.isdir(base):
        return
    for name in os.listdir(base):
        path = os.path.join(base, name)
        if _RUN_DIR.match(name) and os.path.isdir(path) and not os.path.islink(path):
            import shutil
            shutil.rmtree(path, ignore_errors=True)
    try:
        os.rmdir(base)
    except OSError:
        pass                                   # not empty: other files stay


# ------------------------------------------------------------------------------ writing
def write_checkpoint(run_dir: str, inputs: str, saved: Saved) -> str:
    """Write ``saved`` atomically to ``run_dir``; returns the file's path."""
    import hashlib                      # a run that never checkpoints loads neither
    import json
    try:
        payload = pickle.dumps(saved, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as exc:
        raise CheckpointError(f"Cannot checkpoint this search: a state cannot be saved ({exc}).")
    header = {
        "version": FORMAT_VERSION,
        "inputs": inputs,
        "length": len(payload),
        "sha256": hashlib.sha256(payload).hexdigest(),
        "distinct": len(saved.store),
        "queue": saved.queue_length,
        "generated": saved.outcome.generated,
        "written": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    final = os.path.join(run_dir, FILE_NAME)
    temp = final + ".tmp"
    try:
        os.makedirs(run_dir, exist_ok=True)
        with open(temp, "wb") as f:
            f.write(MAGIC)
            f.write(json.dumps(header, sort_keys=True).encode() + b"\n")
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, final)
        _fsync_dir(run_dir)
    except OSError as exc:
        _remove_quietly(temp)
        raise CheckpointError(f"Cannot write the checkpoint in {run_dir}: {exc.strerror or exc}.")
    return final


def save_search(search, extra: Optional[dict] = None) -> Saved:
    """The parts of ``search`` (stopped at a state boundary) that a checkpoint keeps."""
    import dataclasses
    from tla.evaluator.values import _INTERN
    # what stopped this process is no part of the search's state
    outcome = dataclasses.replace(search.outcome, interrupted=None, violation=None,
                                  outdegree=list(search.outcome.outdegree))
    try:
        chunks = search.queue.chunk_bytes()
    except SpillError as exc:
        raise CheckpointError(f"Cannot checkpoint this search: {exc.message}")
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as exc:
        raise CheckpointError(f"Cannot checkpoint this search: a state cannot be saved ({exc}).")
    return Saved(store=search.store, queue=chunks, queue_length=len(search.queue),
                 outcome=outcome, interned=list(_INTERN), extra=dict(extra or {}))


# ------------------------------------------------------------------------------ reading
def read_checkpoint(run_dir: str, inputs: Optional[str]) -> Saved:
    """The checkpoint in ``run_dir``, checked; ``inputs`` (when given) must equal the hash
    it was written with. Raises :class:`CheckpointError` with the reason otherwise."""
    path = os.path.join(run_dir, FILE_NAME)
    if not os.path.isdir(run_dir):
        raise CheckpointError(f"Cannot recover: {run_dir} is not a directory.")
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise CheckpointError(f"Cannot recover: no checkpoint in {run_dir} "
                              f"({exc.strerror or exc}).")
    if not data.startswith(MAGIC):
        raise CheckpointError(f"Cannot recover: {path} is not a pytlc checkpoint.")
    end = data.find(b"\n", len(MAGIC))
    import hashlib
    import json
    try:
        header = json.loads(data[len(MAGIC):end].decode("utf-8")) if end > 0 else None
    except (UnicodeDecodeError, ValueError):
        header = None
    if not isinstance(header, dict):
        raise CheckpointError(f"Cannot recover: the header of {path} is corrupt.")
    version = header.get("version")
    if version != FORMAT_VERSION:
        raise CheckpointError(f"Cannot recover: {path} has checkpoint format version "
                              f"{version}, this pytlc reads version {FORMAT_VERSION}.")
    payload = data[end + 1:]
    if len(payload) != header.get("length") or \
            hashlib.sha256(payload).hexdigest() != header.get("sha256"):
        raise CheckpointError(f"Cannot recover: {path} is corrupt (truncated or altered).")
    if inputs is not None and header.get("inputs") != inputs:
        raise CheckpointError(
            f"Cannot recover: the checkpoint in {run_dir} was written for another spec, cfg "
            "or state-space option (-deadlock, -continue); the hashes of the inputs differ.")
    try:
        saved = pickling.loads(payload)
    except Exception as exc:     # a checksum-valid payload we cannot read: say so, do not crash
        raise CheckpointError(f"Cannot recover: {path} cannot be read ({exc}).")
    if not isinstance(saved, Saved):
        raise CheckpointError(f"Cannot recover: {path} does not hold a saved search.")
    return saved


def restore_search(search, saved: Saved) -> None:
    """Make ``search`` continue where ``saved`` stopped (call before ``search.run()``, after
    the model is bound: the intern table of the bound model must be a prefix of the saved
    one, which it is for the same inputs)."""
    from tla.evaluator.values import _INTERN, seed_intern
    current = list(_INTERN)
    if saved.interned[:len(current)] != current:
        raise CheckpointError("Cannot recover: the spec's strings are interned in another "
                              "order than when the checkpoint was written.")
    seed_intern(saved.interned)
    if saved.store.keeps_states != search.store.keeps_states:
        raise CheckpointError("Cannot recover: the checkpoint was written by a search that "
                              + ("kept" if saved.store.keeps_states else "did not keep")
                              + " every state (liveness checking), this one "
                              + ("does not." if saved.store.keeps_states else "does."))
    search.store = saved.store
    search.outcome = saved.outcome
    search.outcome.interrupted = None
    search.outcome.violation = None
    try:
        queue = StateQueue.from_chunk_bytes(saved.queue, directory=search.spill_dir,
                                            threshold=search.spill_threshold)
    except (pickle.UnpicklingError, SpillError, EOFError, ValueError) as exc:
        raise CheckpointError(f"Cannot recover: the queue in the checkpoint cannot be read "
                              f"({exc}).")
    if len(queue) != saved.queue_length:
        raise CheckpointError("Cannot recover: the queue in the checkpoint is incomplete.")
    search.queue = queue


# ------------------------------------------------------------------------------ helpers
def _fsync_dir(path: str) -> None:
    """Make the rename durable (POSIX; a no-op where directories cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_quietly(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


# ------------------------------------------------------------------------------ a run's checkpoints
class Checkpoints:
    """The checkpoints of one ``pytlc`` run: where they go, when, and recovery.

    Built by :meth:`for_run` from a ``tla.tlc_compat.tlc_run.Run`` (its options, model,
    plan, reporter and :class:`~tla.checker.interrupt.SearchControl`) and the search it
    drives; ``graph`` is the liveness behaviour graph, saved along when there is one.
    """

    def __init__(self, rep, search, run_dir: str, inputs: str, interval: float, graph=None):
        self.rep = rep
        self.search = search
        self.run_dir = run_dir
        self.inputs = inputs
        self.interval = interval
        self.graph = graph

    @classmethod
    def for_run(cls, run, search, graph=None) -> "Checkpoints":
        """Hook checkpoints into ``search`` as the run's options ask; with ``-recover DIR``,
        restore ``search`` from DIR first (printing TLC's recovery messages 2197/2198).
        Raises :class:`CheckpointError` when DIR cannot be recovered from."""
        from tla import __version__
        from tla.tlc_compat.codes import EC
        opts = run.opts
        tla_path, cfg_path = run.spec_paths()
        tree = getattr(run.model, "tree", None)
        files = list((getattr(tree, "paths", None) or {}).values()) or [tla_path]
        settings = {"pytlc": __version__,
                    "deadlock": bool(run.plan.check_deadlock),
                    "continue": bool(opts.continue_after_violation)}
        inputs = inputs_hash([f for f in files if os.path.isfile(f)], cfg_path, settings)
        interval = interval_seconds(opts.checkpoint_minutes)
        if opts.recover:
            run_dir = opts.recover
        else:
            if opts.cleanup:
                cleanup_states(tla_path, opts.metadir)
            run_dir = new_run_dir(tla_path, opts.metadir)
        self = cls(run.rep, search, run_dir, inputs, interval, graph)
        search.control = run.control
        # TLC keeps its disk queue in the run's metadata directory too
        search.spill_dir = run_dir
        if opts.recover:
            saved = read_checkpoint(run_dir, inputs)
            if graph is not None and not isinstance(saved.extra.get("graph"), type(graph)):
                raise CheckpointError(f"Cannot recover: the checkpoint in {run_dir} has no "
                                      "behaviour graph for checking liveness.")
            run.rep.message(EC.TLC_CHECKPOINT_RECOVER_START, run_dir)
            restore_search(search, saved)
            if graph is not None:
                graph.__dict__.update(saved.extra["graph"].__dict__)
            run.rep.message(EC.TLC_CHECKPOINT_RECOVER_END, len(saved.store), saved.queue_length)
        if interval > 0:
            search.on_checkpoint = self.write
            run.control.start_timer(interval)
        return self

    def write(self, search=None) -> bool:
        """Checkpoint the search now (it is at a state boundary); TLC's 2195/2196 messages.
        A failure to write is reported and turns checkpoints off; the search goes on."""
        from tla.tlc_compat.codes import EC
        search = search or self.search
        extra = {"graph": self.graph} if self.graph is not None else {}
        self.rep.message(EC.TLC_CHECKPOINT_START, self.run_dir)
        try:
            write_checkpoint(self.run_dir, self.inputs, save_search(search, extra))
        except CheckpointError as exc:
            self.rep.println(f"Warning: {exc.message} Checkpoints are turned off for this run.")
            self.interval = 0
            search.on_checkpoint = None
            return False
        self.rep.message(EC.TLC_CHECKPOINT_END)
        return True

    def write_final(self) -> Optional[str]:
        """On interruption: checkpoint where the search stopped, when checkpoints are on and
        the initial states are done; the directory to recover from, or None."""
        if self.interval <= 0 or self.search.queue is None:
            return None
        return self.run_dir if self.write() else None
