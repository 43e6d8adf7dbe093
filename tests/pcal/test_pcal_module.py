"""Writing a translation into a module, checksums and translation_status."""
from pathlib import Path

from tla.pcal import checksum, rewrite, translation_status
from tla.pcal.module import find_translation, tla_checksum

SOURCE = """---- MODULE Counter ----
EXTENDS Naturals
(* --algorithm Counter
variables n = 0;
begin
Inc:
  n := n + 1;
end algorithm; *)

Inv == n <= 1
====
"""


def test_checksum_is_crc32_hex_without_padding():
    assert checksum("") == "0"
    assert checksum("a") == "e8b7be43"


def test_translation_block_is_inserted_after_the_algorithm_comment():
    res = rewrite(SOURCE)
    assert res.inserted
    lines = res.text.split("\n")
    b, e = find_translation(lines)
    assert lines[b - 1] == "end algorithm; *)"
    assert lines[b].startswith('\\* BEGIN TRANSLATION (chksum(pcal) = "')
    assert lines[b].endswith(f'/\\ chksum(tla) = "{tla_checksum(lines[b + 1:e])}")')
    assert lines[e] == "\\* END TRANSLATION "
    assert lines[:b] + lines[e + 1:] == SOURCE.split("\n")


def test_rewrite_keeps_everything_else_byte_for_byte():
    first = rewrite(SOURCE.replace("\n", "\r\n")).text
    assert "\r\n" in first and "\n" not in first.replace("\r\n", "")
    edited = first.replace("n' = n + 1", "n' = n + 2")
    second = rewrite(edited).text
    assert second == first


def test_status_states(tmp_path: Path):
    spec = tmp_path / "Counter.tla"
    spec.write_text(SOURCE)
    assert translation_status(str(spec)).state == "missing"
    spec.write_text(rewrite(SOURCE).text)
    st = translation_status(str(spec))
    assert st.state == "up-to-date" and st.line == 9
    spec.write_text(rewrite(SOURCE).text.replace("n := n + 1;", "n := n + 2;"))
    assert translation_status(str(spec)).state == "out-of-date"
    spec.write_text(rewrite(SOURCE).text.replace("n' = n + 1", "n' = n + 3"))
    assert translation_status(str(spec)).state == "edited"
    spec.write_text(rewrite(SOURCE).text.replace("n := n + 1;", "n = n + 1;"))
    st = translation_status(str(spec))
    assert st.state == "error" and st.error is not None
    spec.write_text("---- MODULE Counter ----\nVARIABLE n\n====\n")
    assert translation_status(str(spec)).state == "no-algorithm"


def test_status_accepts_translations_of_older_translators(tmp_path: Path):
    text = rewrite(SOURCE).text.replace("VARIABLES pc, n", "VARIABLES n, pc").replace(
        "vars == << pc, n >>", "vars == << n, pc >>")
    spec = tmp_path / "Counter.tla"
    spec.write_text(text)
    assert translation_status(str(spec)).state == "up-to-date"


def test_pluscal_options_in_the_module_apply():
    text = SOURCE.replace("EXTENDS Naturals", "EXTENDS Naturals\n\\* PlusCal options (-wf)")
    res = rewrite(text)
    assert "Spec == Init /\\ [][Next]_vars" not in res.text  # uniprocess -wf is WF(Next)
    assert "        /\\ WF_vars(Next)" in res.text.split("\n")


def test_unchanged_translation_keeps_the_recorded_checksums():
    text = rewrite(SOURCE).text
    lines = text.split("\n")
    b, _ = find_translation(lines)
    foreign = lines[b].replace('chksum(pcal) = "', 'chksum(pcal) = "1234')
    text = "\n".join(lines[:b] + [foreign] + lines[b + 1:])
    assert rewrite(text).text == text


def test_fair_algorithm_pcal_checksum_is_tlcs():
    fair = SOURCE.replace("(* --algorithm Counter", "(* --fair algorithm Counter")
    lines = rewrite(fair).text.split("\n")
    b, _ = find_translation(lines)
    assert 'chksum(pcal) = "7c28162a"' in lines[b]


def test_status_accepts_the_old_unchanged_form(tmp_path: Path):
    two_vars = SOURCE.replace("variables n = 0;", "variables n = 0, m = 0;")
    text = rewrite(two_vars).text
    assert "/\\ m' = m" in text
    spec = tmp_path / "Counter.tla"
    spec.write_text(text.replace("/\\ m' = m", "/\\ UNCHANGED m"))
    assert translation_status(str(spec)).state == "up-to-date"


def test_begin_line_without_checksums_gets_them_appended():
    text = rewrite(SOURCE).text
    lines = text.split("\n")
    b, _ = find_translation(lines)
    lines[b] = "\\* BEGIN TRANSLATION  (this begins the translation)"
    out = rewrite("\n".join(lines)).text.split("\n")
    assert out[b].startswith("\\* BEGIN TRANSLATION  (this begins the translation) (chksum(pcal) = ")


def test_text_after_the_closing_comment_is_an_error():
    import pytest
    from tla.errors import ParseError
    with pytest.raises(ParseError) as info:
        rewrite(SOURCE.replace("end algorithm; *)", "end algorithm; *) Foo == 1"))
    assert info.value.span.line == 8
