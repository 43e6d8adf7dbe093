"""Liveness checking: temporal properties under the spec's fairness.

``formula`` turns TLA+ temporal expressions into LTL formulas over state and action atoms;
``atoms`` evaluates the atoms on the states and steps the search finds and records them in
the ``graph`` (the behaviour graph: steps and atom bits, no state values); ``tableau``
builds a Büchi automaton for the negated property (Gerth-Peled-Vardi-Wolper); ``product``
forms the product of both; ``scc`` finds fair strongly connected components
(Lichtenstein-Pnueli) and a lasso through one; ``check`` ties them together; ``periodic``
decides when to check during the search (TLC's default) and ``counterexample`` turns a
lasso into trace steps. ``tla.checker.properties`` decides which PROPERTY parts go here and
which are checked during the search.
"""
from tla.checker.liveness.check import Counterexample, LivenessChecker
from tla.checker.liveness.formula import TemporalError, expand_property
from tla.checker.liveness.graph import BehaviourGraph

__all__ = ["BehaviourGraph", "Counterexample", "LivenessChecker", "TemporalError",
           "expand_property"]
