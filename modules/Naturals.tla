------------------------------ MODULE Naturals ------------------------------
(***************************************************************************)
(* The natural numbers and their arithmetic (Specifying Systems, 18.4).    *)
(*                                                                         *)
(* pytlc reads this module for the names, arities and levels of its        *)
(* operators; the evaluator replaces every one of them by a native         *)
(* implementation (tla.modules.impl_naturals), exactly as TLC overrides    *)
(* them in Java.  Nat, + and * are primitive: TLA+ builds the numerals in, *)
(* and no definition from more basic operators can be written inside this *)
(* module, so their bodies only name a value of the right kind.  Every     *)
(* other operator is defined from them with its standard meaning.          *)
(*                                                                         *)
(* The definitions appear in the order of TLC's own Naturals module and    *)
(* use the same parameter names, and the identifiers of TLC's module come *)
(* first in the same order, so that identifiers are interned as TLC      *)
(* interns them (this decides how TLC sorts strings).                     *)
(***************************************************************************)
Nat == CHOOSE a : 0 \in a

a + b == CHOOSE n \in Nat : TRUE

a - b == CHOOSE n : b + n = a

a * b == CHOOSE n \in Nat : TRUE

a ^ b == LET n[exponent \in Nat] ==
               IF exponent = 0 THEN 1 ELSE a * n[exponent - 1]
         IN  n[b]

a < b == \E n \in Nat : n # 0 /\ a + n = b

a > b == b < a

a \leq b == a < b \/ a = b

a \geq b == b \leq a

(***************************************************************************)
(* For b > 0, a \div b and a % b are the quotient and remainder of the     *)
(* division of a by b:  a = b * (a \div b) + (a % b)  and                  *)
(* 0 \leq a % b < b.                                                       *)
(***************************************************************************)
a % b == CHOOSE n \in Nat : n < b /\ \E quotient \in Nat : a = b * quotient + n

a \div b == CHOOSE n \in Nat : b * n \leq a /\ a < b * (n + 1)

a .. b == {n \in Nat : a \leq n /\ n \leq b}
=============================================================================
