------------------------------ MODULE Peterson ------------------------------
(***************************************************************************)
(* Peterson's mutual-exclusion algorithm for two processes, written        *)
(* directly in TLA+.  Each process raises its flag, gives the turn away,   *)
(* and waits until the other is not interested or the turn is its own.    *)
(***************************************************************************)
EXTENDS Naturals

VARIABLES flag, turn, pc

vars == <<flag, turn, pc>>

Procs == {0, 1}
Other(p) == 1 - p

Init == /\ flag = [p \in Procs |-> FALSE]
        /\ turn = 0
        /\ pc = [p \in Procs |-> "idle"]

Request(p) == /\ pc[p] = "idle"
              /\ flag' = [flag EXCEPT ![p] = TRUE]
              /\ pc' = [pc EXCEPT ![p] = "yield"]
              /\ UNCHANGED turn

Yield(p) == /\ pc[p] = "yield"
            /\ turn' = Other(p)
            /\ pc' = [pc EXCEPT ![p] = "wait"]
            /\ UNCHANGED flag

Enter(p) == /\ pc[p] = "wait"
            /\ ~flag[Other(p)] \/ turn = p
            /\ pc' = [pc EXCEPT ![p] = "critical"]
            /\ UNCHANGED <<flag, turn>>

Exit(p) == /\ pc[p] = "critical"
           /\ flag' = [flag EXCEPT ![p] = FALSE]
           /\ pc' = [pc EXCEPT ![p] = "idle"]
           /\ UNCHANGED turn

Next == \E p \in Procs : Request(p) \/ Yield(p) \/ Enter(p) \/ Exit(p)

Spec == Init /\ [][Next]_vars

TypeOK == /\ flag \in [Procs -> BOOLEAN]
          /\ turn \in Procs
          /\ pc \in [Procs -> {"idle", "yield", "wait", "critical"}]

MutualExclusion == ~(pc[0] = "critical" /\ pc[1] = "critical")
=============================================================================
