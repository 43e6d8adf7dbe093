"""Checks given on the command line rather than in the cfg: ``-inv``, ``-invlevel`` and
``-postCondition``.

Takes: the evaluator's model, the plan made from the cfg (:class:`tla.checker.setup.Plan`)
and the parsed options. Gives: the plan with the extra invariants appended after the
cfg's and the extra postcondition after the cfg's POSTCONDITIONs, or an error.

TLC rules implemented (``TLC -help``; TLC adds these through generated modules):

* ``-inv expr`` (repeatable): the state formula ``expr``, written in the scope of the root
  module (its definitions and what it extends), is checked as an invariant of every state.
  pytlc names the invariant by its text in ``Invariant <expr> is violated.``;
* ``-invlevel n``: the invariant ``TLCGet("level") < n``, i.e. no state is more than ``n - 1``
  steps away from an initial state (so ``-invlevel 3`` stops the search at the first state
  of level 3 with a counterexample to it);
* ``-postCondition Mod!Op``: the constant operator ``Op`` of module ``Mod`` is evaluated
  once the checking is done (``Postcondition Mod!Op is false`` otherwise). ``Mod`` must be
  the root module or one of the modules it EXTENDS (pytlc does not load other modules for
  it) and ``Op`` must be visible from the root module.

An expression that does not parse is :class:`CommandLineCheckError` with TLC's exit status
for parse errors; a ``Mod!Op`` pytlc cannot find is one with the cfg-error status.
"""
from __future__ import annotations

from tla.errors import EvalError, ModelError, SourceError


class CommandLineCheckError(ModelError):
    """A check given on the command line that cannot be used; ``parse_failure`` tells a
    syntax error (TLC reports it as a parse failure) from an unknown name."""

    def __init__(self, message: str, parse_failure: bool = False):
        super().__init__(message)
        self.parse_failure = parse_failure


def _state_predicate(model, node, name: str):
    from tla.evaluator.compiler import EMPTY_ENV
    fn = model.compile(node)

    def holds(state):
        value = fn(state, None, EMPTY_ENV)
        if value is True or value is False:
            return value
        from tla.evaluator.values import pretty
        raise EvalError(f"The invariant {name} is not a boolean; it evaluated to\n"
                        f"{pretty(value)}")
    return holds


def invariant_from_text(model, text: str):
    """``(name, predicate)`` for ``-inv text``."""
    from tla.evaluator.intern_order import seed_from_expr
    from tla.parser import parse_expression
    try:
        node = parse_expression(text, "<-inv>")
    except SourceError as exc:
        raise CommandLineCheckError(f"The expression given to -inv does not parse: "
                                    f"{exc.message}\n{text}", parse_failure=True) from None
    seed_from_expr(node)
    try:
        return text, _state_predicate(model, node, text)
    except SourceError as exc:
        raise CommandLineCheckError(f"The expression given to -inv is not meaningful in "
                                    f"module {model.root.name}: {exc.message}\n{text}") from None


def level_invariant(model, bound: int):
    """``-invlevel n``: ``TLCGet("level") < n`` (read from the evaluator's context, so no
    EXTENDS TLC is needed)."""
    ctx = model.ctx

    def holds(state):
        return ctx.level < bound
    return f'TLCGet("level") < {bound}', holds


def postcondition_from_option(model, text: str):
    """``(name, thunk)`` for ``-postCondition Mod!Op``."""
    from tla.evaluator.compiler import EMPTY_ENV
    module, sep, op = text.partition("!")
    if not sep or not module or not op:
        raise CommandLineCheckError(f"-postCondition expects Mod!Op, not {text}")
    if module != model.root.name and module not in model.modules:
        raise CommandLineCheckError(
            f"The module {module} of -postCondition {text} is not part of the "
            f"specification (pytlc evaluates postconditions of the root module and the "
            f"modules it uses only).")
    if not model.has_definition(op):
        raise CommandLineCheckError(
            f"The operator {op} of -postCondition {text} is not defined in module "
            f"{model.root.name} or the modules it extends.")
    fn = model.compile(op)
    return text, lambda: fn(None, None, EMPTY_ENV)


def add_command_line_checks(model, plan, opts) -> None:
    """Append the options' invariants and postcondition to ``plan``."""
    for text in opts.inv:
        plan.invariants.append(invariant_from_text(model, text))
    if opts.invlevel is not None:
        plan.invariants.append(level_invariant(model, opts.invlevel))
    if opts.postcondition:
        plan.postconditions.append(postcondition_from_option(model, opts.postcondition))
