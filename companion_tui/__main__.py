from companion_tui.cli import main

raise SystemExit(main())
