"""-coverage on breadth-first runs: TLC's action-level lines (the coverage.out sample's,
on the same spec), disjuncts of one definition, and refusal in simulation."""
from __future__ import annotations

import re

from run_pytlc import copy_specs, pytlc


def coverage_lines(out: str) -> list[str]:
    block = re.search(r"^The coverage statistics at .*?\n(.*?)^End of statistics\.$", out,
                      re.S | re.M)
    assert block, out
    return block.group(1).splitlines()


def test_action_lines_of_tlcs_sample(tmp_path):
    copy_specs(tmp_path)
    status, out = pytlc(["-coverage", "1", "SimCounter.tla", "-config", "SimCounterOk.cfg"],
                        tmp_path)
    assert status == 0
    loc = "line {}, col {} to line {}, col {} of module SimCounter".format
    # the lines of TLC's coverage.out for this spec, without its per-expression lines
    assert coverage_lines(out) == [
        f"<s {loc(4, 17, 4, 17)}>: 3",
        f"<x {loc(4, 11, 4, 11)}>: 4",
        f"<y {loc(4, 14, 4, 14)}>: 3",
        f"<Init {loc(6, 1, 6, 4)}>: 1:1",
        f"<Inc {loc(10, 1, 10, 6)}>: 9:20",
        f"<Reset {loc(15, 1, 15, 5)}>: 3:6",
        f"<TypeOK {loc(23, 1, 23, 6)}>",
    ]
    # the report comes after the success message, before the statistics
    assert out.index("No error has been found") < out.index("The coverage statistics") \
        < out.index("27 states generated")


def test_disjuncts_of_one_definition(tmp_path):
    copy_specs(tmp_path)
    status, out = pytlc(["-coverage", "0", "Toggle.tla"], tmp_path)
    assert status == 0
    assert coverage_lines(out) == [
        "<x line 3, col 11 to line 3, col 11 of module Toggle>: 2",
        "<Init line 4, col 1 to line 4, col 4 of module Toggle>: 1:1",
        # x = 0 -> 1 (new) by the first disjunct, 1 -> 0 by the second, and two stutters
        "<Act line 5, col 1 to line 5, col 3 of module Toggle (5 11 5 25)>: 1:1",
        "<Act line 5, col 1 to line 5, col 3 of module Toggle (6 11 6 25)>: 0:1",
        "<Stay line 7, col 1 to line 7, col 4 of module Toggle>: 0:2",
    ]


def test_coverage_is_printed_after_violations_too(tmp_path):
    copy_specs(tmp_path)
    status, out = pytlc(["-noTE", "-coverage", "1", "SimCounter.tla"], tmp_path)
    assert status == 12
    assert out.index("Error: Invariant Inv is violated.") < out.index(
        "The coverage statistics") < out.index("states generated, ")


def test_coverage_of_simulations_and_dfid_is_refused(tmp_path):
    copy_specs(tmp_path)
    for mode in (["-simulate"], ["-dfid", "5"]):
        status, out = pytlc(mode + ["-coverage", "1", "SimCounter.tla"], tmp_path)
        assert status == 1 and "pytlc does not support -coverage" in out
