"""Tone lint: canned replies checked against a PREACH-style tone guide.

Pure functions over documents (no Click, no Textual): guide.py compiles a tone-guide document,
engine.py lints one reply with it, sources.py reads replies from files and help-desk exports.
"""
