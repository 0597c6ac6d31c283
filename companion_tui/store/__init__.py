"""Storage: SQLAlchemy on SQLite, sealed rows only, migrations, backups. No UI, no keys."""
