"""Step 5: examine the supporting evidence (the check, its rules, citations, links)."""
