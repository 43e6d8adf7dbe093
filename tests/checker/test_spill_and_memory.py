"""The queue that spills to disk, the memory guard, and searches run with tiny limits of
both (through the environment variables a user would set)."""
import os
import re
import subprocess
import sys

import pytest

from tla.checker import memory
from tla.checker.memory import FULL, OK, TIGHT, MemoryGuard, parse_size
from tla.checker.spill import SpillError, StateQueue

SPECS = os.path.join(os.path.dirname(__file__), "specs")


def test_queue_keeps_order_across_memory_and_disk(tmp_path):
    q = StateQueue(directory=str(tmp_path / "q"), threshold=5, chunk=3)
    taken = []
    for i in range(40):
        q.append((i,))
        if i % 7 == 6:
            taken.append(q.popleft())
    assert q.chunks_written > 0 and len(q) == 40 - len(taken)
    assert list(q) == [(i,) for i in range(len(taken), 40)]      # iterating takes nothing
    while q:
        taken.append(q.popleft())
    assert taken == [(i,) for i in range(40)]
    q.close()
    assert not os.path.exists(tmp_path / "q")                  # made for the queue: removed


def test_move_to_disk_keeps_order(tmp_path):
    q = StateQueue(directory=str(tmp_path), threshold=100, chunk=4)
    for i in range(30):
        q.append(i)
    assert q.move_to_disk()
    assert len(q.front) <= 4 and len(q) == 30
    for i in range(30, 45):
        q.append(i)
    assert [q.popleft() for _ in range(45)] == list(range(45))
    assert not q.move_to_disk()


def test_chunks_round_trip_through_a_checkpoint(tmp_path):
    q = StateQueue(directory=str(tmp_path), threshold=2, chunk=2)
    for i in range(9):
        q.append(("s", i))
    again = StateQueue.from_chunk_bytes(q.chunk_bytes(), directory=str(tmp_path), threshold=50)
    assert list(again) == list(q) == [("s", i) for i in range(9)]


def test_a_full_disk_is_reported(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    q = StateQueue(directory=str(blocked / "sub"), threshold=1, chunk=1)
    q.append(1)
    with pytest.raises(SpillError, match="Cannot create a directory for the queue"):
        q.append(2)


def test_sizes():
    assert parse_size("512M") == 512 << 20
    assert parse_size("2g") == 2 << 30
    assert parse_size("1000") == 1000
    assert parse_size("1.5GiB") == int(1.5 * (1 << 30))
    with pytest.raises(memory.MemoryLimitError):
        parse_size("lots")


def test_guard_answers_from_its_readings():
    readings = {"rss": 10 << 20, "avail": 10 << 30}
    clock = [0.0]
    guard = MemoryGuard(limit=100 << 20, read_resident=lambda: readings["rss"],
                        read_machine=lambda: (32 << 30, readings["avail"]),
                        clock=lambda: clock[0])
    assert guard.poll() == OK
    readings["rss"] = 90 << 20
    assert guard.poll() == OK                   # not read again within the interval
    clock[0] += 1
    assert guard.poll() == TIGHT
    clock[0] += 1
    readings["rss"] = 120 << 20
    assert guard.poll() == FULL
    assert "120 MB" in guard.error().message and "100 MB" in guard.error().message
    clock[0] += 1
    readings["rss"], readings["avail"] = 10 << 20, 100 << 20
    assert guard.poll() == FULL                 # the machine itself is short
    assert "left" in guard.error().message


def pytlc(args, **env):
    return subprocess.run([sys.executable, "-m", "tla.tlc_compat.cli", *args], cwd=SPECS,
                          capture_output=True, text=True, env=dict(os.environ, **env),
                          timeout=300)


STATS = re.compile(r"(\d+) states generated, (\d+) distinct states found, (\d+) states left")


def test_search_with_a_tiny_queue_gives_the_same_result(tmp_path):
    normal = pytlc(["-metadir", str(tmp_path / "a"), "Spread.tla"])
    spilled = pytlc(["-metadir", str(tmp_path / "b"), "Spread.tla"], PYTLC_QUEUE_STATES="1")
    assert normal.returncode == spilled.returncode == 0
    assert STATS.findall(normal.stdout) == STATS.findall(spilled.stdout)
    assert not os.path.exists(tmp_path / "b")                 # spill files cleaned up


def test_memory_limit_stops_the_search_with_a_message(tmp_path):
    run = pytlc(["-metadir", str(tmp_path), "Spread.tla"], PYTLC_MAX_MEMORY="1M")
    assert run.returncode == 255
    assert "pytlc stopped the search before running out of memory" in run.stdout
    assert "PYTLC_MAX_MEMORY" in run.stdout
    assert STATS.search(run.stdout)                            # the statistics so far
    assert "Traceback" not in run.stdout + run.stderr


def test_a_bad_memory_limit_is_refused(tmp_path):
    run = pytlc(["-metadir", str(tmp_path), "Spread.tla"], PYTLC_MAX_MEMORY="plenty")
    assert run.returncode == 255 and "PYTLC_MAX_MEMORY must be a size" in run.stdout


def test_a_disk_that_fills_up_while_spilling_is_reported(tmp_path, monkeypatch):
    import builtins
    import errno
    real_open = builtins.open

    def full_disk(path, mode="r", *args, **kwargs):
        if "chunk-" in str(path) and "w" in mode:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_open(path, mode, *args, **kwargs)
    q = StateQueue(directory=str(tmp_path), threshold=1, chunk=2)
    monkeypatch.setattr(builtins, "open", full_disk)
    q.append(1)
    q.append(2)
    with pytest.raises(SpillError, match="No space left on device"):
        q.append(3)
    monkeypatch.undo()
    q.close()
