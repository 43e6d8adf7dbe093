"""``pytlc repl``: expressions in, TLC-printed values (or located errors) out."""
import io
import os

from tla.repl import main_repl

EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "examples")

CASES = [
    ("{x \\in 1..5 : x % 2 = 1}", "{1, 3, 5}"),
    ("Cardinality(SUBSET {1, 2, 3})", "8"),
    ('<<1, "a">> \\o <<2>>', '<<1, "a", 2>>'),
    ("[a |-> 1, b |-> {}]", "[a |-> 1, b |-> {}]"),
    ("1 + \\\n2", "3"),
]


def run(lines, *args):
    out = io.StringIO()
    status = main_repl(list(args), io.StringIO(lines), out)
    return status, out.getvalue()


def test_values_print_as_tlc_prints_them():
    status, out = run("".join(text + "\n" for text, _ in CASES))
    assert status == 0
    assert out.splitlines() == [want for _, want in CASES]


def test_errors_are_reported_and_the_loop_goes_on():
    status, out = run("Head(<<>>)\n1 + 1\n")
    lines = out.splitlines()
    assert status == 0
    assert lines[0].startswith("Error: ") and "empty sequence" in lines[0]
    assert lines[1] == "2"


def test_a_module_puts_its_definitions_in_scope():
    status, out = run("Other(0)\n", os.path.join(EXAMPLES, "Peterson.tla"))
    assert (status, out) == (0, "1\n")


def test_constants_from_the_command_line():
    status, out = run("N * 2\n", "N=21")
    assert (status, out) == (0, "42\n")
