---- MODULE SimCounter ----
EXTENDS Naturals, Sequences, TLC
CONSTANTS N, Procs
VARIABLES x, y, s

Init == /\ x = 0
        /\ y = [p \in Procs |-> "idle"]
        /\ s = {}

Inc(p) == /\ x < N
          /\ x' = x + 1
          /\ y' = [y EXCEPT ![p] = "busy"]
          /\ s' = s \cup {p}

Reset == /\ x = N
         /\ x' = 0
         /\ UNCHANGED <<y, s>>

Next == \E p \in Procs : Inc(p) \/ Reset

Spec == Init /\ [][Next]_<<x, y, s>>

TypeOK == x \in 0..N
Inv == x < 3
\* what TLCGet tells a simulation, checked as an invariant
Stats == /\ TLCGet("level") \in 1..5
         /\ TLCGet("diameter") >= 0          \* 0 for the initial states
         /\ TLCGet("config").mode = "simulate"
         /\ TLCGet("config").depth = 4
         /\ TLCGet("stats").traces = TLCGet("diameter")
Live == <>(x = N)
====
