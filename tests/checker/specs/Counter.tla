---- MODULE Counter ----
EXTENDS Naturals
CONSTANT Limit
VARIABLES x, y
Init == x = 0 /\ y = "a"
Inc == x < Limit /\ x' = x + 1 /\ UNCHANGED y
Flip == y' = (IF y = "a" THEN "b" ELSE "a") /\ UNCHANGED x
Next == Inc \/ Flip
Small == x < 3
Pos == x >= 0
NoFlipAt2 == ~(x = 2 /\ y = "b")
OnlyInc == x' = x + 1
Bound == x <= 3
XOnly == x
NoX == x /= 0
====
