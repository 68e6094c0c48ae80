"""grantstack optimizer: CP-SAT encoding of each rule kind, assembly, solve and explain."""
