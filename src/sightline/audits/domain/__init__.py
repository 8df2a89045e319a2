"""The audit programme's rules in plain Python (no Django): grades and answers, tool
definitions and overall-grade rules, the shipped tools, sampling, moderation selection,
agreement statistics and quarters. The Django app around it stores and serves them."""
