"""grantstack benchmarks: stored instances, baselines, portfolio throughput, parameter study."""
