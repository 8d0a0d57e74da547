"""A program run in a pseudo-terminal, timed by what reaches the screen.

Why a terminal and not `App.run_test`: the user waits from pressing enter on
`aiops` to seeing their data, and that includes starting Python, importing
everything, Textual's driver and writing the frame to the terminal. Here the
program is exec'd on a fresh pty (120x40), and a figure ends when the bytes of
a painted frame showing the expected text have arrived on the master side.
Keys are written to the pty as a terminal would send them. Only the standard
library (pty, select, termios) is used.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence
from pathlib import Path

# Control sequences: CSI (cursor moves, styles, modes), OSC (titles, clipboard), other ESC pairs.
_CONTROL = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


class Timeout(RuntimeError):
    """The expected text did not reach the screen in time."""


def visible(raw: bytes) -> str:
    """The text a terminal would show from `raw`, control sequences dropped (each screen
    line is written whole in a full frame, so a line's text stays contiguous)."""
    return _CONTROL.sub(b"", raw).decode("utf-8", "replace")


class Terminal:
    """One process on a pty. `began` is taken just before exec."""

    def __init__(
        self,
        argv: Sequence[str],
        env: dict[str, str],
        size: tuple[int, int] = (120, 40),
        cwd: Path | None = None,
    ) -> None:
        master, slave = os.openpty()
        columns, lines = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        self.master = master
        self.raw = bytearray()
        self.mark = 0  # where the output since the last key starts
        self.began = time.perf_counter()
        self.process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**env, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(lines)},
            cwd=cwd,
            start_new_session=True,
        )
        os.close(slave)

    def _read(self, timeout: float) -> float | None:
        """Read what is there (waiting up to `timeout`); the time it arrived, or None."""
        ready, _, _ = select.select([self.master], [], [], max(timeout, 0))
        if not ready:
            return None
        try:
            chunk = os.read(self.master, 1 << 16)
        except OSError:  # the process ended and the pty closed
            chunk = b""
        arrived = time.perf_counter()
        if not chunk:
            raise Timeout(f"the program ended: {visible(bytes(self.raw[-2000:]))!r}")
        self.raw += chunk
        return arrived

    def wait_for(self, text: str, timeout: float = 60.0) -> float:
        """The moment (perf_counter) the output that put `text` on screen arrived; only
        output since the last key (or exec) counts."""
        deadline = time.perf_counter() + timeout
        while True:
            if text in visible(bytes(self.raw[self.mark :])):
                return self.last_arrival
            left = deadline - time.perf_counter()
            if left <= 0:
                shown = visible(bytes(self.raw[self.mark :]))[-1500:]
                raise Timeout(f"{text!r} not shown within {timeout} s; the screen's end:\n{shown}")
            arrived = self._read(left)
            if arrived is not None:
                self.last_arrival = arrived

    def wait_output(self, timeout: float = 60.0) -> float:
        """The moment the first output since the last key arrived (waiting for it)."""
        deadline = time.perf_counter() + timeout
        while len(self.raw) == self.mark:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise Timeout(f"no output within {timeout} s")
            arrived = self._read(left)
            if arrived is not None:
                self.last_arrival = arrived
        return self.last_arrival

    def wait_quiet(self, gap: float = 0.25, timeout: float = 30.0) -> float:
        """The moment the last output arrived before `gap` seconds without any."""
        deadline = time.perf_counter() + timeout
        last = self.last_arrival
        while time.perf_counter() < deadline:
            arrived = self._read(gap)
            if arrived is None:
                return last
            last = self.last_arrival = arrived
        raise Timeout(f"output did not settle within {timeout} s")

    last_arrival: float = 0.0

    def press(self, keys: str | bytes) -> float:
        """Send keys as typed; returns when they were sent. Later waits look only at the
        output that arrives after them."""
        self.wait_quiet(0.0)  # take in whatever is pending, so it does not count as the answer
        self.mark = len(self.raw)
        data = keys.encode() if isinstance(keys, str) else keys
        sent = time.perf_counter()
        os.write(self.master, data)
        return sent

    def peak_rss_mb(self) -> float:
        """The process's peak resident memory so far (VmHWM), in MB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def close(self, quit_keys: str | None = "q", timeout: float = 20.0) -> int:
        """Quit with `quit_keys` (as a user would) and wait; killed if it does not end."""
        try:
            if quit_keys is not None and self.process.poll() is None:
                os.write(self.master, quit_keys.encode())
                deadline = time.perf_counter() + timeout
                while self.process.poll() is None and time.perf_counter() < deadline:
                    try:
                        self._read(0.05)
                    except Timeout:
                        break
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGTERM)
            return self.process.wait(timeout=timeout)
        finally:
            os.close(self.master)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
        try:
            os.close(self.master)
        except OSError:
            pass
