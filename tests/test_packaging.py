"""The installed layout: every package folder of the repository is declared in
pyproject.toml under its ``tla.*`` name, so a normal (non-editable) install ships it."""
import os
import re
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def declared():
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        conf = tomllib.load(f)["tool"]["setuptools"]
    return conf["package-dir"], set(conf["packages"])


def test_every_package_folder_is_declared():
    package_dir, packages = declared()
    missing = []
    for top, folder in package_dir.items():
        for here, dirs, files in os.walk(os.path.join(ROOT, folder)):
            dirs[:] = [d for d in dirs if not d.startswith((".", "__"))]
            if "__init__.py" not in files:
                continue
            rel = os.path.relpath(here, os.path.join(ROOT, folder))
            name = top if rel == "." else top + "." + rel.replace(os.sep, ".")
            if name in package_dir and package_dir[name] != os.path.relpath(here, ROOT):
                continue
            if name not in packages:
                missing.append(name)
    assert not missing, f"packages missing from pyproject.toml: {missing}"


def test_no_top_level_parser_or_modules_package():
    _, packages = declared()
    assert not any(re.fullmatch(r"(parser|modules)(\..*)?", p) for p in packages)


def test_pytlc_keeps_the_bytecode_cache_under_pythondontwritebytecode():
    """``pytlc`` is started once per model: it must not compile its modules from source at
    every start because the environment asks Python not to write compiled files."""
    import subprocess
    import sys
    code = ("import sys; from tla.tlc_compat.cli import main; main(['-h']);"
            "print('writes' if not sys.dont_write_bytecode else 'skips')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1")).stdout
    assert out.rstrip().endswith("writes")


def test_every_source_file_compiles_without_warnings():
    """An invalid escape in a docstring (``"/\\ a"`` written without ``\\\\``) compiles with a
    warning today and will be an error in a later Python: none in the code or the tests."""
    import warnings
    bad = []
    for folder in ("tla", "parser", "evaluator", "modules", "tlc_compat", "tests",
                   "benchmarks", "scripts"):
        for here, dirs, files in os.walk(os.path.join(ROOT, folder)):
            dirs[:] = [d for d in dirs if not d.startswith((".", "__"))]
            for name in files:
                if not name.endswith(".py"):
                    continue
                path = os.path.join(here, name)
                with open(path, encoding="utf-8") as f:
                    source = f.read()
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    try:
                        compile(source, path, "exec")
                    except (SyntaxError, Warning) as exc:
                        bad.append(f"{os.path.relpath(path, ROOT)}: {exc}")
    assert not bad, "\n".join(bad)
