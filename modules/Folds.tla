------------------------------- MODULE Folds --------------------------------
(***************************************************************************)
(* The general fold over a set that the other folds of the community      *)
(* modules (FoldSet, FoldFunction, FoldSeq, FoldBag ...) are built from.   *)
(* The evaluator replaces MapThenFoldSet by a native implementation       *)
(* (tla.modules.impl_folds), as TLC's community-module overrides do.      *)
(***************************************************************************)

(***************************************************************************)
(* Starting with base, combine the values f(x) of the elements x of S with *)
(* op, taking the elements in the order in which choose picks them:       *)
(* choose(T) is the element taken next from the set T of remaining ones.  *)
(* For example, with choose(T) == the least element of T,                 *)
(*   MapThenFoldSet(op, b, f, choose, {1, 2}) = op(f(1), op(f(2), b)).    *)
(* If choose leaves a choice open, op should be associative and           *)
(* commutative.                                                            *)
(***************************************************************************)
MapThenFoldSet(op(_, _), base, f(_), choose(_), S) ==
  LET iter[s \in SUBSET S] ==
        IF s = {} THEN base
        ELSE LET x == choose(s)
             IN  op(f(x), iter[s \ {x}])
  IN  iter[S]
=============================================================================
