"""The register kit: a register declares itself, and gets its pages, exports and change history.

A *register* is a list of records the council keeps by hand: the improvement plan's actions,
the challenge log, practice-review recommendations, complaints. Each is a Django model plus
one declaration: the columns of its list, its filters, its ModelForm and its access rules
(an `accounts.roles.RegisterRules`, so who may see and change what stays in roles.py). From
that the kit serves, with no view code of the register's own:

- the list page: GOV.UK table, filters, search, 50 rows a page, CSV and Excel of the
  filtered rows through `web.exports.table_response` (typed cells, logged);
- the detail page: the row's fields, anything the register adds below them, and the change
  history (who, when, which fields from what to what);
- add and change pages: the form's validation and the model's constraints, each error
  beside its field and in an error summary, nothing saved until everything is right (a
  database refusal becomes a plain message, never the database's own);
- access: every page checks `roles.register_access`, `can_see_row`, `can_change_row` and
  `can_add_row`. Partner agency users see only rows addressed to their agency, rows about a
  child only those who may open the child, elected members counts only (1 to 5 suppressed).

The declaration checks itself when it is made (`RegisterDeclarationError` at import: a column
that is not a field, a filter without choices, rules that need an agency field the register
does not name), like the indicator registry.

Worked example: a log of challenges from the safeguarding board, which anyone on the
council's staff reads and the QA team keeps.

    # models.py
    class Challenge(models.Model):
        raised_by = models.CharField(max_length=120)
        raised_on = models.DateField()
        challenge = models.TextField()
        status = models.CharField(max_length=10, choices=[("open", "Open"), ("closed", "Closed")])

    # registers.py (imported by the app's urls.py)
    from sightline.accounts.roles import RegisterRules
    from sightline.registers import REGISTRY, Column, Filter, Register, RegisterForm

    class ChallengeForm(RegisterForm):
        class Meta:
            model = Challenge
            fields = ["raised_by", "raised_on", "challenge", "status"]

        def clean_raised_on(self):  # validation lives on the form and the model, as usual
            ...

    CHALLENGES = REGISTRY.add(Register(
        key="challenges", title="Challenge log", noun="challenge",
        model=Challenge, form=ChallengeForm, rules=RegisterRules(),
        columns=[Column("challenge", "Challenge"), Column("raised_by"), Column("raised_on"),
                 Column("status")],
        filters=[Filter("status")],
        search_fields=["challenge", "raised_by"],
        ordering=["-raised_on"],
    ))

    # urls.py
    from sightline.registers.urls import register_urls
    urlpatterns = [*register_urls(CHALLENGES)]

That gives `challenges/` (list; `?status=open&q=caseloads&format=xlsx`), `challenges/add/`,
`challenges/<pk>/` and `challenges/<pk>/change/`, with URL names `challenges-list`,
`-add`, `-detail`, `-edit`. A register adds to its detail page with `detail_template` and
`detail_context(request, row)`; gives some viewers another form with `form_for(viewer, row)`;
and writes that are not a form (a progress update added, a challenge closed) go through
`services.record(row, user, action, changes, summary)` so they appear in the same history.
"""

from .declarations import REGISTRY, Column, Filter, Register, RegisterDeclarationError
from .forms import RegisterForm

__all__ = ["REGISTRY", "Column", "Filter", "Register", "RegisterDeclarationError", "RegisterForm"]
