"""National returns (CIN census XML, SSDA903, Ofsted Annex A): readers, writers, validation.

Plain Python: no Django imports in this package.
"""
