"""Static images of Plotly figures through kaleido and the system Chromium.

One :class:`ChartRenderer` owns one headless Chromium (kaleido ≥ 1 drives it
over the DevTools protocol) and renders any number of figures with it: a batch
export or a briefing pack starts the browser once, never once per image.
:func:`shared_renderer` keeps one renderer per process for callers that export
now and then (the dashboard); it is closed at interpreter exit.

Why not ``kaleido.start_sync_server()``: its server thread swallows a failure
to start the browser and the next ``write_fig_sync`` then waits forever.  The
renderer runs kaleido on its own event-loop thread instead, so start-up errors
(no browser, a broken one) reach the caller, and every render has a timeout.

The browser is ``$SITREP_CHROMIUM`` when set, else ``chromium`` (or
``chromium-browser``, ``google-chrome``) on the ``PATH``.  Nothing is fetched:
plotly.js comes from the installed plotly package and MathJax is off.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import shutil
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, Literal

import plotly.graph_objects as go

from dashboard.exports.errors import ChromiumNotFoundError, RenderError

logger = logging.getLogger(__name__)

__all__ = [
    "CHROMIUM_ENV",
    "ImageFormat",
    "IMAGE_FORMATS",
    "ChartRenderer",
    "find_chromium",
    "shared_renderer",
    "close_shared_renderer",
]

CHROMIUM_ENV = "SITREP_CHROMIUM"
ImageFormat = Literal["png", "svg", "pdf"]
IMAGE_FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_INSTALL_HINT = (
    "Image export (PNG, SVG, PDF charts and maps, briefing packs) needs Chromium: "
    "install it with `apt-get install chromium` (Debian/Ubuntu), or set "
    f"{CHROMIUM_ENV} to the path of a Chromium or Chrome binary. "
    "Data exports (CSV, GeoJSON, XLSX) and the HTML map work without it."
)


def find_chromium(path: str | os.PathLike[str] | None = None) -> Path:
    """The Chromium binary to use: ``path``, else ``$SITREP_CHROMIUM``, else the
    first of chromium/chromium-browser/google-chrome on the ``PATH``.

    Raises :class:`ChromiumNotFoundError` (saying what to install) when the
    configured path is not an executable file or nothing is found.
    """
    configured = str(path) if path else os.environ.get(CHROMIUM_ENV, "")
    if configured:
        candidate = Path(configured)
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
        origin = "given" if path else f"set by {CHROMIUM_ENV}"
        raise ChromiumNotFoundError(f"No Chromium at {configured} ({origin}). {_INSTALL_HINT}")
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return Path(found)
    raise ChromiumNotFoundError(f"Chromium not found on the PATH. {_INSTALL_HINT}")


class ChartRenderer:
    """One headless Chromium that renders Plotly figures to PNG, SVG or PDF.

    Use as a context manager (``with ChartRenderer() as renderer: ...``) or
    call :meth:`open`/:meth:`close`.  :meth:`render` is thread-safe: calls
    from several threads queue on the browser's tab.  The browser is started
    lazily by the first render when :meth:`open` was not called.
    """

    def __init__(
        self, chromium: str | os.PathLike[str] | None = None, *, timeout_s: float = 60.0,
        tabs: int = 1,
    ) -> None:
        self._chromium_arg = chromium
        self.timeout_s = timeout_s
        self.tabs = tabs
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido: Any = None

    # -- lifecycle ----------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self._kaleido is not None

    def open(self) -> ChartRenderer:
        """Start Chromium (no-op when already started).  Raises
        :class:`ChromiumNotFoundError` or :class:`RenderError`."""
        with self._lock:
            if self._kaleido is not None:
                return self
            chromium = find_chromium(self._chromium_arg)
            try:
                import kaleido
            except ImportError as error:  # pragma: no cover - a dependency
                raise RenderError(f"kaleido is not installed ({error}); pip install kaleido") from error
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="sitrep-kaleido", daemon=True)
            thread.start()
            self._loop, self._thread = loop, thread
            try:
                # Kaleido() must be built inside the loop: it creates asyncio queues.
                async def start() -> Any:
                    k = kaleido.Kaleido(path=str(chromium), mathjax=False, n=self.tabs,
                                        timeout=self.timeout_s)
                    await k.open()
                    return k

                self._kaleido = self._run(start(), timeout_s=self.timeout_s)
            except BaseException as error:
                self._stop_loop()
                if isinstance(error, ChromiumNotFoundError):
                    raise
                raise RenderError(f"cannot start Chromium at {chromium}: {error}") from error
            logger.info("kaleido started with %s", chromium)
            return self

    def prestart(self) -> None:
        """Start Chromium in the background while the caller reads the store
        and builds figures; the first :meth:`render` waits for it.  Raises
        :class:`ChromiumNotFoundError` at once when there is no browser (a
        failure to start shows again at the first render)."""
        if self.is_open:
            return
        find_chromium(self._chromium_arg)

        def start() -> None:
            try:
                self.open()
            except Exception as error:  # noqa: BLE001 - re-raised by the next open()
                logger.debug("background start of Chromium failed: %s", error)

        threading.Thread(target=start, name="sitrep-kaleido-start", daemon=True).start()

    def close(self) -> None:
        """Stop Chromium (no-op when not started)."""
        with self._lock:
            if self._kaleido is not None:
                try:
                    self._run(self._kaleido.close(), timeout_s=15)
                except Exception as error:  # noqa: BLE001 - closing is best effort
                    logger.warning("closing Chromium: %s", error)
                self._kaleido = None
            self._stop_loop()

    def _stop_loop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(timeout=5)
            if not self._loop.is_running():
                self._loop.close()
        self._loop, self._thread = None, None

    def __enter__(self) -> ChartRenderer:
        return self.open()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _run(self, coroutine: Coroutine[Any, Any, Any], *, timeout_s: float) -> Any:
        assert self._loop is not None
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout=timeout_s)
        except TimeoutError:
            future.cancel()
            raise

    # -- rendering ------------------------------------------------------------

    def render(
        self, fig: go.Figure | dict[str, Any], *, fmt: str = "png", width_px: int = 1000,
        height_px: int = 600, scale: float = 2.0,
    ) -> bytes:
        """The figure as image bytes.  ``width_px``/``height_px`` are the layout
        size; a PNG is ``scale`` times larger (2× by default, for slides and
        print).  SVG and PDF are vector (scale does not change them)."""
        if fmt not in IMAGE_FORMATS:
            raise RenderError(f"unknown image format {fmt!r} (one of {', '.join(IMAGE_FORMATS)})")
        self.open()
        opts = {"format": fmt, "width": width_px, "height": height_px, "scale": scale}
        try:
            data = self._run(self._kaleido.calc_fig(fig, opts=opts), timeout_s=self.timeout_s + 5)
        except TimeoutError as error:
            raise RenderError(f"rendering a {fmt} took longer than {self.timeout_s:.0f} s") from error
        except Exception as error:
            raise RenderError(f"rendering a {fmt} failed: {error}") from error
        if isinstance(data, str):
            data = data.encode("utf-8")
        return bytes(data)


_shared: ChartRenderer | None = None
_shared_lock = threading.Lock()


def shared_renderer() -> ChartRenderer:
    """The process-wide renderer (started on first use, closed at exit)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = ChartRenderer()
            atexit.register(close_shared_renderer)
        return _shared


def close_shared_renderer() -> None:
    global _shared
    with _shared_lock:
        if _shared is not None:
            _shared.close()
            _shared = None
