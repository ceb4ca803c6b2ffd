"""Customer journeys: maps of stages and steps, and the checks that show where they break.

Pure functions over documents (no Click, no Textual).
"""
