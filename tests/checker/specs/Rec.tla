---- MODULE Rec ----
EXTENDS Naturals
RECURSIVE F(_)
F(n) == F(n + 1)
VARIABLE x
Init == x = F(0)
Next == x' = x
====
