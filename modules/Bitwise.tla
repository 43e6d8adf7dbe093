------------------------------- MODULE Bitwise ------------------------------
(***************************************************************************)
(* Bitwise operations on natural numbers.  The evaluator replaces &, |,   *)
(* ^^, Not and shiftR by native implementations (tla.modules.impl_bitwise) *)
(* as TLC's community-module overrides do.  Each recursive definition     *)
(* works on the lowest bit and the rest of its arguments.                 *)
(***************************************************************************)
LOCAL INSTANCE Integers

RECURSIVE And(_, _)
LOCAL And(x, y) ==
  IF x = 0 \/ y = 0 THEN 0
  ELSE 2 * And(x \div 2, y \div 2) + (x % 2) * (y % 2)

(* Bitwise and. *)
x & y == And(x, y)
-----------------------------------------------------------------------------
RECURSIVE Or(_, _)
LOCAL Or(x, y) ==
  IF x = 0 THEN y
  ELSE IF y = 0 THEN x
  ELSE 2 * Or(x \div 2, y \div 2) + (IF x % 2 = 1 \/ y % 2 = 1 THEN 1 ELSE 0)

(* Bitwise or. *)
x | y == Or(x, y)
-----------------------------------------------------------------------------
RECURSIVE Xor(_, _)
LOCAL Xor(x, y) ==
  IF x = 0 THEN y
  ELSE IF y = 0 THEN x
  ELSE 2 * Xor(x \div 2, y \div 2) + ((x + y) % 2)

(* Bitwise exclusive or (^ is taken by Naturals). *)
x ^^ y == Xor(x, y)
-----------------------------------------------------------------------------
RECURSIVE NotR(_, _)
LOCAL NotR(x, m) ==
  IF m = 0 THEN 0 ELSE 2 * NotR(x \div 2, m \div 2) + (1 - (x % 2))

(* a with each of its bits flipped, up to its highest set bit. *)
Not(a) == NotR(a, a)
-----------------------------------------------------------------------------
(* n shifted right by pos bits (zeros enter from the left). *)
RECURSIVE shiftR(_, _)
shiftR(n, pos) == IF pos = 0 THEN n ELSE shiftR(n \div 2, pos - 1)
=============================================================================
