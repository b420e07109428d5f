"""Recognisers for the layouts workshop sites use: paper lists, tables, talk pages, schedule cells, names."""
