"""The `factcheck` command: check one page, check many."""
