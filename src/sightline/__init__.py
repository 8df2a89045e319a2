"""Sightline: a children's social care Quality Assurance Framework for English councils."""

__version__ = "0.1.0"
