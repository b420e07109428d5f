"""The data layer: the model, loading and checking a project's files, names, caches. No Sphinx imports."""
