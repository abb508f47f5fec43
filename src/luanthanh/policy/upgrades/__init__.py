"""GenericSetup upgrade steps of luanthanh.policy:default, one module per version."""
