"""The coverage report against the lines of TLC's coverage.out sample."""
from __future__ import annotations

import io
from datetime import datetime

from tla.tlc_compat.coverage import (
    CoverageEntry, CoverageExpression, CoverageVariable, print_coverage,
)
from tla.tlc_compat.messages import Reporter


def loc(l1, c1, l2, c2):
    return f"line {l1}, col {c1} to line {l2}, col {c2} of module Ok"


def test_coverage_sample_lines():
    out = io.StringIO()
    reporter = Reporter(out, clock=lambda: datetime(2026, 11, 24, 10, 39, 19))
    variables = [CoverageVariable("s", loc(4, 17, 4, 17), 3),
                 CoverageVariable("x", loc(4, 11, 4, 11), 4)]
    entries = [
        CoverageEntry("init", f"<Init {loc(6, 1, 6, 4)}>", 1, 1, (
            CoverageExpression(loc(7, 16, 7, 39), 0, 1, 2),
            CoverageExpression(loc(7, 23, 7, 27), 1, 1),
            CoverageExpression(loc(8, 12, 8, 17), 0, 1))),
        CoverageEntry("next", f"<Inc {loc(10, 1, 10, 6)}>", 9, 20, (
            CoverageExpression(loc(13, 19, 13, 19), 2, 20),
            CoverageExpression(loc(13, 26, 13, 28), 2, 20, 36))),
        CoverageEntry("property", f"<TypeOK {loc(23, 1, 23, 6)}>", expressions=(
            CoverageExpression(loc(23, 11, 23, 20), 0, 13),)),
    ]
    print_coverage(reporter, variables, entries)
    assert out.getvalue() == (
        "The coverage statistics at 2026-11-24 10:39:19 (see "
        "https://explain.tlapl.us/module-coverage-statistics for how to interpret the "
        "following statistics).\n"
        "<s line 4, col 17 to line 4, col 17 of module Ok>: 3\n"
        "<x line 4, col 11 to line 4, col 11 of module Ok>: 4\n"
        "<Init line 6, col 1 to line 6, col 4 of module Ok>: 1:1\n"
        "  line 7, col 16 to line 7, col 39 of module Ok: 1:2\n"
        "  |line 7, col 23 to line 7, col 27 of module Ok: 1\n"
        "  line 8, col 12 to line 8, col 17 of module Ok: 1\n"
        "<Inc line 10, col 1 to line 10, col 6 of module Ok>: 9:20\n"
        "  ||line 13, col 19 to line 13, col 19 of module Ok: 20\n"
        "  ||line 13, col 26 to line 13, col 28 of module Ok: 20:36\n"
        "<TypeOK line 23, col 1 to line 23, col 6 of module Ok>\n"
        "  line 23, col 11 to line 23, col 20 of module Ok: 13\n"
        "End of statistics.\n")


def test_coverage_in_tool_mode_and_overhead_note():
    out = io.StringIO()
    print_coverage(Reporter(out, tool=True, no_timestamps=True), [], [],
                   with_overhead_note=True)
    text = out.getvalue()
    assert text.startswith("@!@!@STARTMSG 2201:0 @!@!@\nThe coverage statistics at NOW")
    assert "@!@!@STARTMSG 2777:0 @!@!@\nEnd of statistics (please note" in text
