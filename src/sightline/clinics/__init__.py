"""Performance clinics: the monthly cycle of exceptions briefings, team to chief executive."""
