"""Readers and writers for the file formats zhpipe consumes and produces."""
