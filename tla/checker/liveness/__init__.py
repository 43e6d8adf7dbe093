"""Liveness checking: temporal properties under the spec's fairness.

``formula`` turns TLA+ temporal expressions into LTL formulas over state and action atoms;
``tableau`` builds a Büchi automaton for the negated property (Gerth-Peled-Vardi-Wolper);
``graph`` records the state graph during the search; ``product`` forms the product of both;
``scc`` finds fair strongly connected components (Lichtenstein-Pnueli) and a lasso through
one; ``check`` ties them together. ``tla.checker.properties`` decides which PROPERTY parts
go here and which are checked during the search.
"""
from tla.checker.liveness.check import Counterexample, LivenessChecker
from tla.checker.liveness.formula import TemporalError, expand_property
from tla.checker.liveness.graph import BehaviourGraph

__all__ = ["BehaviourGraph", "Counterexample", "LivenessChecker", "TemporalError",
           "expand_property"]
