"""The explicit-state model checker: breadth-first search over the states of a model.

``tla.checker.search`` explores; ``tla.checker.trace`` rebuilds counterexamples;
``tla.checker.setup`` turns a loaded spec and a cfg into what the search needs. The checker
reports through structured results and events; ``tla.tlc_compat`` renders them in TLC's words.
"""
