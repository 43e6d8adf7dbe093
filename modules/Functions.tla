------------------------------ MODULE Functions -----------------------------
(***************************************************************************)
(* Restriction, range, inverse, injections, surjections and bijections of *)
(* functions, and folds over their values.  The evaluator replaces        *)
(* IsInjective, the folds and a few other operators by native              *)
(* implementations (tla.modules.impl_functions), as TLC's community-module *)
(* overrides do.  Like the community module, it extends Integers and      *)
(* Folds (for TLAPS), so their operators are visible too.                 *)
(***************************************************************************)
EXTENDS Integers, Folds

(* f restricted to S (a subset of its domain). *)
Restrict(f, S) == [x \in S |-> f[x]]

(* f restricted to the arguments x for which Test(x) holds. *)
RestrictDomain(f, Test(_)) == Restrict(f, {x \in DOMAIN f : Test(x)})

(* f restricted to the arguments whose values satisfy Test. *)
RestrictValues(f, Test(_)) ==
  LET S == {x \in DOMAIN f : Test(f[x])}
  IN  Restrict(f, S)

(* narrow is wide restricted to a part of wide's domain. *)
IsRestriction(narrow, wide) ==
  /\ DOMAIN narrow \subseteq DOMAIN wide
  /\ \A x \in DOMAIN narrow \cap DOMAIN wide : narrow[x] = wide[x]

(* The set of values of f. *)
Range(f) == {f[x] : x \in DOMAIN f}

(* T applied to the values of f and g at each argument of f. *)
Pointwise(f, g, T(_, _)) == [e \in DOMAIN f |-> T(f[e], g[e])]

(* A function from T to S mapping each t in the range of f to an argument *)
(* s in S at which f has value t.                                         *)
Inverse(f, S, T) == [t \in T |-> CHOOSE s \in S : t \in Range(f) => f[s] = t]

(* The inverse of f on its range. *)
AntiFunction(f) == Inverse(f, DOMAIN f, Range(f))

(* f maps distinct arguments to distinct values. *)
IsInjective(f) == \A a, b \in DOMAIN f : f[a] = f[b] => a = b

(* The injections, surjections and bijections from S to T. *)
Injection(S, T) == {M \in [S -> T] : IsInjective(M)}

Surjection(S, T) == {M \in [S -> T] : \A t \in T : \E s \in S : M[s] = t}

Bijection(S, T) == Injection(S, T) \cap Surjection(S, T)

ExistsInjection(S, T) == Injection(S, T) # {}

ExistsSurjection(S, T) == Surjection(S, T) # {}

ExistsBijection(S, T) == Bijection(S, T) # {}
-----------------------------------------------------------------------------
(***************************************************************************)
(* op combined over the values fun[i], i \in indices (a subset of DOMAIN   *)
(* fun), in no particular order, starting with base:                       *)
(*   op(fun[i], op(fun[j], ... op(fun[k], base) ...)).                     *)
(* op should be associative and commutative.                               *)
(***************************************************************************)
FoldFunctionOnSet(op(_, _), base, fun, indices) ==
  MapThenFoldSet(op, base, LAMBDA i : fun[i], LAMBDA s : CHOOSE x \in s : TRUE,
                 indices)

(* The same over all of DOMAIN fun. *)
FoldFunction(op(_, _), base, fun) ==
  FoldFunctionOnSet(op, base, fun, DOMAIN fun)

(* The sum of the values fun[i] for i \in indices, and for all of DOMAIN  *)
(* fun.                                                                    *)
SumFunctionOnSet(fun, indices) == FoldFunctionOnSet(+, 0, fun, indices)

SumFunction(fun) == SumFunctionOnSet(fun, DOMAIN fun)
=============================================================================
