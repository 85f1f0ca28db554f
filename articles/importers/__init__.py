"""Importers that bring content from other systems into Newsroom (WordPress first)."""
