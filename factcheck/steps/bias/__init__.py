"""Step 6: check your biases (the check, its rules)."""
