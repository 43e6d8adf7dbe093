"""Loop-invariant lines moved out of generated loops.

Takes the lines of a generated ``for`` loop (``Code.block(..., loop=True)``); gives the same
code with the statements that compute the same value in every iteration moved before the
loop header. ``{c \\in Vertices(dag) : <<v, c>> \\in Edges(dag)}`` looks ``Edges(dag)`` up
once instead of once per vertex.

A statement moves only when all of this holds, so that moving it can change nothing but
how often it runs:

- it is a plain assignment ``name = expression`` at the loop body's own indentation (it
  runs in every iteration that gets that far), or that assignment followed by its
  ``if name is NOTIN: name = ap(...)`` line;
- ``name`` is assigned nowhere else in the loop and is no list or dict the loop fills;
- the expression reads only names the loop does not assign, and none that the loop
  mutates (``acc.append(x)``, ``m[k] = v``); these names are the generator's own temporaries
  (TLA+ values, never mutated), the state tuples and compiled constants;
- it calls nothing but ``type``, ``len``, ``ap`` (function application), ``fld`` (record
  field), a compiled constant's thunk, a function's ``.map.get`` and its
  ``.first_key_is_int()`` (which only remembers its answer in ``._ik``, the one other
  attribute read): cheap and free of effects, so that running it once before a loop of no
  iteration costs little.

Evaluating the expression before the loop may raise where the loop would not have reached
it; generated code may raise anywhere (its caller then asks the reference evaluator, see
``tla.evaluator.codegen``), so the answer stays the reference's.

A statement that passes every test but the last because it calls a set operation of the
runtime (``cup``, ``diff``, ``union``...: free of effects, but not cheap enough to run for a
loop of no iteration) is computed at its place in the first iteration that gets there and
kept for the others: ``t11 = NOVAL`` before the loop, ``if t11 is NOVAL: t11 = cup(x5, x6)``
in it (``\\A v \\in S : f[v] \\subseteq S \\cup T``).

In a loop over an interval, a temporary assigned inside if/else blocks of the loop body
(not inside an inner loop or function) takes the same lazy form when its expression passes
those tests and costs more than the test (a function application that may take the tuple
path, or a set operation):
``ss[i]`` under ``i < j`` in the ``j`` loop of ``\\A i, j \\in 1..Len(ss) : (i < j) => ...``.

In any loop, an operator's argument bound under a test to a name the loop does not change
(``a7 = x3``, where the operator is called with ``i`` in the ``j`` loop) is bound before the
loop instead, which lets what its body computes from it take that lazy form.

An ``if``/``else`` statement of the loop body's own indentation moves as a whole when its
test and every statement of its two branches pass the tests above (``eq``, TLA+ equality,
is a call it may make too), its branches hold nothing but such assignments, and what it
assigns are the generator's temporaries or one result that both branches set: an inlined
``IF ... THEN ... ELSE`` of names fixed during the loop (``Round(v)`` in
``\\A c \\in Children(dag, v) : Round(c) = Round(v) - 1``).
"""
from __future__ import annotations

import re

#: a plain assignment to one generated name
_ASSIGN = re.compile(r"^([a-z]+\d+) = (.+)$")
#: the line after a function application that the inline fast path left undecided
_NOTIN_FIX = "if {0} is NOTIN: {0} = ap("
#: an operator's argument bound to a name (``a7 = x3``), the generator's aliases
_ALIAS = re.compile(r"^(a\d+) = ([a-z]+\d+)$")
#: names of the generator's temporaries, state tuples and compiled constants
_LOCAL = re.compile(r"^(?:[a-z]+\d+|s|t)$")
_CONSTANT = re.compile(r"^[CK]_\d+(?:_f)?$")
_KEYWORDS = frozenset({"if", "else", "and", "or", "not", "is", "in"})
#: the generator's temporaries: a subexpression's value, assigned at one place and read
#: only after it in the same block (not a result that the loop leaves behind: ``r2 = False``)
_TEMPORARY = re.compile(r"^t\d+$")
#: what a nested statement must compute to be worth its lazy form: a function
#: application that may take the tuple path, or a set operation of the runtime (a
#: constant's thunk, a one-element set or a dict look-up costs about what the test does)
_COSTLY = re.compile(r"\bis tuple and\b|\b(?:cup|cap|diff|union|subseteq|mem|setof|bset|"
                     r"ProductSet|FcnSet|domain)\(")
#: block headers whose body runs in some iterations, at most once each
_CONDITIONALS = ("if ", "elif ", "else:")
_ALLOWED = _KEYWORDS | {"type", "len", "ap", "fld", "tuple", "int", "str", "bool", "Fcn",
                        "LazyFcn", "FSet", "Interval", "NOTIN", "NOVAL", "True", "False",
                        "None"}
#: calls an expression may make (anything else may have effects or cost much)
_CALLS = frozenset({"type", "len", "ap", "fld"})
#: the attributes an expression may read, and those of them it may call: a function's
#: dict (a LazyFcn's memo: a value once there stays) and its look-up, and whether ``f[1]``
#: may be looked up in the dict (``FIRST_KEY_TEST``, see ``exprs._not_boolean_key``)
_ATTRIBUTES = frozenset({"map", "memo", "get", "_ik", "first_key_is_int"})
#: that test as the generator writes it for a function ``f`` (``cse`` recognizes it)
FIRST_KEY_TEST = "({f}._ik is True or ({f}._ik is None and {f}.first_key_is_int()))"
_METHODS = frozenset({"get", "first_key_is_int"})
#: ...and those of an expression computed once, in the first iteration that reaches it:
#: the runtime's set operations and constructors (``tla.evaluator.codegen.runtime``)
_LAZY_CALLS = _CALLS | {"cup", "cap", "diff", "union", "subseteq", "mem", "setof", "bset",
                        "FSet", "Interval", "ProductSet", "FcnSet", "domain"}
#: ...and those of an if/else statement moved whole (its test compares values)
_COMPOUND_CALLS = _CALLS | {"eq"}
#: a result that both branches of an if/else set (an inlined IF's value)
_RESULT = re.compile(r"^r\d+$")
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_NAME = re.compile(r"(?<![\w.])([A-Za-z_]\w*)(\s*\()?")
_ATTRIBUTE = re.compile(r"\.([A-Za-z_]\w*)(\s*\()?")
_WORD = re.compile(r"[A-Za-z_]\w*")
#: the names a statement binds: assignment targets (one or a tuple), ``for`` targets
_TARGETS = re.compile(r"^(?:for\s+)?([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*,?\s*"
                      r"(?:=(?!=)|in\b)")
#: names whose object the loop changes in place
_MUTATED = re.compile(r"\b([A-Za-z_]\w*)(?:\.(?:append|extend|clear|pop|update|add|insert|"
                      r"remove|setdefault)\(|\[[^\]]*\]\s*=(?!=))")


def hoist_invariants(lines: list[str], header: int, body_indent: str) -> None:
    """Move the invariant statements of the loop whose header is ``lines[header]`` (its
    body: the lines after it, indented by ``body_indent``) to just before the header."""
    body = lines[header + 1:]
    # nested statements: in loops over an interval only (\A i, j \in 1..n: many
    # iterations reach the test; a loop over a set of messages mostly reaches it once, and
    # the lazy form then costs more: EWD998PCal's actions)
    nested = " in range(" in lines[header]
    if not body or not _has_candidate(nested, body, body_indent, lines[header]):
        return
    assigned = _assigned_names([lines[header]] + body)
    mutated = set(_MUTATED.findall("\n".join(body)))
    moved: list[str] = []
    kept: list[str] = []
    moved_names: set[str] = set()
    at = len(body_indent)
    #: the indents of the headers of blocks other than if/elif/else (inner loops,
    #: functions) that enclose the current line
    blockers: list[int] = []
    i = 0
    while i < len(body):
        line = body[i]
        unit = [line]
        indent = len(line) - len(line.lstrip())
        while blockers and blockers[-1] >= indent:
            blockers.pop()
        m = _top_assignment(line, body_indent)
        if m is not None:
            name, expr = m.groups()
            nxt = body[i + 1] if i + 1 < len(body) else ""
            fix = body_indent + _NOTIN_FIX.format(name)
            if nxt.startswith(fix):
                unit.append(nxt)
                expr = expr + " " + nxt[len(fix):]
            if assigned.get(name) == len(unit) and name not in mutated and \
                    expr[0] not in "[{" and not _read_in(name, kept):
                if _invariant(expr, assigned, moved_names, mutated):
                    moved.extend(u[at:] for u in unit)
                    moved_names.add(name)
                    i += len(unit)
                    continue
                if len(unit) == 1 and _invariant(expr, assigned, moved_names, mutated,
                                                 _LAZY_CALLS):
                    moved.append(f"{name} = NOVAL")
                    kept.append(f"{body_indent}if {name} is NOVAL: {name} = {expr}")
                    i += 1
                    continue
        elif indent == at and line.startswith("if ", at) and line.endswith(":") and \
                (taken := _movable_compound(body, i, at, assigned, moved_names, mutated,
                                            kept)):
            moved.extend(u[at:] for u in body[i:i + taken])
            moved_names.update(_assigned_names(body[i:i + taken]))
            i += taken
            continue
        elif indent > at and not blockers and (alias := _movable_alias(
                body, i, indent, assigned, moved_names, mutated, kept)) is not None:
            moved.append(line.lstrip())
            moved_names.add(alias)
            i += 1
            continue
        elif nested and indent > at and not blockers and _COSTLY.search(line):
            lazy = _lazy_nested(body, i, indent, assigned, moved_names, mutated, kept)
            if lazy is not None:
                name, rewritten, taken = lazy
                moved.append(f"{name} = NOVAL")
                kept.extend(rewritten)
                i += taken
                continue
        if line.endswith(":") and not line.startswith(_CONDITIONALS, indent):
            blockers.append(indent)
        kept.append(line)
        i += 1
    if not moved:
        return
    indent = body_indent[:-4]
    lines[header:] = [indent + m for m in moved] + [lines[header]] + kept


def _lazy_nested(body: list[str], i: int, indent: int, assigned: dict, moved: set,
                 mutated: set, kept: list[str]):
    r"""The lazy form of statement ``body[i]`` nested in if/else blocks of the loop body,
    when it is ``name = expression`` (with its ``NOTIN`` line) of an invariant expression:
    ``(name, the lines that replace it, how many lines they replace)``, else None.

    ``\A i, j \in 1..Len(ss) : (i < j) => (ss[i] =< ss[j])``: ``ss[i]``, under the
    ``i < j`` test of the ``j`` loop, is looked up once per ``i`` instead of once per
    pair. Where the enclosing tests are false, the statement is not run, as before; the
    first time one is true, it runs at its place and its value is kept."""
    pad = body[i][:indent]
    m = _ASSIGN.match(body[i][indent:])
    if m is None:
        return None
    name, expr = m.groups()
    if not _TEMPORARY.match(name):
        return None
    unit = [f"{pad}    {name} = {expr}"]
    full = expr
    fix = pad + _NOTIN_FIX.format(name)
    if i + 1 < len(body) and body[i + 1].startswith(fix):
        unit.append(f"{pad}    {body[i + 1][indent:]}")
        full = expr + " " + body[i + 1][len(fix):]
    if not _COSTLY.search(full):
        return None                 # cheaper than the test, and the NOVAL before the loop
    if assigned.get(name) != len(unit) or name in mutated or expr[0] in "[{" or \
            not _invariant(full, assigned, moved, mutated, _LAZY_CALLS) or \
            _read_in(name, kept):
        return None
    return name, [f"{pad}if {name} is NOVAL:"] + unit, len(unit)


def _movable_compound(body: list[str], i: int, at: int, assigned: dict, moved: set,
                      mutated: set, kept: list[str]) -> int:
    """How many lines the if/else statement starting at ``body[i]`` (a line of the loop
    body's own indentation ``at``) spans when it can move before the loop as a whole (see
    the module docstring), else 0."""
    # the test first: most read what the loop changes, and the rest need not be read
    if not _invariant(body[i][at + 3:-1], assigned, moved, mutated, _COMPOUND_CALLS):
        return 0
    split = _if_else_branches(body, i, at)
    if split is None:
        return 0
    branches, j = split
    names = _assigned_names(body[i:j])
    own = set(names)
    for name, count in names.items():
        if assigned.get(name) != count or name in mutated or _read_in(name, kept):
            return 0
        if not _TEMPORARY.match(name) and not (
                _RESULT.match(name) and all(_sets(branch, name) for branch in branches)):
            return 0
    known = moved | own
    for line in branches[0] + branches[1]:
        m = _ASSIGN.match(line)
        if m is None:
            fixed = line.split(": ", 1)
            if len(fixed) != 2 or not line.startswith("if ") or \
                    not line.startswith(_NOTIN_FIX.format(fixed[1].split(" = ", 1)[0])):
                return 0
            m = _ASSIGN.match(fixed[1])
            if m is None:
                return 0
        if m.group(2)[0] in "[{" or \
                not _invariant(m.group(2), assigned, known, mutated, _COMPOUND_CALLS):
            return 0
    return j - i


def _sets(branch: list[str], name: str) -> bool:
    """Whether one of the statements of ``branch`` assigns ``name``."""
    return any(line.startswith(name + " = ") for line in branch)


def _movable_alias(body: list[str], i: int, indent: int, assigned: dict, moved: set,
                   mutated: set, kept: list[str]) -> str | None:
    r"""The name that ``body[i]`` binds when that statement, nested in if/else blocks of
    the loop body, binds an operator's argument to a name the loop does not change
    (``a7 = x3``: ``lockcs(i)`` in the ``j`` loop of
    ``\A i, j \in S : (i # j) => ~(lockcs(i) /\ lockcs(j))``) and can move before the
    loop, else None. Binding a name costs nothing, and with it bound there, what the
    operator's body computes from it can take the lazy form (``pc[i]`` once per ``i``).
    The next line must go on in the same block, which then stays non-empty."""
    m = _ALIAS.match(body[i][indent:])
    if m is None or i + 1 >= len(body):
        return None
    nxt = body[i + 1]
    if len(nxt) - len(nxt.lstrip()) != indent:
        return None
    name = m.group(1)
    if assigned.get(name) == 1 and name not in mutated and not _read_in(name, kept) \
            and _invariant(m.group(2), assigned, moved, mutated):
        return name
    return None


def _read_in(name: str, lines: list[str]) -> bool:
    """Whether ``name`` occurs in ``lines`` (read before the statement that assigns it)."""
    word = re.compile(rf"\b{name}\b")
    return any(name in line and word.search(line) is not None for line in lines)


def _has_candidate(nested: bool, body: list[str], body_indent: str, header: str) -> bool:
    """Whether some statement of the loop body could move, by the tests that do not need
    the names the loop binds (most loops have none: the full analysis is skipped);
    ``nested``: whether nested statements may take the lazy form; ``header``: the loop's
    (an if/else whose test reads the loop's own names cannot move)."""
    at = len(body_indent)
    targets = _TARGETS.match(header.strip())
    loop_names = {n.strip() for n in targets.group(1).split(",")} if targets else set()
    for k, line in enumerate(body):
        if line.startswith("if ", at) and line.endswith(":") and \
                line.startswith(body_indent) and \
                _if_else_branches(body, k, at) is not None and \
                loop_names.isdisjoint(_WORD.findall(line)) and \
                _invariant(line[at + 3:-1], {}, set(), set(), _COMPOUND_CALLS):
            return True
        m = _ASSIGN.match(line.lstrip()) if line.startswith(body_indent) else None
        if m is None or m.group(2)[0] in "[{":
            continue
        if line[at].isspace() and not (nested and _TEMPORARY.match(m.group(1))
                                       and _COSTLY.search(m.group(2))):
            continue                    # nested: only what _lazy_nested takes
        if _invariant(m.group(2), {}, set(), set(), _LAZY_CALLS):
            return True
    return False


def _if_else_branches(body: list[str], i: int, at: int) -> tuple[list, int] | None:
    """The two branches (their statements, unindented) of the ``if`` at ``body[i]``
    (indentation ``at``) and the index of the line after its ``else`` branch, when it has
    an ``else:``, a statement in each branch and no block in either (the only shape
    :func:`_movable_compound` moves), else None."""
    inner = " " * (at + 4)
    j = i + 1
    branches: list[list[str]] = [[]]
    while j < len(body):
        line = body[j]
        if line.startswith(inner):
            if line[at + 4].isspace():
                return None                 # a deeper block: not this simple shape
            branches[-1].append(line[at + 4:])
        elif len(branches) == 1 and line == " " * at + "else:":
            branches.append([])
        else:
            break
        j += 1
    if len(branches) != 2 or not branches[0] or not branches[1]:
        return None
    return branches, j


def _top_assignment(line: str, body_indent: str):
    """The match of ``name = expression`` when ``line`` is such a statement at the loop
    body's own indentation, else None."""
    if line.startswith(body_indent) and not line[len(body_indent)].isspace():
        return _ASSIGN.match(line[len(body_indent):])
    return None


def _assigned_names(lines: list[str]) -> dict[str, int]:
    """How many times each name is bound in these lines (assignments, ``for`` targets,
    nested ``def`` names and parameters count)."""
    counts: dict[str, int] = {}
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("if ") and ": " in stripped:
            stripped = stripped.split(": ", 1)[1]     # the one-line if's statement
        if stripped.startswith("def "):
            names = _WORD.findall(stripped[4:].split(":")[0])
        else:
            m = _TARGETS.match(stripped)
            names = [n.strip() for n in m.group(1).split(",")] if m is not None else []
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    return counts


def _invariant(expr: str, assigned: dict, moved: set, mutated: set,
               calls: frozenset = _CALLS) -> bool:
    """Whether ``expr`` reads only names fixed during the loop and calls only ``calls``
    (cheap, effect-free helpers) and compiled constants' thunks."""
    text = _STRING.sub("''", expr)
    for attr, call in _ATTRIBUTE.findall(text):
        if attr not in _ATTRIBUTES or (call and attr not in _METHODS):
            return False
    # the attributes allowed (``.map``, ``.get(``...) leave a space, not glued names
    text = _ATTRIBUTE.sub(" ", text)
    for name, call in _NAME.findall(text):
        if name in _KEYWORDS:
            continue                    # ``and (...)`` is no call
        constant = _CONSTANT.match(name) is not None
        if call and name not in calls and not constant:
            return False
        if name in _ALLOWED or constant or call:
            continue
        if not _LOCAL.match(name) or name in mutated:
            return False
        if name in assigned and name not in moved:
            return False
    return True
