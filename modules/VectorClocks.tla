---------------------------- MODULE VectorClocks ----------------------------
(***************************************************************************)
(* Vector clocks and causal ordering of logs (for trace validation).  A   *)
(* vector clock is a function from nodes to naturals.  The evaluator      *)
(* replaces CausalOrder by a native implementation                        *)
(* (tla.modules.impl_vectorclocks).                                       *)
(***************************************************************************)
EXTENDS Naturals, Sequences, Functions

(* Neither clock is ahead of the other. *)
LOCAL concurrent(v1, v2) ==
  \E i, j \in DOMAIN v1 : i # j /\ v1[i] < v2[i] /\ v1[j] > v2[j]

(* v1 is nowhere ahead of v2 and somewhere behind it. *)
LOCAL happenedBefore(v1, v2) ==
  /\ \A i \in DOMAIN v1 : v1[i] <= v2[i]
  /\ \E i \in DOMAIN v1 : v1[i] < v2[i]

(***************************************************************************)
(* No entry of log happened before an earlier entry, by the clocks        *)
(* clock(entry) (missing nodes count as 0).                               *)
(***************************************************************************)
IsCausalOrder(log, clock(_)) ==
  \A i \in 1 .. Len(log) :
    \A j \in 1 .. (i - 1) :
      LET Fill(c, D) == [d \in D |-> IF d \in DOMAIN c THEN c[d] ELSE 0]
          D == DOMAIN clock(log[i]) \cup DOMAIN clock(log[j])
          vci == Fill(clock(log[i]), D)
          vcj == Fill(clock(log[j]), D)
      IN  happenedBefore(vcj, vci) \/ concurrent(vcj, vci)

(***************************************************************************)
(* The entries of log reordered so that it is in causal order.  clock,    *)
(* node and domain give an entry's vector clock, the node that wrote it,  *)
(* and the nodes its clock covers.                                        *)
(***************************************************************************)
CausalOrder(log, clock(_), node(_), domain(_)) ==
  CHOOSE newlog \in {f \in [1 .. Len(log) -> Range(log)] : Range(f) = Range(log)} :
    IsCausalOrder(newlog, clock)
=============================================================================
