"""Benchmarks: speed as ratios against a peer or a floor, never as timed tests.

Run them from the repository root as modules (``python -m benchmarks.core``), or all at
once with ``make bench``; figures go in benchmarks/README.md.
"""
