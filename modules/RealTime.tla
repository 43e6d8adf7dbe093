------------------------------ MODULE RealTime ------------------------------
(***************************************************************************)
(* Real-time constraints (Specifying Systems, chapter 9).  now is the     *)
(* current time.  RTBound(A, v, D, E) asserts that an <<A>>_v step occurs *)
(* only after A has been continuously enabled for at least D time units,  *)
(* and must occur before it has been so enabled for more than E.  RTnow(v) *)
(* asserts that now advances without bound while v stays unchanged when  *)
(* it does.                                                                *)
(***************************************************************************)
EXTENDS Reals
VARIABLE now

RTBound(A, v, D, E) ==
  LET TNext(t) == t' = IF <<A>>_v \/ ~(ENABLED <<A>>_v)'
                         THEN 0
                         ELSE t + (now' - now)
      Timer(t) == (t = 0) /\ [][TNext(t)]_<<t, v, now>>
      MaxTime(t) == [](t \leq E)
      MinTime(t) == [][A => t \geq D]_v
  IN  \EE t : Timer(t) /\ MaxTime(t) /\ MinTime(t)
-----------------------------------------------------------------------------
RTnow(v) ==
  LET NowNext == /\ now' \in {r \in Real : r > now}
                 /\ UNCHANGED v
  IN  /\ now \in Real
      /\ [][NowNext]_now
      /\ \A r \in Real : WF_now(NowNext /\ (now' > r))
=============================================================================
