"""The .cfg reader against data-driven cases (fixtures/cfg_cases.txt) and a few properties."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from tlc_compat_cases import load_cases
from tla.errors import ConfigError
from tla.tlc_compat.cfg import (
    CfgError, CfgInt, CfgModelValue, CfgSet, CfgStr, ModelConfig, OperatorArityError,
    OperatorTable, config_path, extract_monolith_config, format_cfg_value, parse_cfg,
    read_cfg, tokenize,
)

CASES = load_cases("cfg_cases.txt")


def dump(config: ModelConfig) -> str:
    lines = []
    for c in config.constants:
        mod = f"[{c.module}] " if c.module else ""
        args = "(" + ", ".join(format_cfg_value(a) for a in c.args) + ")" if c.args else ""
        lines.append(f"constant {mod}{c.name}{args} = {format_cfg_value(c.value)} @{c.line}")
    for s in config.substitutions:
        mod = f"[{s.module}] " if s.module else ""
        lines.append(f"subst {mod}{s.name} <- {s.target} @{s.line}")
    for attr in ("init", "next", "specification", "symmetry", "view", "alias", "periodic",
                 "rl_reward"):
        entry = getattr(config, attr)
        if entry is not None:
            lines.append(f"{attr} {entry.name} @{entry.line}")
    for attr, label in (("invariants", "invariant"), ("properties", "property"),
                        ("constraints", "constraint"), ("action_constraints", "action_constraint"),
                        ("postconditions", "postcondition"), ("possible", "possible")):
        lines += [f"{label} {e.name} @{e.line}" for e in getattr(config, attr)]
    if config.check_deadlock is not None:
        value = "TRUE" if config.check_deadlock else "FALSE"
        lines.append(f"check_deadlock {value} @{config.check_deadlock_line}")
    if config.model_values:
        lines.append("model_values " + " ".join(config.model_values))
    return "\n".join(lines)


@pytest.mark.parametrize("name,source,expected", CASES, ids=[c[0] for c in CASES])
def test_cfg_case(name, source, expected):
    if expected.startswith("error "):
        header, _, text = expected.partition("\n")
        _, code, _, line = header.split()
        with pytest.raises(CfgError) as info:
            parse_cfg(source, "case.cfg")
        assert info.value.code == int(code)
        assert info.value.line == int(line)
        # the fixture format cannot end in a newline; 5002's text does (see its own test)
        assert info.value.message.rstrip("\n") == text
    else:
        assert dump(parse_cfg(source, "case.cfg")) == expected


def test_cfg_error_is_a_config_error_with_span():
    with pytest.raises(ConfigError) as info:
        parse_cfg("INIT Init\nBOGUS", "m.cfg")
    assert info.value.span.file == "m.cfg" and info.value.span.line == 2
    assert info.value.span.col == 1
    with pytest.raises(CfgError) as info:
        parse_cfg("INIT Init\nCHECK_DEADLOCK  maybe", "m.cfg")
    assert (info.value.span.line, info.value.span.col) == (2, 17)
    assert info.value.java_class == "tlc2.tool.ConfigFileException"


def test_cfg_general_text_ends_in_newline():
    with pytest.raises(CfgError) as info:
        parse_cfg("CONSTANTS\n  F(1 = 2")
    assert info.value.message == "TLC found an error in the configuration file at line 1\n"


def test_missing_file_message(tmp_path):
    with pytest.raises(CfgError) as info:
        read_cfg(tmp_path / "Nope.cfg", display_name="Nope.cfg")
    assert info.value.code == 5001
    assert info.value.message == ("TLC encountered the following error when trying to read "
                                  "the configuration file Nope.cfg:\nFile not found.")


def test_read_cfg_from_file(tmp_path):
    path = tmp_path / "M.cfg"
    path.write_text("INIT Init\nNEXT Next\n")
    config = read_cfg(path)
    assert config.init.name == "Init" and config.file == str(path)


def test_monolith_config(tmp_path):
    path = tmp_path / "Mono.tla"
    path.write_text("---- MODULE Mono ----\nVARIABLE x\n====\n"
                    "---- CONFIG Mono ----\nINIT Init\nNEXT Next\n====\n")
    config = read_cfg(path)
    assert (config.init.name, config.next.name) == ("Init", "Next")
    assert extract_monolith_config("no config here", "Mono") == ""


def test_config_path_strips_and_adds_extension():
    assert config_path("MC") == "MC.cfg"
    assert config_path("MC.cfg") == "MC.cfg"
    assert config_path("dir/MC.cfg") == "dir/MC.cfg"


def test_deadlock_rule():
    assert parse_cfg("").deadlock_checked(no_deadlock_flag=False)
    assert not parse_cfg("").deadlock_checked(no_deadlock_flag=True)
    assert not parse_cfg("CHECK_DEADLOCK FALSE").deadlock_checked(no_deadlock_flag=False)
    assert not parse_cfg("CHECK_DEADLOCK TRUE").deadlock_checked(no_deadlock_flag=True)


def test_tokens_of_symbols():
    images = [t.image for t in tokenize("a <- b = {c, d} [M] x!y (1) \\in <<")][:-1]
    assert images == ["a", "<-", "b", "=", "{", "c", ",", "d", "}", "[", "M", "]", "x", "!",
                      "y", "(", "1", ")", "\\in", "<<"]


names = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True).filter(
    lambda s: s not in ("TRUE", "FALSE"))
values = st.recursive(
    st.one_of(st.integers(0, 2 ** 31 - 1).map(CfgInt), names.map(CfgModelValue),
              st.from_regex(r"[a-z ]{0,5}", fullmatch=True).map(CfgStr)),
    lambda inner: st.lists(inner, max_size=4).map(lambda xs: CfgSet(tuple(xs))),
    max_leaves=10)


@given(st.lists(st.tuples(names.map(str.upper).map(lambda s: "K" + s), values),
                min_size=1, max_size=5))
def test_constant_values_round_trip(entries):
    text = "CONSTANTS\n" + "\n".join(f"{n} = {format_cfg_value(v)}" for n, v in entries)
    config = parse_cfg(text)
    assert [(c.name, c.value) for c in config.constants] == entries
    assert [c.line for c in config.constants] == list(range(2, 2 + len(entries)))


def test_raw_constants_keep_tokens():
    config = parse_cfg('CONSTANTS Procs = {p1, p2} N=3 S = "a b" Init2 <- MyInit\n'
                       "  K = [Mod] {} a!b <- [M] c F(1, x) = 2 INIT Init")
    assert config.raw_constants == ['Procs = { p1 , p2 }', 'N = 3', 'S = "a b"',
                                    'Init2 <- MyInit', 'K = [ Mod ] { }', 'a ! b <- [ M ] c',
                                    'F ( 1 , x ) = 2']


# TLC's makeConstantTable: plain lines set a value (the later wins), lines with arguments
# collect the rows of one operator, whose arity must not change (2242)
CONSTANT_TABLES = [
    ("N = 1 N = 2", {"N": CfgInt(2)}),
    ("F(1, 2) = 5 F(2, 1) = a",
     {"F": OperatorTable("F", (((CfgInt(1), CfgInt(2)), CfgInt(5)),
                               ((CfgInt(2), CfgInt(1)), CfgModelValue("a"))))}),
    ("F(1) = 5 F = 3", {"F": CfgInt(3)}),
    ("F(1) = [M] 5 F(2) = 6",
     {("M", "F"): OperatorTable("F", (((CfgInt(1),), CfgInt(5)),)),
      "F": OperatorTable("F", (((CfgInt(2),), CfgInt(6)),))}),
    ("F(1, 2) = 5 F(3) = 6", "F"),
    ("F = 3 F(1) = 2", "F"),
]


@pytest.mark.parametrize("text,expected", CONSTANT_TABLES, ids=[c[0] for c in CONSTANT_TABLES])
def test_constant_values_follow_tlc_table(text, expected):
    config = parse_cfg("CONSTANTS " + text)
    if isinstance(expected, str):
        with pytest.raises(OperatorArityError) as info:
            config.constant_values()
        assert info.value.code == 2242 and info.value.params == (expected,)
        assert info.value.message == ("The arity of the operator F is inconsistent in the "
                                      "configuration file.")
    else:
        assert config.constant_values() == expected
