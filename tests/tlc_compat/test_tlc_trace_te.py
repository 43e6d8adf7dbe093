"""The trace-exploration spec: Java HashSet order of its EXTENDS lists (checked against TE
specs TLC wrote), and the layout of the generated file (fixtures/te_counter.tla)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tlc_compat_cases import FIXTURES
from tla.tlc_compat.trace_model import Trace
from tla.tlc_compat.trace_te import (
    _extends, _trace_extends, java_date_string, java_hashset_order, te_module_name,
    te_spec_text, write_te_spec,
)


@pytest.mark.parametrize("spec,constants,expected", [
    ("CheckpointTrim", False, "Sequences, TLCExt, Toolbox, Naturals, TLC, CheckpointTrim"),
    ("ThresholdAuth_TLC", True, "Sequences, TLCExt, ThresholdAuth_TLC, "
                                "ThresholdAuth_TLC_TEConstants, Toolbox, Naturals, TLC"),
    ("LeaseProtocol", True, "Sequences, TLCExt, LeaseProtocol, Toolbox, Naturals, TLC, "
                            "LeaseProtocol_TEConstants"),
    ("PROOF_015_ddl_atomicity", True, "Sequences, TLCExt, Toolbox, "
                                      "PROOF_015_ddl_atomicity_TEConstants, Naturals, TLC, "
                                      "PROOF_015_ddl_atomicity"),
    ("AuthFlow", True, "Sequences, TLCExt, AuthFlow_TEConstants, AuthFlow, Toolbox, "
                       "Naturals, TLC"),
])
def test_extends_order_matches_tlc(spec, constants, expected):
    assert _extends(spec, constants) == expected


def test_trace_module_extends_order():
    assert _trace_extends("CheckpointTrim", False, "TLC") == "TLC, CheckpointTrim"
    assert _trace_extends("CheckpointTrim", False, "IOUtils") == "IOUtils, TLC, CheckpointTrim"
    assert _trace_extends("ThresholdAuth_TLC", True, "TLC") == (
        "ThresholdAuth_TLC, ThresholdAuth_TLC_TEConstants, TLC")
    assert _trace_extends("ThresholdAuth_TLC", True, "IOUtils") == (
        "IOUtils, ThresholdAuth_TLC, ThresholdAuth_TLC_TEConstants, TLC")
    assert _trace_extends("QuvHeadTriggeredPreparation", True, "IOUtils") == (
        "IOUtils, TLC, QuvHeadTriggeredPreparation, QuvHeadTriggeredPreparation_TEConstants")
    assert _trace_extends("QuvHeadTriggeredPreparation", True, "TLC") == (
        "TLC, QuvHeadTriggeredPreparation, QuvHeadTriggeredPreparation_TEConstants")


def test_hashset_grows_past_twelve():
    names = [f"M{i}" for i in range(20)]
    assert sorted(java_hashset_order(names)) == sorted(names)


def test_java_date_string():
    moment = datetime(2026, 4, 15, 11, 57, 54, tzinfo=timezone(timedelta(hours=9), "KST"))
    assert java_date_string(moment) == "Wed Apr 15 11:57:54 KST 2026"


STATES = ((("s", "{}"), ("x", "0"), ("y", '(p1 :> "idle" @@ p2 :> "idle")')),
          (("s", "{p1}"), ("x", "1"), ("y", '(p1 :> "busy" @@ p2 :> "idle")')))
WHEN = datetime(2026, 11, 24, 10, 30, 48, tzinfo=timezone.utc)


def test_te_spec_text_layout():
    text = te_spec_text("Counter", te_module_name("Counter", 1795516450), Trace(STATES),
                        ["x", "y", "s"], ["N = 3", "Procs = { p1 , p2 }"], ["p1", "p2"],
                        fmt=str, generated=WHEN)
    assert text + "\n" == (FIXTURES / "te_counter.tla").read_text()


def test_te_spec_liveness_uses_prop_and_no_constants():
    text = te_spec_text("Live", "Live_TTrace_1", Trace(((("x", "0"),),)), ["x"], liveness=True,
                        fmt=str, generated=WHEN)
    assert "_prop ==\n    ~<>[](\n        x = (0)\n    )\n" in text
    assert "PROPERTY\n    _prop\n" in text
    assert "CONSTANTS" not in text and "_TEConstants" not in text


def test_write_te_spec(tmp_path):
    message = write_te_spec(tmp_path, "Counter", Trace(STATES), ["x", "y", "s"], fmt=str,
                            now=WHEN)
    assert message == f"./Counter_TTrace_{int(WHEN.timestamp())}.tla"
    assert (tmp_path / message[2:]).read_text().startswith(
        f"---- MODULE Counter_TTrace_{int(WHEN.timestamp())} ----\n")
