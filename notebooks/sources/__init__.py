"""One module per notebook, each defining ``ORDER`` (site order) and ``SOURCE``."""
