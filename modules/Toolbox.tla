------------------------------ MODULE Toolbox -------------------------------
(***************************************************************************)
(* Definitions that the TLA+ Toolbox and TLC's trace-exploration specs    *)
(* (Spec_TTrace_*.tla) rely on.  _TETrace is the trace being explored, a  *)
(* function from positions 1, 2, ... to states; _TEPosition is the        *)
(* position of the current state in it, taken from TLCGet("level").       *)
(***************************************************************************)
LOCAL INSTANCE Naturals
LOCAL INSTANCE FiniteSets
LOCAL INSTANCE TLC
-----------------------------------------------------------------------------
_TETrace == CHOOSE f \in [(Nat \ {0}) -> STRING] : TRUE

LOCAL _TETraceLength == Cardinality(DOMAIN _TETrace)

(* The level, clamped to the trace: the initial state has level 1 (0 when *)
(* evaluated in the constant ASSUME phase) and the trace ends at its       *)
(* length.                                                                 *)
_TEPosition ==
  IF TLCGet("level") >= _TETraceLength
  THEN _TETraceLength
  ELSE IF TLCGet("level") = 0 THEN 1 ELSE TLCGet("level")
=============================================================================
