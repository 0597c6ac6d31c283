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


async def test_a_pane_shown_again_refills_only_when_what_it_shows_changed(vault_paths, make_app, clock):
    from datetime import timedelta

    from companion_tui.core.moods.checkins import CheckInDraft
    from companion_tui.tui.panes.journal import JournalScreen

    app = make_app(vault_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        for key in "mjgsd":
            await pilot.press(key)
            await pilot.pause()
        panes = {name: app._panes_built[name] for name in ("today", "mood", "journal", "goals", "skills")}
        before = {name: pane.refills for name, pane in panes.items()}
        for key in "mjgsdmjgsd":
            await pilot.press(key)
            await pilot.pause()
        assert {name: pane.refills for name, pane in panes.items()} == before, "a pane refilled with nothing changed"

        # A check-in written (here straight through the workspace): Mood and Today refill once, the others not.
        app.workspace.moods.add(CheckInDraft(score=4, at=clock.now - timedelta(minutes=5)))
        for key in "mjgsdmjgsd":
            await pilot.press(key)
            await pilot.pause()
        after = {name: pane.refills for name, pane in panes.items()}
        assert after == {**before, "mood": before["mood"] + 1, "today": before["today"] + 1}
        await pilot.press("m")
        await pilot.pause()
        assert str(panes["mood"].query_one("#history-panel").border_subtitle).startswith("1 check-in ")

        # A new day: every pane refills (dates, "today", this week).
        clock.advance(24 * 3600)
        for key in "jm":
            await pilot.press(key)
            await pilot.pause()
        assert panes["journal"].refills == after["journal"] + 1
        assert panes["mood"].refills == after["mood"] + 1
        assert isinstance(panes["journal"], JournalScreen)


async def test_opening_the_palette_parses_only_the_css_it_adds(vault_paths, make_app, monkeypatch):
    app = make_app(vault_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        # Every pane's widgets and two dialogs: more CSS sources than Textual's cache of 64 holds.
        for keys in ("m", "j", "g", "s", "i", "d", "f1", "escape", "question_mark", "escape", "m"):
            await pilot.press(keys)
            await pilot.pause()
        stylesheet = app.stylesheet
        sources_before = set(stylesheet.source)
        assert len(sources_before) > 60
        parsed: list = []
        import textual.css.stylesheet as stylesheet_module

        original = stylesheet_module.parse

        def counted(scope, css, read_from, *args, **kwargs):  # Textual's parser, behind its cache
            parsed.append(read_from)
            return original(scope, css, read_from, *args, **kwargs)

        monkeypatch.setattr(stylesheet_module, "parse", counted)
        await pilot.press("ctrl+p")
        await pilot.pause()
        added = set(stylesheet.source) - sources_before
        assert added, "the palette brought no CSS of its own (nothing to check)"
        assert parsed, "nothing was parsed"
        assert len(set(stylesheet.source)) > 64
        assert set(parsed) <= added, "sources parsed before were parsed again"


async def test_a_pane_built_after_unlock_is_kept_out_of_full_collections(vault_paths, make_app):
    import gc

    app = make_app(vault_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        frozen = gc.get_freeze_count()
        await pilot.press("m")
        await pilot.pause()
        await pilot.pause()
        assert gc.get_freeze_count() > frozen
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert gc.get_freeze_count() == 0  # given back to the collector on lock
