"""Lint tests run with an empty TLA_PATH, so that only the fixtures and pytlc's own
modules are found, whatever the environment says."""
import pytest


@pytest.fixture(autouse=True)
def _no_tla_path(monkeypatch):
    monkeypatch.delenv("TLA_PATH", raising=False)
