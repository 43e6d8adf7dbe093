"""``blake2b``, the digest behind pytlc's fingerprints of strings and its parse cache's
file names: hashlib's own, taken from ``_blake2`` where the interpreter has it, because
importing ``hashlib`` also loads OpenSSL (``_hashlib``), which costs a small model's run
about a fiftieth of its time for digests pytlc does not use."""
from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:                       # an interpreter built without _blake2
    from hashlib import blake2b

__all__ = ["blake2b"]
