#!/usr/bin/env python3
"""Build, check or preview the explainer: `python build.py [build|check|serve] [--help]`."""

import sys
from pathlib import Path

from explainer.cli import main

if __name__ == "__main__":
    sys.exit(main(default_project=Path(__file__).resolve().parent))
