---- MODULE Stop ----
\* a behaviour of three states that deadlocks
EXTENDS Naturals
VARIABLES x
Init == x = 0
Next == x < 2 /\ x' = x + 1
====
