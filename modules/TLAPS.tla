------------------------------- MODULE TLAPS --------------------------------
(***************************************************************************)
(* Pragmas of the TLA+ proof system: names that a proof cites in BY or USE *)
(* to select a back-end prover or a preprocessing step.  To TLC and pytlc *)
(* they are ordinary definitions, all equal to TRUE (the two wrapper       *)
(* operators equal FALSE); proofs are parsed and checked for names, never *)
(* evaluated.  The names and arities follow the TLAPS module of tlapm.    *)
(***************************************************************************)


(* Arithmetic and the SMT solvers; the T forms take a timeout.          *)
SimpleArithmetic == TRUE
SMT == TRUE
SMTT(X) == TRUE
CVC3 == TRUE
CVC3T(X) == TRUE
CVC4 == TRUE
CVC4T(X) == TRUE
Yices == TRUE
YicesT(X) == TRUE
veriT == TRUE
veriTT(X) == TRUE
Zipper == TRUE
ZipperT(X) == TRUE
Z3 == TRUE
Z3T(X) == TRUE
Spass == TRUE
SpassT(X) == TRUE

(* Propositional temporal logic.                                        *)
LS4 == TRUE
LS4T(X) == TRUE
PTL == TRUE

(* Zenon and Isabelle; IsaM and IsaMT name an Isabelle tactic.           *)
Zenon == TRUE
ZenonT(X) == TRUE
Isa == TRUE
IsaT(X) == TRUE
IsaM(X) == TRUE
IsaMT(X, Y) == TRUE
IsaWithSetExtensionality == TRUE

(* Set extensionality, and that no set contains every value. *)
THEOREM SetExtensionality == \A S, T : (\A x : x \in S <=> x \in T) => S = T
OBVIOUS

THEOREM NoSetContainsEverything == \A S : \E x : x \notin S
OBVIOUS


(* Older pragmas for longer timeouts and particular Isabelle tactics,   *)
(* kept because existing proofs cite them.                              *)
SlowZenon == TRUE
SlowerZenon == TRUE
VerySlowZenon == TRUE
SlowestZenon == TRUE
Auto == TRUE
SlowAuto == TRUE
SlowerAuto == TRUE
SlowestAuto == TRUE
Force == TRUE
SlowForce == TRUE
SlowerForce == TRUE
SlowestForce == TRUE
SimplifyAndSolve == TRUE
SlowSimplifyAndSolve == TRUE
SlowerSimplifyAndSolve == TRUE
SlowestSimplifyAndSolve == TRUE
Simplification == TRUE
SlowSimplification == TRUE
SlowerSimplification == TRUE
SlowestSimplification == TRUE
Blast == TRUE
SlowBlast == TRUE
SlowerBlast == TRUE
SlowestBlast == TRUE
AutoBlast == TRUE

(* Every prover (or every SMT solver, or every Isabelle tactic) in turn. *)
AllProvers == TRUE
AllProversT(X) == TRUE
AllSMT == TRUE
AllSMTT(X) == TRUE
AllIsa == TRUE
AllIsaT(X) == TRUE

(* Preprocessing steps of the proof manager.                            *)
ExpandENABLED == TRUE
ExpandCdot == TRUE
AutoUSE == TRUE
Lambdify == TRUE
ENABLEDaxioms == TRUE
LevelComparison == TRUE

(* Markers that the proof manager uses around ENABLED and \cdot. *)
EnabledWrapper(Op(_)) == FALSE
CdotWrapper(Op(_)) == FALSE
Trivial == TRUE
=============================================================================
