------------------------------- MODULE Reduce -------------------------------
(***************************************************************************)
(* Folds without RECURSIVE operators (a community module): a recursive    *)
(* function over the subsets of a set applies op one element at a time.   *)
(* op should be commutative; otherwise the result depends on which        *)
(* element CHOOSE takes first.                                            *)
(***************************************************************************)
LOCAL INSTANCE Naturals

ReduceSet(op(_, _), set, acc) ==
  LET f[s \in SUBSET set] ==
        IF s = {} THEN acc
        ELSE LET x == CHOOSE x \in s : TRUE
             IN  op(x, f[s \ {x}])
  IN  f[set]

Sum(set) == ReduceSet(LAMBDA x, y : x + y, set, 0)

Product(set) == ReduceSet(LAMBDA x, y : x * y, set, 1)

(* op over the elements of a sequence, counting repeated elements each time. *)
ReduceSeq(op(_, _), seq, acc) ==
  ReduceSet(LAMBDA i, a : op(seq[i], a), DOMAIN seq, acc)
=============================================================================
