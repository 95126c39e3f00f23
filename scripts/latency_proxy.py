"""A TCP proxy that adds a round-trip time to every connection: for `make bench`'s repeat visit
"on a phone network", and for the tests of a network that stalls: localhost answers in a
fraction of a millisecond, so on it a request that must reach the server costs nothing, and what
the site saves by not asking (a file served from the device) cannot be seen.

Each direction's bytes are held for half the round trip, in order, without a bandwidth limit
(the repeat visit it measures downloads almost nothing): a request answered by the server costs
one round trip, as on a real network, and a new connection one more. Hand-written (about 70
lines) because neither the registries this project may use nor Chromium offer this: DevTools'
network emulation applies to a page's requests, not to those of its service worker, which are
the ones that matter here.

    with LatencyProxy(target_port=8000, rtt_ms=150) as proxy:
        page.goto(f"http://127.0.0.1:{proxy.port}/")
        proxy.rtt_ms = 120_000  # from now on: a network that connects but delivers nothing
"""

import asyncio
import socket
import threading
import time


class LatencyProxy:
    def __init__(self, target_port: int, rtt_ms: float, host: str = "127.0.0.1"):
        self.target = (host, target_port)
        self.rtt_ms = rtt_ms  # may be changed while it runs: the bytes that arrive next
        sock = socket.socket()
        sock.bind((host, 0))
        self.port = sock.getsockname()[1]
        self._sock = sock
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        started = threading.Event()
        self._started = started
        self._thread.start()
        started.wait(10)
        return self

    def __exit__(self, *exc):
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(10)
        self._thread.join(10)
        self._loop.close()

    async def _shutdown(self):
        self._server.close()
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._loop.call_soon(self._loop.stop)

    def _run(self):
        asyncio.set_event_loop(self._loop)
        self._sock.listen(128)
        self._server = self._loop.run_until_complete(asyncio.start_server(self._client, sock=self._sock))
        self._started.set()
        self._loop.run_forever()

    async def _client(self, reader, writer):
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.close()
            return
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer), return_exceptions=True)

    async def _pipe(self, reader, writer):
        """Copy reader → writer, each chunk delivered half a round trip after it arrived, in order."""
        queue: asyncio.Queue = asyncio.Queue()

        async def deliver():
            while True:
                due, chunk = await queue.get()
                wait = due - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                if chunk is None:
                    break
                writer.write(chunk)
                await writer.drain()
            writer.close()

        sender = asyncio.ensure_future(deliver())
        try:
            while chunk := await reader.read(65536):
                queue.put_nowait((time.monotonic() + self.rtt_ms / 2000, chunk))
        except (ConnectionError, OSError):
            pass
        queue.put_nowait((time.monotonic() + self.rtt_ms / 2000, None))
        try:
            await sender
        finally:
            sender.cancel()
