"""Step 7: turn to fact-checkers (the check, its rules, ClaimReview, debunks, searches)."""
