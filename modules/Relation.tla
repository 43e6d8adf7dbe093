------------------------------ MODULE Relation ------------------------------
(***************************************************************************)
(* Properties and closures of binary relations over a set S, represented  *)
(* as Boolean functions R on S \X S (R[x, y] means that x is related to   *)
(* y).  Each property P(R, S) has a variant PUnder(op, S) that takes the  *)
(* relation as a binary operator instead.                                  *)
(***************************************************************************)
LOCAL INSTANCE Naturals
LOCAL INSTANCE FiniteSets

(* Reflexive: every element is related to itself. *)
IsReflexive(R, S) == \A x \in S : R[x, x]

IsReflexiveUnder(op(_, _), S) ==
  IsReflexive([<<x, y>> \in S \X S |-> op(x, y)], S)

(* Irreflexive: no element is related to itself. *)
IsIrreflexive(R, S) == \A x \in S : ~R[x, x]

IsIrreflexiveUnder(op(_, _), S) ==
  IsIrreflexive([<<x, y>> \in S \X S |-> op(x, y)], S)

(* Symmetric: x is related to y iff y is related to x. *)
IsSymmetric(R, S) == \A x, y \in S : R[x, y] <=> R[y, x]

IsSymmetricUnder(op(_, _), S) ==
  IsSymmetric([<<x, y>> \in S \X S |-> op(x, y)], S)

(* AntiSymmetric: x and y related both ways are equal. *)
IsAntiSymmetric(R, S) == \A x, y \in S : R[x, y] /\ R[y, x] => x = y

IsAntiSymmetricUnder(op(_, _), S) ==
  IsAntiSymmetric([<<x, y>> \in S \X S |-> op(x, y)], S)

(* Asymmetric: no x and y are related both ways. *)
IsAsymmetric(R, S) == \A x, y \in S : ~(R[x, y] /\ R[y, x])

IsAsymmetricUnder(op(_, _), S) ==
  IsAsymmetric([<<x, y>> \in S \X S |-> op(x, y)], S)

(* Transitive: R[x, y] and R[y, z] imply R[x, z]. *)
IsTransitive(R, S) == \A x, y, z \in S : R[x, y] /\ R[y, z] => R[x, z]

IsTransitiveUnder(op(_, _), S) ==
  IsTransitive([<<x, y>> \in S \X S |-> op(x, y)], S)

(* StrictlyPartiallyOrdered: irreflexive, antisymmetric and transitive. *)
IsStrictlyPartiallyOrdered(R, S) ==
  IsIrreflexive(R, S) /\ IsAntiSymmetric(R, S) /\ IsTransitive(R, S)

IsStrictlyPartiallyOrderedUnder(op(_, _), S) ==
  IsStrictlyPartiallyOrdered([<<x, y>> \in S \X S |-> op(x, y)], S)

(* PartiallyOrdered: reflexive, antisymmetric and transitive. *)
IsPartiallyOrdered(R, S) ==
  IsReflexive(R, S) /\ IsAntiSymmetric(R, S) /\ IsTransitive(R, S)

IsPartiallyOrderedUnder(op(_, _), S) ==
  IsPartiallyOrdered([<<x, y>> \in S \X S |-> op(x, y)], S)

(* StrictlyTotallyOrdered: a strict partial order relating any two      *)
(* distinct elements.                                                    *)
IsStrictlyTotallyOrdered(R, S) ==
  IsStrictlyPartiallyOrdered(R, S) /\ \A x, y \in S : x # y => R[x, y] \/ R[y, x]

IsStrictlyTotallyOrderedUnder(op(_, _), S) ==
  IsStrictlyTotallyOrdered([<<x, y>> \in S \X S |-> op(x, y)], S)

(* TotallyOrdered: a partial order relating any two elements. *)
IsTotallyOrdered(R, S) ==
  IsPartiallyOrdered(R, S) /\ \A x, y \in S : R[x, y] \/ R[y, x]

IsTotallyOrderedUnder(op(_, _), S) ==
  IsTotallyOrdered([<<x, y>> \in S \X S |-> op(x, y)], S)

(***************************************************************************)
(* The transitive closure of R over S.  trcl[n] relates x and y when a    *)
(* chain of at most 2^n steps of R leads from x to y; Cardinality(S) such *)
(* doublings reach every chain.                                            *)
(***************************************************************************)
TransitiveClosure(R, S) ==
  LET N == Cardinality(S)
      trcl[n \in Nat] ==
        [x, y \in S |->
           IF n = 0 THEN R[x, y]
           ELSE \/ trcl[n - 1][x, y]
                \/ \E z \in S : trcl[n - 1][x, z] /\ trcl[n - 1][z, y]]
  IN  trcl[N]

(* The reflexive and transitive closure of R over S. *)
ReflexiveTransitiveClosure(R, S) ==
  LET trcl == TransitiveClosure(R, S)
  IN  [x, y \in S |-> x = y \/ trcl[x, y]]

(* Every two elements of S are connected by a chain of R steps. *)
IsConnected(R, S) ==
  LET rtrcl == ReflexiveTransitiveClosure(R, S)
  IN  \A x, y \in S : rtrcl[x, y]
=============================================================================
