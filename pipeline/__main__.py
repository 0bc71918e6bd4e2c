"""``python -m pipeline``: the zhpipe command line."""
from .cli import main

main()
