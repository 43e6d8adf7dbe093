---- MODULE Spread ----
\* A state space of a few thousand states, large enough for a search to poll its memory
\* guard and to spill its queue: three counters and a set of visited sums.
EXTENDS Naturals, TLC
CONSTANT Top
VARIABLES a, b, c, sums
Init == a = 0 /\ b = 0 /\ c = 0 /\ sums = {0}
Up(v, w) == v < Top /\ v' = v + 1 /\ sums' = sums \cup {w}
Next == \/ Up(a, a + b + c + 1) /\ UNCHANGED <<b, c>>
        \/ Up(b, a + b + c + 1) /\ UNCHANGED <<a, c>>
        \/ Up(c, a + b + c + 1) /\ UNCHANGED <<a, b>>
        \/ a = Top /\ b = Top /\ c = Top /\ UNCHANGED <<a, b, c, sums>>
Bounded == a + b + c <= 3 * Top
Below20 == a + b + c < 20
AlwaysBounded == []Bounded
DivAt20 == (a + b + c = 20) => (1 \div (a - a) = 0)
NextAssert == Next /\ Assert(a + b + c < 20, "the sum reached 20")
====
