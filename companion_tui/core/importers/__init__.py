"""Importers for other apps' exports (jrnl's JSON). Each turns a parsed file into domain records."""
