"""`python -m flows` runs the `flows` command."""

from flows.cli import main

if __name__ == "__main__":
    main()
