"""TLC's command line (fixtures/option_cases.txt) and pytlc's help text."""
from __future__ import annotations

import shlex

import pytest

from tlc_compat_cases import load_cases
from tla.tlc_compat.help import help_text
from tla.tlc_compat.options import (
    IGNORED_OPTIONS, KNOWN_OPTIONS, USAGE_LINE, DumpOption, OptionError, Options, parse_options,
    usage_error_text,
)

CASES = load_cases("option_cases.txt")


@pytest.mark.parametrize("name,argv,expected", CASES, ids=[c[0] for c in CASES])
def test_option_case(name, argv, expected):
    args = shlex.split(argv)
    if expected.startswith("error: "):
        with pytest.raises(OptionError) as info:
            parse_options(args)
        assert info.value.message == expected[len("error: "):]
        return
    opts = parse_options(args)
    for line in expected.splitlines():
        field, _, literal = line.partition(" = ")
        value = eval(literal, {"DumpOption": DumpOption})  # literals written by us, in the fixture
        assert getattr(opts, field) == value, field


def test_defaults():
    opts = parse_options(["Spec"])
    assert opts == Options(spec="Spec")
    assert (opts.workers, opts.depth, opts.checkpoint_minutes, opts.max_set_size) == (1, 100, 30,
                                                                                     1_000_000)
    assert opts.check_deadlock and opts.generates_te_spec and opts.mode == "modelcheck"


def test_usage_error_text_matches_bad_option_sample():
    with pytest.raises(OptionError) as info:
        parse_options(["-bogus", "Spec"])
    assert "Error: " + usage_error_text(info.value) == (
        "Error: Error: unrecognized option: -bogus\n" + USAGE_LINE)


def test_reporter_prints_bad_option_sample():
    import io
    from tla.tlc_compat.messages import Reporter
    out = io.StringIO()
    with pytest.raises(OptionError) as info:
        parse_options(["-bogus", "Spec"])
    Reporter(out).command_line_error(info.value.message)
    assert out.getvalue() == ("Error: Error: unrecognized option: -bogus\n"
                              "Usage: java tlc2.TLC [-help] [-option] inputfile\n")


def test_help_mentions_every_option_and_subcommand():
    text = help_text()
    for option in KNOWN_OPTIONS - {"--help"}:
        assert option in text, option
    for sub in ("pytlc lint FILE...", "pytlc pcal FILE", "pytlc repl"):
        assert sub in text
    for option in IGNORED_OPTIONS:
        assert f"{option} " in text
    assert text.count("[ignored] ") == len(IGNORED_OPTIONS)
    assert text.endswith("\n")
