"""The golden runs of test_tlc_runs.py again, with generated code off and in verify mode.

By default ``pytlc`` runs actions, Init and predicates as generated Python code
(``tla.evaluator.codegen``) and falls back on the closure evaluator; these runs check that
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
