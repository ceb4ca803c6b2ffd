"""The quarterly audit: a checklist of service-excellence items, one audit per quarter.

Pure functions over documents (no Click, no Textual): model.py builds the data, scoring.py
scores a quarter, history.py compares quarters.
"""
