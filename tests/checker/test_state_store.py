"""The search's memory: the fingerprint set (an open-addressing table in one array) and the
store of fingerprints and predecessors from which traces are rebuilt."""
import random

import pytest

from tla.checker.store import FingerprintSet, StateStore


def test_fingerprint_set_behaves_like_a_set():
    rng = random.Random(7)
    values = [rng.getrandbits(64) or 1 for _ in range(20000)]
    values += values[:5000]                      # repeats
    table, reference = FingerprintSet(), set()
    for v in values:
        assert table.add(v) == (v not in reference)
        reference.add(v)
    assert len(table) == len(reference)
    assert set(table) == reference
    assert all(v in table for v in reference)
    assert not any((v ^ 0x5555) in table for v in list(reference)[:1000]
                   if (v ^ 0x5555) not in reference)


def test_fingerprint_set_probes_past_collisions_on_the_same_slot():
    table = FingerprintSet(16)
    same_slot = [1 + (k << 20) for k in range(6)]         # equal low bits
    for v in same_slot:
        assert table.add(v)
    assert all(v in table for v in same_slot)
    assert (1 + (7 << 20)) not in table


def test_fingerprint_set_stays_between_a_quarter_and_half_full():
    table = FingerprintSet()
    rng = random.Random(3)
    for _ in range(100000):
        table.add(rng.getrandbits(64) | 1)
    slots = len(table.table)
    assert slots // 4 <= len(table) <= slots // 2
    assert table.memory_bytes() / len(table) <= 32


def test_min_distance_of_fingerprints():
    table = FingerprintSet()
    for v in (100, 5000, 5003, 90000):
        table.add(v)
    assert table.min_distance() == 3
    assert FingerprintSet().min_distance() is None
    rng = random.Random(11)
    many = FingerprintSet()
    for _ in range(5000):
        many.add(rng.getrandbits(64) | 1)
    ordered = sorted(many)
    exact = min(b - a for a, b in zip(ordered, ordered[1:]))
    assert many.min_distance(bucket_size=64) == many.min_distance() == exact


def test_store_numbers_states_in_bfs_order_and_knows_their_levels():
    store = StateStore()
    a = store.insert(11, -1, 1)
    b = store.insert(12, -1, 1)
    c = store.insert(13, a, 2)
    assert store.insert(12, c, 3) == -1           # seen: not stored again
    d = store.insert(14, c, 3)
    assert (a, b, c, d) == (0, 1, 2, 3)
    assert [store.level_of(i) for i in range(4)] == [1, 1, 2, 3]
    assert store.level[3] == 3 and store.depth == 3
    assert store.path_to(d) == [a, c, d]
    assert list(store.fps) == [11, 12, 13, 14]
    assert store.states is None                   # no state kept by default


def test_store_keeps_states_and_an_index_when_asked():
    store = StateStore(keep_states=True)
    store.insert(5, -1, 1, ("s0",))
    store.insert(6, 0, 2, ("s1",))
    assert store.states == [("s0",), ("s1",)]
    assert store.index_of == {5: 0, 6: 1}


def test_trace_arrays_cost_16_bytes_per_state():
    store = StateStore()
    rng = random.Random(1)
    for i in range(50000):
        store.insert(rng.getrandbits(64) | 1, i - 1, 1 + i // 1000)
    per_state = (store.memory_bytes() - store.seen.memory_bytes()) / len(store)
    assert per_state == pytest.approx(16, abs=1)


def test_batch_insert_is_insert_one_by_one():
    """The parallel search's merge (``add_each`` marking which fingerprints are new, then
    ``record`` numbering them) stores what ``insert`` would; ``add_all_new`` says when a
    fingerprint was there already; ``update`` tolerates those."""
    rng = random.Random(7)
    from array import array
    fps = array("Q", rng.sample(range(1, 1 << 63), 5000))
    parents = array("q", [rng.randrange(-1, 100) for _ in fps])
    one, batch = StateStore(), StateStore()
    for level, (lo, hi) in enumerate([(0, 10), (10, 1200), (1200, 5000)], start=1):
        for i in range(lo, hi):
            assert one.insert(fps[i], parents[i], level) == i
        # each batch repeats a fingerprint of the batch before: it is not new
        again = array("Q", fps[max(0, lo - 1):hi])
        flags = batch.seen.add_each(again)
        assert list(flags) == [0] * (len(again) - (hi - lo)) + [1] * (hi - lo)
        batch.record(fps[lo:hi], parents[lo:hi], level)
    assert (batch.fps, batch.parent, batch.level_starts) == (one.fps, one.parent,
                                                             one.level_starts)
    assert all(fp in batch.seen for fp in fps) and len(batch.seen) == len(fps)
    assert not batch.seen.add_all_new(array("Q", [fps[3], 12345]))
    s = FingerprintSet()
    s.update(array("Q", [5, 6, 5, 7]))
    assert sorted(s) == [5, 6, 7]
