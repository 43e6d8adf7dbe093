----------------------------- MODULE FiniteSets -----------------------------
(***************************************************************************)
(* Finite sets and their sizes (Specifying Systems, 18.2).  The evaluator  *)
(* replaces both definitions by native ones (tla.modules.impl_finitesets), *)
(* as TLC does.  Naturals and Sequences are instantiated locally.          *)
(***************************************************************************)
LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences

(* S is finite iff some finite sequence lists all of its elements. *)
IsFiniteSet(S) ==
  \E seq \in Seq(S) : \A s \in S : \E n \in 1 .. Len(seq) : seq[n] = s

(* The number of elements of the finite set S. *)
Cardinality(S) ==
  LET CS[T \in SUBSET S] ==
        IF T = {} THEN 0 ELSE 1 + CS[T \ {CHOOSE x \in T : TRUE}]
  IN  CS[S]
=============================================================================
