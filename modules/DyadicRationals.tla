-------------------------- MODULE DyadicRationals ---------------------------
(***************************************************************************)
(* Dyadic rationals: fractions num / den whose denominator is a power of  *)
(* two, represented as records [num |-> n, den |-> d] in lowest terms.   *)
(* The evaluator replaces Add, Half and IsDyadicRational by native         *)
(* implementations (tla.modules.impl_dyadicrationals).                    *)
(***************************************************************************)
LOCAL INSTANCE FiniteSets
LOCAL INSTANCE Integers
LOCAL INSTANCE Sequences
LOCAL INSTANCE FiniteSetsExt
LOCAL INSTANCE TLC

LOCAL Divides(p, q) == \E d \in 1 .. q : q = p * d

LOCAL Divisors(q) == {d \in 1 .. q : Divides(d, q)}

LOCAL GCD(n, m) == Max(Divisors(n) \cap Divisors(m))
-----------------------------------------------------------------------------
LOCAL Rational(num, den) == [num |-> num, den |-> den]

LOCAL Reduce(p) ==
  LET gcd == GCD(p.num, p.den)
  IN  IF gcd = 1 THEN p ELSE Rational(p.num \div gcd, p.den \div gcd)

(* r's denominator is a power of two. *)
IsDyadicRational(r) == \E i \in 0 .. r.den : 2^i = r.den

Zero == Rational(0, 1)

One == Rational(1, 1)

(* The sum of p and q (the larger denominator is a multiple of the other). *)
Add(p, q) ==
  IF p = Zero THEN q
  ELSE LET lcn == Max({p.den, q.den})
           qq == Rational(q.num * (lcn \div q.den), lcn)
           pp == Rational(p.num * (lcn \div p.den), lcn)
       IN  Reduce(Rational(qq.num + pp.num, lcn))

(* p / 2. *)
Half(p) == Reduce(Rational(p.num, p.den * 2))

(* "0", "1" or "num/den". *)
PrettyPrint(p) ==
  IF p = Zero THEN "0"
  ELSE IF p = One THEN "1"
  ELSE ToString(p.num) \o "/" \o ToString(p.den)
=============================================================================
