"""Loaded by every Python started with this folder on PYTHONPATH: refuses network connections.

The notebook tests put this folder on the kernel's PYTHONPATH, so any attempt to reach a host
other than this machine (a dataset download, a hub, a CDN) fails at once with ``OSError``.
Loopback stays open: the kernel talks to its client over it.
"""
import socket

_LOCAL = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}
_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo


def _allowed(host) -> bool:
    return isinstance(host, str) and (host in _LOCAL or host.startswith("127."))


def _guard(address):
    if isinstance(address, tuple) and address and not _allowed(address[0]):
        raise OSError(f"network access is disabled in the course's tests (tried {address[0]})")


def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _guard(address)
    return _connect(self, address)


def connect_ex(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _guard(address)
    return _connect_ex(self, address)


def getaddrinfo(host, *args, **kwargs):
    if host is not None and not _allowed(host if isinstance(host, str) else host.decode()):
        raise OSError(f"network access is disabled in the course's tests (tried to resolve {host})")
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.getaddrinfo = getaddrinfo
