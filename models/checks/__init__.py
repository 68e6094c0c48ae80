"""The checker's rules, one module per family; `models.checker.check_plan` runs them all."""
