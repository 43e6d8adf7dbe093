---- MODULE SymmMsgs ----
\* Messages [from |-> p, val |-> v] are sent one at a time until all four are sent. With
\* two symmetry sets (processes and values) the 16 sets of messages fall into 7 classes:
\* by size 0, 1, 3 and 4 one class each, and three of size 2 (same sender, same value,
\* neither).
EXTENDS TLC
CONSTANTS Procs, Vals
VARIABLE msgs
Init == msgs = {}
Send(p, v) == LET m == [from |-> p, val |-> v] IN m \notin msgs /\ msgs' = msgs \cup {m}
Next == \E p \in Procs, v \in Vals : Send(p, v)
Perms == Permutations(Procs) \cup Permutations(Vals)
====
