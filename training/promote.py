"""Point an alias (e.g. `champion`) at a registered model version.

`python -m training promote NAME VERSION --alias champion`; scoring then loads
`models:/NAME@champion`, so promoting is how a new model goes live, and demoting is one more call.
"""

from __future__ import annotations

import argparse

from training import tracking


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", help="registered model name")
    p.add_argument("version", help="model version number")
    p.add_argument("--alias", default="champion")


def promote(name: str, version: str, alias: str = "champion") -> None:
    import mlflow

    tracking.setup()
    client = mlflow.MlflowClient()
    client.get_model_version(name, version)  # a clear error for a version that does not exist
    client.set_registered_model_alias(name, alias, version)


def run(args: argparse.Namespace) -> int:
    promote(args.name, args.version, args.alias)
    print(f"models:/{args.name}@{args.alias} -> version {args.version}")
    return 0
