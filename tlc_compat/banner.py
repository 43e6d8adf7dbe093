"""The parameters of TLC's start-up lines: the version (2262) and the run-mode banners
(2187 breadth-first, 2271 depth-first, 2188 simulation).

Takes: the run's settings (workers, seed, fingerprint index) and a description of the
machine (:class:`RuntimeInfo`, by default read from the running Python).
Gives: the parameter lists in TLC's order, ready for ``Reporter.message(code, *params)``.

TLC rule implemented (``TLC.getModelCheckingRuntime``/``getSimulationRuntime``, MP.java):
2187 takes ``workers, plural, cores, os.name, os.version, os.arch, vendor, version, bits,
heapMB, offheapMB, seed, fp, pid, fpset, queue``; 2271 the same without the last two;
2188 ``seed, workers, plural, cores, os.name, os.version, os.arch, vendor, version, bits,
heapMB, offheapMB, pid, mode``. An empty pid leaves out ``[pid: ...]``. Where TLC names
the JVM, pytlc names the Python implementation running it.
"""
from __future__ import annotations

import os
import sys

from tla.records import record

_JAVA_ARCH = {"x86_64": "amd64", "AMD64": "amd64", "i386": "x86", "i686": "x86",
              "arm64": "aarch64"}


@record
class RuntimeInfo:
    """The machine facts the banners show."""

    cores: int
    os_name: str
    os_version: str
    os_arch: str
    vendor: str
    version: str
    bits: str
    heap_mb: int
    offheap_mb: int
    pid: str


def _physical_memory_mb() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // (1024 * 1024)
    except (ValueError, OSError, AttributeError):
        return 0


_IMPLEMENTATIONS = {"cpython": "CPython", "pypy": "PyPy", "graalpy": "GraalVM",
                    "ironpython": "IronPython", "jython": "Jython"}


def _os_facts() -> tuple[str, str, str]:
    """The system's name, release and machine (``platform``'s answers, read from
    ``os.uname`` where there is one: the platform module is slow to import)."""
    if hasattr(os, "uname"):
        u = os.uname()
        return u.sysname, u.release, u.machine
    import platform
    return platform.system(), platform.release(), platform.machine()


def current_runtime() -> RuntimeInfo:
    """The facts of this process: heap is the physical memory (Python has no heap limit),
    off-heap memory 0."""
    system, release, machine = _os_facts()
    name = sys.implementation.name
    return RuntimeInfo(
        cores=os.cpu_count() or 1,
        os_name=system or "unknown",
        os_version=release or "unknown",
        os_arch=_JAVA_ARCH.get(machine, machine or "unknown"),
        vendor=_IMPLEMENTATIONS.get(name, name),
        version=sys.version.split()[0],
        bits="64bit" if sys.maxsize > 2 ** 32 else "32bit",
        heap_mb=_physical_memory_mb(),
        offheap_mb=0,
        pid=str(os.getpid()),
    )


def version_param(version: str, revision: str | None = None) -> str:
    """``%1%`` of 2262 (``TLC2 %1%``): ``Version <v>`` or ``Version <v> (rev: <r>)``."""
    return f"Version {version}" + (f" (rev: {revision})" if revision else "")


def _plural(workers: int) -> str:
    return "" if workers == 1 else "s"


def _machine(rt: RuntimeInfo) -> list[str]:
    return [rt.os_name, rt.os_version, rt.os_arch, rt.vendor, rt.version, rt.bits,
            str(rt.heap_mb), str(rt.offheap_mb)]


def model_checking_params(workers: int, seed: int, fp: int, runtime: RuntimeInfo,
                          fpset: str = "FPSet", queue: str = "StateQueue") -> list[str]:
    """Parameters of 2187 (breadth-first model checking)."""
    return ([str(workers), _plural(workers), str(runtime.cores)] + _machine(runtime)
            + [str(seed), str(fp), runtime.pid, fpset, queue])


def depth_first_params(workers: int, seed: int, fp: int, runtime: RuntimeInfo) -> list[str]:
    """Parameters of 2271 (``-dfid``)."""
    return ([str(workers), _plural(workers), str(runtime.cores)] + _machine(runtime)
            + [str(seed), str(fp), runtime.pid])


def simulation_params(seed: int, workers: int, runtime: RuntimeInfo,
                      mode: str = "Random") -> list[str]:
    """Parameters of 2188 (``-simulate``/``-generate``); ``mode`` is ``Random`` or ``RL``."""
    return ([str(seed), str(workers), _plural(workers), str(runtime.cores)] + _machine(runtime)
            + [runtime.pid, mode])
