------------------------------ MODULE Integers ------------------------------
(***************************************************************************)
(* The integers (Specifying Systems, 18.4): everything of Naturals, the    *)
(* set Int and the prefix operator -.  The evaluator replaces these        *)
(* definitions and those of Naturals by native integer arithmetic          *)
(* (tla.modules.impl_naturals), as TLC does.  Int is primitive like Nat.   *)
(***************************************************************************)
EXTENDS Naturals

Int == CHOOSE a : Nat \subseteq a

(***************************************************************************)
(* The prefix operator - (written -. when it is defined or referred to).   *)
(***************************************************************************)
-. a == 0 - a
=============================================================================
