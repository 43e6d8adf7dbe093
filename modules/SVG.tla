-------------------------------- MODULE SVG ---------------------------------
(***************************************************************************)
(* Building SVG pictures (for animations of behaviors).  An element is a  *)
(* record [name, attrs, children, innerText]: the SVG tag, a function from *)
(* attribute names to strings, a sequence of child elements, and the text *)
(* inside the element.  The evaluator replaces SVGElemToString,           *)
(* NodeOfRingNetwork, NodesOfDirectedMultiGraph and SVGSerialize by native *)
(* implementations (tla.modules.impl_svg).                                *)
(***************************************************************************)
LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences
LOCAL INSTANCE Integers
LOCAL INSTANCE TLC
LOCAL INSTANCE FiniteSets

(* The union of two attribute functions; r1 wins where both have a key. *)
LOCAL Merge(r1, r2) ==
  LET D1 == DOMAIN r1
      D2 == DOMAIN r2
  IN  [k \in (D1 \cup D2) |-> IF k \in D1 THEN r1[k] ELSE r2[k]]

(* The element <_name attrs...>children and text</_name>. *)
SVGElem(_name, _attrs, _children, _innerText) ==
  [name |-> _name, attrs |-> _attrs, children |-> _children,
   innerText |-> _innerText]
-----------------------------------------------------------------------------
(***************************************************************************)
(* Elements for the basic shapes.  Coordinates and sizes are integers;    *)
(* attrs adds further attributes (<<>> for none).                         *)
(***************************************************************************)
Line(x1, y1, x2, y2, attrs) ==
  LET svgAttrs == [x1 |-> ToString(x1), y1 |-> ToString(y1),
                   x2 |-> ToString(x2), y2 |-> ToString(y2)]
  IN  SVGElem("line", Merge(svgAttrs, attrs), <<>>, "")

Circle(cx, cy, r, attrs) ==
  LET svgAttrs == [cx |-> ToString(cx), cy |-> ToString(cy), r |-> ToString(r)]
  IN  SVGElem("circle", Merge(svgAttrs, attrs), <<>>, "")

Rect(x, y, w, h, attrs) ==
  LET svgAttrs == [x |-> ToString(x), y |-> ToString(y),
                   width |-> ToString(w), height |-> ToString(h)]
  IN  SVGElem("rect", Merge(svgAttrs, attrs), <<>>, "")

Text(x, y, text, attrs) ==
  LET svgAttrs == [x |-> ToString(x), y |-> ToString(y)]
  IN  SVGElem("text", Merge(svgAttrs, attrs), <<>>, text)

Image(x, y, width, height, href, attrs) ==
  LET svgAttrs == ("xlink:href" :> href @@
                   "x" :> ToString(x) @@
                   "y" :> ToString(y) @@
                   "width" :> ToString(width) @@
                   "height" :> ToString(height))
  IN  SVGElem("image", Merge(svgAttrs, attrs), <<>>, "")

(* A group of the elements in the sequence children. *)
Group(children, attrs) == SVGElem("g", attrs, children, "")

(* An svg container of the elements in the sequence children. *)
Svg(children, attrs) == SVGElem("svg", attrs, children, "")

(* A whole SVG document showing children in the view box                  *)
(* vbX vbY vbW vbH.                                                        *)
SVGDoc(children, vbX, vbY, vbW, vbH, attrs) ==
  LET svgAttrs == ("xmlns:xlink" :> "http://www.w3.org/1999/xlink" @@
                   "xmlns" :> "http://www.w3.org/2000/svg" @@
                   "viewBox" :> ToString(vbX) \o " " \o ToString(vbY) \o " "
                                \o ToString(vbW) \o " " \o ToString(vbH))
  IN  Svg(<<children>>, Merge(svgAttrs, attrs))

(* The SVG text of the element elem. *)
SVGElemToString(elem) == CHOOSE s \in STRING : TRUE
-----------------------------------------------------------------------------
(***************************************************************************)
(* The integer coordinates [x |-> ..., y |-> ...] of the n-th of m nodes  *)
(* placed evenly on a circle of radius r around (cx, cy): the point at    *)
(* angle 2 * pi * n / m, its coordinates truncated to integers.           *)
(***************************************************************************)
NodeOfRingNetwork(cx, cy, r, n, m) == CHOOSE p \in [x : Int, y : Int] : TRUE

(* Coordinates for the nodes of the graph with the given nodes and edges, *)
(* laid out as options (a record) asks.                                    *)
NodesOfDirectedMultiGraph(nodes, edges, options) ==
  CHOOSE f \in [nodes -> [x : Int, y : Int]] : TRUE

(* The point 1/segment of the way from from to to (TLC truncates the      *)
(* quotients towards zero).                                                *)
PointOnLine(from, to, segment) ==
  [x |-> from.x + ((to.x - from.x) \div segment),
   y |-> from.y + ((to.y - from.y) \div segment)]
-----------------------------------------------------------------------------
(* TRUE; writes the SVG text of svg to the file                           *)
(* frameNamePrefix \o ToString(frameNumber) \o ".svg".                     *)
SVGSerialize(svg, frameNamePrefix, frameNumber) ==
  LET IO == INSTANCE IOUtils
  IN  IO!Serialize(SVGElemToString(svg),
                   frameNamePrefix \o ToString(frameNumber) \o ".svg",
                   [format |-> "TXT", charset |-> "UTF-8",
                    openOptions |-> <<"WRITE", "CREATE", "TRUNCATE_EXISTING">>])
=============================================================================
