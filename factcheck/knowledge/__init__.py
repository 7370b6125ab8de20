"""Who a domain or an account is, and how far to trust it: the knowledge base."""
