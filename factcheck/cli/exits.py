"""Exit codes of the ``factcheck`` command (stable, for scripts).

==  =============================================================
0   a report was produced (and its score is at or above ``--fail-under``)
1   unexpected internal error
2   usage error (bad arguments, unreadable file)
3   the URL or input was refused (malformed, blocked, not http/https)
4   the page could not be fetched (DNS, timeout, HTTP error, too large, not HTML)
5   a report was produced but its score is below ``--fail-under``
==  =============================================================
"""

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_REFUSED, EXIT_FETCH, EXIT_LOW_SCORE = 0, 1, 2, 3, 4, 5
