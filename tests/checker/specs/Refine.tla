---- MODULE Refine ----
\* Processes going busy and idle, checked against an abstract count of busy processes:
\* the refinement mapping forgets which processes are busy and the hits counter.
EXTENDS Naturals, FiniteSets
CONSTANT N
VARIABLES pc, hits

---- MODULE Count ----
EXTENDS Naturals
CONSTANT Max
VARIABLE busy
Init == busy = 0
Next == \/ busy < Max /\ busy' = busy + 1
        \/ busy > 0 /\ busy' = busy - 1
Spec == Init /\ [][Next]_busy
Up == Init /\ [][busy' = busy + 1]_busy
====

Procs == 1..N
Init == pc = [p \in Procs |-> "idle"] /\ hits = 0
Go(p) == pc[p] = "idle" /\ pc' = [pc EXCEPT ![p] = "busy"] /\ hits' = (hits + 1) % 3
Stop(p) == pc[p] = "busy" /\ pc' = [pc EXCEPT ![p] = "idle"] /\ UNCHANGED hits
Next == \E p \in Procs : Go(p) \/ Stop(p)
Spec == Init /\ [][Next]_<<pc, hits>>

Busy == Cardinality({p \in Procs : pc[p] = "busy"})
Abstract == INSTANCE Count WITH busy <- Busy, Max <- N
Refines == Abstract!Spec
OnlyUp == Abstract!Up
====
