-------------------------------- MODULE Bags --------------------------------
(***************************************************************************)
(* Bags (multisets), Specifying Systems 18.3.  A bag is a function whose  *)
(* range is a set of positive integers: e is in bag B iff e \in DOMAIN B,  *)
(* and then B holds B[e] copies of e.                                      *)
(*                                                                         *)
(* The evaluator replaces these definitions by native implementations     *)
(* (tla.modules.impl_bags), as TLC does.  Like TLC's module, this one     *)
(* extends TLC, so a specification that extends Bags also sees TLC's      *)
(* operators.                                                              *)
(***************************************************************************)
EXTENDS TLC
LOCAL INSTANCE Naturals

(* B is a bag. *)
IsABag(B) == B \in [DOMAIN B -> {n \in Nat : n > 0}]

(* The set of elements of which B holds at least one copy. *)
BagToSet(B) == DOMAIN B

(* The bag holding one copy of each element of the set S. *)
SetToBag(S) == [e \in S |-> 1]

(* The \in of bags. *)
BagIn(e, B) == e \in BagToSet(B)

EmptyBag == SetToBag({})

(* The sum of two bags: the copies of both. *)
B1 (+) B2 ==
  [e \in (DOMAIN B1) \cup (DOMAIN B2) |->
     (IF e \in DOMAIN B1 THEN B1[e] ELSE 0) +
     (IF e \in DOMAIN B2 THEN B2[e] ELSE 0)]

(* B1 with one copy of e removed for every copy of e in B2. *)
B1 (-) B2 ==
  LET B == [e \in DOMAIN B1 |-> IF e \in DOMAIN B2 THEN B1[e] - B2[e]
                                                   ELSE B1[e]]
  IN  [e \in {d \in DOMAIN B : B[d] > 0} |-> B[e]]

(* The sum of the values of a function f into Nat with finite domain. *)
LOCAL Sum(f) ==
  LET DSum[S \in SUBSET DOMAIN f] ==
        IF S = {} THEN 0
        ELSE LET elt == CHOOSE e \in S : TRUE
             IN  f[elt] + DSum[S \ {elt}]
  IN  DSum[DOMAIN f]

(* The bag sum of all bags in the set S. *)
BagUnion(S) ==
  [e \in UNION {BagToSet(B) : B \in S} |->
     Sum([B \in S |-> IF BagIn(e, B) THEN B[e] ELSE 0])]

(* B2 holds at least as many copies of every element as B1. *)
B1 \sqsubseteq B2 ==
  /\ (DOMAIN B1) \subseteq (DOMAIN B2)
  /\ \A e \in DOMAIN B1 : B1[e] \leq B2[e]

(* The set of all bags contained in B. *)
SubBag(B) ==
  {f \in UNION {[S -> {n \in Nat : n > 0}] : S \in SUBSET DOMAIN B} :
     \A x \in DOMAIN f : f[x] \leq B[x]}

(* The bag of the values F(d), counting each d as often as B holds it. *)
BagOfAll(F(_), B) ==
  [e \in {F(d) : d \in BagToSet(B)} |->
     Sum([d \in BagToSet(B) |-> IF F(d) = e THEN B[d] ELSE 0])]

(* The number of copies of elements that the finite bag B holds. *)
BagCardinality(B) == Sum(B)

(* The number of copies of e in B (0 if there are none). *)
CopiesIn(e, B) == IF BagIn(e, B) THEN B[e] ELSE 0
=============================================================================
