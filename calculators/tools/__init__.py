"""One module per calculator. Each defines CALCULATOR; the registry finds them by itself."""
