"""transcripts: a terminal browser for a bilingual transcript archive."""

__version__ = "0.1.0"
