-------------------------------- MODULE TLC ---------------------------------
(***************************************************************************)
(* The operators of the TLC model checker (Specifying Systems, 14.2 and   *)
(* TLC's documentation).  Every definition below is replaced by a native   *)
(* implementation in tla.modules.impl_tlc, as TLC overrides them in Java; *)
(* the bodies state what the operators equal, leaving out their effects   *)
(* (printing, checking, reading and writing TLC's registers).              *)
(***************************************************************************)
LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences
LOCAL INSTANCE FiniteSets
-----------------------------------------------------------------------------
(* Equals val; evaluating it prints out and val. *)
Print(out, val) == val

(* Equals TRUE; evaluating it prints out. *)
PrintT(out) == TRUE

(* TRUE when val is; otherwise evaluation stops with an error showing out. *)
Assert(val, out) == IF val = TRUE THEN TRUE ELSE CHOOSE v : v # TRUE

(* The current time, in milliseconds since the epoch. *)
JavaTime == CHOOSE n \in Nat : TRUE

(***************************************************************************)
(* TLC's registers: TLCSet(i, v) equals TRUE and stores v in register i;  *)
(* TLCGet(i) equals the value stored last.  String arguments of TLCGet    *)
(* name facts about the run ("level", "diameter", "distinct", "config",  *)
(* "stats", ...).                                                          *)
(***************************************************************************)
TLCGet(i) == CHOOSE n : TRUE

TLCSet(i, v) == TRUE
-----------------------------------------------------------------------------
(* The function with domain {d} that maps d to e. *)
d :> e == [x \in {d} |-> e]

(* The function on the union of both domains that agrees with f on its    *)
(* domain and with g elsewhere.                                           *)
f @@ g ==
  [x \in (DOMAIN f) \cup (DOMAIN g) |-> IF x \in DOMAIN f THEN f[x] ELSE g[x]]

(* The set of all permutations of S. *)
Permutations(S) == {f \in [S -> S] : \A w \in S : \E v \in S : f[v] = w}
-----------------------------------------------------------------------------
(***************************************************************************)
(* The sequence s sorted by the order Op:  Op(a, b) means that a may come  *)
(* before b.  Perm is a permutation of the indices that puts s in order.  *)
(***************************************************************************)
SortSeq(s, Op(_, _)) ==
  LET Perm ==
        CHOOSE p \in Permutations(1 .. Len(s)) :
          \A i, j \in 1 .. Len(s) :
            i < j => Op(s[p[i]], s[p[j]]) \/ s[p[i]] = s[p[j]]
  IN  [i \in 1 .. Len(s) |-> s[Perm[i]]]

(* A pseudo-randomly chosen element of the set s. *)
RandomElement(s) == CHOOSE x \in s : TRUE

(* A value of which every value is a member (v \in Any is TRUE). *)
Any == CHOOSE x : TRUE

(* The string that TLC prints for the value v. *)
ToString(v) == LET a == v IN CHOOSE b \in STRING : TRUE

(* Equals v; forces its complete evaluation. *)
TLCEval(v) == v
=============================================================================
