"""The small builders every shipped tool is written with: a question, a section, the
optional evidence box a section ends with."""

from __future__ import annotations

from ..grades import TEXT


def q(key, text, kind, guidance="", mandatory=True, element=""):
    return {
        "key": key,
        "text": text,
        "kind": kind,
        "guidance": guidance,
        "mandatory": mandatory,
        "element": element,
    }


def section(key, title, questions, graded=True, agency=None):
    return {"key": key, "title": title, "graded": graded, "agency": agency, "questions": questions}


def evidence(key: str) -> dict:
    return q(f"{key}_evidence", "Evidence from the file and the conversation", TEXT, mandatory=False)
