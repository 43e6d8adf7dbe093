"""The live progress line: only on terminals, at most twice a second, erased on demand."""
import io

from tla.tlc_compat.live_progress import LiveProgress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_only_on_a_terminal():
    assert LiveProgress.for_stream(io.StringIO()) is None
    assert LiveProgress.for_stream(Terminal()) is not None


def test_updates_are_throttled_and_cleared():
    now = [0.0]
    out = Terminal()
    live = LiveProgress(out, clock=lambda: now[0])
    now[0] = 1.0
    live.update(10, 40, 3, 2)
    live.update(11, 41, 3, 2)              # within half a second: not shown
    text = out.getvalue()
    assert "10 distinct states, 40 generated, 3 on queue, depth 2, 40 states/s" in text
    assert "11 distinct" not in text
    live.clear()
    assert out.getvalue().endswith("\r\033[K")
    live.clear()                            # nothing shown since: nothing written
    assert out.getvalue().count("\r\033[K") == 2
