---- MODULE AssumePrint ----
(* Assumptions that print: each line is printed once, also when the evaluation fails after
   printing (generated code hands over to the reference evaluator, which prints again). *)
EXTENDS Naturals, TLC
CONSTANTS N, Bad
Squares == {n * n : n \in 1..N}
ASSUME PrintT(<<"squares", Squares>>)
ASSUME \A n \in 1..N : Print(n, n * n) \in Squares
ASSUME Bad => PrintT("before the error") /\ 1 \div (N - N) = 0
====
