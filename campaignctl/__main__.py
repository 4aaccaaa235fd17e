from campaignctl.cli import main

raise SystemExit(main())
