"""Bounded decoding of gzip, deflate and brotli: a decompression bomb stops at the limit.

Pure (no network, no HTTP client imported): the fetch client decodes Content-Encoding with it,
the sitemap reader `.xml.gz` files, and the S3 adapter the gzipped raw pages it stores. Output
is produced in small pieces, so memory never holds more than one piece beyond what the caller
keeps.
"""

from __future__ import annotations

import importlib
import io
import zlib
from collections.abc import Callable, Iterable, Iterator
from types import ModuleType
from typing import IO, Protocol

PIECE = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"


def _load_brotli() -> ModuleType | None:
    # Optional: without a brotli package we simply never advertise `br`.
    for name in ("brotli", "brotlicffi"):
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    return None


_BROTLI = _load_brotli()


class StreamError(Exception):
    """Reading a body stopped before its end."""


class TooLargeError(StreamError):
    """The (decoded) body passed its size limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"body larger than {limit} bytes")
        self.limit = limit


class DecodingError(StreamError):
    """The body is not valid data for its declared encoding."""


class Decoder(Protocol):
    """Turns encoded chunks into decoded pieces of at most PIECE bytes each."""

    def decode(self, data: bytes) -> Iterator[bytes]:
        """Decoded pieces for one encoded chunk (b"" at the end flushes)."""
        ...


class IdentityDecoder:
    """No Content-Encoding."""

    def decode(self, data: bytes) -> Iterator[bytes]:
        """The chunk itself."""
        if data:
            yield data


class ZlibDecoder:
    """gzip (multi-member too), zlib-wrapped deflate, or raw deflate.

    `complete`: a stream that ends before its last member's end raises DecodingError (our own
    stored files); otherwise what was decoded stands (servers cut responses short).
    """

    def __init__(self, wbits: int | None = None, *, complete: bool = False) -> None:
        # None: decide from the first bytes, since servers send "deflate" both wrapped and raw.
        self._wbits = wbits
        self._inner: zlib._Decompress | None = None
        self._complete = complete

    def decode(self, data: bytes) -> Iterator[bytes]:
        """Decompress with a bounded output size per call (zlib's max_length)."""
        if not data and self._complete and (self._inner is None or not self._inner.eof):
            msg = "truncated compressed data"
            raise DecodingError(msg)
        if self._inner is None:
            if not data:
                return
            self._wbits = self._wbits if self._wbits is not None else _deflate_wbits(data)
            self._inner = zlib.decompressobj(self._wbits)
        pending = data
        while True:
            try:
                piece = self._inner.decompress(pending, PIECE)
            except zlib.error as exc:
                raise DecodingError(str(exc)) from exc
            if piece:
                yield piece
            pending = self._inner.unconsumed_tail
            if self._inner.eof and self._inner.unused_data:
                rest = self._inner.unused_data
                if not rest.startswith(GZIP_MAGIC):
                    return  # trailing garbage after the last member: ignore it
                self._inner = zlib.decompressobj(self._wbits or zlib.MAX_WBITS | 16)
                pending = rest
                continue
            if not pending and len(piece) < PIECE:
                return


def _deflate_wbits(data: bytes) -> int:
    if data.startswith(GZIP_MAGIC):
        return zlib.MAX_WBITS | 16
    if len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0:
        return zlib.MAX_WBITS
    return -zlib.MAX_WBITS


class BrotliDecoder:
    """brotli with its output buffer limited, so a bomb cannot allocate beyond one piece."""

    def __init__(self) -> None:
        if _BROTLI is None:  # pragma: no cover - only advertised when installed
            msg = "brotli is not installed"
            raise DecodingError(msg)
        self._inner = _BROTLI.Decompressor()
        self._error: type[Exception] = _BROTLI.error

    def decode(self, data: bytes) -> Iterator[bytes]:
        """Decompress one chunk, draining buffered output before taking more input."""
        try:
            piece: bytes = self._inner.process(data, output_buffer_limit=PIECE)
            if piece:
                yield piece
            while not self._inner.can_accept_more_data():
                piece = self._inner.process(b"", output_buffer_limit=PIECE)
                if not piece:
                    return
                yield piece
        except self._error as exc:
            raise DecodingError(str(exc)) from exc


def brotli_available() -> bool:
    """Whether `br` can be decoded (and so advertised in Accept-Encoding)."""
    return _BROTLI is not None


def decoder_for(content_encoding: str | None) -> Decoder:
    """The decoder for a Content-Encoding value; unknown codings raise DecodingError."""
    coding = (content_encoding or "").strip().lower()
    if coding in {"", "identity"}:
        return IdentityDecoder()
    if coding in {"gzip", "x-gzip"}:
        return ZlibDecoder(zlib.MAX_WBITS | 16)
    if coding == "deflate":
        return ZlibDecoder()
    if coding == "br" and brotli_available():
        return BrotliDecoder()
    msg = f"unsupported content-encoding {coding!r}"
    raise DecodingError(msg)


class DecodedStream(io.RawIOBase):
    """A read-only file over encoded chunks: decodes lazily, raises TooLargeError past limit."""

    def __init__(
        self,
        chunks: Iterable[bytes],
        decoder: Decoder,
        max_bytes: int,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self._chunks = iter(chunks)
        self._decoder = decoder
        self._max_bytes = max_bytes
        self._pieces: Iterator[bytes] = iter(())
        self._buffer = b""
        self._produced = 0
        self._done = False
        self._on_close = on_close

    def readable(self) -> bool:
        """Always: this is a reader."""
        return True

    def readinto(self, target: memoryview | bytearray) -> int:  # type: ignore[override]
        """Fill `target` with decoded bytes; 0 at the end."""
        while not self._buffer:
            piece = self._next_piece()
            if piece is None:
                return 0
            self._buffer = piece
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size

    def _next_piece(self) -> bytes | None:
        while True:
            piece = next(self._pieces, None)
            if piece is not None:
                self._produced += len(piece)
                if self._produced > self._max_bytes:
                    raise TooLargeError(self._max_bytes)
                return piece
            if self._done:
                return None
            chunk = next(self._chunks, None)
            if chunk is None:
                self._done = True
                self._pieces = self._decoder.decode(b"")
            else:
                self._pieces = self._decoder.decode(chunk)

    def close(self) -> None:
        """Close, releasing the underlying connection if one was given."""
        if not self.closed and self._on_close is not None:
            self._on_close()
        super().close()


def file_chunks(
    stream: io.RawIOBase | io.BufferedIOBase | io.BytesIO, size: int = PIECE
) -> Iterator[bytes]:
    """Chunks read from a binary file object until its end."""
    while True:
        chunk = stream.read(size)
        if not chunk:
            return
        yield chunk


def read_limited(stream: IO[bytes] | io.RawIOBase, max_bytes: int) -> bytes:
    """The whole stream, or TooLargeError once it passes max_bytes."""
    parts: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(PIECE)
        if not chunk:
            return b"".join(parts)
        total += len(chunk)
        if total > max_bytes:
            raise TooLargeError(max_bytes)
        parts.append(chunk)
