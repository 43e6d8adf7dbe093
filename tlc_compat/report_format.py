"""Number, time and statistics formatting of TLC's reports.

Takes: raw numbers from the checker (milliseconds, state counts, outdegree samples).
Gives: the strings TLC prints in its messages.

TLC rules implemented (tlc-interface.md section 2.2):

* ``Finished in %1%`` (``TLC.convertRuntimeToHumanReadable``): ``ss's'`` up to a minute,
  ``mm'min' ss's'`` up to an hour, ``HH'h' mm'min'`` up to a day, else ``D'd' HH'h'`` after
  subtracting one day, all as UTC date fields of the elapsed milliseconds (so exactly 60 s
  prints ``00s``); ``<ms>ms`` in -tool mode.
* ``ProbabilityToString``: two significant digits of Java's ``Double.toString``, rounded half
  up on the next digit, a leading ``0`` dropped, the exponent kept.
* The optimistic collision probability ``distinct * ((generated - distinct) / 2^64)``.
* ``MP.format``: ``DecimalFormat("###,###.###")`` grouping, used only in Progress lines.
* The outdegree statistics (``FixedSizedBucketStatistics`` with 31 buckets and
  ``AbstractBucketStatistics``): min, rounded mean, 95th percentile and max of the samples.
"""
from __future__ import annotations

import math
import time
from typing import Sequence

_MINUTE, _HOUR, _DAY = 60_000, 3_600_000, 86_400_000


def format_duration(elapsed_ms: int, tool: bool = False) -> str:
    """The ``%1%`` of ``Finished in %1% at (...)`` and of 2267.

    >>> format_duration(7_400), format_duration(61_000), format_duration(365, tool=True)
    ('07s', '01min 01s', '365ms')
    """
    if tool:
        return f"{elapsed_ms}ms"
    # TLC formats the duration as a UTC date after the epoch (a day less for days)
    if elapsed_ms > _DAY:
        moment = time.gmtime((elapsed_ms - _DAY) // 1000)
        return f"{moment.tm_yday}d {moment.tm_hour:02d}h"
    moment = time.gmtime(elapsed_ms // 1000)
    if elapsed_ms > _HOUR:
        return f"{moment.tm_hour:02d}h {moment.tm_min:02d}min"
    if elapsed_ms > _MINUTE:
        return f"{moment.tm_min:02d}min {moment.tm_sec:02d}s"
    return f"{moment.tm_sec:02d}s"


def java_double_to_string(value: float) -> str:
    """Java's ``Double.toString``: the shortest digits that identify the double, in plain
    notation for 1e-3 <= |x| < 1e7 (at least one digit after the point) and as
    ``d.dddE<exp>`` otherwise."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "-0.0" if str(value).startswith("-") else "0.0"
    sign = "-" if value < 0 else ""
    digits, exponent = shortest_digits(abs(value))
    if 1e-3 <= abs(value) < 1e7:
        if exponent >= 0:
            whole = digits[: exponent + 1].ljust(exponent + 1, "0")
            frac = digits[exponent + 1:] or "0"
        else:
            whole = "0"
            frac = "0" * (-exponent - 1) + digits
        return f"{sign}{whole}.{frac}"
    mantissa = digits[0] + "." + (digits[1:] or "0")
    return f"{sign}{mantissa}E{exponent}"


def shortest_digits(value: float) -> tuple[str, int]:
    """The shortest digits that identify the positive double ``value`` (Python's ``repr``
    gives the same as Java's), without trailing zeros, and the power of ten of the first:
    ``(digits, e)`` with ``value == 0.digits * 10 ** (e + 1)``.

    >>> shortest_digits(1234.5), shortest_digits(0.00123), shortest_digits(1e16)
    (('12345', 3), ('123', -3), ('1', 16))
    """
    mantissa, _, power = repr(value).partition("e")
    whole, _, fraction = mantissa.partition(".")
    written = whole + fraction
    significant = written.lstrip("0")
    leading_zeros = len(written) - len(significant)
    exponent = len(whole) - 1 - leading_zeros + (int(power) if power else 0)
    return significant.rstrip("0"), exponent


def probability_to_string(probability: float, significant: int = 2) -> str:
    """TLC's ``ProbabilityToString(p, 2)``.

    >>> [probability_to_string(p) for p in (9.866e-18, 0.00576, 0.98, 0.999, 9.99e-4, 0.0)]
    ['9.9E-18', '.0058', '.98', '1.00', '10.0E-4', '0.0']
    """
    if probability == 0:
        return "0.0"
    text = java_double_to_string(probability)
    mantissa, e, exponent = text.partition("E")
    kept: list[str] = []
    seen = 0
    next_digit = None
    for ch in mantissa:
        if seen == significant:
            if ch.isdigit():
                next_digit = ch
                break
            continue
        kept.append(ch)
        if ch.isdigit() and (seen or ch != "0"):
            seen += 1
    if next_digit is not None and next_digit >= "5":
        kept = _increment(kept)
    result = "".join(kept)
    if result.startswith("0."):
        result = result[1:]
    return result + (e + exponent if e else "")


def _increment(chars: list[str]) -> list[str]:
    """Add one unit in the last digit of a decimal string, carrying left across the point."""
    out = list(chars)
    i = len(out) - 1
    while i >= 0:
        if out[i] == ".":
            i -= 1
            continue
        if out[i] == "9":
            out[i] = "0"
            i -= 1
            continue
        out[i] = str(int(out[i]) + 1)
        return out
    return ["1"] + out


def optimistic_probability(generated: int, distinct: int) -> float:
    """``AbstractChecker.calculateOptimisticProbability``: the chance that two distinct states
    shared a fingerprint, assuming random 64-bit fingerprints."""
    return distinct * ((generated - distinct) / 18446744073709551616.0)


#: below this the success message gives only the optimistic estimate (one parameter)
ACTUAL_ESTIMATE_THRESHOLD = 1e-10


def success_params(generated: int, distinct: int, actual_probability: float | None = None,
                   always_actual: bool = False) -> list[str]:
    """The parameters of 2193: ``["val = <p>"]``, plus ``"val = <actual>"`` when the
    optimistic value is at least 1e-10 or ``always_actual`` is set (TLC's -dfid run prints
    both; see dfid.out). ``actual_probability`` is the estimate from the fingerprints
    actually seen (TLC: ``1/minDistance``); None leaves the second line out. With no states
    at all both values are ``val = 0.0``.
    """
    if generated == 0 and distinct == 0:
        return ["val = 0.0", "val = 0.0"]
    optimistic = optimistic_probability(generated, distinct)
    params = [f"val = {probability_to_string(optimistic)}"]
    wanted = always_actual or optimistic >= ACTUAL_ESTIMATE_THRESHOLD
    if wanted and actual_probability is not None:
        params.append(f"val = {probability_to_string(actual_probability)}")
    return params


def group_digits(number: int | float) -> str:
    """``MP.format``: ``DecimalFormat("###,###.###")`` (groups of three, at most three
    decimals rounded half-even, no trailing zeros).

    >>> group_digits(1315), group_digits(1234567.0), group_digits(2.5)
    ('1,315', '1,234,567', '2.5')
    """
    if isinstance(number, int):
        return f"{number:,}"
    from decimal import ROUND_HALF_EVEN, Decimal    # only for a rate that is not whole
    rounded = Decimal(repr(number)).quantize(Decimal("0.001"), rounding=ROUND_HALF_EVEN)
    whole, _, frac = f"{rounded:f}".partition(".")
    frac = frac.rstrip("0")
    sign = "-" if whole.startswith("-") else ""
    grouped = f"{int(whole.lstrip('-')):,}"
    if sign and (int(whole.lstrip('-')) or frac):
        grouped = "-" + grouped
    return grouped + ("." + frac if frac else "")


def progress_params(depth: int, generated: int, distinct: int, queue: int,
                    states_per_minute: int | float | None = None,
                    distinct_per_minute: int | float | None = None) -> list[str]:
    """Parameters of the Progress line (2200), 4 or 6 of them, numbers grouped."""
    params = [group_digits(depth), group_digits(generated), group_digits(distinct),
              group_digits(queue)]
    if states_per_minute is not None and distinct_per_minute is not None:
        params += [group_digits(states_per_minute), group_digits(distinct_per_minute)]
    return params


def java_round(value: float) -> int:
    """Java's ``Math.round(double)``: floor(x + 0.5)."""
    return math.floor(value + 0.5)


class OutdegreeStatistics:
    """Accumulates one sample per dequeued state: its number of new in-model successors.

    Samples above 31 count in bucket 31 (TLC keeps 32 fixed buckets). :meth:`params` gives
    the four parameters of message 2268 in TLC's order (min, mean, 95th percentile, max).
    """

    BUCKETS = 32

    def __init__(self) -> None:
        self.counts = [0] * self.BUCKETS
        self.observations = 0

    def add(self, outdegree: int) -> None:
        self.counts[min(max(outdegree, 0), self.BUCKETS - 1)] += 1
        self.observations += 1

    def add_all(self, samples: Sequence[int]) -> None:
        for sample in samples:
            self.add(sample)

    def minimum(self) -> int:
        if not self.observations:
            return -1
        return next(i for i, c in enumerate(self.counts) if c)

    def maximum(self) -> int:
        if not self.observations:
            return -1
        return max(i for i, c in enumerate(self.counts) if c)

    def mean(self) -> float:
        if not self.observations:
            return -1.0
        return sum(i * c for i, c in enumerate(self.counts)) / (self.observations * 1.0)

    def percentile(self, quantile: float) -> int:
        """The bucket in which the sample at position ``int(n * quantile)`` falls."""
        if not self.observations:
            return -1
        quantile = min(1.0, max(0.0, quantile))
        position = int(self.observations * 1.0 * quantile)
        total = 0
        for i, count in enumerate(self.counts):
            total += count
            if total > position:
                return i
        return self.maximum()

    def params(self) -> list[str]:
        """``[min, round(mean), 95th percentile, max]`` as strings, for message 2268."""
        return [str(self.minimum()), str(java_round(self.mean())),
                str(self.percentile(0.95)), str(self.maximum())]


class ProgressRates:
    """The ``s/min`` and ``ds/min`` figures of the 6-parameter Progress line (2200).

    TLC (``ModelChecker.printProgresStats``) divides the states found since the previous
    report by the report interval in minutes (``-Dtlc2.TLC.progressInterval``, one minute by
    default, whatever time really passed), truncating to a whole number; the final report
    of a ``-tool`` run divides everything found by the real elapsed minutes instead.
    """

    def __init__(self, interval_ms: int = 60_000):
        self.interval_ms = interval_ms
        self.old_generated = 0
        self.old_distinct = 0

    @staticmethod
    def _per_minute(count: int, factor: float) -> int:
        if factor == 0:
            # Java: long division of a double by 0.0 is Infinity, cast to Long.MAX_VALUE
            return 2 ** 63 - 1 if count > 0 else 0
        return int(count / factor)

    def periodic(self, generated: int, distinct: int) -> tuple[int, int]:
        factor = self.interval_ms / 60000.0
        rates = (self._per_minute(generated - self.old_generated, factor),
                 self._per_minute(distinct - self.old_distinct, factor))
        self.old_generated, self.old_distinct = generated, distinct
        return rates

    def final(self, generated: int, distinct: int, elapsed_ms: int) -> tuple[int, int]:
        factor = elapsed_ms / 60000.0
        self.old_generated, self.old_distinct = generated, distinct
        return self._per_minute(generated, factor), self._per_minute(distinct, factor)
