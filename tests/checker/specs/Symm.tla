---- MODULE Symm ----
EXTENDS TLC
CONSTANT Procs
VARIABLE owner
Init == owner = {}
Take(p) == owner = {} /\ owner' = {p}
Give == owner /= {} /\ owner' = {}
Next == Give \/ \E p \in Procs : Take(p)
Perms == Permutations(Procs)
Alias == [holder |-> owner, free |-> owner = {}]
====
