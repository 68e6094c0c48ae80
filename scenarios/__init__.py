"""Bundled data: the Beijing catalogue, example firms and scenarios."""
