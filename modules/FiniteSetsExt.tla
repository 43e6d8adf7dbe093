---------------------------- MODULE FiniteSetsExt ---------------------------
(***************************************************************************)
(* More operators on finite sets: folds, sums, k-subsets, extrema.  The   *)
(* evaluator replaces most of them by native implementations               *)
(* (tla.modules.impl_finitesetsext), as TLC's community-module overrides   *)
(* do.  Like the community module, it extends (rather than instantiates)  *)
(* Integers, FiniteSets, Folds and Functions, for the sake of TLAPS.      *)
(***************************************************************************)
EXTENDS Integers, FiniteSets, Folds, Functions

(* op combined over the elements of set, starting with base. *)
FoldSet(op(_, _), base, set) ==
  MapThenFoldSet(op, base, LAMBDA x : x, LAMBDA s : CHOOSE x \in s : TRUE, set)

(* The sum and the product of the numbers in set. *)
SumSet(set) == FoldSet(+, 0, set)

ProductSet(set) == FoldSet(LAMBDA x, y : x * y, 1, set)

(* FoldSet with the arguments in the order of its earlier name. *)
ReduceSet(op(_, _), set, acc) == FoldSet(op, acc, set)

(* The sum of op(e) over the elements e of set. *)
MapThenSumSet(op(_), set) ==
  MapThenFoldSet(+, 0, op, LAMBDA s : CHOOSE x \in s : TRUE, set)

(* The union of a set of sets (UNION S). *)
FlattenSet(S) == UNION S

(* The elements in exactly one of A and B. *)
SymDiff(A, B) == (A \ B) \cup (B \ A)
-----------------------------------------------------------------------------
(* The number of elements s of S with P(s). *)
Quantify(S, P(_)) == Cardinality({s \in S : P(s)})
-----------------------------------------------------------------------------
(* The subsets of S with exactly k elements. *)
kSubset(k, S) == {s \in SUBSET S : Cardinality(s) = k}
-----------------------------------------------------------------------------
(* The greatest and the least element of a finite non-empty set of        *)
(* integers.                                                               *)
Max(S) == CHOOSE x \in S : \A y \in S : x >= y

Min(S) == CHOOSE x \in S : \A y \in S : x =< y
-----------------------------------------------------------------------------
(* All sets made of one element of each of the sets in Sets. *)
Choices(Sets) ==
  LET ChoiceFunction(Ts) == {f \in [Ts -> UNION Ts] : \A T \in Ts : f[T] \in T}
  IN  {Range(f) : f \in ChoiceFunction(Sets)}
-----------------------------------------------------------------------------
(* The one element x of S with P(x); fails like CHOOSE when there is none *)
(* or more than one.                                                       *)
ChooseUnique(S, P(_)) == CHOOSE x \in S : P(x) /\ \A y \in S : P(y) => y = x
=============================================================================
