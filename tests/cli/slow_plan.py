"""Run `grantstack plan` on a stored instance that takes CP-SAT minutes (xxl), for the Ctrl-C tests.

    python -m tests.cli.slow_plan OUT [extra grantstack args...]

The firm and catalogue come from benchmarks/instances (a synthetic catalogue is not a file of names the
loader accepts), everything else is the real command line: options, solve, report writing, exit code.
"""

from __future__ import annotations

import sys

from grantstack import cli
from grantstack.benchmarks.registry import specs
from grantstack.benchmarks.storage import INSTANCES, find, load_instance
from grantstack.cli_args import parse_options


def main() -> None:
    spec = next(s for s in specs() if s.name.startswith("xxl"))
    inst = load_instance(find(spec, INSTANCES), INSTANCES)
    cli._inputs = lambda firm_file, years, option, catalog, replace: (  # type: ignore[assignment]
        parse_options(option), inst.years, inst.catalogue, inst.firm)
    sys.argv = ["grantstack", "plan", "firm.yaml", "--out", sys.argv[1], *sys.argv[2:]]
    print("ready", flush=True)
    cli.main()


if __name__ == "__main__":
    main()
