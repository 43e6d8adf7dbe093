---- MODULE Many ----
\* enough states that a -dump file fills several write buffers
EXTENDS Naturals
VARIABLES x
Init == x = 0
Next == x < 3000 /\ x' = x + 1
====
