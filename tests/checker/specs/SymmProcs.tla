---- MODULE SymmProcs ----
\* Each process is idle, waiting or critical; any process may move to another of these
\* phases. Under Permutations(Procs) a state is known by how many processes are in each
\* phase: with three processes, 10 classes of the 27 states.
EXTENDS TLC
CONSTANT Procs
VARIABLE phase
Phases == {"idle", "wait", "cs"}
Init == phase = [p \in Procs |-> "idle"]
Next == \E p \in Procs, s \in Phases : s /= phase[p] /\ phase' = [phase EXCEPT ![p] = s]
Perms == Permutations(Procs)
InCS == [p \in Procs |-> phase[p] = "cs"]
====
