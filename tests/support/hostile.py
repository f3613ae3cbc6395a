"""The hostile part of the loopback web: ``hostile.test`` (routed from tests/support/web.py).

Every body here is built from a few readable lines, when first asked for:
compression bombs in each content coding a server may send (asked for or not),
nested codings, a body drip-fed a byte at a time, a title whose declared
charset is wrong, control characters lxml refuses, and redirects to IPv6
addresses that carry a private IPv4 address.
"""

from __future__ import annotations

import functools
import gzip
import zlib
from collections.abc import Callable
from typing import Any

BOMB_SIZE = 64 * 1024 * 1024
"""Decoded size of every bomb: far above the tests' 1 MiB cap, small enough to build fast."""

_MIB_OF_ZEROS = bytes(1024 * 1024)


def _zlib_stream(wbits: int, data: Callable[[], Any]) -> bytes:
    encoder = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return b"".join([*(encoder.compress(chunk) for chunk in data()), encoder.flush()])


def _zeros() -> Any:
    return (_MIB_OF_ZEROS for _ in range(BOMB_SIZE // len(_MIB_OF_ZEROS)))


@functools.cache
def gzip_bomb() -> bytes:
    """``BOMB_SIZE`` zero bytes, gzipped (about 64 KB)."""
    return _zlib_stream(31, _zeros)


@functools.cache
def deflate_bomb() -> bytes:
    """``BOMB_SIZE`` zero bytes as HTTP ``deflate`` (a zlib stream)."""
    return _zlib_stream(15, _zeros)


@functools.cache
def raw_deflate_bomb() -> bytes:
    """The same as a raw deflate stream, as some servers send ``deflate``."""
    return _zlib_stream(-15, _zeros)


@functools.cache
def brotli_bomb() -> bytes:
    """``BOMB_SIZE`` zero bytes, brotli-compressed (about 3 KB)."""
    import brotli

    if hasattr(brotli, "Compressor") and hasattr(brotli.Compressor(), "compress"):
        encoder = brotli.Compressor(quality=1)
        parts = [encoder.compress(chunk) for chunk in _zeros()]
        return b"".join([*parts, encoder.finish()])
    return bytes(brotli.compress(bytes(BOMB_SIZE), quality=1))


@functools.cache
def nested_gzip_bomb() -> bytes:
    """The gzip bomb gzipped again (``Content-Encoding: gzip, gzip``): a few hundred bytes."""
    return gzip.compress(gzip_bomb(), 9)


@functools.cache
def gzip_over_deflate_bomb() -> bytes:
    """``Content-Encoding: deflate, gzip``: deflated first, then gzipped."""
    return gzip.compress(deflate_bomb(), 9)


@functools.cache
def gzip_over_brotli_bomb() -> bytes:
    """``Content-Encoding: br, gzip``: the brotli bomb, gzipped."""
    return gzip.compress(brotli_bomb(), 9)


SIX_GZIP = ", ".join(["gzip"] * 6)
"""The ``Content-Encoding`` of ``/six-gzip``: one coding more than urllib3 will undo."""


def six_times_gzipped() -> bytes:
    """A short page gzipped six times: one coding more than urllib3 will undo."""
    body = CONTROL_PAGE.encode()
    for _ in range(6):
        body = gzip.compress(body)
    return body


BOMBS: dict[str, tuple[str, Callable[[], bytes]]] = {
    "/bomb/gzip": ("gzip", gzip_bomb),
    "/bomb/x-gzip": ("x-gzip", gzip_bomb),
    "/bomb/deflate": ("deflate", deflate_bomb),
    "/bomb/raw-deflate": ("deflate", raw_deflate_bomb),
    "/bomb/br": ("br", brotli_bomb),
    "/bomb/gzip-gzip": ("gzip, gzip", nested_gzip_bomb),
    "/bomb/deflate-gzip": ("deflate, gzip", gzip_over_deflate_bomb),
    "/bomb/br-gzip": ("br, gzip", gzip_over_brotli_bomb),
}
"""Path → (``Content-Encoding``, body) of each bomb ``hostile.test`` serves."""

CONTROL_PAGE = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
    "<title>Harbour\x08 budget\x1f approved</title></head><body><article>"
    "<h1>Harbour budget approved</h1>"
    "<p>The city council approved a budget of 4.2 million euros\x08 for the harbour on "
    "Tuesday,\x1f after a debate that lasted most of the afternoon.\x0b\x0c</p>"
    "<p>The mayor said the works would start in the spring and take two years; the "
    "opposition asked for an independent audit\x00 of the costs first.</p>"
    "</article></body></html>"
)
"""A page whose title and text hold C0 control characters (backspace, unit separator, NUL)."""

_TURKISH = (
    "<html><head><title>Şehir meclisi liman bütçesini onayladı</title></head><body><article>"
    "<p>Şehir meclisi salı günü liman için 4,2 milyon avroluk bütçeyi onayladı.</p>"
    "</article></body></html>"
)
CHARSET_PAGES = {
    # A label no codec has: the bytes decide.
    "/charset/unknown-label": (_TURKISH.encode("utf-8"), "text/html; charset=x-mac-nonsense"),
    # Declared UTF-16, sent as UTF-8.
    "/charset/utf-16-declared": (_TURKISH.encode("utf-8"), "text/html; charset=utf-16"),
    # Windows-1254 bytes declared Latin-1, as old Turkish sites do.
    "/charset/turkish-as-latin-1": (_TURKISH.encode("cp1254"), "text/html; charset=iso-8859-1"),
}
"""Path → (body, ``Content-Type``) of pages whose declared charset is wrong or unknown."""
TURKISH_TITLE = "Şehir meclisi liman bütçesini onayladı"

# Redirect targets: IPv6 forms that carry a private IPv4 address.  The tests allow
# 127.0.0.0/8 (the loopback web itself), so only the carried address can refuse them.
EMBEDDED_REDIRECTS = {
    "/to/ipv4-compatible-metadata": "http://[::169.254.169.254]/latest/meta-data/",
    "/to/ipv4-mapped-metadata": "http://[::ffff:169.254.169.254]/latest/meta-data/",
    "/to/nat64-private": "http://[64:ff9b::10.0.0.1]/admin",
    "/to/nat64-local-private": "http://[64:ff9b:1:a00:0:100::]/admin",
    "/to/6to4-lan": "http://[2002:c0a8:101::1]/",
    "/to/teredo-private": "http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/",
    "/to/isatap-private": "http://[2600::5efe:10.1.2.3]/",
}
"""Path → ``Location`` of each redirect to an IPv6 address carrying a private IPv4 one."""


def serve(handler: Any, path: str) -> None:
    """Answer ``path`` on ``hostile.test`` through ``handler`` (the loopback web's handler)."""
    if path in BOMBS:
        coding, body = BOMBS[path]
        handler._send(200, body(), headers={"Content-Encoding": coding})
    elif path in EMBEDDED_REDIRECTS:
        handler._redirect(EMBEDDED_REDIRECTS[path], 302)
    elif path == "/six-gzip":
        handler._send(200, six_times_gzipped(), headers={"Content-Encoding": SIX_GZIP})
    elif path == "/control-characters":
        handler._send(200, CONTROL_PAGE)
    elif path in CHARSET_PAGES:
        body, content_type = CHARSET_PAGES[path]
        handler._send(200, body, content_type=content_type)
    elif path == "/drip-gzip":
        _drip_gzip(handler)
    else:
        handler._send(404, "<title>Not here</title>")


def _drip_gzip(handler: Any) -> None:
    """A gzip body that never ends, a byte every tenth of a second."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Encoding", "gzip")
    handler.end_headers()
    handler.close_connection = True
    data = gzip_bomb()
    stopping = handler.server.web.stopping
    for offset in range(len(data)):
        if stopping.wait(0.1):
            return
        handler.wfile.write(data[offset : offset + 1])
        handler.wfile.flush()
