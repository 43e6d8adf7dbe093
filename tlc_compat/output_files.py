"""Files pytlc writes besides its output (state dumps, trace files, trace-exploration
specs), and what a failure to write them looks like.

Takes: a path and text, or a path to stream text into. Gives: the file, or an
:class:`OutputFileError` that says which file and why, in the words of the Java exception
TLC would meet: ``java.io.FileNotFoundException`` with ``<path> (<reason>)`` when the file
cannot be created (a missing or read-only directory, a path through a regular file), and
``java.io.IOException`` with ``<reason>`` when writing fails later (a full disk). The
callers decide how a failure is reported and which exit status follows; nothing here
prints, and no failure passes silently (TLC's PrintWriters drop write errors; pytlc does
not).
"""
from __future__ import annotations

import os
from typing import TextIO

from tla.errors import TLAError

OPEN_FAILED = "java.io.FileNotFoundException"
WRITE_FAILED = "java.io.IOException"


class OutputFileError(TLAError):
    """A file pytlc was asked to write could not be written. ``path`` is the file,
    ``java_class`` the Java exception TLC reports for the same failure, and ``message``
    its text."""

    def __init__(self, path: str, java_class: str, message: str, reason: str = ""):
        super().__init__(message)
        self.path = path
        self.java_class = java_class
        #: why, without the path: ``No space left on device``, ``Not a directory`` ...
        self.reason = reason or message


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def open_failure(path: str, exc: OSError) -> OutputFileError:
    """The error for a file that could not be created or opened for writing."""
    return OutputFileError(path, OPEN_FAILED, f"{path} ({_reason(exc)})", _reason(exc))


def write_failure(path: str, exc: OSError) -> OutputFileError:
    """The error for a file whose content could not be written (disk full, I/O error)."""
    return OutputFileError(path, WRITE_FAILED, _reason(exc))


class OutputStream:
    """A text file opened for writing whose failures are :class:`OutputFileError`."""

    def __init__(self, path: str):
        self.path = path
        try:
            self._fh: TextIO = open(path, "w", encoding="utf-8")
        except OSError as exc:
            raise open_failure(path, exc) from None

    def write(self, text: str) -> None:
        if self._fh.closed:
            raise write_failure(self.path, OSError(0, "the file is closed after an earlier "
                                                      "failure"))
        try:
            self._fh.write(text)
        except OSError as exc:
            self._abandon()
            raise write_failure(self.path, exc) from None

    def flush(self) -> None:
        if self._fh.closed:          # closed after a failure, which was raised then
            return
        try:
            self._fh.flush()
        except OSError as exc:
            self._abandon()
            raise write_failure(self.path, exc) from None

    def close(self) -> None:
        if self._fh.closed:
            return
        try:
            self._fh.close()
        except OSError as exc:
            self._abandon()
            raise write_failure(self.path, exc) from None

    def _abandon(self) -> None:
        """Close without writing the buffer again (it is what failed)."""
        try:
            self._fh.close()
        except OSError:
            pass


def write_text_file(path: str, text: str) -> None:
    """Write ``text`` to ``path`` (replacing it); raises :class:`OutputFileError`."""
    out = OutputStream(path)
    out.write(text)
    out.close()


def write_bytes_file(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` (replacing it); raises :class:`OutputFileError`."""
    try:
        fh = open(path, "wb")
    except OSError as exc:
        raise open_failure(path, exc) from None
    try:
        with fh:
            fh.write(data)
    except OSError as exc:
        raise write_failure(path, exc) from None


def make_directories(path: str) -> None:
    """Create ``path`` and its parents as needed (TLC's ``mkdirs``); raises
    :class:`OutputFileError` naming ``path`` when that is impossible."""
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as exc:
        raise open_failure(path, exc) from None


class UserOutput:
    """``-userFile FILE``: where ``Print`` and ``PrintT`` write instead of standard output.
    A write that fails is reported once through ``on_failure`` (with the
    :class:`OutputFileError`); what would have followed is not written."""

    def __init__(self, path: str, on_failure):
        self.stream = OutputStream(path)
        self.on_failure = on_failure
        self.failed = False

    def line(self, text: str) -> None:
        if self.failed:
            return
        try:
            self.stream.write(text + "\n")
        except OutputFileError as exc:
            self._fail(exc)

    def close(self) -> None:
        if self.failed:
            return
        try:
            self.stream.close()
        except OutputFileError as exc:
            self._fail(exc)

    def _fail(self, exc: OutputFileError) -> None:
        self.failed = True
        self.on_failure(exc)
