"""The cohorts the seeds single out, beside the ten questions: one module per cohort.

Importing this package registers their indicators.
"""

from . import prebirth, private_fostering, homeless, disabled  # noqa: F401, I001 - registers them, in this order
