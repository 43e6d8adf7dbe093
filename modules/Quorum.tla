------------------------------- MODULE Quorum -------------------------------
(***************************************************************************)
(* Quorum systems (a community module).  A quorum system for S is a       *)
(* non-empty set of subsets of S (quorums), any two of which share an     *)
(* element, closed under taking supersets within S.  For example, the     *)
(* strict majorities of a finite non-empty set form one.                  *)
(***************************************************************************)

QuorumSystem(S) ==
  {QS \in SUBSET (SUBSET S) :
     /\ QS # {}
     /\ \A Q1, Q2 \in QS : Q1 \cap Q2 # {}
     /\ \A Q1, Q2 \in SUBSET S : Q1 \in QS /\ Q1 \subseteq Q2 => Q2 \in QS}
=============================================================================
