"""The fairness conjuncts of ``Spec``.

Takes a process (its fairness, its ``+``/``-`` labels, the procedures it calls) and gives
the formula the translator puts in ``Spec`` (``GenSpec``): ``WF_vars`` or ``SF_vars`` of
the process action, guarded by ``pc[self] \\notin {...}`` for labels marked ``-``,
``SF_vars`` of the labels marked ``+``, the same for each procedure called, with
``\\A self \\in S :`` for a process set; split over lines at the wrap column the way
the translator does (including its quirks).
"""
from __future__ import annotations

from dataclasses import dataclass

from tla.pcal import ast as A
from tla.pcal.writer import WRAP


def process_fairness(p: A.Process, procedures: list[A.Procedure],
                     wrap: int = WRAP) -> "ProcessFairness":
    """The fairness formula of process ``p`` (which is fair)."""
    xf = "WF" if p.fairness == A.WF else "SF"
    p_self = p.id.to_lines()
    make_let = False
    q_self = "self"
    if p.is_eq:
        if len(p_self) > 1:
            make_let = True
        else:
            q_self = p_self[0]
    prefix: list[str] = []
    if make_let or not p.is_eq:
        begin, end = ("LET self == ", "") if p.is_eq else ("\\A self \\in ", " : ")
        for j, ln in enumerate(p_self):
            ln = (begin if j == 0 else " " * len(begin)) + ln
            if j == len(p_self) - 1:
                ln += end
            prefix.append(ln)
        if make_let:
            prefix.append("IN ")
    wf = xf + "_vars(" + _minus_guard(p.minus_labels, q_self)
    wf += p.name + ("" if p.is_eq else "(self)") + ")"
    sf = None
    if xf == "WF" and p.plus_labels:
        sf = " /\\ ".join("SF_vars(" + lbl + ("" if p.is_eq else "(self)") + ")"
                          for lbl in p.plus_labels)
    prcd: list[tuple[str, str | None]] = []
    for name in p.procedures_called:
        pe = next((q for q in procedures if q.name == name), None)
        if pe is None:
            continue
        w = xf + "_vars(" + _minus_guard(pe.minus_labels, q_self) + pe.name + "(" + q_self + "))"
        s = None
        if xf == "WF" and pe.plus_labels:
            s = " /\\ ".join("SF_vars(" + lbl + "(" + q_self + "))" for lbl in pe.plus_labels)
        prcd.append((w, s))
    return ProcessFairness(prefix, (wf, sf), prcd, wrap)


def _minus_guard(labels: list[str], q_self: str) -> str:
    if not labels:
        return ""
    if len(labels) == 1:
        return "(pc[" + q_self + "] # \"" + labels[0] + "\") /\\ "
    return "(pc[" + q_self + "] \\notin {\"" + "\", \"".join(labels) + "\"}) /\\ "


def _pair_line(pair: tuple[str, str | None]) -> str:
    wf, sf = pair
    return wf if sf is None else wf + " /\\ " + sf


def _pair_multi(pair: tuple[str, str | None], col: int) -> str:
    wf, sf = pair
    val = "/\\ " + wf
    return val if sf is None else val + "\n" + " " * col + "/\\ " + sf


@dataclass
class ProcessFairness:
    """A process's fairness: the ``\\A self`` / ``LET self`` prefix lines, the formula
    pair (WF, SF of the ``+`` labels) of its body, and one pair per procedure called."""

    prefix: list[str]
    body: tuple[str, str | None]
    prcd: list[tuple[str, str | None]]
    wrap: int = WRAP

    def single_line_width(self) -> int:
        max_prefix = 0
        width = 0
        for i in range(len(self.prefix) - 1):
            max_prefix = max(max_prefix, len(self.prefix[i]))
            width = len(self.prefix[-1])
        width += len(self.body[0])
        if self.body[1] is not None:
            width += len(self.body[1])
        for pair in self.prcd:
            width += len(_pair_line(pair))
        return max(max_prefix, width)

    def prefix_text(self, col: int) -> str:
        return "\n".join((" " * col if i else "") + ln for i, ln in enumerate(self.prefix))

    def format(self, col: int) -> str:
        if col + self.single_line_width() <= self.wrap or (self.body[1] is None and not self.prcd):
            val = self.prefix_text(col) + _pair_line(self.body)
            for pair in self.prcd:
                val += " /\\ " + _pair_line(pair)
            return val
        val = self.prefix_text(col)
        cur_col = col + (len(self.prefix[-1]) if self.prefix else 0)
        line = _pair_line(self.body)
        if cur_col + len(line) + 3 <= self.wrap:
            val += "/\\ " + line
        else:
            val += _pair_multi(self.body, cur_col)
        for i, pair in enumerate(self.prcd):
            if i == 0:
                val += "\n"
            val += " " * cur_col
            line = _pair_line(pair)
            if cur_col + len(line) + 3 <= self.wrap:
                val += "/\\ " + line + "\n"
            else:
                val += _pair_multi(pair, cur_col)
        return val

