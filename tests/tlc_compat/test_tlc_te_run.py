"""The trace-exploration spec after a violation: written as TLC writes it (where, when
not, the ``.bin``), and checked by pytlc itself to give the counterexample back."""
from __future__ import annotations

import gzip
import json
import re

from run_pytlc import copy_specs, pytlc

ARGS = ["SimCounter.tla"]          # Inv fails in the 4th state (x = 3)


def te_path(out: str) -> str:
    match = re.search(r"^Trace exploration spec path: (.*)$", out, re.M)
    assert match, out
    return match.group(1)


def states_of(out: str) -> list[list[str]]:
    """The states of the printed counterexample, each as its sorted conjuncts (the TE
    spec's ALIAS may list the variables in another order)."""
    return [sorted(block.split("\n")[1:-1]) for block in re.findall(
        r"^State \d+: <[^\n]*>\n(?:/\\[^\n]*\n)+", out, re.M)]


def test_written_after_finished_and_model_checks_back(tmp_path):
    copy_specs(tmp_path)
    status, out = pytlc(ARGS, tmp_path)
    assert status == 12
    path = te_path(out)
    assert out.rstrip("\n").splitlines()[-1].startswith("Trace exploration spec path: ./")
    assert out.splitlines()[-2].startswith("Finished in")
    name = path[2:]
    assert re.fullmatch(r"SimCounter_TTrace_\d+\.tla", name)
    text = (tmp_path / name).read_text()
    assert text.startswith(f"---- MODULE {name[:-4]} ----\nEXTENDS ")
    assert "CONSTANTS p1, p2" in text and f"---- CONFIG {name[:-4]} ----" in text
    # the .bin holds _TETrace as IOSerialize writes it (gzip-compressed)
    trace = json.loads(gzip.decompress((tmp_path / (name[:-4] + ".bin")).read_bytes()))
    assert len(trace["q"]) == 4
    # the TE spec is itself a model: checking it gives the same counterexample back and
    # writes no TE spec of its own
    status2, out2 = pytlc([name], tmp_path)
    assert status2 == 12, out2
    assert "Error: Invariant _inv is violated." in out2
    assert states_of(out2) == states_of(out) and len(states_of(out)) == 4
    assert "Trace exploration spec path" not in out2


def test_no_te_flags_and_modes(tmp_path):
    copy_specs(tmp_path)
    for flags in (["-noTE"], ["-NOte"], ["-noGenerateSpecTE"], ["-tool"], ["-continue"]):
        status, out = pytlc(flags + ARGS, tmp_path)
        assert "Trace exploration spec path" not in out, flags
    assert not list(tmp_path.glob("*_TTrace_*"))
    status, out = pytlc(["-noTEBin"] + ARGS, tmp_path)
    assert list(tmp_path.glob("*_TTrace_*.tla")) and not list(tmp_path.glob("*_TTrace_*.bin"))


def test_no_te_spec_for_a_single_state_trace(tmp_path):
    copy_specs(tmp_path)
    (tmp_path / "Init.cfg").write_text("CONSTANTS N = 3\nProcs = {p1}\nSPECIFICATION Spec\n"
                                       "INVARIANT Zero\n")
    with open(tmp_path / "SimCounter.tla", "a") as f:
        f.write("\n")
    text = (tmp_path / "SimCounter.tla").read_text().replace("====", "Zero == x > 0\n====")
    (tmp_path / "SimCounter.tla").write_text(text)
    status, out = pytlc(["SimCounter.tla", "-config", "Init.cfg"], tmp_path)
    assert status == 12 and "violated by the initial state" in out
    assert "Trace exploration spec path" not in out


def test_te_spec_out_dir_and_file_name(tmp_path):
    copy_specs(tmp_path)
    status, out = pytlc(["-teSpecOutDir", "te/out"] + ARGS, tmp_path)
    assert te_path(out).startswith("te/out/SimCounter_TTrace_")
    assert (tmp_path / te_path(out)).exists()
    status, out = pytlc(["-teSpecOutDir", "named/MyTrace.tla"] + ARGS, tmp_path)
    assert te_path(out) == "named/MyTrace.tla"
    assert (tmp_path / "named" / "MyTrace.tla").read_text().startswith("---- MODULE MyTrace ----")


def test_unwritable_place_is_reported_and_keeps_the_exit_status(tmp_path):
    copy_specs(tmp_path)
    (tmp_path / "plain").write_text("a file, not a directory")
    status, out = pytlc(["-teSpecOutDir", "plain/te"] + ARGS, tmp_path)
    assert status == 12
    line = out.splitlines()[-1]
    assert line.startswith("Failed to generate trace exploration spec; error message: plain/te")
    assert "Traceback" not in out


def test_simulation_violation_writes_a_te_spec_too(tmp_path):
    copy_specs(tmp_path)
    status, out = pytlc(["-simulate", "-seed", "1"] + ARGS, tmp_path)
    assert status == 12
    status2, out2 = pytlc([te_path(out)[2:]], tmp_path)
    assert status2 == 12 and states_of(out2) == states_of(out)
