"""Background jobs: long work (imports, validation, exports) run by `sightline worker`, not by a page."""
