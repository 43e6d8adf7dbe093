"""pytlc: a TLA+ toolkit in Python.

``import tla`` gives the public API (evaluate expressions, load specs). Submodules are
imported lazily so that the command-line tool starts fast.
"""
__version__ = "0.1.0"
