r"""The state atoms of liveness properties computed by one generated function
(``tla.checker.liveness.atom_batch``), on Counters.tla (36 states; the batch starts after
16): the output is the same with and without it, for properties that hold, fail, raise
(a function applied outside its domain, a non-boolean) and print; the batch is used where
it can be, and not for an atom with an effect (``PrintT``)."""
from __future__ import annotations

import pytest

import tla.checker.liveness.atom_batch as atom_batch

from tests.checker.test_tlc_runs import normalize
from tests.liveness.test_liveness_runs import run as run_cfg


def run(cfg: str) -> tuple[int, str]:
    code, out = run_cfg(cfg)
    return code, normalize(out)


def counting(monkeypatch) -> list:
    """[states computed by a batch, atoms batched]"""
    counts = [0, 0]
    real = atom_batch.batcher

    def batcher(model):
        make = real(model)
        if make is None:
            return None

        def counted_make(atoms):
            made = make(atoms)
            if made is None:
                return None
            bits, masks = made
            counts[1] += len(masks)

            def counted(state):
                counts[0] += 1
                return bits(state)
            return counted, masks
        return counted_make
    monkeypatch.setattr(atom_batch, "batcher", batcher)
    return counts


@pytest.mark.parametrize("cfg,code", [("Counters_Fair", 0), ("Counters_Unfair", 13),
                                      ("Counters_Domain", 255), ("Counters_NotBool", 255),
                                      ("Counters_Print", 0)])
def test_output_is_the_same_without_the_batch(cfg, code, monkeypatch):
    batched = run(cfg)
    assert batched[0] == code
    monkeypatch.setattr(atom_batch, "batcher", lambda model: None)
    assert run(cfg) == batched


def test_the_atoms_are_batched_after_sixteen_states(monkeypatch):
    counts = counting(monkeypatch)
    code, _ = run("Counters_Fair")
    assert code == 0
    assert counts == [36 - 16, 6 + 6]


def test_an_error_is_reported_as_without_the_batch(monkeypatch):
    counts = counting(monkeypatch)
    code, out = run("Counters_Domain")
    assert code == 255 and counts[1] == 2
    assert "to argument 7, which is not in the domain of the function." in out


def test_an_atom_with_an_effect_is_not_batched(monkeypatch):
    counts = counting(monkeypatch)
    code, out = run("Counters_Print")
    assert code == 0 and counts == [0, 0]
    assert out.count("<<2, 5>>") >= 1


REMEMBERED = r"""---- MODULE Clocks ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
IncX == x' = (x + 1) % 3 /\ UNCHANGED y
IncY == y' = (y + 1) % 12 /\ UNCHANGED x
Spec == Init /\ [][IncX \/ IncY]_<<x, y>> /\ WF_<<x, y>>(IncX)
EachX == \A k \in 0 .. 2 : []<>(x = k)
====
"""


def test_the_batch_is_remembered_by_the_variables_its_atoms_read(tmp_path, monkeypatch):
    """The atoms of ``EachX`` read x only: of the 36 states, those past the first 16 meet
    3 values of x, and the batch's code runs for the states whose x it has not seen."""
    import io
    from tla.evaluator.codegen import CodeGen
    from tla.tlc_compat.options import parse_options
    from tla.tlc_compat.tlc_run import Run
    ran = []
    real = CodeGen.state_bits

    def counted_bits(self, atoms, label="state atoms"):
        fn = real(self, atoms, label)

        def counted(state, envs):
            ran.append(state)
            return fn(state, envs)
        counted.reads = fn.reads
        return counted
    monkeypatch.setattr(CodeGen, "state_bits", counted_bits)
    (tmp_path / "Clocks.tla").write_text(REMEMBERED)
    (tmp_path / "Clocks.cfg").write_text("SPECIFICATION Spec\nPROPERTY EachX\n")
    out = io.StringIO()
    opts = parse_options([str(tmp_path / "Clocks.tla"), "-workers", "1", "-noTE"])
    assert Run(opts, out=out).run() == 0, out.getvalue()
    assert "36 distinct states found" in out.getvalue()
    assert 0 < len(ran) <= 3 and len({s[0] for s in ran}) == len(ran)
