"""What keeps a key press cheap, counted (never timed): a pane shown again is not restyled and
its footer is not rebuilt when nothing changed; a changed theme or a changed set of keys still
shows."""

from __future__ import annotations

from textual.color import Color

from companion_tui.tui.panes.mood import MoodScreen
from companion_tui.tui.widgets.footer import KeysFooter

from .conftest import unlock


async def test_a_pane_shown_again_is_not_restyled_but_a_new_theme_reaches_it(vault_paths, make_app, monkeypatch):
    app = make_app(vault_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await pilot.press("m")
        await pilot.pause()
        mood = app.screen
        assert isinstance(mood, MoodScreen)
        restyled: list = []
        original = type(app).update_styles

        def counted(self, node=None, animate=True):
            restyled.append(node)
            return original(self, node, animate)

        monkeypatch.setattr(type(app), "update_styles", counted)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert app.screen is mood
        assert mood not in restyled, "the pane was restyled as a whole on being shown again"

        # A theme picked while another pane is up reaches this one when it is shown again.
        old = mood.query_one("#form-panel").styles.border_title_color
        await pilot.press("d")
        await pilot.pause()
        app.theme = "nord" if app.theme != "nord" else "gruvbox"
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        new = mood.query_one("#form-panel").styles.border_title_color
        assert new == Color.parse(app.theme_variables["text-primary"]) and new != old, "the pane kept the old theme"


async def test_the_footer_is_rebuilt_only_when_its_keys_change(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await pilot.press("m")
        await pilot.pause()
        mood = app.screen
        footer = mood.query_one(KeysFooter)
        before = footer.rebuilds
        assert before >= 1
        shown = {key.key for key in footer.query("FooterKey")}
        assert "ctrl+s" in shown and "f1" in shown
        for key in ("d", "m", "d", "m"):
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, MoodScreen)
        assert footer.rebuilds == before, "the same keys were rebuilt on showing the pane again"

        # Moving from the form to the history changes the keys (escape no longer applies): rebuilt.
        assert mood.form in (app.focused.ancestors_with_self if app.focused else [])
        assert "escape" in {key.key for key in footer.query("FooterKey")}
        mood.history.focus()
        await pilot.pause()
        await pilot.pause()
        assert footer.rebuilds == before + 1
        assert "escape" not in {key.key for key in footer.query("FooterKey")}
