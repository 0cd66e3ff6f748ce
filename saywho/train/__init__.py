"""Training commands: reproduce every shipped model from the shared data."""
