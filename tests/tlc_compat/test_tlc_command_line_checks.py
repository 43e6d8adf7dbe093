"""Checks and outputs given on the command line: -inv, -invlevel, -postCondition and
-userFile; and the options pytlc refuses, refused plainly."""
from __future__ import annotations

import pytest

from run_pytlc import copy_specs, pytlc


@pytest.fixture
def specs(tmp_path):
    return copy_specs(tmp_path)


def test_inv_holds_and_fails(specs):
    status, out = pytlc(["-inv", "x <= 5", "-inv", "x \\in Nat", "Printer.tla"], specs)
    assert status == 0 and "Model checking completed. No error has been found." in out
    status, out = pytlc(["-simulate", "num=1", "-inv", "x < 3", "-noTE", "Printer.tla"], specs)
    assert status == 12
    assert "Error: Invariant x < 3 is violated.\n" in out
    assert "State 4: <Next line 6, col 9 to line 6, col 50 of module Printer>\nx = 3\n" in out


def test_inv_that_does_not_parse_or_names_nothing(specs):
    status, out = pytlc(["-inv", "x <", "Printer.tla"], specs)
    assert status == 150 and "The expression given to -inv does not parse" in out
    status, out = pytlc(["-inv", "y = 1", "Printer.tla"], specs)
    assert status == 151 and "The expression given to -inv is not meaningful" in out


def test_invlevel(specs):
    status, out = pytlc(["-simulate", "num=1", "-invlevel", "3", "-noTE", "Printer.tla"],
                        specs)
    assert status == 12
    assert 'Error: Invariant TLCGet("level") < 3 is violated.\n' in out
    assert "\nState 3: " in out and "\nState 4: " not in out
    status, out = pytlc(["-invlevel", "7", "Printer.tla"], specs)
    assert status == 0


def test_postcondition(specs):
    status, out = pytlc(["-postCondition", "Printer!Holds", "Printer.tla"], specs)
    assert status == 0
    status, out = pytlc(["-postCondition", "Printer!Fails", "Printer.tla"], specs)
    assert status == 10 and "Error: Postcondition Printer!Fails is false." in out
    status, out = pytlc(["-postCondition", "Other!Holds", "Printer.tla"], specs)
    assert status == 151 and "is not part of the specification" in out
    status, out = pytlc(["-postCondition", "Printer!Nope", "Printer.tla"], specs)
    assert status == 151 and "is not defined" in out


def test_user_file_takes_print_output(specs):
    status, out = pytlc(["-userFile", "user.log", "Printer.tla"], specs)
    assert status == 0 and '<<"x", 1>>' not in out
    assert (specs / "user.log").read_text() == "".join(f'<<"x", {i}>>\n' for i in range(1, 6))


def test_user_file_that_cannot_be_created_or_written(specs):
    status, out = pytlc(["-userFile", "no/dir/user.log", "Printer.tla"], specs)
    assert status == 1
    assert "Error: Error: Failed to create user output log file.\n" in out
    status, out = pytlc(["-userFile", "/dev/full", "Printer.tla"], specs)
    assert "Error: Writing the user output to /dev/full failed: No space left on device.\n" in out
    assert "Traceback" not in out


@pytest.mark.parametrize("args,named", [
    (["-loadTrace", "json", "t.json"], "-loadTrace (replaying a recorded trace"),
    (["-debugger"], "-debugger (the debug-adapter"),
])
def test_refused_options(specs, args, named):
    status, out = pytlc(args + ["Printer.tla"], specs)
    assert status == 1
    assert out.startswith(f"Error: pytlc does not support {named}")


def test_view_prints_states_through_the_view(specs):
    status, out = pytlc(["-view", "-noTE", "Viewed.tla"], specs)
    assert status == 12
    assert "State 1: <Initial predicate>\n<<0>>\nState 2: " in out
    assert "steps" not in out.split("Error: Invariant Small is violated.")[1]


def test_terse_is_refused(specs):
    status, out = pytlc(["-terse", "Printer.tla"], specs)
    assert status == 1 and out.startswith("Error: pytlc does not support -terse")


def test_te_spec_in_several_files_is_refused(specs):
    status, out = pytlc(["-generateSpecTE", "nomonolith", "Printer.tla"], specs)
    assert status == 1 and "-generateSpecTE (nomonolith" in out
