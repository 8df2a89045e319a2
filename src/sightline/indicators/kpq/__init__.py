"""The ten Key Performance Questions (Durham QAF appendix 2): one module per question.

Importing this package registers their indicators; within a question they are shown in the
order declared. KPQ3 and KPQ9 are two modules each, to keep modules short.
"""

from . import (  # noqa: F401, I001 - registers every indicator, in this order
    referrals,  # KPQ1
    assessment,  # KPQ2
    protection,  # KPQ3
    protection_progress,  # KPQ3
    visits,  # KPQ5
    abuse,  # KPQ6
    caseloads,  # KPQ4
    supervision,  # KPQ10
    workforce,  # KPQ4 and KPQ10: vacancies, turnover, absence, retention, training, staff survey
    proceedings,  # KPQ7
    in_care,  # KPQ8
    care_outcomes,  # KPQ9
    leaving_care,  # KPQ9
    feedback,  # the feedback group: complaints, compliments, surveys
)
