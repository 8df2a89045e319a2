"""Readers stream: a large file is not held as a document tree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CHILD = (
    "<Child><ChildIdentifiers><LAchildID>C{n}</LAchildID><PersonBirthDate>2015-01-01</PersonBirthDate>"
    "<Sex>M</Sex></ChildIdentifiers><ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>"
    "<Notes>{padding}</Notes></Child>\n"
)
READ = """
import resource, sys
from sightline.returns.cin import read_cin_xml
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
data = read_cin_xml(sys.argv[1], max_bytes=1 << 30)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(data.children), (after - before) // 1024)
"""


def test_reading_a_40_mb_census_grows_memory_by_far_less_than_the_file(tmp_path: Path):
    path = tmp_path / "big.xml"
    padding = "x" * 8000  # bulk the reader must not keep: each child's element is cleared once read
    with path.open("w") as handle:
        handle.write("<Message><Header/><Children>\n")
        for n in range(5000):
            handle.write(CHILD.format(n=n, padding=padding))
        handle.write("</Children></Message>\n")
    size_mb = path.stat().st_size / 1_048_576
    assert size_mb > 38
    out = subprocess.run([sys.executable, "-c", READ, str(path)], capture_output=True, text=True, check=True)
    children, grown_mb = map(int, out.stdout.split())
    assert children == 5000
    # A built tree holds every padded element (about 1.6 times the file here); streaming keeps
    # only the 5,000 small records.
    assert grown_mb < size_mb / 2, (grown_mb, size_mb)
