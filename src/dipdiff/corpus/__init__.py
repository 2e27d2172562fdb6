"""A corpus of statements: one file per statement, a speakers registry, listing and filing."""
