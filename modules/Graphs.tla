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
LOCAL INSTANCE Relation

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
-----------------------------------------------------------------------------
(* The graph with the nodes and the edges of both G and H. *)
GraphUnion(G, H) == [node |-> G.node \cup H.node, edge |-> G.edge \cup H.edge]

(* Every edge of G links a node of U with a node of V, which partition G. *)
IsBipartiteWithPartitions(G, U, V) ==
  /\ U \cap V = {}
  /\ G.node \subseteq (U \cup V)
  /\ \A e \in G.edge : \/ e[1] \in U /\ e[2] \in V
                       \/ e[2] \in U /\ e[1] \in V

(* Some path of G leads from a node back to itself. *)
HasCycle(G) ==
  \/ \E n \in G.node : <<n, n>> \in G.edge
  \/ \E m, n \in G.node : m # n /\ ConnectionsIn(G)[m, n] /\ ConnectionsIn(G)[n, m]

(* G is a directed acyclic graph. *)
IsDag(G) == IsDirectedGraph(G) /\ ~HasCycle(G)

(* The nodes one edge after n (after a node of S), and one edge before. *)
Successors(G, n) == {m \in G.node : <<n, m>> \in G.edge}

AllSuccessors(G, S) == UNION {Successors(G, n) : n \in S}

Predecessors(G, n) == {m \in G.node : <<m, n>> \in G.edge}

AllPredecessors(G, S) == UNION {Predecessors(G, n) : n \in S}

(* The nodes with a non-empty path to n, and those reached from n. *)
Ancestors(G, n) ==
  LET EdgeRelation == [<<x, y>> \in G.node \X G.node |-> <<x, y>> \in G.edge]
  IN  {m \in G.node : TransitiveClosure(EdgeRelation, G.node)[m, n]}

Descendants(G, n) ==
  LET EdgeRelation == [<<x, y>> \in G.node \X G.node |-> <<x, y>> \in G.edge]
  IN  {m \in G.node : TransitiveClosure(EdgeRelation, G.node)[n, m]}

(* The numbers of edges into and out of n. *)
InDegree(G, n) == Cardinality(Predecessors(G, n))

OutDegree(G, n) == Cardinality(Successors(G, n))

(* The nodes without predecessors, and those without successors. *)
Roots(G) == {n \in G.node : Predecessors(G, n) = {}}

Leaves(G) == {n \in G.node : Successors(G, n) = {}}
-----------------------------------------------------------------------------
EmptyGraph == [node |-> {}, edge |-> {}]

(* All directed graphs with the set of nodes S. *)
Graphs(S) == [node : {S}, edge : SUBSET (S \X S)]
=============================================================================
