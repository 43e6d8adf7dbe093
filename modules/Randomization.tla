---------------------------- MODULE Randomization ---------------------------
(***************************************************************************)
(* Pseudo-random subsets of a set, for inductive-invariant checking and    *)
(* simulation.  The evaluator replaces RandomSubset and RandomSetOfSubsets *)
(* by native implementations (tla.modules.impl_randomization), as TLC     *)
(* does.  In model checking the choices are determined by the state being *)
(* explored, so that runs repeat.                                          *)
(***************************************************************************)
LOCAL INSTANCE Naturals
LOCAL INSTANCE FiniteSets

(* A randomly chosen subset of S with k elements (0 <= k <= |S|). *)
RandomSubset(k, S) == CHOOSE T \in SUBSET S : Cardinality(T) = k

(***************************************************************************)
(* A randomly chosen set of at most k subsets of S; each element of S is  *)
(* in each chosen subset with probability n / Cardinality(S).             *)
(***************************************************************************)
RandomSetOfSubsets(k, n, S) ==
  CHOOSE T \in SUBSET SUBSET S : Cardinality(T) \leq k

(***************************************************************************)
(* The sizes of five sets RandomSetOfSubsets(k, n, S), to help choose k.  *)
(***************************************************************************)
TestRandomSetOfSubsets(k, n, S) ==
  [i \in 1 .. 5 |-> Cardinality(RandomSetOfSubsets(k, n, S))]
=============================================================================
