"""companion_tui — a private, encrypted terminal companion for the days between therapy sessions."""

__version__ = "0.1.0"
