------------------------------ MODULE Sequences -----------------------------
(***************************************************************************)
(* Finite sequences (Specifying Systems, 18.1).  A sequence of length n is *)
(* a function with domain 1..n, which is also what an n-tuple is.          *)
(*                                                                         *)
(* The evaluator replaces these definitions by native implementations     *)
(* (tla.modules.impl_sequences), as TLC does; like TLC, they also accept   *)
(* strings as sequences of characters where that makes sense.  Naturals  *)
(* is instantiated locally: its operators are used here, not exported.     *)
(***************************************************************************)
LOCAL INSTANCE Naturals

(* The set of all finite sequences of elements of S. *)
Seq(S) == UNION {[1 .. n -> S] : n \in Nat}

(* The length of the sequence s. *)
Len(s) == CHOOSE n \in Nat : DOMAIN s = 1 .. n

(* The concatenation of the sequences s and t. *)
s \o t ==
  [i \in 1 .. (Len(s) + Len(t)) |->
     IF i \leq Len(s) THEN s[i] ELSE t[i - Len(s)]]

(* The sequence s with e added at its end. *)
Append(s, e) == s \o <<e>>

(* The first element of a non-empty sequence, and the rest of it. *)
Head(s) == s[1]

Tail(s) == CASE s # <<>> -> [i \in 1 .. (Len(s) - 1) |-> s[i + 1]]

(* The sequence <<s[m], s[m+1], ..., s[n]>>, empty when n < m. *)
SubSeq(s, m, n) == [i \in 1 .. (1 + n - m) |-> s[i + m - 1]]

(***************************************************************************)
(* The subsequence of the elements x of s, in their order in s, for which  *)
(* Test(x) holds.  F[i] is the selection from the first i elements.        *)
(***************************************************************************)
SelectSeq(s, Test(_)) ==
  LET F[i \in 0 .. Len(s)] ==
        IF i = 0 THEN <<>>
        ELSE IF Test(s[i]) THEN Append(F[i - 1], s[i])
                           ELSE F[i - 1]
  IN  F[Len(s)]
=============================================================================
