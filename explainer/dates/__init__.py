"""Dates: the EDTF forms editors write (parse.py) and the words readers read (format.py)."""
