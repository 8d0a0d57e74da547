"""The weekly review: one screen walking one widget per step (see screen.py)."""
