"""Lint rule: constants, variables and definitions of the root module that nothing uses.

Takes: the root module's :class:`~tla.parser.semantic.Analysis` and the names the model's
cfg mentions (empty when the spec has no cfg).
Gives: one warning per unused symbol, at its declaration.

A symbol counts as used when any expression, ASSUME, THEOREM or proof of the module (or a
nested module) refers to it, or the cfg names it. Top-level definitions are only reported
when the spec has a cfg: without one, the module is a library whose definitions are meant
for its users. With a cfg, a definition is also reported when only dead definitions use it
(it is not reachable from the cfg's names, THEOREMs, ASSUMEs and USEs). LOCAL and LET
definitions are always reported, since nothing outside can use them. Symbols of other
modules (standard modules included) are never reported.
"""
from __future__ import annotations

from tla.parser import semantic as S

from .findings import WARNING, Finding, at

_WHAT = {S.CONSTANT: "Constant", S.VARIABLE: "Variable", S.DEF: "Definition",
         S.FUNDEF: "Function", S.INSTANCE: "Instance"}


def check_unused(analysis: S.Analysis, cfg_names: set[str], has_cfg: bool,
                 file: str) -> list[Finding]:
    info = analysis.modules.get(analysis.root)
    if info is None:
        return []
    live = analysis.live(analysis.root, cfg_names) if has_cfg else None
    findings = []
    seen = set()
    for sym in info.own:
        if sym.kind not in _WHAT or id(sym) in seen:
            continue
        seen.add(id(sym))
        if sym.name in cfg_names:
            continue
        local = sym.name in info.local
        what = f"LOCAL {_WHAT[sym.kind].lower()}" if local else _WHAT[sym.kind]
        definition = sym.kind in (S.DEF, S.FUNDEF, S.INSTANCE)
        if sym not in analysis.used:
            if definition and not has_cfg and not local:
                continue
            message = f"{what} '{sym.name}' is never used"
        elif definition and live is not None and sym not in live:
            message = (f"{what} '{sym.name}' is only used by definitions that neither the "
                       f"model nor a THEOREM or ASSUME uses")
        else:
            continue
        findings.append(at(sym.span, file, WARNING, message, "unused"))
    for sym in info.let_defs:
        if sym not in analysis.used:
            findings.append(at(sym.span, file, WARNING,
                               f"LET definition '{sym.name}' is never used", "unused"))
    return findings
