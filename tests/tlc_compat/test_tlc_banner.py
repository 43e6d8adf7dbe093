"""Start-up banner parameters, rendered against the samples' banner lines, and the small
message helpers."""
from __future__ import annotations

from dataclasses import replace

from tla.tlc_compat.banner import (
    RuntimeInfo, current_runtime, depth_first_params, model_checking_params, simulation_params,
    version_param,
)
from tla.tlc_compat.codes import EC
from tla.tlc_compat.messages import (
    init_generated, is_power_of_two_progress, message_body, temporal_check_params,
)

SAMPLE = RuntimeInfo(cores=2, os_name="Linux", os_version="6.18.44-fc-v509", os_arch="amd64",
                     vendor="Debian", version="17.0.15", bits="64bit", heap_mb=5358,
                     offheap_mb=64, pid="30865")


def test_model_checking_banner_matches_sample():
    params = model_checking_params(1, -8397685663901375759, 38, SAMPLE, "MSBDiskFPSet",
                                   "DiskStateQueue")
    assert message_body(EC.TLC_MODE_MC, params) == (
        "Running breadth-first search Model-Checking with fp 38 and seed -8397685663901375759 "
        "with 1 worker on 2 cores with 5358MB heap and 64MB offheap memory [pid: 30865] "
        "(Linux 6.18.44-fc-v509 amd64, Debian 17.0.15 64bit, MSBDiskFPSet, DiskStateQueue).")


def test_dfid_and_simulation_banners_match_samples():
    dfs = depth_first_params(1, -4811111026139181885, 96, replace(SAMPLE, pid="31556"))
    assert message_body(EC.TLC_MODE_MC_DFS, dfs) == (
        "Running depth-first search Model-Checking with fp 96 and seed -4811111026139181885 "
        "with 1 worker on 2 cores with 5358MB heap and 64MB offheap memory [pid: 31556] "
        "(Linux 6.18.44-fc-v509 amd64, Debian 17.0.15 64bit).")
    simu = simulation_params(1, 1, SAMPLE)
    assert message_body(EC.TLC_MODE_SIMU, simu) == (
        "Running Random Simulation with seed 1 with 1 worker on 2 cores with 5358MB heap and "
        "64MB offheap memory [pid: 30865] (Linux 6.18.44-fc-v509 amd64, Debian 17.0.15 64bit).")


def test_banner_without_pid_and_plural_workers():
    rt = RuntimeInfo(8, "Linux", "6.1", "amd64", "CPython", "3.11.9", "64bit", 100, 0, "")
    text = message_body(EC.TLC_MODE_MC, model_checking_params(4, 7, 3, rt))
    assert "with 4 workers on 8 cores with 100MB heap and 0MB offheap memory (Linux" in text
    assert "[pid" not in text


def test_current_runtime_is_sane():
    rt = current_runtime()
    assert rt.cores >= 1 and rt.bits in ("64bit", "32bit") and rt.pid.isdigit()


def test_version_param():
    assert version_param("2026.04.29.164809", "cc6b616") == "Version 2026.04.29.164809 (rev: cc6b616)"
    assert message_body(EC.TLC_VERSION, [version_param("1.0")]) == "TLC2 Version 1.0"


def test_init_generated():
    assert init_generated(1, 1) == (EC.TLC_INIT_GENERATED1, ["1", ""])
    assert init_generated(5, 5) == (EC.TLC_INIT_GENERATED1, ["5", "s"])
    code, params = init_generated(6, 5)
    assert code == EC.TLC_INIT_GENERATED2
    assert message_body(code, params, now="T") == (
        "Finished computing initial states: 6 states generated, with 5 of them distinct at T.")


def test_temporal_check_params():
    assert message_body(EC.TLC_CHECKING_TEMPORAL_PROPS, temporal_check_params(3), now="T") == (
        "Checking temporal properties for the complete state space with 3 total distinct "
        "states at (T)")
    assert temporal_check_params(9, complete=False, branches=2) == ["current", "9",
                                                                    "2 branches of "]


def test_initial_state_progress_counts():
    # multi_init.out: 5 initial states print "Computed 2" and "Computed 4"
    assert [n for n in range(1, 6) if is_power_of_two_progress(n)] == [2, 4]
