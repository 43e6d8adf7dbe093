--------------------------- MODULE RiverCrossing ---------------------------
(***************************************************************************)
(* A farmer must ferry a wolf, a goat and a cabbage across a river in a    *)
(* boat that holds the farmer and at most one passenger.  Left alone, the  *)
(* wolf eats the goat and the goat eats the cabbage.  The invariant        *)
(* NotSolved claims the crossing is impossible; the model checker refutes  *)
(* it and its counterexample is the shortest solution.                     *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

Items == {"farmer", "wolf", "goat", "cabbage"}

VARIABLES left, right

vars == <<left, right>>

Safe(bank) ==
    "farmer" \notin bank =>
        /\ ~({"wolf", "goat"} \subseteq bank)
        /\ ~({"goat", "cabbage"} \subseteq bank)

TypeOK == left \cup right = Items /\ left \cap right = {}

Init == left = Items /\ right = {}

\* The farmer crosses from bank `from' to bank `to', alone or with one item.
Cross(from, to, cargo) ==
    /\ "farmer" \in from
    /\ cargo \subseteq from \ {"farmer"}
    /\ Cardinality(cargo) <= 1
    /\ Safe(from \ ({"farmer"} \cup cargo))

GoRight == \E cargo \in SUBSET (left \ {"farmer"}) :
             /\ Cross(left, right, cargo)
             /\ left' = left \ ({"farmer"} \cup cargo)
             /\ right' = right \cup {"farmer"} \cup cargo

GoLeft == \E cargo \in SUBSET (right \ {"farmer"}) :
             /\ Cross(right, left, cargo)
             /\ right' = right \ ({"farmer"} \cup cargo)
             /\ left' = left \cup {"farmer"} \cup cargo

Next == GoRight \/ GoLeft

Spec == Init /\ [][Next]_vars

NotSolved == right /= Items
=============================================================================
