"""Evaluator benchmarks (run by hand: ``python -m tests.evaluator.bench``); prints timings.

* the brief's expression: Cardinality({f \\in [1..4 -> 1..4] : \\A i \\in 1..3 : f[i] <= f[i+1]})
* fingerprinting a typical state (stable fingerprint vs Python's hash)
* next-state throughput on the Counter spec with larger N
* representation alternatives for functions/records: Fcn(dict) vs frozenset-of-pairs
"""
from __future__ import annotations

import time
from collections import deque

from tla.evaluator.values import FSet, ModelValue, make_fcn, state_fingerprint

from tests.evaluator.conftest import make_model
from tests.evaluator.test_actions import COUNTER


def timeit(fn, n):
    t0 = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - t0) / n


def main() -> None:
    m = make_model("")
    expr = r"Cardinality({f \in [1..4 -> 1..4] : \A i \in 1..3 : f[i] <= f[i+1]})"
    node_time = timeit(lambda: m.evaluate(expr), 5)
    print(f"{expr} = {m.evaluate(expr)}: {node_time * 1000:.1f} ms")

    procs = FSet([ModelValue(f"p{i}") for i in range(5)])
    state = (3, make_fcn({p: "idle" for p in procs}), FSet(list(procs)[:2]),
             (1, 2, 3), make_fcn({"a": 1, "b": FSet([1, 2])}))
    fresh = lambda: (3, make_fcn({p: "idle" for p in procs}), FSet(list(procs)[:2]),
                     (1, 2, 3), make_fcn({"a": 1, "b": FSet([1, 2])}))
    t_fp = timeit(lambda: state_fingerprint(fresh()), 20000) - timeit(fresh, 20000)
    t_fp_cached = timeit(lambda: state_fingerprint(state), 20000)
    # Python's own hash, for scale: C speed, but salted for strings and TRUE = 1
    t_hash = timeit(lambda: hash(fresh()), 20000) - timeit(fresh, 20000)
    print(f"state fingerprint (fresh values): {t_fp * 1e6:.2f} us; "
          f"(cached parts): {t_fp_cached * 1e6:.2f} us; Python's hash: "
          f"{t_hash * 1e6:.2f} us")

    d = {ModelValue(f"p{i}"): i for i in range(5)}
    t_dict = timeit(lambda: hash(make_fcn(dict(d))), 20000)
    t_fs = timeit(lambda: hash(frozenset(d.items())), 20000)
    t_app_dict = timeit(lambda: make_fcn(d).map[ModelValue("p3")], 20000)
    print(f"build+hash Fcn(dict): {t_dict * 1e6:.2f} us; frozenset of pairs: "
          f"{t_fs * 1e6:.2f} us; build+apply Fcn: {t_app_dict * 1e6:.2f} us")

    procs3 = FSet([ModelValue("p1"), ModelValue("p2"), ModelValue("p3")])
    cm = make_model(COUNTER.lstrip("\n"), "Counter", constants={"N": 40, "Procs": procs3})
    parts = cm.split_spec("Spec")
    t0 = time.perf_counter()
    seen, queue, generated = set(), deque(), 0
    for st in cm.init_states(parts.init):
        seen.add(st)
        queue.append(st)
    while queue:
        st = queue.popleft()
        for succ, _ in cm.next_states(parts.next, st):
            generated += 1
            if succ not in seen:
                seen.add(succ)
                queue.append(succ)
    dt = time.perf_counter() - t0
    print(f"Counter N=40, 3 procs: {generated} generated, {len(seen)} distinct in {dt:.2f}s "
          f"= {generated / dt:.0f} generated/s, {len(seen) / dt:.0f} distinct/s")


if __name__ == "__main__":
    main()
