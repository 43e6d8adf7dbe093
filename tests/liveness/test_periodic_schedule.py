"""When periodic liveness checks are due (``tla.checker.liveness.periodic``): TLC's times
(3 s, then each minute), growth and cost rules, and pytlc's threshold of explored states
before the first check."""
from __future__ import annotations

from tla.checker.liveness.periodic import PeriodicSchedule


def test_first_check_waits_for_time_and_states():
    s = PeriodicSchedule(0.0)
    assert not s.due(2.9, 500_000)                  # before 3 s
    assert not s.due(3.5, 20_000)                   # a graph TLC would never check
    assert not s.due(10.0, 99_999)
    assert s.due(12.0, 100_000)                     # both: the first opportunity after


def test_later_checks_follow_tlcs_rules():
    s = PeriodicSchedule(0.0)
    assert s.due(5.0, 200_000)
    s.checked(200_000, 0.5)
    assert not s.due(30.0, 400_000)                 # the next one comes a minute later
    assert not s.due(65.1, 210_000)                 # grew by 5 % only (and waits again)
    assert s.due(126.0, 400_000)
    s.checked(400_000, 40.0)                        # 40.5 s of 126 s: past a fifth
    assert not s.due(187.0, 800_000)


def test_the_environment_schedule_has_no_state_threshold(monkeypatch):
    monkeypatch.setenv("PYTLC_LIVENESS_SECONDS", "0")
    s = PeriodicSchedule.for_run(0.0)
    assert s.due(0.0, 10)
