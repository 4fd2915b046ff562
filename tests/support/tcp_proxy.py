"""A TCP proxy a test can cut and restore, to take a server away from a running service.

``cut()`` closes the listening socket and every forwarded connection, so the
service's open connections fail at once and new ones are refused (as when a
database host goes down); ``restore()`` listens again on the same port.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading
from types import TracebackType

BUFFER_BYTES = 65536


class TcpProxy:
    """Forwards each connection made to ``host``:``port`` (a free port) on to ``target``."""

    def __init__(self, target: tuple[str, int], host: str = "127.0.0.1") -> None:
        self.target = target
        self.host = host
        self.port = 0  # the first listen picks a free port; restore() reuses it
        self.lock = threading.Lock()
        self.listener: socket.socket | None = None
        self.acceptor: threading.Thread | None = None
        self.connections: set[socket.socket] = set()
        self.restore()

    def restore(self) -> None:
        """Listen (again) on the proxy's port."""
        with self.lock:
            if self.listener is not None:
                return
            # create_server sets SO_REUSEADDR, so the port can be bound again at once
            # although the connections cut from it linger in TIME_WAIT.
            listener = socket.create_server((self.host, self.port))
            self.port = listener.getsockname()[1]
            self.listener = listener
        self.acceptor = threading.Thread(
            target=self.accept, args=(listener,), name="tcp-proxy-accept", daemon=True
        )
        self.acceptor.start()

    def cut(self) -> None:
        """Stop listening and drop every forwarded connection; connects are now refused."""
        with self.lock:
            listener, self.listener = self.listener, None
            cut_off, self.connections = self.connections, set()
        if listener is not None:
            # On Linux only shutdown() wakes a thread blocked in accept(); close() alone does not.
            shut(listener)
            listener.close()
        if self.acceptor is not None:
            self.acceptor.join()
        # Shutting down (not closing) wakes each forwarding thread, which closes its own
        # sockets; a socket closed under a thread still using it could be a reused fd.
        for connection in cut_off:
            shut(connection)

    def close(self) -> None:
        self.cut()

    def __enter__(self) -> TcpProxy:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.close()

    def accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # cut
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()  # the target is down too: the caller sees the connection drop
                continue
            upstream.settimeout(None)
            with self.lock:
                if self.listener is not listener:  # cut while this one was being accepted
                    client.close()
                    upstream.close()
                    return
                self.connections.update((client, upstream))
            threading.Thread(
                target=self.forward, args=(client, upstream), name="tcp-proxy-pipe", daemon=True
            ).start()

    def forward(self, client: socket.socket, upstream: socket.socket) -> None:
        """Copy bytes both ways until either side ends or the proxy is cut."""
        peer = {client: upstream, upstream: client}
        try:
            while True:
                readable, _, _ = select.select(list(peer), [], [])
                for source in readable:
                    data = source.recv(BUFFER_BYTES)
                    if not data:
                        return
                    peer[source].sendall(data)
        except OSError:
            return
        finally:
            with self.lock:
                self.connections.difference_update(peer)
            for sock in peer:
                shut(sock)
                sock.close()


def shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already disconnected
        sock.shutdown(socket.SHUT_RDWR)
