"""我的: the citizen's own space on the portal (/wode/), like 粤省事's 我的. Each module adds its
list through `sections.register_mine_section` in its `providers.py`; see docs/mine.md."""
