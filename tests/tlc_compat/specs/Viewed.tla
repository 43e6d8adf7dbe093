---- MODULE Viewed ----
\* a counter with a step count the VIEW leaves out
EXTENDS Naturals
VARIABLES x, steps
Init == x = 0 /\ steps = 0
Next == x < 2 /\ x' = x + 1 /\ steps' = steps + 1
View == <<x>>
Small == x < 2
====
