"""The `sightline` command run as a user runs it: in its own process, against the demo settings."""

import os
import subprocess
import sys


def test_data_commands_on_an_unmigrated_database_say_what_to_do(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sightline.settings.demo",
        "SIGHTLINE_VAR_DIR": str(tmp_path),
    }
    for command in (["indicators"], ["drift"], ["import", str(tmp_path / "any.xml")]):
        done = subprocess.run(
            [sys.executable, "-m", "sightline.cli", *command],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 1, (command, done.stderr)
        assert "run `sightline migrate` first" in done.stderr
        assert "Traceback" not in done.stderr
