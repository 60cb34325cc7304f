"""The purchase calculator: amount, settle date, price and yield in; cost, income and yields out."""

from app.ui.calculator.panel import CalculatorPanel, Preset

__all__ = ["CalculatorPanel", "Preset"]
