"""The checkpoint file itself (``tla.checker.checkpoint``): round trip, atomic replacement,
refusal of other versions, other inputs, corrupt files and foreign pickles; ``-cleanup``;
and the search stopping and resuming in-process (``tla.checker.interrupt``)."""
from __future__ import annotations

import json
import os
import pickle
import signal

import pytest

from tla.checker import checkpoint as C
from tla.checker.interrupt import SearchControl
from tla.checker.search import Checks, Search
from tla.evaluator.values import FSet, ModelValue, make_fcn


def grid_search(n: int = 12) -> Search:
    """A search over pairs (a, b) in 0..n-1, each step adding 1 to one side."""
    def initial():
        return [(0, FSet([ModelValue("m1")]))]

    def successors(state, level):
        a, s = state
        if a + 1 < n:
            yield (a + 1, s), "A"
        if len(s) < n:
            yield (a, FSet(list(s) + [make_fcn({len(s): "v"})])), "B"
    return Search(initial, successors, Checks(check_deadlock=False))


def counts(outcome):
    return (outcome.generated, outcome.distinct, outcome.queue_left, outcome.depth,
            list(outcome.outdegree))


class EveryBoundary(SearchControl):
    """Asks for a checkpoint at every state boundary."""

    def checkpoint_done(self):
        self.checkpoint_due = self.requested = True


def test_stop_checkpoint_and_resume_in_process(tmp_path):
    full = grid_search().run()
    for stop_after in (1, 7, 40, 100):
        search = grid_search()
        control = EveryBoundary()
        control.checkpoint_due = control.requested = True
        search.control = control
        calls = []

        def stop_later(s, calls=calls, stop_after=stop_after, control=control):
            calls.append(1)
            if len(calls) == stop_after:
                control.request_stop(signal.SIGTERM)
        search.on_checkpoint = stop_later
        stopped = search.run()
        assert stopped.interrupted == signal.SIGTERM and stopped.queue_left > 0
        C.write_checkpoint(str(tmp_path), "inputs", C.save_search(search))
        resumed = grid_search()
        C.restore_search(resumed, C.read_checkpoint(str(tmp_path), "inputs"))
        assert counts(resumed.run()) == counts(full)


def test_write_is_atomic_and_replaces(tmp_path):
    search = grid_search(3)
    search.run()
    path = C.write_checkpoint(str(tmp_path), "h", C.save_search(search))
    first = open(path, "rb").read()
    C.write_checkpoint(str(tmp_path), "h", C.save_search(search))
    assert sorted(os.listdir(tmp_path)) == ["checkpoint.pytlc"]
    assert open(path, "rb").read()[:len(C.MAGIC)] == first[:len(C.MAGIC)]


def _tamper(path, fn):
    data = open(path, "rb").read()
    open(path, "wb").write(fn(data))


def test_refusals(tmp_path):
    search = grid_search(3)
    search.run()
    path = C.write_checkpoint(str(tmp_path), "h", C.save_search(search))
    good = open(path, "rb").read()
    with pytest.raises(C.CheckpointError, match="another spec, cfg"):
        C.read_checkpoint(str(tmp_path), "other")
    magic, header, payload = good.split(b"\n", 2)
    meta = json.loads(header)
    meta["version"] = C.FORMAT_VERSION + 1
    _tamper(path, lambda d: magic + b"\n" + json.dumps(meta).encode() + b"\n" + payload)
    with pytest.raises(C.CheckpointError, match="format version"):
        C.read_checkpoint(str(tmp_path), "h")
    _tamper(path, lambda d: good[:-1] + bytes([good[-1] ^ 1]))
    with pytest.raises(C.CheckpointError, match="corrupt"):
        C.read_checkpoint(str(tmp_path), "h")
    _tamper(path, lambda d: b"not a checkpoint")
    with pytest.raises(C.CheckpointError, match="not a pytlc checkpoint"):
        C.read_checkpoint(str(tmp_path), "h")
    _tamper(path, lambda d: C.MAGIC + b"{broken\n")
    with pytest.raises(C.CheckpointError, match="header .* is corrupt"):
        C.read_checkpoint(str(tmp_path), "h")


class _Evil:
    def __reduce__(self):
        return (os.system, ("echo owned",))


def test_foreign_pickle_is_refused(tmp_path):
    """A checksum-valid file whose payload names another callable is not unpickled."""
    search = grid_search(2)
    search.run()
    saved = C.save_search(search)
    saved.extra["evil"] = _Evil()
    payload = pickle.dumps(saved)
    import hashlib
    header = {"version": C.FORMAT_VERSION, "inputs": "h", "length": len(payload),
              "sha256": hashlib.sha256(payload).hexdigest()}
    (tmp_path / C.FILE_NAME).write_bytes(C.MAGIC + json.dumps(header).encode() + b"\n" + payload)
    with pytest.raises(C.CheckpointError, match="not allowed"):
        C.read_checkpoint(str(tmp_path), "h")


def test_cleanup_removes_only_run_directories(tmp_path):
    states = tmp_path / "states"
    (states / "26-11-25-04-27-16.913").mkdir(parents=True)
    (states / "26-11-25-04-27-16.913" / C.FILE_NAME).write_bytes(b"x")
    (states / "mine").mkdir()
    C.cleanup_states(str(tmp_path / "Spec.tla"), None)
    assert os.listdir(states) == ["mine"]
    os.rmdir(states / "mine")
    C.cleanup_states(str(tmp_path / "Spec.tla"), None)
    assert not states.exists()


def test_interval_from_environment(monkeypatch):
    monkeypatch.delenv(C.INTERVAL_ENV, raising=False)
    assert C.interval_seconds(30) == 1800 and C.interval_seconds(0) == 0
    monkeypatch.setenv(C.INTERVAL_ENV, "0.25")
    assert C.interval_seconds(30) == 0.25
    monkeypatch.setenv(C.INTERVAL_ENV, "soon")
    with pytest.raises(C.CheckpointError):
        C.interval_seconds(30)


def test_unwritable_metadir_is_a_checkpoint_error(tmp_path):
    search = grid_search(2)
    search.run()
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(C.CheckpointError, match="Cannot write the checkpoint"):
        C.write_checkpoint(str(blocker / "run"), "h", C.save_search(search))
