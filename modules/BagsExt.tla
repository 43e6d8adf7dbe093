------------------------------ MODULE BagsExt -------------------------------
(***************************************************************************)
(* More operators on bags (see Bags).  The evaluator replaces them by     *)
(* native implementations (tla.modules.impl_bags), as TLC's               *)
(* community-module overrides do.                                          *)
(***************************************************************************)
LOCAL INSTANCE Bags
LOCAL INSTANCE Integers
LOCAL INSTANCE Folds

(* B with one more copy of x: B (+) SetToBag({x}). *)
BagAdd(B, x) ==
  IF x \in DOMAIN B
  THEN [e \in DOMAIN B |-> IF e = x THEN B[e] + 1 ELSE B[e]]
  ELSE [e \in DOMAIN B \cup {x} |-> IF e = x THEN 1 ELSE B[e]]

(* B with one copy of x less: B (-) SetToBag({x}). *)
BagRemove(B, x) ==
  IF x \in DOMAIN B
  THEN IF B[x] = 1
       THEN [e \in DOMAIN B \ {x} |-> B[e]]
       ELSE [e \in DOMAIN B |-> IF e = x THEN B[e] - 1 ELSE B[e]]
  ELSE B

(* B without any copy of x. *)
BagRemoveAll(B, x) == [e \in DOMAIN B \ {x} |-> B[e]]

(***************************************************************************)
(* Starting with base, combine with op the values f(x) of all copies of   *)
(* the elements x of B, taking the elements in the order in which choose *)
(* picks them and all copies of an element one after the other.          *)
(***************************************************************************)
MapThenFoldBag(op(_, _), base, f(_), choose(_), B) ==
  LET handle(x) ==
        LET pow[n \in Nat \ {0}] == op(IF n = 1 THEN base ELSE pow[n - 1], f(x))
        IN  pow[B[x]]
  IN  MapThenFoldSet(op, base, handle, choose, DOMAIN B)

(* op combined over all copies of the elements of B, starting with base. *)
FoldBag(op(_, _), base, B) ==
  MapThenFoldBag(op, base, LAMBDA x : x, LAMBDA S : CHOOSE x \in S : TRUE, B)

(* The sum and the product of all copies of the numbers in B. *)
SumBag(B) == FoldBag(LAMBDA x, y : x + y, 0, B)

ProductBag(B) == FoldBag(LAMBDA x, y : x * y, 1, B)
=============================================================================
