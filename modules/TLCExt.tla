------------------------------- MODULE TLCExt -------------------------------
(***************************************************************************)
(* Further operators of the TLC model checker.  The evaluator replaces the *)
(* definitions below by native implementations (tla.modules.impl_tlcext)  *)
(* where TLC does; the bodies state what the operators equal, without     *)
(* their effects.  Operators that need the state graph (Trace,            *)
(* CounterExample) are only meaningful while a model is being checked.   *)
(***************************************************************************)
LOCAL INSTANCE TLC
LOCAL INSTANCE Integers
-----------------------------------------------------------------------------
(* a = b; when they differ, evaluating it also prints both values. *)
AssertEq(a, b) ==
  IF a # b THEN /\ PrintT("Assertion failed")
                /\ PrintT(a)
                /\ PrintT(b)
                /\ a = b
           ELSE a = b

(***************************************************************************)
(* TRUE iff evaluating exp fails with the error message err.  Fails (via  *)
(* Assert) when exp fails with another message; FALSE when it succeeds.   *)
(***************************************************************************)
AssertError(err, exp) ==
  LET FailsEval(e) == CHOOSE b \in BOOLEAN : TRUE
      TLCError == CHOOSE s \in STRING : TRUE
  IN  IF FailsEval(exp) THEN Assert(err = TLCError, TLCError) ELSE FALSE
-----------------------------------------------------------------------------
(* TLCGet(key), or defaultVal when register key holds no value yet. *)
TLCGetOrDefault(key, defaultVal) == CHOOSE n : TRUE

(* Stores Op(old, val) in register key, where old is the value it held     *)
(* (defaultVal if none), and equals old.                                   *)
TLCGetAndSet(key, Op(_, _), val, defaultVal) ==
  LET oldVal == TLCGetOrDefault(key, defaultVal)
  IN  CHOOSE v \in {oldVal} : TLCSet(key, Op(oldVal, val))
-----------------------------------------------------------------------------
(***************************************************************************)
(* The behavior prefix that leads to the current state: a sequence of     *)
(* records, one per state, mapping each variable to its value.           *)
(***************************************************************************)
Trace == CHOOSE v : TRUE

(***************************************************************************)
(* In a POSTCONDITION, the counterexample TLC found, as a graph            *)
(* [state |-> States, action |-> Actions]: States is a set of pairs        *)
(* <<i, s>> of a state number and a state record, Actions a set of        *)
(* triples <<s1, act, s2>>.  Both sets are empty if there was no error.    *)
(***************************************************************************)
CounterExample == CHOOSE v : TRUE

(* The sequence of state records along the counterexample graph CE. *)
ToTrace(CE) == CHOOSE v : TRUE
-----------------------------------------------------------------------------
(***************************************************************************)
(* The model value named str.  A name of the form T_rest is a typed model *)
(* value of type T: equal only to itself, an error when compared with a   *)
(* value that is not a model value.                                        *)
(***************************************************************************)
TLCModelValue(str) == CHOOSE v : ToString(v) = str

(* TRUE; evaluates expression later (in simulation: once the successor is *)
(* chosen).                                                                *)
TLCDefer(expression) == TRUE
-----------------------------------------------------------------------------
(* Equals val (a place to hook a debugger). *)
TLCNoOp(val) == val

(* TRUE when exp is; otherwise the user picks the successor interactively. *)
PickSuccessor(exp) == IF exp THEN TRUE ELSE CHOOSE bool \in BOOLEAN : TRUE
-----------------------------------------------------------------------------
(* The value of expression, cached per value of closure. *)
TLCCache(expression, closure) == expression

(* The fingerprint of the value var (its lower 32 bits). *)
TLCFP(var) == CHOOSE i \in Int : TRUE
-----------------------------------------------------------------------------
(* The value of the definition whose name is the string definitionName. *)
TLCEvalDefinition(definitionName) == CHOOSE v : TRUE
=============================================================================
