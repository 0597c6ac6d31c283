"""The Textual interface. Talks to ``core`` only; never to SQL or keys directly."""
