"""Step 3: identify the author (the check, its rules, byline extraction)."""
