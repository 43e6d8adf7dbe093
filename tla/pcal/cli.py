"""``pytlc pcal [options] Spec.tla``: the PlusCal translator's command line.

Takes the arguments after ``pcal`` and a text stream for messages; gives the exit status
(0 success, 1 a translation error or, with ``-check``, a translation that is not up to
date; 2 bad usage or an unreadable file). Options follow ``pcal.trans``:

  -label           add missing labels (always allowed in a uniprocess algorithm without
                   any label)
  -reportLabels    print the labels that were added
  -wf -sf -wfNext -nof   fairness of processes / of Next
  -termination     add PROPERTY Termination to the generated .cfg
  -nocfg           do not write the .cfg file (otherwise it is written as pcal.trans
                   does: the part after "\\* Add statements after this line." is kept)
  -lineWidth N     wrap generated lines before column N (default 78)
  -noDoneDisjunct  no Terminating disjunct in Next
  -spec -myspec    accepted; they only concern running TLC on PlusCal's own semantics
  -unixEOL         accepted (line ends are kept as the file has them)
  -version V       accepted (the PlusCal version; pytlc translates version 1.5 and later)
  -check           do not write anything; report whether the translation is up to date

Errors are printed as ``file:line:col: message``; no traceback.
"""
from __future__ import annotations

import os
from typing import TextIO

from tla.errors import TLAError
from tla.pcal.module import UP_TO_DATE, cfg_text, rewrite, status_of_text
from tla.pcal.translate import TranslateOptions

_FAIRNESS = {"-wf": "wf", "-sf": "sf", "-wfNext": "wfNext", "-nof": "nof"}
_ACCEPTED = {"-spec", "-myspec", "-unixEOL", "-debug", "-spec2", "-myspec2"}


class UsageError(Exception):
    pass


def apply_options(args: list[str], opts: TranslateOptions) -> TranslateOptions:
    """``opts`` updated with translator flags in ``args``; unknown flags raise
    UsageError."""
    it = iter(args)
    for a in it:
        if a == "-lineWidth":
            value = next(it, "")
            if not value.isdigit() or int(value) < 60:
                raise UsageError("-lineWidth needs a number of at least 60")
            opts.line_width = int(value)
        elif a == "-version":
            # the PlusCal language version; only versions >= 1.5 are supported
            next(it, "")
        elif a == "-label":
            opts.label = True
        elif a in _FAIRNESS:
            opts.fairness = _FAIRNESS[a]
        elif a == "-termination":
            opts.termination = True
        elif a == "-nocfg":
            opts.nocfg = True
        elif a == "-noDoneDisjunct":
            opts.no_done_disjunct = True
        elif a in ("-spec", "-myspec"):
            opts.spec = True
        elif a in _ACCEPTED or a == "-reportLabels":
            continue
        else:
            raise UsageError(f"unknown option {a}")
    return opts


def main_pcal(argv: list[str], out: TextIO) -> int:
    flags: list[str] = []
    files: list[str] = []
    args = iter(argv)
    for a in args:
        if a in ("-lineWidth", "-version"):
            flags += [a, next(args, "")]
        elif a.startswith("-"):
            flags.append(a)
        else:
            files.append(a)
    check = "-check" in flags
    report = "-reportLabels" in flags
    flags = [f for f in flags if f != "-check"]
    try:
        opts = apply_options(flags, TranslateOptions())
    except UsageError as e:
        out.write(f"pcal: {e}\n")
        out.write("usage: pytlc pcal [-label] [-wf|-sf|-wfNext|-nof] [-termination] "
                  "[-nocfg] [-noDoneDisjunct] [-check] Spec.tla\n")
        return 2
    if len(files) != 1:
        out.write("usage: pytlc pcal [options] Spec.tla\n")
        return 2
    path = files[0]
    if not path.endswith(".tla") and not os.path.exists(path):
        path += ".tla"
    try:
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
    except OSError as e:
        out.write(f"pcal: cannot read {path}: {e.strerror}\n")
        return 2
    module = os.path.splitext(os.path.basename(path))[0]
    if check:
        try:
            st = status_of_text(text, opts, path, module)
        except Exception as e:  # a bug in the translator: report it, never a traceback
            out.write(f"{path}: internal error in the PlusCal translator "
                      f"({type(e).__name__}: {e}); please report it\n")
            return 1
        if st.error is not None:
            out.write(f"{st.error}\n")
            return 1
        out.write(f"{path}:{st.line}: {st.message}\n" if st.line else f"{path}: {st.message}\n")
        return 0 if st.state == UP_TO_DATE else 1
    try:
        res = rewrite(text, opts, path, module)
    except TLAError as e:
        out.write(f"{e}\n")
        return 1
    except Exception as e:  # a bug in the translator: report it, never a traceback
        out.write(f"{path}: internal error in the PlusCal translator "
                  f"({type(e).__name__}: {e}); please report it\n")
        return 1
    out.write("Parsing completed.\n")
    if res.translation.added_labels:
        if report:
            many = len(res.translation.added_labels) > 1
            out.write("The following labels were added:\n" if many
                      else "The following label was added:\n")
            for lbl, loc in res.translation.added_labels:
                out.write(f"  {lbl} at {loc}\n")
        else:
            out.write("Labels added.\n")
    out.write("Translation completed.\n")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(res.text)
    out.write(f"New file {path} written.\n")
    if not res.options.nocfg:
        return _write_cfg(os.path.splitext(path)[0] + ".cfg", res, out)
    return 0


def _write_cfg(cfg: str, res, out: TextIO) -> int:
    existing = None
    if os.path.exists(cfg):
        if not os.access(cfg, os.W_OK):
            out.write(f"File {cfg} is read only, new version not written.\n")
            return 0
        try:
            with open(cfg, encoding="utf-8") as f:
                existing = f.read()
        except OSError as e:
            out.write(f"pcal: cannot read {cfg}: {e.strerror}\n")
            return 2
    text = cfg_text(existing, res.options.termination, res.translation.algorithm.has_default_init)
    try:
        with open(cfg, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as e:
        out.write(f"pcal: cannot write {cfg}: {e.strerror}\n")
        return 2
    out.write(f"New file {cfg} written.\n")
    return 0
