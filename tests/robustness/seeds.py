"""Small TLA+ texts of our own that the fuzz tests mutate: modules, expressions, cfg files.

Kept small on purpose: every number and set is tiny, so that a mutation (a duplicated
``SUBSET``, a repeated digit) stays within what can be evaluated in a fraction of a second,
and a slow case means a real problem rather than a legitimately huge request.
"""

MODULES = [
    r"""---- MODULE Counter ----
EXTENDS Naturals
CONSTANT N
VARIABLE x
Init == x = 0
Next == x < N /\ x' = x + 1
Spec == Init /\ [][Next]_x
TypeOK == x \in 0..N
THEOREM Spec => []TypeOK
====
""",
    r"""---- MODULE Records ----
EXTENDS Naturals, Sequences, FiniteSets
VARIABLES msgs, state
Procs == {"p", "q"}
Init == /\ msgs = {}
        /\ state = [p \in Procs |-> "idle"]
Send(p) == /\ state[p] = "idle"
           /\ msgs' = msgs \cup {[from |-> p, seq |-> <<1, 2>>]}
           /\ state' = [state EXCEPT ![p] = "sent"]
Next == \E p \in Procs : Send(p)
Inv == \A m \in msgs : m.from \in Procs /\ Len(m.seq) = 2
(* a comment (* nested *) here *)
\* and a line comment
====
""",
    r"""---- MODULE Ops ----
EXTENDS Integers
LOCAL Max(a, b) == IF a > b THEN a ELSE b
RECURSIVE Fact(_)
Fact(n) == IF n <= 0 THEN 1 ELSE n * Fact(n - 1)
F[i \in 0..3] == IF i = 0 THEN 0 ELSE F[i - 1] + i
Op(G(_), v) == G(v)
L == LAMBDA z : z + 1
C == CASE 1 > 2 -> "a" [] 2 > 1 -> "b" [] OTHER -> "c"
S == {<<a, b>> \in {1, 2} \X {3} : a < b}
Choose == CHOOSE v \in {3, 1, 2} : \A w \in {1, 2, 3} : v >= w
====
""",
    r"""---- MODULE Temporal ----
VARIABLES a, b
vars == <<a, b>>
Init == a = 0 /\ b = FALSE
A == a' = 1 - a /\ UNCHANGED b
B == b' = ~b /\ UNCHANGED a
Spec == Init /\ [][A \/ B]_vars /\ WF_vars(A) /\ SF_vars(B)
Live == []<>(a = 1) /\ (b ~> ~b)
Enabled == ENABLED A
====
""",
    r"""---- MODULE Inst ----
EXTENDS Naturals
CONSTANT K
VARIABLE y
M == INSTANCE Naturals
I(k) == k + M!+(1, 2)
Junctions ==
  /\ \/ y = 1
     \/ y = 2
  /\ y \in 1..K
  /\ \A i \in 1..2 : \E j \in 1..2 : i # j \/ i = j
====
""",
]

EXPRESSIONS = [
    r"1 + 2 * 3 - 4 \div 2 % 3",
    r"{x \in 1..6 : x % 2 = 0}",
    r"[i \in 1..3 |-> i * i][2]",
    r"<<1, 2, 3>> \o <<4>>",
    r"[a |-> 1, b |-> {2}].b",
    r"LET f(x) == x + 1 IN f(f(1))",
    r"IF 1 < 2 THEN {1, 2} \cup {3} ELSE {}",
    r"CHOOSE x \in {1, 2, 3} : x > 1",
    r"\A x \in {1, 2} : \E y \in {2, 3} : x < y",
    r"SUBSET {1, 2}",
    r"[{1, 2} -> {TRUE, FALSE}]",
    r"UNION {{1}, {2, 3}}",
    r"DOMAIN [x \in {1, 2} |-> x]",
    r"[[a |-> 1] EXCEPT !.a = @ + 1]",
    r"CASE 1 = 2 -> 3 [] OTHER -> 4",
    r"\E x \in {1} : x = 1 /\ TRUE => FALSE \/ ~FALSE",
    r"{1, 2} \X {3}",
    r"""  "abc" \o "de" """,
    r"<<1, <<2, <<3>>>>>>[2][2][1]",
    r"{<<x, y>> : x \in 1..2, y \in {3}}",
    r"(1..3) \ {2}",
    r"-(2 ^ 3) .. 2",
    r"LET RECURSIVE s(_) s(n) == IF n = 0 THEN 0 ELSE n + s(n - 1) IN s(5)",
]

CFGS = [
    """CONSTANT N = 3
INIT Init
NEXT Next
INVARIANT TypeOK Inv
""",
    """CONSTANTS
    Procs = {p1, p2, p3}
    Max <- MaxImpl
    Default = "x"
SPECIFICATION Spec
PROPERTY Live
CONSTRAINT Bound
ACTION_CONSTRAINT Step
SYMMETRY Perms
CHECK_DEADLOCK FALSE
\\* a comment
(* another
   comment *)
VIEW View
ALIAS Alias
""",
    """CONSTANT Values = {1, <<2, "a">>, {TRUE}}
INVARIANTS A B
  C
POSTCONDITION Post
""",
]
