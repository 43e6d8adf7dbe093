"""Lint rule: a PlusCal algorithm whose TLA+ translation is missing, out of date, or was
edited by hand (what ``pytlc pcal`` would change), and an algorithm that does not translate.

Takes the path of a module; gives findings from :func:`tla.pcal.translation_status`, which
re-translates the algorithm and compares it with the recorded translation and its
checksums, as TLC's translator does.
"""
from __future__ import annotations

from .findings import ERROR, WARNING, Finding

_ADVICE = {
    "missing": "the PlusCal algorithm has no translation; run `pytlc pcal {file}`",
    "out-of-date": "the PlusCal translation is out of date with the algorithm; run "
                   "`pytlc pcal {file}`",
    "edited": "the PlusCal translation was edited by hand (its checksum no longer matches); "
              "`pytlc pcal {file}` would overwrite the edits",
}


def check_translation(path: str) -> list[Finding]:
    """Findings about the PlusCal translation of the module in ``path`` (none when the
    module has no algorithm or its translation is up to date)."""
    from tla.pcal import translation_status
    status = translation_status(path)
    if status.state in ("no-algorithm", "up-to-date"):
        return []
    err = status.error
    if status.state == "missing":
        err = _translation_error(path)
    if err is not None:
        span = getattr(err, "span", None)
        line = span.line if span is not None else status.line
        col = span.col if span is not None else 1
        message = getattr(err, "message", None) or status.message
        return [Finding(path, line, col, ERROR, f"PlusCal: {message}", "pluscal")]
    advice = _ADVICE.get(status.state, status.message).format(file=path)
    return [Finding(path, max(status.line, 1), 1, WARNING, advice, "pluscal")]


def _translation_error(path: str):
    """The ParseError that translating the module's algorithm raises, or None."""
    from tla.errors import ParseError
    from tla.pcal import rewrite
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    try:
        rewrite(text)
    except ParseError as exc:
        return exc
    return None
