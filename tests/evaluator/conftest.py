"""Shared fixtures of the evaluator tests: models built from module text, a count of the
UNIONs their generated code computes, and one split action's successors from its generated
code and from the reference evaluator."""
from __future__ import annotations

import pytest

from tla.evaluator.loading import load_text
from tla.evaluator.model import build_model, run_with_big_stack
from tla.evaluator.values import format_value

STD = "EXTENDS Naturals, Integers, Sequences, FiniteSets, TLC"


def make_model(body: str, name: str = "T", extends: str = STD, **kwargs):
    """A model of the module ``name`` with ``body`` (units) under ``extends``."""
    text = f"---- MODULE {name} ----\n{extends}\n{body}\n====\n"
    return build_model(load_text(text, f"{name}.tla"), **kwargs)


@pytest.fixture(scope="session")
def std_model():
    return make_model("")


def counted_unions(monkeypatch, m) -> list:
    """A one-element list counting the UNIONs model ``m``'s generated code computes from
    now on."""
    unions = [0]
    ns = m.codegen.unit.ns
    union = ns["union"]

    def counting(S):
        unions[0] += 1
        return union(S)
    monkeypatch.setitem(ns, "union", counting)
    return unions


def generated_action(m, name: str):
    """``(generated function, split action)`` of the first split action of ``name``."""
    act = m.actions_of(name)[0]
    fn = run_with_big_stack(m.codegen.action, act.node, act.scope, act.env, name)
    assert fn is not None
    return fn, act


def generated_successors(fn, act, state) -> list:
    """The successors ``fn`` (a generated action) gives from ``state``, printed."""
    return [format_value(t) for t, _ in run_with_big_stack(fn, state, act.env, [], act.label)]


def reference_successors(m, act, state) -> list:
    """The successors the reference evaluator gives for ``act`` from ``state``, printed."""
    return [format_value(t) for t in m._reference_successors(act, state)]
