"""``companion init | passwd | recover``: create the vault, change its passphrase, get back in
with the recovery key.

Standard library only at import time, so ``companion --help`` stays fast.
"""

from __future__ import annotations

import argparse

from companion_tui.cli.support import (
    ENV_NEW_PASSPHRASE,
    ENV_PASSPHRASE,
    ENV_PASSPHRASE_FILE,
    EXIT_OK,
    CliError,
    Commands,
    new_passphrase,
    recovery_key,
    require_vault,
    unlocked,
    warn_weak,
)
from companion_tui.paths import Paths

RECOVERY_NOTICE = """\
Your vault is ready: {home}

Your recovery key, shown only this once:

    {key}

Write it down on paper now and store it somewhere safe, away from this computer.
If you forget your passphrase, `companion recover` and this key let you back in.
If you lose BOTH your passphrase and this recovery key, your data is gone for good:
nobody, including the makers of companion, can recover it.
"""


def register(commands: Commands) -> None:
    init = commands.add_parser("init", help="create a new encrypted vault (shows your recovery key once)")
    init.set_defaults(run=cmd_init)
    passwd = commands.add_parser("passwd", help="change your passphrase")
    passwd.set_defaults(run=cmd_passwd)
    recover = commands.add_parser("recover", help="set a new passphrase using your recovery key")
    recover.set_defaults(run=cmd_recover)


def cmd_init(args: argparse.Namespace, paths: Paths) -> int:
    from companion_tui.core.workspace import LockedVault, check_new_passphrase

    if paths.exists():
        raise CliError(f"A vault already exists at {paths.vault}; nothing was changed.")
    passphrase, confirm = new_passphrase(ENV_PASSPHRASE, ENV_PASSPHRASE_FILE)
    warn_weak(check_new_passphrase(passphrase, confirm))
    _vault, ws, key = LockedVault.create(paths, passphrase)
    ws.close()
    print(RECOVERY_NOTICE.format(home=paths.home, key=key))
    return EXIT_OK


def cmd_passwd(args: argparse.Namespace, paths: Paths) -> int:
    from companion_tui.core.workspace import check_new_passphrase

    with unlocked(paths) as ws:
        new, confirm = new_passphrase(ENV_NEW_PASSPHRASE)
        warn_weak(check_new_passphrase(new, confirm))
        ws.change_passphrase(new)
    print("Passphrase changed. Your recovery key is unchanged and still works.")
    return EXIT_OK


def cmd_recover(args: argparse.Namespace, paths: Paths) -> int:
    from companion_tui.core.workspace import LockedVault, check_new_passphrase

    require_vault(paths)
    vault = LockedVault.open(paths)
    try:
        ws = vault.unlock_with_recovery(recovery_key())
        new, confirm = new_passphrase(ENV_NEW_PASSPHRASE)
        warn_weak(check_new_passphrase(new, confirm))
        ws.change_passphrase(new)
    finally:
        vault.close()
    print("New passphrase set. Your recovery key is unchanged: keep it safe.")
    return EXIT_OK
