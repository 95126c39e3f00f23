"""Wait until a freshly launched browser has finished its own start-up, before a timed visit.

Chromium 156 (Debian's package, in the new headless mode that Playwright uses) renders its
omnibox popup, a web page of its own, in a renderer of its own as soon as it is launched: about
1 s of CPU within the first 1.7 s (measured on this 2-core machine). A visit timed from the
moment of launch shared the cores with it, which no reader's phone does (a phone's browser is
already running, and its address bar is not a web page). The bench launches a new browser for
every cold and repeat visit, of the tool page and of the reference page alike, and lets each
settle with this function first.

Linux only (it reads /proc): elsewhere it waits a fixed time instead.
"""

import os
import time

WINDOW_S = 0.3  # how often the browser's CPU time is read
QUIET_SHARE = 0.1  # quiet: less than a tenth of one core used in the last window
LIMIT_S = 10.0  # never waits longer than this
FALLBACK_S = 2.0  # without /proc


def _processes() -> dict[int, tuple[int, float]]:
    """Every process: its parent and the CPU time it has used (ms), from one read of its stat."""
    tick_ms = 1000 / os.sysconf("SC_CLK_TCK")
    found: dict[int, tuple[int, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            found[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) * tick_ms)  # ppid; utime + stime
        except (OSError, IndexError, ValueError):
            continue  # the process ended meanwhile
    return found


def descendants_cpu_ms() -> float:
    """CPU time used so far by every process started from this one (Playwright's driver, the
    browser and all its processes)."""
    processes = _processes()
    kids: dict[int, list[int]] = {}
    for pid, (ppid, _) in processes.items():
        kids.setdefault(ppid, []).append(pid)
    todo, total = [os.getpid()], 0.0
    while todo:
        for child in kids.get(todo.pop(), []):
            total += processes[child][1]
            todo.append(child)
    return total


def wait_until_quiet() -> float:
    """Returns the seconds waited."""
    start = time.monotonic()
    if not os.path.isdir("/proc/self"):
        time.sleep(FALLBACK_S)
        return FALLBACK_S
    last = descendants_cpu_ms()
    while time.monotonic() - start < LIMIT_S:
        time.sleep(WINDOW_S)
        now = descendants_cpu_ms()
        if now - last < WINDOW_S * 1000 * QUIET_SHARE:
            break
        last = now
    return time.monotonic() - start
