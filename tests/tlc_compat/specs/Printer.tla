---- MODULE Printer ----
\* prints every step; Limit is a constant operator for -postCondition
EXTENDS Naturals, TLC
VARIABLES x
Init == x = 0
Next == x < 5 /\ x' = x + 1 /\ PrintT(<<"x", x'>>)
Limit == 5
Holds == Limit = 5
Fails == Limit = 4
====
