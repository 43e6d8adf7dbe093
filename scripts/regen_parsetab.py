"""Regenerate the committed PLY table module ``parser/parsetab.py``.

Usage: python scripts/regen_parsetab.py

Run it after every change to a grammar rule (a docstring in ``parser/grammar.py``), the token
list or the start symbol; ``tests/parser/test_tables.py`` fails while the table is stale.
It writes only ``parser/parsetab.py`` (never ``parser.out``) and prints PLY's conflict report.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import ply.yacc as yacc


def main() -> int:
    from tla.parser import grammar
    outdir = Path(grammar.__file__).resolve().parent
    target = outdir / "parsetab.py"
    if target.exists():
        target.unlink()
    sys.modules.pop("tla.parser.parsetab", None)
    yacc.yacc(module=grammar, start=grammar.start, tabmodule="tla.parser.parsetab",
              outputdir=str(outdir), write_tables=True, debug=False, optimize=False,
              errorlog=yacc.PlyLogger(sys.stderr))
    for junk in ("parser.out",):
        if os.path.exists(outdir / junk):
            os.unlink(outdir / junk)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
