--------------------------- MODULE Combinatorics ---------------------------
(***************************************************************************)
(* Factorials and binomial coefficients (a community module).  pytlc      *)
(* evaluates these definitions; TLC has Java versions of both.            *)
(***************************************************************************)
EXTENDS Naturals

(* n! for every natural number n. *)
factorial[n \in Nat] == IF n = 0 THEN 1 ELSE n * factorial[n - 1]

(* The number of ways to pick k of n things. *)
choose(n, k) == factorial[n] \div (factorial[k] * factorial[n - k])
=============================================================================
