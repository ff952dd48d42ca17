"""What kpidsl writes for other programs to read or show: spreadsheet cells that
cannot run as formulas (cells.py) and text whose control characters are shown,
not obeyed, by a terminal (terminal.py)."""
