"""Hostile tests: a hostile loopback web, damaged captures, killed runs, fuzzed input."""
