"""Writers for ``-dump FILE`` (every reachable state as text) and ``-dump dot,... FILE``
(the state graph for GraphViz).

Takes: the states and transitions the checker finds, as text (each state printed as in a
trace, ending in a newline), with fingerprints, BFS levels and action names.
Gives: TLC's files.

TLC rules implemented (tlc-interface.md sections 6.3 and 6.4; ``tlc2/util/StateWriter``
and ``DotStateWriter``):

* Text dump: every distinct state in discovery order as ``State <n>:\\n<state text>\\n``,
  numbered from 1, so states are separated by an empty line.
* Dot dump: ``strict digraph DiskGraph {``, box nodes, the ``paired12`` edge colour scheme
  with ``colorize``, ``nodesep=0.35;``, a ``cluster_graph`` subgraph holding the initial
  states (``style = filled``), every transition ``a -> b`` with
  ``[label="<action>",color="<c>",fontcolor="<c>"]`` (label empty without ``actionlabels``,
  colour ``black`` without ``colorize``, else the number given to the action, counting from
  2 in order of first use), each new successor's node with its label and tooltip (filled
  lightyellow when the state is outside the model's constraints), dashed lightgray
  self-loops for stuttering steps (only with ``stuttering``), duplicate edges dropped by
  ``fp1 ^ fp2`` with ``strict``, one ``{rank = same; ...}`` line per BFS level, and a legend
  subgraph when more than one action was coloured. Labels escape ``\\`` and ``"``, are
  trimmed, and turn newlines into ``\\n``. Node ids are pytlc's fingerprints (TLC's FP64
  values cannot be reproduced).

A file that cannot be written raises :class:`output_files.OutputFileError` (the writers
take any text stream; ``output_files.OutputStream`` turns write failures into that error).
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import TextIO

from tla.tlc_compat.options import DumpOption
from tla.tlc_compat.output_files import write_text_file

_COLOR_SCHEME = "paired12"


class StateDumpWriter:
    """``-dump FILE``: writes each distinct state once, in the order it is given."""

    def __init__(self, out: TextIO):
        self.out = out
        self.count = 0

    def write_state(self, state_text: str) -> None:
        """A newly found (distinct) state."""
        self.count += 1
        self.out.write(f"State {self.count}:\n{state_text}\n")

    def close(self) -> None:
        _close(self.out)


def _close(out: TextIO) -> None:
    """Flush ``out`` and close it when it can be closed (a file; not a test's buffer)."""
    out.flush()
    close = getattr(out, "close", None)
    if close is not None and not isinstance(out, io.StringIO):
        close()


def dot_label(state_text: str) -> str:
    """A state's text as a dot label (``DotStateWriter.states2dot``)."""
    return state_text.replace("\\", "\\\\").replace('"', '\\"').strip().replace("\n", "\\n")


class DotDumpWriter:
    """``-dump dot[,colorize][,actionlabels][,snapshot][,constrained][,stuttering][,strict]``.

    Call :meth:`write_initial` for each initial state, :meth:`write_transition` for each
    step the checker takes (``seen`` tells whether the successor was found before), then
    :meth:`close`. With ``snapshot`` and a ``path``, a complete ``<name>_snapshot.dot`` is
    rewritten after every write.
    """

    def __init__(self, out: TextIO, colorize: bool = False, actionlabels: bool = False,
                 constrained: bool = False, stuttering: bool = False, strict: bool = False,
                 snapshot: bool = False, path: str | Path | None = None):
        self.out = out
        self.colorize = colorize
        self.actionlabels = actionlabels
        self.constrained = constrained
        self.stuttering = stuttering
        self.strict_seen: set[int] | None = set() if strict else None
        self.snapshot_path = _snapshot_path(path) if snapshot and path is not None else None
        self.colors: dict[str, int] = {}
        self._next_color = 1
        self.ranks: dict[int, dict[int, None]] = {}
        self._parts: list[str] = []
        self._emit("strict digraph DiskGraph {\n")
        self._emit("node [shape=box,style=rounded]\n")
        if colorize:
            self._emit(f'edge [colorscheme="{_COLOR_SCHEME}"]\n')
        self._emit("nodesep=0.35;\n")
        self._emit("subgraph cluster_graph {\n")
        self._emit('color="white";\n')

    @classmethod
    def from_option(cls, out: TextIO, option: DumpOption) -> "DotDumpWriter":
        return cls(out, option.colorize, option.actionlabels, option.constrained,
                   option.stuttering, option.strict, option.snapshot, option.file)

    def _emit(self, text: str) -> None:
        self.out.write(text)
        if self.snapshot_path is not None:
            self._parts.append(text)

    def _color(self, action: str | None) -> int:
        if action is None:
            return 1
        if action not in self.colors:
            self._next_color += 1
            self.colors[action] = self._next_color
        return self.colors[action]

    def _rank(self, level: int, fp: int) -> None:
        self.ranks.setdefault(level, {})[fp] = None

    def write_initial(self, fp: int, state_text: str, level: int = 1) -> None:
        self._emit(f'{fp} [label="{dot_label(state_text)}",style = filled]\n')
        self._rank(level, fp)
        self._write_snapshot()

    def write_transition(self, fp: int, successor_fp: int, successor_text: str, seen: bool,
                         action: str | None = None, level: int = 1, in_model: bool = True,
                         stuttering: bool = False, label_text: str | None = None) -> None:
        """One step from state ``fp`` (at BFS ``level``) to ``successor_fp``.

        ``label_text`` is what an action label shows (default: the action's name).
        """
        if stuttering and not self.stuttering:
            return
        if self.strict_seen is not None:
            key = fp ^ successor_fp
            if key in self.strict_seen:
                return
            self.strict_seen.add(key)
        line = f"{fp} -> {successor_fp}"
        if stuttering:
            self._emit(line + ' [style="dashed",color="lightgray"];\n')
        else:
            if action is not None:
                color = str(self._color(action)) if self.colorize else "black"
                label = (label_text if label_text is not None else action) if self.actionlabels else ""
                line += f' [label="{label}",color="{color}",fontcolor="{color}"]'
            self._emit(line + ";\n")
            if not seen:
                text = dot_label(successor_text)
                tail = '",style = filled, fillcolor=lightyellow]' if not in_model else '"]'
                self._emit(f'{successor_fp} [label="{text}",tooltip="{text}{tail};\n')
        self._rank(level, fp)
        self._write_snapshot()

    def _closing(self) -> str:
        lines = ["{rank = same; " + "".join(f"{fp};" for fp in fps) + "}\n"
                 for _, fps in sorted(self.ranks.items())]
        text = "".join(lines) + "}\n"
        if self.colorize and len(self.colors) > 1:
            text += self._legend()
        return text + "}"

    def _legend(self) -> str:
        parts = ["subgraph cluster_legend {", "graph[style=bold];",
                 'label = "Next State Actions" style="solid"\n',
                 f'node [ labeljust="l",colorscheme="{_COLOR_SCHEME}",style=filled,shape=record ]\n']
        for action, color in self.colors.items():
            parts.append(f'{action.replace("!", ":")} [label="{action}",fillcolor={color}]\n')
        parts.append("}")
        return "".join(parts)

    def _write_snapshot(self) -> None:
        if self.snapshot_path is not None:
            write_text_file(str(self.snapshot_path), "".join(self._parts) + self._closing())

    def close(self) -> None:
        self.out.write(self._closing())
        _close(self.out)


def _snapshot_path(path: str | Path) -> Path:
    path = Path(path)
    stem = path.name[: -len(".dot")] if path.name.endswith(".dot") else path.name
    return path.with_name(stem + "_snapshot.dot")
