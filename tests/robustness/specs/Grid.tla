---------------------------- MODULE Grid ----------------------------
(* A spec of our own for interruption and recovery tests: three counters that move
   up and down in 0..N, plus a log of the last move; a few thousand states. *)
EXTENDS Naturals, Sequences

CONSTANT N

VARIABLES x, y, z, last

vars == <<x, y, z, last>>

Init == x = 0 /\ y = 0 /\ z = 0 /\ last = "none"

Up(v, name) == v < N /\ v' = v + 1 /\ last' = name
Down(v, name) == v > 0 /\ v' = v - 1 /\ last' = name

Next ==
  \/ Up(x, "x+") /\ UNCHANGED <<y, z>>
  \/ Down(x, "x-") /\ UNCHANGED <<y, z>>
  \/ Up(y, "y+") /\ UNCHANGED <<x, z>>
  \/ Down(y, "y-") /\ UNCHANGED <<x, z>>
  \/ Up(z, "z+") /\ UNCHANGED <<x, y>>
  \/ /\ x = N /\ z > 0
     /\ z' = z - 1 /\ last' = "z-"
     /\ UNCHANGED <<x, y>>

TypeOK == /\ x \in 0..N /\ y \in 0..N /\ z \in 0..N
          /\ last \in {"none", "x+", "x-", "y+", "y-", "z+", "z-"}

(* Costs time on every state, so that tests can interrupt a search of a few thousand states.
   It reads every variable: pytlc remembers an invariant's value by the variables it reads,
   and a Slow that skipped `last` would be answered from memory for most states. *)
Slow == \A i \in 1..1000 : i + x + y + z > 0 /\ last # "?"

Spec == Init /\ [][Next]_vars
=============================================================================
