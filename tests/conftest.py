"""Settings for the whole test session."""
from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_module_cache(tmp_path_factory):
    """The tests' parsed-module cache is a folder of their own (inherited by the pytlc
    processes they start): they neither read a developer's entries nor fill that cache
    with the specs they write into temporary folders."""
    saved = os.environ.get("PYTLC_CACHE_DIR")
    os.environ["PYTLC_CACHE_DIR"] = str(tmp_path_factory.mktemp("pytlc-cache"))
    yield
    if saved is None:
        del os.environ["PYTLC_CACHE_DIR"]
    else:
        os.environ["PYTLC_CACHE_DIR"] = saved
