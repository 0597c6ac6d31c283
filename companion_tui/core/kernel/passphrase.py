"""Choosing a new passphrase: what is refused outright, and gentle warnings about weak ones."""

from __future__ import annotations

MIN_PASSPHRASE = 8


class PassphraseTooShort(ValueError):
    pass


def check_new_passphrase(passphrase: str, confirm: str | None = None) -> list[str]:
    """Raise for unusable passphrases; return gentle warnings for weak ones."""
    if not passphrase or not passphrase.strip():
        raise PassphraseTooShort("The passphrase can't be empty.")
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseTooShort(f"Use at least {MIN_PASSPHRASE} characters (a few words work well).")
    try:
        passphrase.encode("utf-8")  # what the key derivation needs; lone surrogates can't be
    except UnicodeEncodeError:
        raise PassphraseTooShort("The passphrase contains a character that can't be used; please type it again.") from None
    if confirm is not None and confirm != passphrase:
        raise PassphraseTooShort("The two passphrases don't match.")
    return strength_warnings(passphrase)


def strength_warnings(passphrase: str) -> list[str]:
    warnings = []
    if len(set(passphrase)) <= 3:
        warnings.append("It repeats very few characters.")
    if len(passphrase) < 12 and (passphrase.isalpha() or passphrase.isdigit()):
        warnings.append("Short and of one kind of character: three or four random words are stronger.")
    if passphrase.lower() in {"password", "passphrase", "12345678", "123456789", "qwertyui", "iloveyou"}:
        warnings.append("This is one of the most common passwords.")
    return warnings


def strength_label(passphrase: str) -> str:
    n = len(passphrase)
    if n < MIN_PASSPHRASE:
        return "too short"
    if strength_warnings(passphrase):
        return "weak"
    return "good" if n < 16 else "strong"
