"""The search with several worker processes gives what the one-process search gives:
the same counts, depth, outdegree, stored states (fingerprints and predecessors, hence the
same counterexamples), the same violation, and with -continue the same reports in the same
order; also when a violation, an error or TLCSet("exit") stops it in the middle of a level.

Random state graphs (hypothesis) stand in for specs, as in test_search.py."""
import os
import random
import signal
import time

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from test_tlc_runs import GOLDEN, load_cases, run

from tla.checker.parallel import ParallelSearch, plan_moves
from tla.checker.parallel_worker import Worker
from tla.checker.search import Checks, Search
from tla.errors import EvalError


def make_search(cls, graph, inits, checks, **extra):
    def initial():
        return [(s,) for s in inits]

    def successors(state, level):
        node = state[0]
        if node in graph["errors"]:
            raise EvalError(f"no successors for {node}")
        return [((t,), f"{node}->{t}") for t in graph["edges"].get(node, [])]
    search = cls(initial, successors, Checks(**checks), **extra)
    if graph.get("exit_at") is not None:
        seen = []
        exit_at = graph["exit_at"]
        search.stop_requested = lambda: False
        original = successors

        def counting(state, level):
            seen.append(state[0])
            return original(state, level)
        search.successors = counting
        search.stop_requested = lambda: bool(seen) and seen[-1] == exit_at
    return search


def outcome_of(search):
    out = search.run()
    v = out.violation
    return {
        "counts": (out.generated, out.distinct, out.queue_left, out.depth),
        "outdegree": list(out.outdegree),
        # the action matters only for a step to a state that is not stored
        "violation": None if v is None else (v.kind, v.name, v.index, v.successor,
                                              v.label if v.successor is not None else None),
        "fps": list(search.store.fps), "parents": list(search.store.parent),
        "reported": list(getattr(search, "reported", [])),
    }


def both(graph, inits, checks, workers, adjust=None):
    """Outcomes of the one-process and the parallel search (``adjust``-ed first)."""
    results = []
    for cls, extra in ((Search, {}), (ParallelSearch, {"workers": workers})):
        search = make_search(cls, graph, inits, checks, **extra)
        if adjust is not None and cls is ParallelSearch:
            adjust(search)
        search.reported = []
        search.on_violation = lambda v, store, s=search: s.reported.append((v.kind, v.name, v.index))
        results.append(outcome_of(search))
    return results


@st.composite
def graphs(draw):
    n = draw(st.integers(min_value=2, max_value=120))
    rnd = random.Random(draw(st.integers(0, 10 ** 6)))
    edges = {i: [rnd.randrange(n) for _ in range(rnd.choice([0, 1, 2, 3, 3, 4, 6]))]
             for i in range(n)}
    errors = set(rnd.sample(range(n), 1)) if draw(st.booleans()) else set()
    return {"n": n, "edges": edges, "errors": errors, "seed": rnd.random()}


CHECKS = [
    lambda g: {"check_deadlock": False},
    lambda g: {"check_deadlock": True},
    lambda g: {"check_deadlock": False, "invariants": [("NotBig", lambda s: s[0] < g["n"] - 3)]},
    lambda g: {"check_deadlock": False, "keep_going": True,
               "invariants": [("Odd", lambda s: s[0] % 7 != 3), ("Small", lambda s: s[0] < 90)],
               "action_properties": [("Up", lambda a, b: b[0] != a[0] - 1)]},
    lambda g: {"check_deadlock": False, "constraints": [lambda s: s[0] % 5 != 4],
               "action_constraints": [lambda a, b: a[0] != b[0]]},
    lambda g: {"check_deadlock": False, "action_properties": [("NoLoop", lambda a, b: a != b)]},
    lambda g: {"check_deadlock": False, "key": lambda s: s[0] % 40},
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs(), st.integers(0, len(CHECKS) - 1), st.sampled_from([2, 3]))
def test_parallel_search_equals_one_process_search(graph, which, workers):
    graph["errors"] = graph["errors"] if which in (0, 1) else set()
    one, many = both(graph, [0, 1], CHECKS[which](graph), workers)
    assert one == many


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs(), st.integers(0, len(CHECKS) - 1), st.sampled_from([2, 3]))
def test_reports_merged_in_parts_give_the_same(graph, which, workers):
    # worker processes, slowed down, answer the coordinator's requests for a part of their
    # report after every state: their levels are merged in many parts
    graph["errors"] = graph["errors"] if which in (0, 1) else set()
    coordinator = os.getpid()

    def slow_in_workers(search):
        successors = search.successors

        def slow(state, level):
            if os.getpid() != coordinator:
                time.sleep(0.0003)
            return successors(state, level)
        search.successors = slow
    mask, Worker.CHECK_MASK = Worker.CHECK_MASK, 0
    try:
        one, many = both(graph, [0, 1], CHECKS[which](graph), workers, slow_in_workers)
    finally:
        Worker.CHECK_MASK = mask
    assert one == many


@pytest.mark.parametrize("workers", [2, 3])
def test_tlcset_exit_stops_both_after_the_same_state(workers):
    edges = {i: [i + 1, i + 2, (i * 7) % 50] for i in range(50)}
    graph = {"n": 50, "edges": edges, "errors": set(), "exit_at": 17}
    one = outcome_of(make_search(Search, graph, [0], {"check_deadlock": False}))
    many = outcome_of(make_search(ParallelSearch, graph, [0], {"check_deadlock": False},
                                  workers=workers))
    assert one == many
    assert one["counts"][2] > 0                    # stopped with states left


def test_a_large_level_is_split_and_rebalanced():
    rnd = random.Random(5)
    n = 3000
    edges = {i: [rnd.randrange(n) for _ in range(3)] for i in range(n)}
    graph = {"n": n, "edges": edges, "errors": set()}
    one, many = both(graph, list(range(40)), {"check_deadlock": False}, 3)
    assert one == many


def test_large_messages_do_not_block_the_processes(monkeypatch):
    # worker 0 passes its candidates on while the others may be sending their reports:
    # neither side may wait for the other to read. The pipes get small buffers, and worker
    # 0, slowed down, ends its first levels after worker 1 has begun to send its report.
    import multiprocessing
    import socket
    pipe = multiprocessing.Pipe

    def small_pipe(duplex=True):
        ends = pipe(duplex)
        for end in ends:
            sock = socket.socket(fileno=os.dup(end.fileno()))
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.close()
        return ends
    monkeypatch.setattr(multiprocessing, "Pipe", small_pipe)
    rnd = random.Random(11)
    n = 20000
    edges = {i: [rnd.randrange(n) for _ in range(2)] for i in range(n)}
    graph = {"n": n, "edges": edges, "errors": set()}
    coordinator = os.getpid()

    def slow_coordinator(search):
        successors = search.successors

        def slow(state, level):
            if os.getpid() == coordinator and level <= 2:
                time.sleep(0.00002)
            return successors(state, level)
        search.successors = slow

    def hung(signum, frame):
        raise TimeoutError("the parallel search is blocked")
    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        one, many = both(graph, list(range(0, n, 2)), {"check_deadlock": False}, 2,
                         slow_coordinator)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert one == many


def test_a_failing_coordinator_leaves_no_worker_behind():
    # a bug in the coordinator's own expansion (not an evaluation error) ends the search
    # with the exception, the workers killed (one may be sending a report nobody reads)
    rnd = random.Random(2)
    n = 3000
    edges = {i: [rnd.randrange(n) for _ in range(3)] for i in range(n)}
    graph = {"n": n, "edges": edges, "errors": set()}
    search = make_search(ParallelSearch, graph, list(range(40)), {"check_deadlock": False},
                         workers=3)
    coordinator = os.getpid()
    successors = search.successors

    def failing(state, level):
        if os.getpid() == coordinator and level == 3:
            raise RuntimeError("a bug")
        return successors(state, level)
    search.successors = failing
    pids = []
    start_children = search._start_children

    def recording():
        start_children()
        pids.extend(search._pids)
    search._start_children = recording
    with pytest.raises(RuntimeError, match="a bug"):
        search.run()
    assert len(pids) == 2
    for pid in pids:                            # each worker process is gone and reaped
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_fingerprints_pass_through_an_unlinked_file_without_memfd(monkeypatch):
    from tla.checker.parallel_worker import PassedFingerprints

    def no_memfd(name):
        raise OSError("memfd_create is not available")
    monkeypatch.setattr(os, "memfd_create", no_memfd, raising=False)
    passed = PassedFingerprints()
    try:
        data = bytes(range(256)) * 300
        assert passed.read(passed.write(data)) == data
        assert passed.read(passed.write(b"short")) == b"short"     # replaces, not appends
    finally:
        passed.close()


@pytest.mark.parametrize("sizes", [[10, 0], [0, 10], [5, 5, 90], [1, 0, 0], [100, 3, 50, 7]])
def test_moves_make_contiguous_parts_even(sizes):
    plans = plan_moves(sizes, tolerance=0.0, minimum=0)
    total, n = sum(sizes), len(sizes)
    # simulate the moves on contiguous ranges of labelled items
    start, parts = 0, []
    for s in sizes:
        parts.append(list(range(start, start + s)))
        start += s
    incoming = {r: [] for r in range(n)}
    kept = []
    for r, plan in enumerate(plans):
        sent = set()
        for dst, offset, count in plan.send:
            incoming[dst].append((r, parts[r][offset:offset + count]))
            sent.update(range(offset, offset + count))
        kept.append([x for i, x in enumerate(parts[r]) if i not in sent])
    result = []
    for r in range(n):
        lower = [p for src, p in sorted(incoming[r]) if src < r]
        upper = [p for src, p in sorted(incoming[r]) if src > r]
        result.append(sum(lower, []) + kept[r] + sum(upper, []))
    assert sum(result, []) == list(range(total))            # order kept
    assert max(map(len, result)) - min(map(len, result)) <= 1


# ---------------------------------------------------------------- whole runs of pytlc

@pytest.mark.parametrize("name,args,status", load_cases(), ids=[c[0] for c in load_cases()])
def test_every_golden_run_is_the_same_with_workers(name, args, status):
    got_status, output = run(args + ["-workers", "2", "-checkpoint", "0"])
    with open(os.path.join(GOLDEN, name + ".out")) as f:
        expected = f.read()
    assert (got_status, output) == (status, expected)


@pytest.mark.parametrize("args", [
    ["Spread.tla"],
    ["Spread.tla", "-config", "SpreadBad.cfg"],                    # stops mid-level
    ["-continue", "Spread.tla", "-config", "SpreadBad.cfg"],        # every violation, in order
    ["-deadlock", "Spread.tla", "-config", "SpreadBad.cfg"],
    ["Spread.tla", "-config", "SpreadErr.cfg"],        # an invariant fails to evaluate
    ["Spread.tla", "-config", "SpreadAssert.cfg"],     # Assert in the next-state relation
])
@pytest.mark.parametrize("workers", ["2", "3"])
def test_runs_of_our_specs_are_the_same_with_workers(args, workers):
    one = run(args + ["-workers", "1", "-checkpoint", "0"])
    many = run(args + ["-workers", workers, "-checkpoint", "0"])
    assert one == many


def test_runs_that_need_every_state_in_one_process_say_they_use_one_worker():
    import subprocess
    import sys
    specs = os.path.join(os.path.dirname(__file__), "specs")

    def banner(*args):
        out = subprocess.run([sys.executable, "-m", "tla.tlc_compat.cli", "-checkpoint", "0",
                              *args], cwd=specs, capture_output=True, text=True).stdout
        return next(line for line in out.splitlines() if line.startswith("Running"))
    assert " with 2 workers on " in banner("-workers", "2", "Spread.tla")
    assert " with 1 worker on " in banner("-workers", "2", "Spread.tla", "-config",
                                          "SpreadProp.cfg")
    assert " with 1 worker on " in banner("-workers", "2", "-dump", os.devnull, "Spread.tla")
