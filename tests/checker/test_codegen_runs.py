"""The golden runs of test_tlc_runs.py again, with generated code off and in verify mode.

By default ``pytlc`` runs actions, Init and predicates as generated Python code
(``tla.evaluator.codegen``, written once the reference has answered a few dozen calls) and
falls back on the closure evaluator; these runs check that
the closure evaluator alone prints exactly the same, and that in verify mode (both ways,
compared at every step) nothing disagrees.
"""
from __future__ import annotations

import os

import pytest

from tests.checker.test_tlc_runs import GOLDEN, load_cases, run


@pytest.mark.parametrize("mode", ["0", "verify"])
@pytest.mark.parametrize("name,args,status", load_cases(), ids=[c[0] for c in load_cases()])
def test_run_without_generated_code_and_verified(monkeypatch, mode, name, args, status):
    monkeypatch.setenv("PYTLC_CODEGEN", mode)
    got_status, output = run(args)
    with open(os.path.join(GOLDEN, name + ".out")) as f:
        expected = f.read()
    assert output == expected
    assert got_status == status


def _codegen_stats(spec: str, cfg: str) -> str:
    import subprocess
    import sys
    specs = os.path.join(os.path.dirname(__file__), "specs")
    proc = subprocess.run([sys.executable, "-m", "tla.tlc_compat.cli", f"{spec}.tla",
                           "-config", f"{cfg}.cfg"], cwd=specs, capture_output=True, text=True,
                          env=dict(os.environ, PYTLC_CODEGEN_STATS="1", PYTLC_CODEGEN="1"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return next(line for line in proc.stderr.splitlines() if line.startswith("codegen: "))


def test_code_is_generated_only_after_the_warm_up():
    """A model of ten states explores with the reference evaluator alone (writing and
    compiling its actions would cost more than it saves), its small invariant switching to
    generated code after 8 calls; one of two thousand states switches to generated actions
    and invariants."""
    from tla.evaluator.model import WARMUP_CALLS, WARMUP_CALLS_SMALL, WARMUP_STATES
    assert WARMUP_CALLS_SMALL < 10 < WARMUP_STATES <= WARMUP_CALLS < 2197
    small = _codegen_stats("Counter", "Counter")           # 10 distinct states
    assert "action generated" not in small and "predicate generated: 1" in small
    large = _codegen_stats("Spread", "Spread")              # 2197 distinct states
    assert "action generated: 4" in large and "predicate generated" in large


def test_after_warmup_answers_plainly_then_builds_once():
    from tla.evaluator.model import after_warmup
    built = []

    def make():
        built.append(1)
        return lambda x: ("built", x)
    f = after_warmup(lambda x: ("plain", x), make, 3)
    assert [f(i) for i in range(5)] == [("plain", 0), ("plain", 1), ("plain", 2),
                                        ("built", 3), ("built", 4)]
    assert built == [1]
    assert after_warmup(lambda x: x, make, 0)(7) == ("built", 7)


def test_after_warmup_tells_install_of_the_function_it_made():
    from tla.evaluator.model import after_warmup
    installed = []
    made = lambda x: ("built", x)                                          # noqa: E731
    f = after_warmup(lambda x: ("plain", x), lambda: made, 2,
                     lambda old, new: installed.append((old, new)))
    assert [f(i) for i in range(4)] == [("plain", 0), ("plain", 1), ("built", 2),
                                        ("built", 3)]
    assert installed == [(f, made)]


def test_the_plan_calls_made_predicates_directly_after_their_warm_up():
    """An invariant's and a constraint's warming wrappers leave the plan's lists once the
    code is made: the search, which reads the lists for every state, calls the made
    predicates directly, with the same answers."""
    from tla.checker.setup import bind_model, make_plan
    from tla.evaluator.loading import load_text
    from tla.evaluator.model import run_with_big_stack
    from tla.tlc_compat.cfg import parse_cfg
    text = ("---- MODULE Warm ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\n"
            "Next == x' = x + 1\nSmall == x < 50\nBound == x <= 60\n====\n")
    cfg = parse_cfg("INIT Init\nNEXT Next\nINVARIANT Small\nCONSTRAINT Bound\n")
    plan = make_plan(bind_model(load_text(text, "Warm.tla"), cfg), cfg)
    (name, warming_inv), = plan.invariants
    warming_bound, = plan.constraints

    def answers():
        return [(plan.invariants[0][1]((x,)), plan.constraints[0]((x,))) for x in range(70)]
    first, second = run_with_big_stack(answers), run_with_big_stack(answers)
    assert first == second == [(x < 50, x <= 60) for x in range(70)]
    assert name == "Small" and plan.invariants[0][0] == "Small"
    assert plan.invariants[0][1] is not warming_inv
    assert plan.constraints[0] is not warming_bound
