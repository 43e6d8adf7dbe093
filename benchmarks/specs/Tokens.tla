------------------------------- MODULE Tokens -------------------------------
(***************************************************************************)
(* A benchmark of growing size: N processes pass tokens around a ring and  *)
(* each keeps a bounded counter.  The state space grows quickly with N and *)
(* Max; every action reads functions, records and sets, as real specs do.  *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS N, Max

Procs == 1..N

VARIABLES tokens, count, log

vars == <<tokens, count, log>>

Init == /\ tokens = {1}
        /\ count = [p \in Procs |-> 0]
        /\ log = [last |-> 0, moves |-> 0]

Pass(p) == /\ p \in tokens
           /\ LET q == IF p = N THEN 1 ELSE p + 1
              IN tokens' = (tokens \ {p}) \cup {q}
           /\ log' = [last |-> p, moves |-> (log.moves + 1) % 3]
           /\ UNCHANGED count

Work(p) == /\ p \in tokens
           /\ count[p] < Max
           /\ count' = [count EXCEPT ![p] = @ + 1]
           /\ UNCHANGED <<tokens, log>>

Split(p) == /\ p \in tokens
            /\ Cardinality(tokens) < 2
            /\ tokens' = tokens \cup {IF p = 1 THEN N ELSE p - 1}
            /\ UNCHANGED <<count, log>>

Next == \E p \in Procs : Pass(p) \/ Work(p) \/ Split(p)

TypeOK == /\ tokens \subseteq Procs
          /\ count \in [Procs -> 0..Max]
=============================================================================
