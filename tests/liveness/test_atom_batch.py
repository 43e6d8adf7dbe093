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
