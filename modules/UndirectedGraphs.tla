-------------------------- MODULE UndirectedGraphs --------------------------
(***************************************************************************)
(* Undirected graphs, represented as records [node |-> N, edge |-> E]     *)
(* whose edges are unordered pairs {a, b} of nodes (a singleton is a      *)
(* loop).  The evaluator replaces SimplePath, AreConnectedIn and          *)
(* ConnectedComponents by native implementations                          *)
(* (tla.modules.impl_graphs), as TLC's community-module overrides do.     *)
(***************************************************************************)
LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences
LOCAL INSTANCE SequencesExt
LOCAL INSTANCE FiniteSets
LOCAL INSTANCE Folds
LOCAL INSTANCE Functions

IsUndirectedGraph(G) ==
  /\ G = [node |-> G.node, edge |-> G.edge]
  /\ \A e \in G.edge : \E a, b \in G.node : e = {a, b}

IsLoopFreeUndirectedGraph(G) ==
  /\ G = [node |-> G.node, edge |-> G.edge]
  /\ \A e \in G.edge : \E a, b \in G.node : a # b /\ e = {a, b}

UndirectedSubgraph(G) ==
  {H \in [node : SUBSET G.node, edge : SUBSET G.edge] : IsUndirectedGraph(H)}
-----------------------------------------------------------------------------
(* Paths are non-empty sequences of nodes linked by edges; simple paths   *)
(* visit no node twice.                                                   *)
Path(G) ==
  {p \in Seq(G.node) :
     /\ p # <<>>
     /\ \A i \in 1 .. (Len(p) - 1) : {p[i], p[i + 1]} \in G.edge}

SimplePath(G) == {p \in Path(G) : \A i, j \in 1 .. Len(p) : p[i] = p[j] => i = j}

AreConnectedIn(m, n, G) == \E p \in Path(G) : (p[1] = m) /\ (p[Len(p)] = n)
-----------------------------------------------------------------------------
(***************************************************************************)
(* The maximal non-empty sets S of nodes any two of which are connected   *)
(* by a path inside S.                                                     *)
(***************************************************************************)
ConnectedComponents(G) ==
  LET IsCC(S) ==
        /\ S # {}
        /\ \A m, n \in S :
             \E p \in Seq(S) :
               /\ p # <<>>
               /\ p[1] = m /\ p[Len(p)] = n
               /\ \A i \in 1 .. Len(p) - 1 : {p[i], p[i + 1]} \in G.edge
  IN  {S \in SUBSET G.node :
         /\ IsCC(S)
         /\ \A T \in SUBSET G.node : S \subseteq T /\ S # T => ~IsCC(T)}

(* G has one connected component holding all of its nodes. *)
IsStronglyConnected(G) == ConnectedComponents(G) = {G.node}
-----------------------------------------------------------------------------
(* All undirected graphs with the set of nodes S. *)
UndirectedGraphs(S) ==
  [node : {S}, edge : SUBSET {{s, t} : <<s, t>> \in S \X S}]
=============================================================================
