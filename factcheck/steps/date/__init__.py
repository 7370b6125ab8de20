"""Step 4: check the date (the check, its rules, date extraction, freshness, images)."""
