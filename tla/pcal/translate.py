"""The translation pipeline: module text in, TLA+ translation lines out.

Takes the lines of a .tla module (tabs are expanded here) and :class:`TranslateOptions`;
gives a :class:`Translation` with the generated lines and the parsed algorithm.
Steps, as in the reference translator (``trans.java``): find ``--algorithm`` or
``--fair algorithm``; parse (:mod:`tla.pcal.parser`); expand macros; apply the label
rules (:mod:`tla.pcal.labels`) and decide whether ``pc`` and the stuttering-when-done
disjunct can be omitted; explode (:mod:`tla.pcal.explode`); generate
(:mod:`tla.pcal.codegen`).
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field, replace

from tla.errors import ParseError, Span
from tla.pcal import ast as A
from tla.pcal.astdump import dump
from tla.pcal.codegen import Generator, Options
from tla.pcal.explode import Exploder
from tla.pcal.labels import LabelContext, add_labels, check_body, make_labeled_seq
from tla.pcal.lexer import tokenize_algorithm
from tla.pcal.names import close_procedure_calls, fix_names
from tla.pcal.macros import expand_macros
from tla.pcal.parser import Parser

ALG_MARKERS = ("--algorithm", "--fair")
_MODULE_END = re.compile(r"^\s*====+\s*$")


@dataclass
class TranslateOptions:
    """The translator's options (``pcal.trans`` flags of the same names)."""

    label: bool = False            # -label: add missing labels in any algorithm
    fairness: str = ""             # -wf, -sf, -wfNext, -nof
    termination: bool = False      # -termination: PROPERTY Termination in the .cfg
    nocfg: bool = False            # -nocfg
    no_done_disjunct: bool = False  # -noDoneDisjunct
    spec: bool = False             # -spec / -myspec: accepted, no different translation
    pc_first: bool = True          # False: declare pc after the globals (older translators)
    line_width: int = 78           # -lineWidth


@dataclass
class Translation:
    lines: list[str]
    algorithm: A.Algorithm
    alg_line: int                  # 0-based line of the --algorithm marker
    alg_end_line: int              # 0-based line of the algorithm's last token
    added_labels: list[tuple[str, str]] = field(default_factory=list)
    #: TLC's pcal checksum of the algorithm (see tla.pcal.astdump)
    pcal_checksum: str = ""


def expand_tabs(lines: list[str]) -> list[str]:
    return [ln.expandtabs(8) for ln in lines]


def find_algorithm(lines: list[str]) -> tuple[int, int, bool] | None:
    """(line, column just past the marker, is --fair) of the algorithm, or None."""
    for i, ln in enumerate(lines):
        if _MODULE_END.match(ln) and i > 0:
            return None
        k = ln.find("--algorithm")
        if k != -1:
            return i, k + len("--algorithm"), False
        k = ln.find("--fair")
        if k != -1:
            return i, k + len("--fair"), True
    return None


def translate_lines(lines: list[str], opts: TranslateOptions | None = None,
                    file: str = "<string>", module: str = "") -> Translation:
    """Translate the algorithm found in ``lines``; raise ParseError if there is none or
    it is wrong."""
    opts = opts or TranslateOptions()
    lines = expand_tabs(lines)
    found = find_algorithm(lines)
    if found is None:
        raise ParseError("No PlusCal algorithm (`--algorithm' or `--fair algorithm') found",
                         Span(file, 1, 1, 1, 1, module))
    line, col, fair = found
    toks = tokenize_algorithm(lines, line, col)
    parser = Parser(toks, file, module)
    alg = parser.algorithm(fair)
    ctx = LabelContext(parser.all_labels, alg.procedures, file, module)
    fairness = opts.fairness
    if alg.processes is not None:
        # -wf / -sf make every process not declared fair weakly / strongly fair
        default = {"wf": A.WF, "sf": A.SF}.get(fairness, A.UNFAIR)
        for proc in alg.processes:
            if proc.fairness == A.UNFAIR:
                proc.fairness = default
        omit_pc = not alg.procedures
        omit_stutter = False
        for proc in alg.processes:
            expand_macros(proc.body, alg.macros, file, module)
            add_labels(proc.body, ctx)
            proc.body = make_labeled_seq(proc.body, ctx, False)
            pc_ok, stutter_ok = check_body(proc.body)
            omit_pc = omit_pc and pc_ok
            omit_stutter = omit_stutter or stutter_ok
        for prcd in alg.procedures:
            ctx.current_procedure = prcd.name
            expand_macros(prcd.body, alg.macros, file, module)
            add_labels(prcd.body, ctx)
            prcd.body = make_labeled_seq(prcd.body, ctx, True)
        ctx.current_procedure = None
        if ctx.added and not opts.label:
            raise _missing_labels(ctx, file, module)
        if parser.goto_done_used:
            omit_pc = omit_stutter = False
        if parser.goto_used:
            omit_pc = False
    else:
        if alg.fair:
            fairness = "wf"
        omit_pc = not alg.procedures
        omit_stutter = True
        expand_macros(alg.body, alg.macros, file, module)
        for prcd in alg.procedures:
            ctx.current_procedure = prcd.name
            expand_macros(prcd.body, alg.macros, file, module)
            add_labels(prcd.body, ctx)
            prcd.body = make_labeled_seq(prcd.body, ctx, True)
        ctx.current_procedure = None
        add_labels(alg.body, ctx)
        alg.body = make_labeled_seq(alg.body, ctx, False)
        if ctx.added and parser.has_label and not opts.label:
            raise _missing_labels(ctx, file, module)
        if parser.goto_used:
            omit_pc = False
        if parser.goto_done_used:
            omit_pc = omit_stutter = False
        else:
            pc_ok, stutter_ok = check_body(alg.body)
            omit_pc = omit_pc and pc_ok
            omit_stutter = omit_stutter and stutter_ok
    if parser.label_modifier_used:
        omit_pc = False
    alg.omit_pc = omit_pc
    alg.omit_stuttering_when_done = omit_stutter
    alg.added_labels = [(lbl, st.location()) for lbl, st in ctx.added]

    report = fix_names(alg, file, module)
    close_procedure_calls(alg)
    # The pcal checksum hashes the labeled (not exploded) bodies, as rewritten in
    # place by the explosion: keep views of them before the bodies are replaced.
    original = replace(
        alg, procedures=[replace(p) for p in alg.procedures],
        processes=None if alg.processes is None else [replace(p) for p in alg.processes])
    ex = Exploder(alg, file, module)
    for prcd in alg.procedures:
        ex.explode_procedure(prcd)
    if alg.processes is not None:
        for proc in alg.processes:
            proc.body = ex.explode_body(proc.body, "Done")
    else:
        alg.body = ex.explode_body(alg.body, "Done")
    gen = Generator(alg, Options(fairness=fairness, no_done_disjunct=opts.no_done_disjunct,
                            pc_first=opts.pc_first, line_width=opts.line_width),
                    file, module)
    out = report + gen.generate()
    pcal = zlib.crc32(("fair" if alg.fair else dump(original)).encode("utf-8"))
    return Translation(out, alg, line, alg.end_line, alg.added_labels, format(pcal, "x"))


def _missing_labels(ctx: LabelContext, file: str, module: str) -> ParseError:
    plural = len(ctx.added) > 1
    msg = ("Missing labels at the following locations:" if plural
           else "Missing label at the following location:")
    for _, st in ctx.added:
        msg += "\n     " + st.location()
    st = ctx.added[0][1]
    return ParseError(msg, Span(file, st.line, st.col, st.line, st.col, module))
