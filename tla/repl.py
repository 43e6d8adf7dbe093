"""``pytlc repl [Spec.tla]``: evaluate TLA+ expressions interactively (TLC's REPL).

Takes lines from a stream; prints each expression's value as TLC prints values. Without a
file, Naturals, Integers, Sequences, FiniteSets, Bags and TLC are in scope; with a file, that
module's definitions are too (its constants must then have no value-dependent definitions
evaluated, or be given as ``NAME=VALUE`` arguments). An expression may span several lines:
a line ending in ``\\`` continues on the next. History and line editing come from
``readline`` where the platform has it.
"""
from __future__ import annotations

import os
from typing import TextIO

PROMPT = "(tla+) "
STANDARD = "Naturals, Integers, Sequences, FiniteSets, Bags, TLC"


def _load(path: str | None, constants: dict):
    from tla.evaluator.loading import load_file, load_text
    from tla.evaluator.model import build_model
    if path is None:
        tree = load_text(f"---- MODULE REPL ----\nEXTENDS {STANDARD}\n====\n", "<repl>")
    else:
        tree = load_file(path)
    declared = {c.name for u in tree.root.units if type(u).__name__ == "Constants"
                for c in u.decls}
    return build_model(tree, constants={k: v for k, v in constants.items() if k in declared})


def _constants(args: list[str]) -> tuple[str | None, dict]:
    from tla.parser import parse_expression
    path, constants = None, {}
    for arg in args:
        if "=" in arg and not arg.endswith(".tla"):
            name, text = arg.split("=", 1)
            from tla.evaluator.model import build_model
            from tla.evaluator.loading import load_text
            scratch = build_model(load_text(f"---- MODULE C ----\nEXTENDS {STANDARD}\n====\n"))
            constants[name.strip()] = scratch.evaluate(parse_expression(text))
        else:
            path = arg
    return path, constants


def main_repl(args: list[str], stdin: TextIO, out: TextIO) -> int:
    """Run the read-eval-print loop until end of input; 0 on a normal end."""
    from tla.errors import TLAError
    from tla.evaluator.values import pretty
    if args and args[0] in ("-h", "--help"):
        out.write("usage: pytlc repl [Spec.tla] [NAME=VALUE ...]\n"
                  "Evaluate TLA+ expressions; a line ending in \\ continues. Ctrl-D quits.\n")
        return 0
    try:
        path, constants = _constants(args)
        model = _load(path, constants)
        declared = {name for name, _ in model.declared_constants}
        extra = {k: v for k, v in constants.items() if k not in declared}
    except TLAError as exc:
        out.write(f"Error: {exc}\n")
        return 1
    interactive = stdin.isatty()
    if interactive:
        _enable_history()
        out.write("Welcome to the pytlc REPL. Enter a TLA+ expression; Ctrl-D quits.\n")
    pending = ""
    while True:
        if interactive:
            try:
                line = input(PROMPT if not pending else "...    ")
            except EOFError:
                out.write("\n")
                return 0
        else:
            line = stdin.readline()
            if not line:
                break
            line = line.rstrip("\n")
        if line.endswith("\\") and not line.endswith("/\\") and not line.endswith("\\/"):
            pending += line[:-1] + "\n"
            continue
        text = (pending + line).strip()
        pending = ""
        if not text:
            continue
        try:
            value = model.evaluate(text, **extra)
            out.write(pretty(value) + "\n")
        except TLAError as exc:
            out.write(f"Error: {exc}\n")
        out.flush()
    return 0


def _enable_history() -> None:
    try:
        import readline
    except ImportError:
        return
    history = os.path.expanduser("~/.pytlc_history")
    try:
        readline.read_history_file(history)
    except OSError:
        pass
    import atexit
    atexit.register(lambda: _save_history(readline, history))


def _save_history(readline, history: str) -> None:
    try:
        readline.write_history_file(history)
    except OSError:
        pass
