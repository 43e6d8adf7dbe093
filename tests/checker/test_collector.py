"""The search's cycle-collector policy (tla.checker.collector): the middle generation is
frozen instead of walked while walking it finds no garbage, and collected again once it does."""
import gc

import pytest

from tla.checker import collector as C


@pytest.fixture
def policy():
    saved = gc.get_threshold()
    p = C.SearchCollector()
    yield p
    p.restore()
    assert gc.get_threshold() == saved
    assert p._observe not in gc.callbacks


def _young_collections(n: int) -> list:
    """Live containers enough for at least ``n`` young collections (kept by the caller)."""
    keep = []
    while gc.get_count()[1] < n:
        keep.append([[] for _ in range(1000)])
    return keep


def _cycles(n: int) -> None:
    for _ in range(n):
        a = []
        a.append(a)


def test_a_search_starts_collecting_the_middle_generation(policy):
    assert gc.get_threshold() == C.THRESHOLDS
    policy.tick()
    assert not policy.freezing


def test_barren_middle_collections_turn_to_freezing(policy):
    for _ in range(C.BARREN_BEFORE_FREEZING):
        policy._observe("stop", {"generation": 1, "collected": C.THRESHOLDS[1] - 1})
    policy._observe("stop", {"generation": 0, "collected": 10_000})    # young: not counted
    policy.tick()
    assert policy.freezing
    assert gc.get_threshold() == C.FREEZING


def test_a_fruitful_middle_collection_starts_the_count_again(policy):
    policy._observe("stop", {"generation": 1, "collected": 0})
    policy._observe("stop", {"generation": 1, "collected": C.THRESHOLDS[1]})
    policy._observe("stop", {"generation": 1, "collected": 0})
    policy.tick()
    assert not policy.freezing


def _freezing(policy) -> None:
    policy.barren = C.BARREN_BEFORE_FREEZING
    policy.tick()
    assert policy.freezing


def test_freezing_moves_the_middle_generation_out_of_view(policy):
    _freezing(policy)
    keep = _young_collections(C.THRESHOLDS[1])
    frozen = gc.get_freeze_count()
    policy.tick()
    assert gc.get_freeze_count() >= frozen + len(keep)
    assert gc.get_count() == (0, 0, 0)


def test_a_check_that_finds_garbage_resumes_collecting(policy):
    _freezing(policy)
    policy.periods = C.CHECK_EVERY - 1          # the next period is a check
    keep = _young_collections(C.THRESHOLDS[1])
    _cycles(10 * C.THRESHOLDS[1])
    policy.tick()
    assert keep and not policy.freezing
    assert gc.get_threshold() == C.THRESHOLDS


def test_restore_gives_frozen_garbage_back_to_the_collector():
    p = C.SearchCollector()
    try:
        _freezing(p)
        keep = _young_collections(C.THRESHOLDS[1])
        gc.set_threshold(1 << 20, *C.FREEZING[1:])     # no young collection meanwhile
        _cycles(100)                    # garbage that the freeze below keeps from view
        p.tick()
        assert keep and p.periods == 1
    finally:
        p.restore()
    assert gc.collect() >= 100


def test_what_the_search_leaves_young_is_not_walked_when_thresholds_come_back():
    """The states alive when a search ends (under spaced-out young collections, up to
    YOUNG_SPACED of them) join the oldest generation: the restored thresholds start no
    collection at the next allocation."""
    started = []

    def observe(phase, info):
        if phase == "start":
            started.append(info["generation"])
    p = C.SearchCollector()
    try:
        gc.set_threshold(1 << 20, *C.FREEZING[1:])     # young collections spaced out
        keep = [[] for _ in range(50_000)]
        gc.callbacks.append(observe)
    finally:
        p.restore()
        after = [[] for _ in range(10)]
        gc.callbacks.remove(observe)
    assert started == [] and keep and after


def _young(policy, collected: int, n: int = 1) -> None:
    for _ in range(n):
        policy._observe("stop", {"generation": 0, "collected": collected})


def test_barren_young_collections_are_spaced_out(policy):
    _young(policy, 6, C.BARREN_YOUNG_BEFORE_SPACING - 1)   # under one object per 100
    policy.tick()
    assert gc.get_threshold() == C.THRESHOLDS
    _young(policy, 0)
    policy.tick()
    assert gc.get_threshold() == (C.YOUNG_SPACED,) + C.THRESHOLDS[1:]


def test_a_young_collection_that_finds_garbage_brings_them_back(policy):
    _young(policy, 0, C.BARREN_YOUNG_BEFORE_SPACING)
    policy.tick()
    _young(policy, C.YOUNG_SPACED // 100)
    policy.tick()
    assert gc.get_threshold() == C.THRESHOLDS


def test_young_collections_spaced_out_while_freezing_keep_the_freezing_thresholds(policy):
    _freezing(policy)
    _young(policy, 0, C.BARREN_YOUNG_BEFORE_SPACING)
    policy.tick()
    assert gc.get_threshold() == (C.YOUNG_SPACED,) + C.FREEZING[1:]
    _young(policy, C.YOUNG_SPACED)
    policy.tick()
    assert policy.freezing and gc.get_threshold() == C.FREEZING
