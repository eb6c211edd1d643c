"""`python -m training COMMAND ...`: every training job, each logged as an MLflow run."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# command -> module with `add_arguments(parser)` and `run(args) -> int`
COMMANDS = {
    "blocks": ("training.blocks", "train the boilerplate block classifier"),
    "train": ("training.train", "train the inconsistency and spam heads (one MLflow run)"),
    "promote": ("training.promote", "point an alias such as champion at a model version"),
    "export": ("training.export", "write a registered model to models/"),
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    modules = {}
    for name, (module_name, help_text) in COMMANDS.items():
        module = importlib.import_module(module_name)
        modules[name] = module
        module.add_arguments(sub.add_parser(name, help=help_text, description=module.__doc__))
    args = parser.parse_args(argv)
    return int(modules[args.command].run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
