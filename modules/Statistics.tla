----------------------------- MODULE Statistics -----------------------------
(***************************************************************************)
(* Statistical tests for simulation runs.  The evaluator replaces         *)
(* ChiSquare by a native implementation (tla.modules.impl_statistics).    *)
(***************************************************************************)
EXTENDS Naturals

(***************************************************************************)
(* TRUE iff the chi-square goodness-of-fit test does not reject, at       *)
(* significance level alpha (a string such as "0.05"), that the observed *)
(* counts actual follow the distribution of the expected counts; both    *)
(* are functions with the same domain.                                     *)
(***************************************************************************)
ChiSquare(expected, actual, alpha) == CHOOSE b \in BOOLEAN : TRUE
=============================================================================
