---- MODULE Toggle ----
\* one definition, two disjuncts: two actions of the same name
VARIABLES x
Init == x = 0
Act == \/ x = 0 /\ x' = 1
       \/ x = 1 /\ x' = 0
Stay == x' = x
Next == Act \/ Stay
====
