"""Run `grantstack plan` on a stored instance that takes CP-SAT minutes (xxl), for the Ctrl-C tests.

    python -m tests.cli.slow_plan OUT [--slow-load]

The firm and catalogue come from benchmarks/instances (a synthetic catalogue is not a file of names the
loader accepts), everything else is the real command line: options, solve, report writing, exit code.
"""

from __future__ import annotations

import sys
import time

from grantstack import cli
from grantstack.benchmarks.registry import specs
from grantstack.benchmarks.storage import INSTANCES, find, load_instance
from grantstack.cli_args import parse_options
from grantstack.optimizer import interrupt
from grantstack.optimizer import solve as solve_module


def main() -> None:
    spec = next(s for s in specs() if s.name.startswith("xxl"))
    inst = load_instance(find(spec, INSTANCES), INSTANCES)
    slow = "--slow-load" in sys.argv[2:]

    def inputs(firm_file: object, years: object, option: list[str] | None, catalog: object, replace: object
               ) -> tuple[object, ...]:
        if slow:  # stands for a long load or build: Ctrl-C must stop it too
            print("loading", flush=True)
            time.sleep(60)
        return parse_options(option), inst.years, inst.catalogue, inst.firm

    cli._inputs = inputs  # type: ignore[assignment]
    sys.argv = ["grantstack", "plan", "firm.yaml", "--out", sys.argv[1]]
    solve = interrupt.solve_interruptibly

    def announced(*args: object) -> object:
        print("solving", flush=True)  # the test sends its signal once the search runs
        return solve(*args)

    solve_module.solve_interruptibly = announced  # type: ignore[assignment]
    print("ready", flush=True)
    cli.main()


if __name__ == "__main__":
    main()
