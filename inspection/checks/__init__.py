"""The checks of site inspection; each yields ``Found`` items, ``run`` joins them."""

from .base import Found

__all__ = ["Found"]
