---- MODULE Errors ----
EXTENDS Naturals, TLC
VARIABLES a, b
Init == a = 0 /\ b = 0
Unspec == a' = a + 1
Dom == a' = <<1, 2>>[a + 1] /\ b' = b
Div == a' = 10 \div (1 - a) /\ b' = b
Asrt == /\ Assert(a < 2, "a too big")
        /\ a' = a + 1 /\ b' = b
====
