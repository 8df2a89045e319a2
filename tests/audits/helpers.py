"""Completing an audit in tests, through the same service the form posts to."""

from sightline.audits import selectors, services


def complete(audit, grade: int = 3, agency_sections: bool = True):
    """Answer every question and grade every section `grade` (a yes for yes/no questions)."""
    definition = selectors.definition_of(audit.tool_version)
    values = {"grade": str(grade), "yes_no": "yes", "scale": "6", "text": "Seen on file"}
    for section, question in definition.questions():
        if section.agency and not agency_sections:
            continue
        audit = services.save_change(audit, f"answer:{question.key}", values[question.kind])
    for section in definition.sections:
        if section.graded:
            audit = services.save_change(audit, f"section:{section.key}", str(grade))
    audit = services.save_change(audit, "overall_grade", str(grade))
    return services.save_change(audit, "audit_date", "2026-04-02")
