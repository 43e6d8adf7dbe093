"""The call context handed to Python implementations that ask for it (``context=True`` in
``tla.modules.registry.builtin``).

Takes nothing; gives :class:`CallContext`. The evaluator creates one per model and updates
``span`` before each call of a context-taking builtin and ``level`` / ``state`` before
evaluating in a state. Attribute names are stable:

* ``span``: :class:`tla.errors.Span` of the call being evaluated (or None);
* ``level``: the TLC level (BFS depth, 1 for initial states) of the current state, what
  ``TLCGet("level")`` gives;
* ``state``: the current state as a dict {variable name: value} or None (TLCExt's
  ``Trace``/``CounterExample`` readers may use it); ``next_state`` likewise for primed;
* ``registers``: dict for ``TLCSet(i, v)`` / ``TLCGet(i)`` (int keys);
* ``out``: a callable taking one line of text (without newline), where ``Print``/``PrintT``
  write; defaults to printing on stdout;
* ``spec_dir``: the directory of the root spec (file readers such as ``IOUtils``, ``CSV``);
* ``stats``: dict the checker may fill for ``TLCGet("stats")``/``"diameter"``/``"distinct"``
  etc. (keys as TLC names them: ``"diameter"``, ``"distinct"``, ``"generated"``,
  ``"queue"``, ``"duration"``);
* ``config``: dict for ``TLCGet("config")`` (TLC's keys: ``"mode"``, ``"depth"``, ...);
  ``config["properties"]`` holds the Java system properties ``TLCGet("-Dname")`` reads
  (by default ``tlc2.tool.impl.Tool.cdot = "true"``: the evaluator supports action
  composition, which TLC enables with that property);
* ``model``: the evaluator's model object (may be None), for operators that must evaluate
  definitions by name;
* ``action``: the action that produced the current state, for ``TLCGet("action")``: an
  object with ``name`` (str), ``span`` (:class:`~tla.errors.Span` of the action's body, or
  None) and ``context`` (dict: parameter name -> value), or None (TLC's dummy
  ``UnnamedAction``, which is all TLC gives in breadth-first search);
* ``spec``: the parts of the behaviour spec for ``TLCGet("spec")``: a dict from TLC's field
  names (``"inits"``, ``"actions"``, ``"temporals"``, ``"invariants"``,
  ``"impliedinits"``, ``"impliedtemporals"``, ``"variables"``, ``"actionconstraints"``,
  ``"constraints"``, ``"impliedactions"``) to lists of objects with ``name`` and ``span``;
  None when the checker gives none (``TLCGet("spec")`` is then undefined).
"""
from __future__ import annotations

import os
import sys
from typing import Any, Callable, Optional

from tla.records import field, mutable_record
from tla.errors import Span


def _stdout_line(text: str) -> None:
    sys.stdout.write(text + "\n")


@mutable_record
class CallContext:
    span: Optional[Span] = None
    level: int = 0
    state: Optional[dict] = None
    next_state: Optional[dict] = None
    registers: dict = field(default_factory=dict)
    out: Callable[[str], None] = _stdout_line
    spec_dir: str = field(default_factory=os.getcwd)
    stats: dict = field(default_factory=dict)
    config: dict = field(default_factory=lambda: {
        "properties": {"tlc2.tool.impl.Tool.cdot": "true"}})
    model: Any = None
    action: Any = None
    spec: Optional[dict] = None
