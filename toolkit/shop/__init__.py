"""Mystery shops: weighted scorecards, shops scored by one or more scorers, and calibration.

Pure functions over documents (no Click, no Textual): model.py builds the data, scoring.py
applies the documented formula, agreement.py computes inter-rater statistics.
"""
