"""Reader for TLC model-configuration files (``.cfg``).

Takes: the text of a .cfg file (or its path).
Gives: a :class:`ModelConfig` holding every section in file order, with the line of each
entry, and the model-value names in order of first appearance (the evaluator's intern table
is seeded with them before anything else, as TLC parses the cfg before SANY runs).

TLC rules implemented (``tlc2/tool/impl/ModelConfig.java``, tlc-interface.md section 4):

* The text is cut into tokens the way SANY's lexer does: ``\\*`` line comments, nested
  ``(* *)`` comments, strings, numbers, identifiers and operator symbols. A character that
  starts no token (a lexer error) is taken as the end of the file, as TLC does.
* Keywords are case-sensitive. List sections (CONSTANTS, INVARIANTS, PROPERTIES,
  CONSTRAINTS, ACTION_CONSTRAINTS, POSTCONDITIONS, _POSSIBLE) accumulate and end at the first
  token that is itself a keyword; single-name sections (INIT, NEXT, SPECIFICATION, SYMMETRY,
  VIEW, ALIAS, _PERIODIC, _RL_REWARD, CHECK_DEADLOCK) may appear once. The name after a
  single-name keyword is whatever token follows, as in TLC.
* Constant entries: ``lhs = v``, ``lhs <- id``, ``lhs <- [Mod] id``, ``lhs = [Mod] v`` and
  ``lhs(v1, ..., vn) = v``; ``lhs`` may be an instance path ``a!b!c``.
  :meth:`ModelConfig.constant_values` gives each constant its value as TLC's
  ``makeConstantTable`` does: ``lhs(...) = v`` lines of one name form an
  :class:`OperatorTable` (TLC's OpRcdValue), all of one arity (else 2242).
* Values: a number (a 32-bit ``int``, as ``Integer.parseInt``), a string (only the quotes are
  stripped; TLC does not process escapes here), ``TRUE``/``FALSE``, ``{...}`` sets (nested,
  possibly empty, kept in file order with duplicates: TLC normalizes them later), and any
  other single token, which becomes a model value with that name (``-1`` is the model value
  ``-`` followed by the number ``1``).

Errors raise :class:`CfgError` (a :class:`tla.errors.ConfigError`) whose ``message`` is TLC's
exact text, e.g. ``TLC found an error in the configuration file at line 3\\nIt was
expecting a keyword, but did not find it.``, and whose ``code`` is TLC's CFG_* code.
"""
from __future__ import annotations

import os
import re
from typing import Iterator, Union

from tla.errors import ConfigError, ModelError, Span
from tla.records import field, mutable_record, record

# --------------------------------------------------------------------------- values


@record
class CfgInt:
    """A number literal of the cfg."""

    value: int


@record
class CfgStr:
    """A string literal of the cfg, quotes stripped, escapes left as written."""

    value: str


@record
class CfgBool:
    """``TRUE`` or ``FALSE``."""

    value: bool


@record
class CfgModelValue:
    """Any other single token: a model value named by the token's text."""

    name: str


@record
class CfgSet:
    """``{v1, v2, ...}``: the elements in file order, duplicates kept."""

    elements: tuple["CfgValue", ...]


CfgValue = Union[CfgInt, CfgStr, CfgBool, CfgModelValue, CfgSet]


def format_cfg_value(value: CfgValue) -> str:
    """The value written back in cfg syntax (for messages and tests)."""
    if isinstance(value, CfgInt):
        return str(value.value)
    if isinstance(value, CfgStr):
        return f'"{value.value}"'
    if isinstance(value, CfgBool):
        return "TRUE" if value.value else "FALSE"
    if isinstance(value, CfgModelValue):
        return value.name
    return "{" + ", ".join(format_cfg_value(e) for e in value.elements) + "}"


# --------------------------------------------------------------------------- entries


@record
class NamedEntry:
    """A name given to a keyword (``INIT Init``, one item of ``INVARIANTS``)."""

    name: str
    line: int


@record
class ConstantAssignment:
    """``name = value``, ``name(args) = value`` or ``name = [module] value``.

    ``name`` may be an instance path ``a!b!c``; ``module`` is None for the root module.
    """

    name: str
    value: CfgValue
    line: int
    args: tuple[CfgValue, ...] = ()
    module: str | None = None


@record
class Substitution:
    """``name <- target`` or ``name <- [module] target`` (replace ``name`` by the definition
    ``target``). ``module`` is None for the root module."""

    name: str
    target: str
    line: int
    module: str | None = None


@mutable_record
class ModelConfig:
    """Everything a .cfg file says, in file order.

    Single-name sections are None when absent. ``check_deadlock`` is None when the file does
    not say; TLC's default is TRUE, and the ``-deadlock`` flag turns checking off regardless.
    Where a name is given twice for the same constant, TLC keeps the later one.
    """

    file: str = "<string>"
    constants: list[ConstantAssignment] = field(default_factory=list)
    substitutions: list[Substitution] = field(default_factory=list)
    init: NamedEntry | None = None
    next: NamedEntry | None = None
    specification: NamedEntry | None = None
    invariants: list[NamedEntry] = field(default_factory=list)
    properties: list[NamedEntry] = field(default_factory=list)
    constraints: list[NamedEntry] = field(default_factory=list)
    action_constraints: list[NamedEntry] = field(default_factory=list)
    symmetry: NamedEntry | None = None
    view: NamedEntry | None = None
    alias: NamedEntry | None = None
    postconditions: list[NamedEntry] = field(default_factory=list)
    periodic: NamedEntry | None = None
    rl_reward: NamedEntry | None = None
    possible: list[NamedEntry] = field(default_factory=list)
    check_deadlock: bool | None = None
    check_deadlock_line: int | None = None
    #: names of the model values, in order of first appearance (TLC's intern order)
    model_values: list[str] = field(default_factory=list)
    #: each CONSTANT entry as its tokens joined by one space, e.g. ``Procs = { p1 , p2 }``
    #: (TLC's ``getRawConstants``; the trace-exploration spec copies them)
    raw_constants: list[str] = field(default_factory=list)

    def constant_values(self) -> dict:
        """The value each constant gets (see :func:`_constant_values`); raises
        :class:`OperatorArityError`."""
        return _constant_values(self)

    def deadlock_checked(self, no_deadlock_flag: bool) -> bool:
        """Whether deadlock is checked: ``not -deadlock`` and the cfg value (default TRUE)."""
        return not no_deadlock_flag and (self.check_deadlock is not False)


@record
class OperatorTable:
    """A constant operator given point by point (``F(1, 2) = v`` lines, TLC's OpRcdValue):
    ``rows`` are (arguments, value) pairs in file order; applying ``F`` picks the first row
    whose arguments equal the actual ones."""

    name: str
    rows: tuple[tuple[tuple[CfgValue, ...], CfgValue], ...]

    @property
    def arity(self) -> int:
        return len(self.rows[0][0])


class OperatorArityError(ModelError):
    """Lines ``F(...) = v`` of the same constant with different numbers of arguments (TLC's
    TLC_CONFIG_OP_ARITY_INCONSISTENT, 2242, exit 151)."""

    code = 2242

    def __init__(self, name: str, line: int):
        super().__init__(f"The arity of the operator {name} is inconsistent in the "
                         f"configuration file.")
        self.name = name
        self.line = line
        self.params = (name,)


def _constant_values(config: "ModelConfig") -> dict:
    """The value the CONSTANT sections give each constant, keyed by name (root module) or
    by (module, name) for ``lhs = [Mod] v`` lines, as TLC's ``makeConstantTable`` builds
    it: a line without arguments sets the value (a later line wins); lines with arguments
    add rows to an :class:`OperatorTable`, all with the same number of arguments
    (otherwise :class:`OperatorArityError`). A line with arguments after a plain value for
    the same name is inconsistent too (TLC fails on it with a Java cast error)."""
    table: dict = {}
    for entry in config.constants:
        key = (entry.module, entry.name) if entry.module else entry.name
        if not entry.args:
            table[key] = entry.value
            continue
        known = table.get(key)
        if known is None:
            table[key] = OperatorTable(entry.name, ((entry.args, entry.value),))
        elif not isinstance(known, OperatorTable) or known.arity != len(entry.args):
            raise OperatorArityError(entry.name, entry.line)
        else:
            table[key] = OperatorTable(entry.name, known.rows + ((entry.args, entry.value),))
    return table


# --------------------------------------------------------------------------- errors

CFG_ERROR_READING_FILE = 5001
CFG_GENERAL = 5002
CFG_MISSING_ID = 5003
CFG_TWICE_KEYWORD = 5004
CFG_EXPECT_ID = 5005
CFG_EXPECTED_SYMBOL = 5006

_AT_LINE = "TLC found an error in the configuration file at line {line}\n"
_REASONS = {
    CFG_GENERAL: "",
    CFG_MISSING_ID: "The keyword {what} was not followed by an identifier.",
    CFG_TWICE_KEYWORD: "The keyword {what} appeared twice.",
    CFG_EXPECT_ID: "Expected an identifier after {what}.",
    CFG_EXPECTED_SYMBOL: "It was expecting {what}, but did not find it.",
}

#: the Java class TLC names in "The exception was a ..." for cfg errors
CONFIG_EXCEPTION_CLASS = "tlc2.tool.ConfigFileException"


class CfgError(ConfigError):
    """A cfg file TLC rejects before SANY runs (reported as GENERAL, exit 255).

    ``code`` is TLC's CFG_* code, ``params`` its message parameters, ``line`` the line TLC
    names (None for 5001), ``java_class`` the exception class TLC prints.
    """

    def __init__(self, code: int, params: tuple[str, ...], message: str, file: str,
                 line: int | None = None, java_class: str = CONFIG_EXCEPTION_CLASS,
                 col: int = 1):
        span = Span(file, line, col, line, col) if line is not None else None
        super().__init__(message, span)
        self.code = code
        self.params = params
        self.line = line
        self.java_class = java_class


def _syntax_error(code: int, line: int, what: str, file: str, col: int = 1) -> CfgError:
    text = _AT_LINE.format(line=line) + _REASONS[code].format(what=what)
    return CfgError(code, (str(line), what), text, file, line, col=col)


def file_not_found_error(file: str) -> CfgError:
    """TLC's 5001 error for a cfg that cannot be opened."""
    text = ("TLC encountered the following error when trying to read the configuration "
            f"file {file}:\nFile not found.")
    return CfgError(CFG_ERROR_READING_FILE, (file, "File not found."), text, file)


# --------------------------------------------------------------------------- lexer

NUMBER, STRING, IDENT, SYMBOL, EOF = "NUMBER", "STRING", "IDENT", "SYMBOL", "EOF"


@record
class Token:
    kind: str
    image: str
    line: int
    col: int = 1


# SANY's operator and punctuation symbols, longest first so that the longest one wins.
_SYMBOLS = sorted([
    "-+->", "<=>", "|->", "::=", "(+)", "(-)", "(.)", "(/)", "(\\X)", "...", "[]", "<>",
    "==", "=>", "=<", "<=", ">=", "/=", "#", "~>", "->", "<-", "<<", ">>", "<:", ":>", ":=",
    "::", "..", "||", "|-", "-|", "|=", "=|", "&&", "$$", "??", "%%", "##", "++", "--", "**",
    "//", "^^", "^+", "^*", "^#", "@@", "/\\", "\\/", "]_", ">>_", "-.",
    "=", "<", ">", "~", "-", "+", "*", "/", "^", "%", ".", ",", ":", "(", ")", "[", "]",
    "{", "}", "!", "@", "'", "|", "&", "$", "?", "\\",
], key=len, reverse=True)
_BACKSLASH_WORD = re.compile(r"\\[A-Za-z]+")
_WORD = re.compile(r"[A-Za-z0-9_]+")
_DASHES = re.compile(r"-{4,}|={4,}")


class _Lexer:
    """Cuts cfg text into tokens; stops (gives EOF) at the first character no token starts."""

    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self.line = 1
        self.line_start = 0

    def _advance_to(self, end: int) -> None:
        newlines = self.text.count("\n", self.pos, end)
        if newlines:
            self.line += newlines
            self.line_start = self.text.rindex("\n", self.pos, end) + 1
        self.pos = end

    def _col(self) -> int:
        return self.pos - self.line_start + 1

    def _skip_blanks(self) -> bool:
        """Skip whitespace and comments; False when an unterminated comment ends the text."""
        text = self.text
        while self.pos < len(text):
            ch = text[self.pos]
            if ch in " \t\r\n\f":
                self._advance_to(self.pos + 1)
            elif text.startswith("\\*", self.pos):
                end = text.find("\n", self.pos)
                self._advance_to(len(text) if end < 0 else end)
            elif text.startswith("(*", self.pos):
                if not self._skip_block_comment():
                    return False
            else:
                return True
        return True

    def _skip_block_comment(self) -> bool:
        depth, i, text = 0, self.pos, self.text
        while i < len(text):
            if text.startswith("(*", i):
                depth, i = depth + 1, i + 2
            elif text.startswith("*)", i):
                depth, i = depth - 1, i + 2
                if depth == 0:
                    self._advance_to(i)
                    return True
            else:
                i += 1
        self._advance_to(len(text))
        return False

    def next(self) -> Token:
        if not self._skip_blanks():
            return Token(EOF, "", self.line)
        if self.pos >= len(self.text):
            # JavaCC counts a newline only when the next character is read, so the end of
            # the file lies on the line of its last character
            return Token(EOF, "", 1 + self.text.count("\n", 0, max(len(self.text) - 1, 0)))
        text, start, line, col = self.text, self.pos, self.line, self._col()
        ch = text[start]
        if ch == '"':
            token = self._string()
        elif ch.isascii() and (ch.isalnum() or ch == "_"):
            word = _WORD.match(text, start).group()
            kind = NUMBER if word.isdigit() else IDENT
            token = Token(kind, word, line)
        else:
            token = self._symbol()
        if token.kind == EOF:
            return Token(EOF, "", line, col)
        self._advance_to(start + len(token.image))
        return Token(token.kind, token.image, line, col)

    def _string(self) -> Token:
        text, i = self.text, self.pos + 1
        while i < len(text):
            if text[i] == "\\" and i + 1 < len(text):
                i += 2
            elif text[i] == '"':
                return Token(STRING, text[self.pos:i + 1], self.line)
            elif text[i] == "\n":
                break
            else:
                i += 1
        return Token(EOF, "", self.line)

    def _symbol(self) -> Token:
        text, start = self.text, self.pos
        m = _DASHES.match(text, start)
        if m:
            return Token(SYMBOL, m.group(), self.line)
        m = _BACKSLASH_WORD.match(text, start)
        if m:
            return Token(SYMBOL, m.group(), self.line)
        for sym in _SYMBOLS:
            if text.startswith(sym, start):
                return Token(SYMBOL, sym, self.line)
        return Token(EOF, "", self.line)


def tokenize(text: str) -> Iterator[Token]:
    """The tokens of ``text`` up to and including the EOF token."""
    lexer = _Lexer(text)
    while True:
        token = lexer.next()
        yield token
        if token.kind == EOF:
            return


# --------------------------------------------------------------------------- parser

#: the words that start a section (and end a list section)
KEYWORDS = frozenset({
    "CONSTANT", "CONSTANTS", "CONSTRAINT", "CONSTRAINTS", "ACTION_CONSTRAINT",
    "ACTION_CONSTRAINTS", "INVARIANT", "INVARIANTS", "INIT", "NEXT", "VIEW", "SYMMETRY",
    "SPECIFICATION", "PROPERTY", "PROPERTIES", "ALIAS", "POSTCONDITION", "POSTCONDITIONS",
    "_PERIODIC", "_RL_REWARD", "_POSSIBLE", "CHECK_DEADLOCK",
})

_SINGLE = {"INIT": "init", "NEXT": "next", "SPECIFICATION": "specification",
           "SYMMETRY": "symmetry", "VIEW": "view", "ALIAS": "alias",
           "_PERIODIC": "periodic", "_RL_REWARD": "rl_reward"}
_LISTS = {"INVARIANT": "invariants", "INVARIANTS": "invariants",
          "PROPERTY": "properties", "PROPERTIES": "properties",
          "CONSTRAINT": "constraints", "CONSTRAINTS": "constraints",
          "ACTION_CONSTRAINT": "action_constraints", "ACTION_CONSTRAINTS": "action_constraints",
          "POSTCONDITION": "postconditions", "POSTCONDITIONS": "postconditions",
          "_POSSIBLE": "possible"}

_INT_MIN, _INT_MAX = -(2 ** 31), 2 ** 31 - 1


class _Parser:
    def __init__(self, text: str, file: str):
        self.tokens = tokenize(text)
        self.file = file
        self.config = ModelConfig(file=file)
        self._seen_model_values: set[str] = set()
        self._recording: list[str] | None = None
        self.tok = next(self.tokens)

    def advance(self) -> Token:
        if self.tok.kind != EOF:
            self.tok = next(self.tokens)
            if self._recording is not None and self.tok.kind != EOF:
                self._recording.append(self.tok.image)
        return self.tok

    def parse(self) -> ModelConfig:
        while self.tok.kind != EOF:
            keyword, line = self.tok.image, self.tok.line
            if keyword in _SINGLE:
                self._single(keyword, _SINGLE[keyword], line)
            elif keyword in ("CONSTANT", "CONSTANTS"):
                self._constants()
            elif keyword in _LISTS:
                self._list(getattr(self.config, _LISTS[keyword]))
            elif keyword == "CHECK_DEADLOCK":
                self._check_deadlock(line)
            else:
                raise _syntax_error(CFG_EXPECTED_SYMBOL, line, "a keyword", self.file,
                                    self.tok.col)
        return self.config

    def _single(self, keyword: str, attr: str, line: int) -> None:
        tok = self.advance()
        if tok.kind == EOF:
            raise _syntax_error(CFG_MISSING_ID, line, keyword, self.file)
        if getattr(self.config, attr) is not None:
            raise _syntax_error(CFG_TWICE_KEYWORD, line, keyword, self.file)
        setattr(self.config, attr, NamedEntry(tok.image, tok.line))
        self.advance()

    def _list(self, target: list[NamedEntry]) -> None:
        tok = self.advance()
        while tok.kind != EOF and tok.image not in KEYWORDS:
            target.append(NamedEntry(tok.image, tok.line))
            tok = self.advance()

    def _check_deadlock(self, line: int) -> None:
        tok = self.advance()
        if tok.kind == EOF:
            raise _syntax_error(CFG_MISSING_ID, line, "CHECK_DEADLOCK", self.file)
        if tok.image not in ("TRUE", "FALSE"):
            raise _syntax_error(CFG_EXPECTED_SYMBOL, tok.line, "TRUE or FALSE", self.file,
                                tok.col)
        if self.config.check_deadlock is not None:
            raise _syntax_error(CFG_TWICE_KEYWORD, line, "CHECK_DEADLOCK", self.file)
        self.config.check_deadlock = tok.image == "TRUE"
        self.config.check_deadlock_line = line
        self.advance()

    def _constants(self) -> None:
        section_line = self.tok.line
        tok = self.advance()
        while tok.kind != EOF and tok.image not in KEYWORDS:
            self._recording = [tok.image]
            self._constant_entry(section_line)
            self.config.raw_constants.append(" ".join(self._recording))
            self._recording = None
            tok = self.advance()

    def _constant_entry(self, section_line: int) -> None:
        lhs, line = self.tok.image, self.tok.line
        tok = self.advance()
        while tok.image == "!" and tok.kind != EOF:
            lhs += "!" + self.advance().image
            tok = self.advance()
        if tok.image == "<-":
            self._substitution(lhs, line)
            return
        args: list[CfgValue] = []
        if tok.image == "(":
            while True:
                args.append(self._value(self.advance()))
                tok = self.advance()
                if tok.image != ",":
                    break
            if tok.image != ")":
                # TLC's CFG_GENERAL names the line of the CONSTANT keyword here
                raise _syntax_error(CFG_GENERAL, section_line, "", self.file)
            tok = self.advance()
        if tok.image != "=" or tok.kind == EOF:
            raise _syntax_error(CFG_EXPECTED_SYMBOL, tok.line, "= or <-", self.file, tok.col)
        tok = self.advance()
        module = None
        if tok.image == "[":
            module = self._module_name("=[")
            tok = self.advance()
        value = self._value(tok)
        self.config.constants.append(
            ConstantAssignment(lhs, value, line, tuple(args), module))

    def _substitution(self, lhs: str, line: int) -> None:
        tok = self.advance()
        module = None
        if tok.image == "[":
            module = self._module_name("<-[")
            tok = self.advance()
            if tok.kind == EOF:
                raise _syntax_error(CFG_EXPECT_ID, tok.line, "<-[mod]", self.file)
        elif tok.kind == EOF:
            raise _syntax_error(CFG_EXPECT_ID, tok.line, "<-", self.file)
        self.config.substitutions.append(Substitution(lhs, tok.image, line, module))

    def _module_name(self, after: str) -> str:
        tok = self.advance()
        if tok.kind == EOF:
            raise _syntax_error(CFG_EXPECT_ID, tok.line, after, self.file)
        name = tok.image
        tok = self.advance()
        if tok.image != "]" or tok.kind == EOF:
            raise _syntax_error(CFG_EXPECTED_SYMBOL, tok.line, "]", self.file, tok.col)
        return name

    def _value(self, tok: Token) -> CfgValue:
        """The value starting at ``tok``; leaves ``self.tok`` on its last token."""
        if tok.kind == NUMBER:
            return CfgInt(self._java_int(tok))
        if tok.kind == STRING:
            return CfgStr(tok.image[1:-1])
        if tok.image in ("TRUE", "FALSE") and tok.kind == IDENT:
            return CfgBool(tok.image == "TRUE")
        if tok.image == "{":
            elements: list[CfgValue] = []
            tok = self.advance()
            if tok.image != "}":
                while True:
                    elements.append(self._value(tok))
                    tok = self.advance()
                    if tok.image != ",":
                        break
                    tok = self.advance()
            if tok.image != "}" or tok.kind == EOF:
                raise _syntax_error(CFG_EXPECTED_SYMBOL, tok.line, "}", self.file, tok.col)
            return CfgSet(tuple(elements))
        if tok.kind != EOF:
            if tok.image not in self._seen_model_values:
                self._seen_model_values.add(tok.image)
                self.config.model_values.append(tok.image)
            return CfgModelValue(tok.image)
        raise _syntax_error(CFG_EXPECTED_SYMBOL, tok.line, "a value", self.file, tok.col)

    def _java_int(self, tok: Token) -> int:
        value = int(tok.image)
        if not _INT_MIN <= value <= _INT_MAX:
            # Integer.parseInt throws; TLC reports the raw Java exception as GENERAL
            text = f'For input string: "{tok.image}"'
            raise CfgError(1000, (text,), text, self.file, tok.line,
                           java_class="java.lang.NumberFormatException")
        return value


# --------------------------------------------------------------------------- entry points


def parse_cfg(text: str, file: str = "<string>") -> ModelConfig:
    """Parse the text of a .cfg file; ``file`` is the name used in errors and spans.

    >>> c = parse_cfg("CONSTANTS N = 3 Procs = {p1, p2}\\nINIT Init NEXT Next")
    >>> c.init.name, c.constants[0].value, c.model_values
    ('Init', CfgInt(value=3), ['p1', 'p2'])
    """
    return _Parser(text, file).parse()


def config_path(name: str) -> str:
    """TLC's handling of ``-config X``: a trailing ``.cfg`` is stripped and added back."""
    if name.endswith(".cfg"):
        name = name[: -len(".cfg")]
    return name + ".cfg"


def read_cfg(path: str | os.PathLike, display_name: str | None = None) -> ModelConfig:
    """Read and parse the cfg file at ``path``.

    ``display_name`` is the name TLC shows in the 5001 "File not found." message (TLC shows
    the name as given on the command line, e.g. ``Nope.cfg``); it defaults to ``path``.
    A path ending in ``.tla`` is a monolithic spec: the cfg is the text of its embedded
    ``---- CONFIG name ----`` ... ``====`` block (see :func:`extract_monolith_config`).
    """
    path = os.fspath(path)
    shown = display_name if display_name is not None else path
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError:
        raise file_not_found_error(shown) from None
    text = raw.decode("utf-8", errors="replace")
    stem, suffix = os.path.splitext(os.path.basename(path))
    if suffix == ".tla":
        text = extract_monolith_config(text, stem)
    return parse_cfg(text, path)


_CONFIG_HEADER = re.compile(r"^-{4,}\s*CONFIG\s+(\w+)\s*-{4,}\s*$")
_CONFIG_END = re.compile(r"^={4,}\s*$")


def extract_monolith_config(text: str, name: str) -> str:
    """The cfg embedded in a monolithic .tla file: the lines between
    ``---- CONFIG <name> ----`` and the next ``====`` line (empty if there is none)."""
    lines = text.splitlines()
    out: list[str] = []
    inside = False
    for line in lines:
        if not inside:
            m = _CONFIG_HEADER.match(line.strip())
            if m and m.group(1) == name:
                inside = True
        elif _CONFIG_END.match(line.strip()):
            break
        else:
            out.append(line)
    return "\n".join(out) + ("\n" if out else "")
