------------------------------- MODULE Graphs -------------------------------
(***************************************************************************)
(* Directed graphs, represented as records [node |-> N, edge |-> E] with  *)
(* E \subseteq N \X N, and paths and connectivity in them.  The evaluator *)
(* replaces the expensive operators by native implementations             *)
(* (tla.modules.impl_graphs).                                             *)
(***************************************************************************)
LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences
LOCAL INSTANCE SequencesExt
LOCAL INSTANCE FiniteSets

IsDirectedGraph(G) ==
  /\ G = [node |-> G.node, edge |-> G.edge]
  /\ G.edge \subseteq (G.node \X G.node)

(* The subgraphs of G. *)
DirectedSubgraph(G) ==
  {H \in [node : SUBSET G.node, edge : SUBSET (G.node \X G.node)] :
     IsDirectedGraph(H) /\ H.edge \subseteq G.edge}

(* G with every edge reversed. *)
Transpose(G) == [edge |-> {<<e[2], e[1]>> : e \in G.edge}, node |-> G.node]
-----------------------------------------------------------------------------
(* A directed graph that has each edge in both directions. *)
IsUndirectedGraph(G) ==
  /\ IsDirectedGraph(G)
  /\ \A e \in G.edge : <<e[2], e[1]>> \in G.edge

UndirectedSubgraph(G) == {H \in DirectedSubgraph(G) : IsUndirectedGraph(H)}
-----------------------------------------------------------------------------
(* The non-empty sequences of nodes in which each step follows an edge. *)
Path(G) ==
  {p \in Seq(G.node) :
     /\ p # <<>>
     /\ \A i \in 1 .. (Len(p) - 1) : <<p[i], p[i + 1]>> \in G.edge}

(* The paths that visit no node twice. *)
SimplePath(G) ==
  {p \in SeqOf(G.node, Cardinality(G.node)) :
     /\ p # <<>>
     /\ Cardinality({p[i] : i \in DOMAIN p}) = Len(p)
     /\ \A i \in 1 .. (Len(p) - 1) : <<p[i], p[i + 1]>> \in G.edge}

(* Some path leads from m to n. *)
AreConnectedIn(m, n, G) ==
  \E p \in SimplePath(G) : (p[1] = m) /\ (p[Len(p)] = n)

(***************************************************************************)
(* The Boolean matrix of AreConnectedIn for all pairs of nodes, computed  *)
(* as Warshall does: C[N] relates m and n when a path leads from m to n   *)
(* with all its inner nodes in N.                                          *)
(***************************************************************************)
ConnectionsIn(G) ==
  LET C[N \in SUBSET G.node] ==
        IF N = {}
        THEN [m, n \in G.node |-> m = n \/ <<m, n>> \in G.edge]
        ELSE LET u == CHOOSE u \in N : TRUE
                 Cu == C[N \ {u}]
             IN  [m, n \in G.node |-> Cu[m, n] \/ (Cu[m, u] /\ Cu[u, n])]
  IN  C[G.node]

IsStronglyConnected(G) == \A m, n \in G.node : AreConnectedIn(m, n, G)
-----------------------------------------------------------------------------
(* G is a tree whose edges point towards its root r. *)
IsTreeWithRoot(G, r) ==
  /\ IsDirectedGraph(G)
  /\ \A e \in G.edge : /\ e[1] # r
                       /\ \A f \in G.edge : (e[1] = f[1]) => (e = f)
  /\ \A n \in G.node : AreConnectedIn(n, r, G)
=============================================================================
