"""Step 2: go beyond the headline (the check, its rules, the clickbait model, consistency)."""
