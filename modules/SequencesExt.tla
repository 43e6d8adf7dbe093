---------------------------- MODULE SequencesExt ----------------------------
(***************************************************************************)
(* More operators on finite sequences.  The evaluator replaces many of    *)
(* them by native implementations (tla.modules.impl_sequencesext), as     *)
(* TLC's community-module overrides do; these also accept strings where   *)
(* TLC's do.  Like the community module, it extends the modules it uses,  *)
(* for the sake of TLAPS, so their operators are visible too.             *)
(***************************************************************************)
EXTENDS Sequences, Naturals, FiniteSets, FiniteSetsExt, Folds, Functions,
        Bags, TLC
-----------------------------------------------------------------------------
(* The set of the elements of s. *)
ToSet(s) == {s[i] : i \in DOMAIN s}

(* The bag of the elements of s: each element counted as often as it      *)
(* occurs.                                                                 *)
ToBag(s) == [x \in Range(s) |-> Cardinality({i \in DOMAIN s : s[i] = x})]

(* A sequence holding each element of the finite set S exactly once. *)
SetToSeq(S) == CHOOSE f \in [1 .. Cardinality(S) -> S] : IsInjective(f)

(* All sequences holding each element of S exactly once. *)
SetToSeqs(S) ==
  LET D == 1 .. Cardinality(S)
  IN  {f \in [D -> S] : \A i, j \in D : i # j => f[i] # f[j]}

(* The elements of S as a sequence sorted by op. *)
SetToSortSeq(S, op(_, _)) == SortSeq(SetToSeq(S), op)

(* All sequences of distinct elements of S (of every length). *)
SetToAllKPermutations(S) == UNION {SetToSeqs(s) : s \in SUBSET S}

(* The sequences of length n of elements of set (set \X ... \X set). *)
TupleOf(set, n) == [1 .. n -> set]

(* The sequences of length at most n of elements of set. *)
SeqOf(set, n) == UNION {[1 .. m -> set] : m \in 0 .. n}

(* Another name of SeqOf, matching Seq. *)
BoundedSeq(S, n) == SeqOf(S, n)
-----------------------------------------------------------------------------
(* e occurs in s. *)
Contains(s, e) == \E i \in 1 .. Len(s) : s[i] = e

(* op(s[i], s[j]) holds for all positions i < j. *)
IsSorted(s, op(_, _)) == \A i, j \in 1 .. Len(s) : i < j => op(s[i], s[j])

(* s backwards. *)
Reverse(s) == [i \in 1 .. Len(s) |-> s[(Len(s) - i) + 1]]

(* s without any occurrence of e. *)
Remove(s, e) == SelectSeq(s, LAMBDA t : t # e)

(* s with every occurrence of old replaced by new. *)
ReplaceAll(s, old, new) ==
  [i \in 1 .. Len(s) |-> IF s[i] = old THEN new ELSE s[i]]
-----------------------------------------------------------------------------
(* The first (last) position i of seq, or of seq's positions from..to     *)
(* counted from from, with Test(seq[i]); 0 if there is none.             *)
SelectInSeq(seq, Test(_)) ==
  LET I == {i \in 1 .. Len(seq) : Test(seq[i])}
  IN  IF I # {} THEN Min(I) ELSE 0

SelectInSubSeq(seq, from, to, Test(_)) ==
  SelectInSeq(SubSeq(seq, from, to), Test)

SelectLastInSeq(seq, Test(_)) ==
  LET I == {i \in 1 .. Len(seq) : Test(seq[i])}
  IN  IF I # {} THEN Max(I) ELSE 0

SelectLastInSubSeq(seq, from, to, Test(_)) ==
  SelectLastInSeq(SubSeq(seq, from, to), Test)
-----------------------------------------------------------------------------
(* s with e inserted at position i (later elements move up by one). *)
InsertAt(s, i, e) == SubSeq(s, 1, i - 1) \o <<e>> \o SubSeq(s, i, Len(s))

(* s with the element at position i replaced by e. *)
ReplaceAt(s, i, e) == [s EXCEPT ![i] = e]

(* s without the element at position i. *)
RemoveAt(s, i) == SubSeq(s, 1, i - 1) \o SubSeq(s, i + 1, Len(s))

(* s without the first occurrence of e (s if there is none). *)
RemoveFirst(s, e) ==
  IF \E i \in 1 .. Len(s) : s[i] = e
  THEN RemoveAt(s, SelectInSeq(s, LAMBDA v : v = e))
  ELSE s

(* s without its first element that satisfies Test (s if there is none). *)
RemoveFirstMatch(s, Test(_)) ==
  IF \E i \in 1 .. Len(s) : Test(s[i])
  THEN RemoveAt(s, SelectInSeq(s, Test))
  ELSE s
-----------------------------------------------------------------------------
(* seq with elt added in front, and at the end. *)
Cons(elt, seq) == <<elt>> \o seq

Snoc(elt, seq) == Append(seq, elt)

(* s without its last element, and the last element of s. *)
Front(s) == SubSeq(s, 1, Len(s) - 1)

Last(s) == s[Len(s)]
-----------------------------------------------------------------------------
(* s is a prefix of t: t = s \o u for some sequence u. *)
IsPrefix(s, t) ==
  Len(s) <= Len(t) /\ SubSeq(s, 1, Len(s)) = SubSeq(t, 1, Len(s))

IsStrictPrefix(s, t) == IsPrefix(s, t) /\ s # t

(* s is a suffix of t: t = u \o s for some sequence u. *)
IsSuffix(s, t) == IsPrefix(Reverse(s), Reverse(t))

IsStrictSuffix(s, t) == IsSuffix(s, t) /\ s # t
-----------------------------------------------------------------------------
(* The prefixes of s, the empty one included. *)
Prefixes(s) == {SubSeq(s, 1, l) : l \in 0 .. Len(s)}

(* The sequences that are prefixes of every sequence in S. *)
CommonPrefixes(S) ==
  LET P == UNION {Prefixes(seq) : seq \in S}
  IN  {prefix \in P : \A t \in S : IsPrefix(prefix, t)}

(* The longest of them. *)
LongestCommonPrefix(S) ==
  CHOOSE longest \in CommonPrefixes(S) :
    \A other \in CommonPrefixes(S) : Len(other) <= Len(longest)

(* The suffixes of s, the empty one included. *)
Suffixes(s) == {SubSeq(s, l, Len(s)) : l \in 1 .. Len(s)} \cup {<<>>}
-----------------------------------------------------------------------------
(* a % b, but b instead of 0, for indexing sequences cyclically. *)
SeqMod(a, b) == IF a % b = 0 THEN b ELSE a % b

(* op combined over the elements of seq in no particular order, starting  *)
(* with base; op should be associative and commutative.                   *)
FoldSeq(op(_, _), base, seq) == FoldFunction(op, base, seq)

(* op(...op(op(base, seq[1]), seq[2])..., seq[n]). *)
FoldLeft(op(_, _), base, seq) ==
  MapThenFoldSet(LAMBDA x, y : op(y, x), base, LAMBDA i : seq[i],
                 LAMBDA S : Max(S), DOMAIN seq)

(* op(seq[1], op(seq[2], ... op(seq[n], base)...)). *)
FoldRight(op(_, _), seq, base) ==
  MapThenFoldSet(op, base, LAMBDA i : seq[i], LAMBDA S : Min(S), DOMAIN seq)

(* The same folds over the positions of seq instead of its elements. *)
FoldLeftDomain(op(_, _), base, seq) ==
  FoldLeft(op, base, [i \in DOMAIN seq |-> i])

FoldRightDomain(op(_, _), seq, base) ==
  FoldRight(op, [i \in DOMAIN seq |-> i], base)
-----------------------------------------------------------------------------
(* The concatenation of the sequences (or strings) in seqs. *)
FlattenSeq(seqs) ==
  IF Len(seqs) = 0 THEN seqs
  ELSE LET flatten[i \in 1 .. Len(seqs)] ==
             IF i = 1 THEN seqs[i] ELSE flatten[i - 1] \o seqs[i]
       IN  flatten[Len(seqs)]

(* The pairs <<s[i], t[i]>>, as long as the shorter of s and t. *)
Zip(s, t) ==
  LET l == IF Len(s) <= Len(t) THEN Len(s) ELSE Len(t)
  IN  [i \in 1 .. l |-> <<s[i], t[i]>>]

(* <<<<s[1]>>, <<t[1]>>, <<s[2]>>, <<t[2]>>, ...>> for Len(s) = Len(t). *)
Interleave(s, t) ==
  CASE Len(s) = Len(t) /\ Len(s) > 0 ->
         LET u[i \in 1 .. Len(s)] ==
               IF i = 1 THEN <<<<s[i]>>, <<t[i]>>>>
               ELSE u[i - 1] \o <<<<s[i]>>, <<t[i]>>>>
         IN  Last(u)
    [] Len(s) = Len(t) /\ Len(s) = 0 -> <<>>

(* The contiguous subsequences of s, the empty one included. *)
SubSeqs(s) == {SubSeq(s, i + 1, j) : i, j \in 0 .. Len(s)}

(* The subsequences of s with any elements left out. *)
AllSubSeqs(s) ==
  {FoldFunction(Snoc, <<>>, [i \in D |-> s[i]]) : D \in SUBSET DOMAIN s}

(* The first position at which s occurs in t as a contiguous subsequence. *)
IndexFirstSubSeq(s, t) ==
  LET last == CHOOSE i \in 0 .. Len(t) :
                /\ s \in SubSeqs(SubSeq(t, 1, i))
                /\ \A j \in 0 .. i - 1 : s \notin SubSeqs(SubSeq(t, 1, j))
  IN  last - (Len(s) - 1)

(* t with its subsequence s at position i replaced by r. *)
ReplaceSubSeqAt(i, r, s, t) ==
  LET prefix == SubSeq(t, 1, i - 1)
      suffix == SubSeq(t, i + Len(s), Len(t))
  IN  prefix \o r \o suffix

(* t with the first occurrence of s replaced by r. *)
ReplaceFirstSubSeq(r, s, t) ==
  IF s \in SubSeqs(t)
  THEN ReplaceSubSeqAt(IndexFirstSubSeq(s, t), r, s, t)
  ELSE t

(***************************************************************************)
(* t with every occurrence of s replaced by r, scanning from the left and *)
(* never replacing inside a replaced occurrence.  An empty s occurs       *)
(* before every element of t.                                             *)
(***************************************************************************)
RECURSIVE ReplaceAllSubSeqs(_, _, _)
ReplaceAllSubSeqs(r, s, t) ==
  CASE s = t -> r
    [] r = s -> t
    [] Len(s) = 0 -> FlattenSeq([i \in 1 .. Len(t) |-> r \o SubSeq(t, i, i)])
    [] Len(t) < Len(s) -> t
    [] SubSeq(t, 1, Len(s)) = s ->
         r \o ReplaceAllSubSeqs(r, s, SubSeq(t, Len(s) + 1, Len(t)))
    [] OTHER -> SubSeq(t, 1, 1) \o ReplaceAllSubSeqs(r, s, Tail(t))
=============================================================================
