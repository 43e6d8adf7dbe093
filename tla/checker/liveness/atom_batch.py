r"""The state atoms of the temporal formulas computed by one function of generated code.

Takes the model; gives :func:`batcher`, whose ``make(atoms)`` turns the state atoms a
recorder evaluates on every new state (``(mask, atom)`` pairs) into ``(bits, masks)``:
``bits(state)``, the union of the masks of those TRUE in the state, and the masks it
covers (the others are left to the recorder); or None.

Why: a property ``\A r \in Readers, i \in 0 .. 9 : <>[](...)`` has thirty atoms, each a
small predicate reached through four calls (the recorder's loop, the atom's closure, the
warm-up wrapper, the generated code's wrapper). One function computing them all in line
takes the calls away (``CodeGen.state_bits``).

Rules:

* An atom joins when its own generated code exists (the generator handles it), it has no
  effect when evaluated (``tla.evaluator.reads``: no ``Print``, ``TLCSet``, ...), it is not
  an ``ENABLED`` decided on steps, and its environment holds plain values.
* Where ``bits`` raises (an atom's error, a value that is not a boolean), the recorder
  evaluates the atoms one by one: they raise as TLC does, or answer. After
  ``AtomRecorder.BATCH_GIVE_UP`` such states it stops calling ``bits``.
* ``bits`` is remembered by the variables the atoms read, as invariants are
  (``tla.checker.recall``): Disruptor's thirty atoms read ``consumed`` and two cursors,
  which most steps leave as they were.
* ``PYTLC_CODEGEN=verify``: ``bits`` is checked against the atoms' own evaluation on
  every state.
"""
from __future__ import annotations

from typing import Callable, Optional


def batcher(model) -> Optional[Callable]:
    """``make(atoms)`` (see the module docstring), or None without generated code."""
    codegen = model.codegen
    if codegen is None:
        return None
    from tla.evaluator.model import plain_environment
    from tla.evaluator.reads import state_roots

    def joins(atom) -> bool:
        if atom.level != 1 or atom.step_fn is not None or not isinstance(atom.node, tuple):
            return False
        if not plain_environment(atom.env):
            return False
        node, scope = atom.node
        return (state_roots(node, scope, model) is not None
                and codegen.predicate(node, scope, "temporal formula",
                                      names=tuple(atom.env)) is not None)

    def make(atoms) -> Optional[tuple]:
        chosen = [(mask, atom) for mask, atom in atoms if joins(atom)]
        if len(chosen) < 2:
            return None
        fn = codegen.state_bits([(atom.node[0], atom.node[1], tuple(atom.env), mask)
                                 for mask, atom in chosen], "temporal formula atoms")
        if fn is None:
            return None
        envs = [atom.env for _, atom in chosen]
        if model.codegen_mode == "verify":
            def bits(state) -> int:
                got = fn(state, envs)
                want = 0
                for mask, atom in chosen:
                    if atom.fn(state, None, atom.env) is True:
                        want |= mask
                if got != want:
                    raise AssertionError("pytlc bug: generated code for the state atoms "
                                         f"disagrees with the reference: {got} != {want}")
                return got
        else:
            def bits(state) -> int:
                return fn(state, envs)
            reads = getattr(fn, "reads", None)
            if reads is not None:
                from tla.checker.recall import remember_by_reads
                bits = remember_by_reads(bits, reads)
        return bits, frozenset(mask for mask, _ in chosen)
    return make
