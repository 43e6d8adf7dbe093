"""The PlusCal translator: PlusCal algorithms in a module's comments to TLA+.

Public API:

* :func:`translate_lines` (lines of a module -> :class:`Translation`, whose ``lines`` are
  the TLA+ that goes between ``\\* BEGIN TRANSLATION`` and ``\\* END TRANSLATION``);
* :func:`rewrite` (module text -> module text with a fresh translation and checksums);
* :func:`translation_status` (path -> :class:`TranslationStatus`: no-algorithm, missing,
  up-to-date, out-of-date, edited or error), for the linter;
* :func:`tla.pcal.cli.main_pcal` for ``pytlc pcal``.

Pipeline: lexer -> parser -> labels -> explode -> codegen (one module each).
"""
from tla.pcal.module import (TranslationStatus, checksum, rewrite, status_of_text,
                             translation_status)
from tla.pcal.translate import TranslateOptions, Translation, translate_lines

__all__ = ["TranslateOptions", "Translation", "TranslationStatus", "checksum", "rewrite",
           "status_of_text", "translate_lines", "translation_status"]
