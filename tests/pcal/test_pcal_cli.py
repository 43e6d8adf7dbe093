"""``pytlc pcal`` through main_pcal: files written, -check, -nocfg, errors, exit codes."""
import io
from pathlib import Path

from tla.pcal.cli import main_pcal

SOURCE = """---- MODULE Flip ----
(* --algorithm Flip {
variable b = FALSE;
{ F: b := ~b }
} *)
====
"""


def run(*argv) -> tuple[int, str]:
    out = io.StringIO()
    return main_pcal(list(argv), out), out.getvalue()


def test_translates_and_writes_cfg(tmp_path: Path):
    spec = tmp_path / "Flip.tla"
    spec.write_text(SOURCE)
    rc, out = run(str(spec))
    assert rc == 0
    assert "Translation completed." in out
    assert "F == /\\ pc = \"F\"" in spec.read_text()
    assert (tmp_path / "Flip.cfg").read_text().startswith("SPECIFICATION Spec\n")
    rc, out = run("-check", str(spec))
    assert rc == 0 and "up to date" in out


def test_termination_and_nocfg(tmp_path: Path):
    spec = tmp_path / "Flip.tla"
    spec.write_text(SOURCE)
    rc, _ = run("-termination", str(spec))
    assert rc == 0
    assert "PROPERTY Termination" in (tmp_path / "Flip.cfg").read_text()
    other = tmp_path / "Other.tla"
    other.write_text(SOURCE.replace("Flip ----", "Other ----"))
    assert run("-nocfg", str(other))[0] == 0
    assert not (tmp_path / "Other.cfg").exists()


def test_existing_cfg_is_rewritten_as_pcal_trans_does(tmp_path: Path):
    spec = tmp_path / "Flip.tla"
    spec.write_text(SOURCE)
    cfg = tmp_path / "Flip.cfg"
    cfg.write_text("INIT Init\nNEXT Next\n")
    assert run(str(spec))[0] == 0
    first = cfg.read_text()
    assert first == ("SPECIFICATION Spec\n\\* Add statements after this line.\n"
                     "INIT Init\nNEXT Next\n")
    assert run("-termination", str(spec))[0] == 0
    assert cfg.read_text() == "SPECIFICATION Spec\nPROPERTY Termination\n" + first[19:]
    cfg.write_text("\\* Add statements after this line.\nSPECIFICATION MySpec\n")
    assert run(str(spec))[0] == 0
    assert cfg.read_text() == "\\* Add statements after this line.\nSPECIFICATION MySpec\n"


def test_cfg_declares_default_init_value(tmp_path: Path):
    spec = tmp_path / "Flip.tla"
    spec.write_text(SOURCE.replace("variable b = FALSE;", "variable b;"))
    assert run(str(spec))[0] == 0
    assert (tmp_path / "Flip.cfg").read_text() == (
        "SPECIFICATION Spec\nCONSTANT defaultInitValue = defaultInitValue\n"
        "\\* Add statements after this line.\n")


def test_check_reports_missing_translation_without_writing(tmp_path: Path):
    spec = tmp_path / "Flip.tla"
    spec.write_text(SOURCE)
    rc, out = run("-check", str(spec))
    assert rc == 1 and "no translation" in out
    assert spec.read_text() == SOURCE


def test_errors_name_file_line_and_column(tmp_path: Path):
    spec = tmp_path / "Flip.tla"
    spec.write_text(SOURCE.replace("b := ~b", "b := "))
    rc, out = run(str(spec))
    assert rc == 1
    assert out.startswith(f"{spec}:4:")
    assert "Traceback" not in out
    assert spec.read_text() == SOURCE.replace("b := ~b", "b := ")


def test_usage_errors():
    assert run("-bogus", "X.tla")[0] == 2
    assert run()[0] == 2
    rc, out = run("/nonexistent/Nope.tla")
    assert rc == 2 and "cannot read" in out


def test_report_labels(tmp_path: Path):
    spec = tmp_path / "Flip.tla"
    spec.write_text(SOURCE.replace("F: b := ~b", "b := ~b"))
    rc, out = run("-reportLabels", str(spec))
    assert rc == 0
    assert "The following label was added:\n  Lbl_1 at line 4, column 3\n" in out


def test_line_width(tmp_path: Path):
    spec = tmp_path / "Flip.tla"
    spec.write_text(SOURCE.replace("variable b = FALSE;",
                                   "variables b = FALSE, aaaaaaaaaa = 0, bbbbbbbbbb = 0,"
                                   " cccccccccc = 0;"))
    assert run("-lineWidth", "60", "-nocfg", str(spec))[0] == 0
    assert max(len(ln) for ln in spec.read_text().split("\n")
               if ln.startswith(("VARIABLES", "vars"))) <= 60
    assert run("-lineWidth", "x", str(spec))[0] == 2
