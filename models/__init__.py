"""grantstack models: measures, rule kinds, firms, plans and the pure checker (no solver here)."""
