-------------------------------- MODULE Reals -------------------------------
(***************************************************************************)
(* The real numbers (Specifying Systems, 18.4).  Like TLC, pytlc computes  *)
(* only with integers: Real is a lazy set whose members are the integers   *)
(* the specification meets, and / is defined where it has an integer       *)
(* result.  Real and Infinity are primitive.                               *)
(***************************************************************************)
EXTENDS Integers

Real == CHOOSE a : \A b \in Int : b \in a

a / b == CHOOSE m \in Real : m * b = a

Infinity == CHOOSE i : (i \notin Real) /\ (\A r \in Real : i > r)
=============================================================================
