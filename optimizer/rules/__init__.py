"""One module per rule kind; each `add(build)` adds that rule's rows to the linear model (docs/semantics.md)."""
