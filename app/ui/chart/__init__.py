"""The call chart: its frame (``callChart``), the pyqtgraph plot created after the first paint,
its payments, coupons and yield panels, the painting pieces they share, and its style.

Other rooms drawing in the chart's style use its pieces whole: ``axes`` (dollar and date axes),
``painting`` (one item per panel, bars, labels), ``parts`` (a frame's header and plot stack),
``plot.style_plot`` and ``style``. The modules that import pyqtgraph are loaded when first asked
for, never with the window's start-up."""

from importlib import import_module
from types import ModuleType

from app.ui.chart import parts, style
from app.ui.chart.frame import CallChart

__all__ = ["CallChart", "axes", "painting", "parts", "plot", "style"]
_LAZY = ("axes", "painting", "plot")


def __getattr__(name: str) -> ModuleType:
    if name in _LAZY:
        return import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
