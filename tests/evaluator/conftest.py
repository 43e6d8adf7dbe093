"""Shared fixtures of the evaluator tests: models built from module text, and a count of
the UNIONs their generated code computes."""
from __future__ import annotations

import pytest

from tla.evaluator.loading import load_text
from tla.evaluator.model import build_model

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
