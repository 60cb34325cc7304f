"""The call chart: its frame (``callChart``), the pyqtgraph plot created after the first paint,
its payments, coupons and yield panels, the painting pieces they share, and its style."""

from app.ui.chart.frame import CallChart

__all__ = ["CallChart"]
