"""Files that cannot be written: ``-dump``, ``-dumpTrace``, ``-simulate file=`` and the
trace-exploration spec, on a missing directory, a path through a regular file, or a full
disk (``/dev/full``). Each is reported plainly, never with a traceback."""
from __future__ import annotations

import os

import pytest

from run_pytlc import copy_specs, pytlc

pytestmark = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")


def full_disk_file(tmp_path, name: str) -> str:
    """A file name in ``tmp_path`` whose writes fail with ENOSPC."""
    os.symlink("/dev/full", tmp_path / name)
    return name


def test_dump_file_that_cannot_be_created(tmp_path):
    copy_specs(tmp_path)
    status, out = pytlc(["-dump", "no/such/dir/states", "Stop.tla"], tmp_path)
    assert status == 1
    assert out.splitlines()[1:] == [
        "Error: Error: Given file name no/such/dir/states.dump for dumping states invalid.",
        "Usage: java tlc2.TLC [-help] [-option] inputfile"]


def test_dump_on_a_full_disk_at_the_end(tmp_path):
    copy_specs(tmp_path)
    full_disk_file(tmp_path, "full.dump")
    status, out = pytlc(["-dump", "full.dump", "-deadlock", "Stop.tla"], tmp_path)
    assert status == 255
    assert "Error: The states could not be dumped to full.dump: No space left on device.\n" in out
    # the search itself completed and says so
    assert "Model checking completed. No error has been found." in out
    assert "Traceback" not in out


def test_dump_on_a_full_disk_during_the_search(tmp_path):
    copy_specs(tmp_path)
    full_disk_file(tmp_path, "full.dump")
    status, out = pytlc(["-dump", "full.dump", "Many.tla"], tmp_path)
    assert status == 255
    assert "Error: The states could not be dumped to full.dump: No space left on device.\n" in out
    assert "Model checking completed" not in out
    assert "states generated" in out and "Traceback" not in out


def test_dump_dot_on_a_full_disk(tmp_path):
    copy_specs(tmp_path)
    full_disk_file(tmp_path, "graph.dot")
    status, out = pytlc(["-dump", "dot", "graph", "-deadlock", "Stop.tla"], tmp_path)
    assert status == 255 and "could not be dumped to graph.dot" in out


def test_dump_trace_failures_do_not_stop_the_other_files(tmp_path):
    copy_specs(tmp_path)
    full = full_disk_file(tmp_path, "full.json")
    status, out = pytlc(["-noTE", "-dumpTrace", "json", full, "-dumpTrace", "tla",
                         "nodir/t.tla", "-dumpTrace", "json", "ok.json", "SimCounter.tla"],
                        tmp_path)
    assert status == 12                      # the violation's status stands
    assert f"Error: Cannot write the trace file {tmp_path}/full.json: No space left on " \
           "device\n" in out
    assert f"Error: Cannot write the trace file {tmp_path}/nodir/t.tla: No such file or " \
           "directory\n" in out
    assert '"CounterExample written: ok.json"' in out and (tmp_path / "ok.json").exists()


def test_simulation_trace_file_that_cannot_be_written(tmp_path):
    copy_specs(tmp_path)
    status, out = pytlc(["-simulate", "file=nodir/run,num=2", "-deadlock", "Stop.tla"],
                        tmp_path)
    assert status == 255
    assert ("The exception was a java.io.FileNotFoundException\n: nodir/run_0_0 (No such file "
            "or directory)") in out
    assert "Traceback" not in out


def test_te_spec_on_a_full_disk(tmp_path):
    copy_specs(tmp_path)
    full_disk_file(tmp_path, "Trace.tla")
    status, out = pytlc(["-teSpecOutDir", "Trace.tla", "SimCounter.tla"], tmp_path)
    assert status == 12
    assert out.splitlines()[-1] == ("Failed to generate trace exploration spec; error message: "
                                    "No space left on device")
