"""Step 1: assess the source (the check, its rules, impersonation)."""
