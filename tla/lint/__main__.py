"""``python -m tla.lint FILE...``: the linter without the rest of the CLI."""
import sys

from tla.lint import run_lint

if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.stderr.write("usage: python -m tla.lint FILE.tla...\n")
        sys.exit(2)
    sys.exit(run_lint(sys.argv[1:], sys.stdout))
