---- MODULE Closure ----
(* Edges are added one at a time until a cycle appears. The invariants compute reachability
   with recursive function definitions whose bodies refer to themselves several times: each
   trcl[k] must be computed once per state, not once per reference (63^3 evaluations). *)
EXTENDS Naturals, FiniteSets
Nodes == {1, 2, 3}
VARIABLE edges

TC(R, S) ==
  LET trcl[n \in Nat] ==
        [x, y \in S |-> IF n = 0 THEN R[x, y]
                        ELSE \/ trcl[n-1][x, y]
                             \/ \E z \in S : trcl[n-1][x, z] /\ trcl[n-1][z, y]]
  IN trcl[Cardinality(S)]

Rel == [x, y \in Nodes |-> <<x, y>> \in edges]

\* a module-level recursive function reading a variable: Size[k] = Cardinality(edges)
Size[k \in Nat] == IF k = 0 THEN Cardinality(edges)
                   ELSE (Size[k - 1] + Size[k - 1]) \div 2

Init == edges = {}
Next == \E x, y \in Nodes : x # y /\ <<x, y>> \notin edges /\ edges' = edges \cup {<<x, y>>}

SizeRight == Size[16] = Cardinality(edges)
NoCycle == \A x \in Nodes : ~TC(Rel, Nodes)[x, x]
====
