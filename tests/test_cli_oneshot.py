"""A one-shot ``factcheck check`` process (factcheck.cli.oneshot): resources loaded on a
thread while the page is read, the collector held off and the loaded objects frozen, and an
exit without interpreter teardown. Real processes; the results must not change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from factcheck.cli.exits import EXIT_INTERNAL, EXIT_OK
from factcheck.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "wechat_miracle_cure.html"
URL = "https://mp.weixin.qq.com/s/x"


def _python(
    code: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *(("-c", textwrap.dedent(code)) if code else ()), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )


def _without_clock(report: dict) -> dict:
    return {key: value for key, value in report.items() if key != "checked_at"}


def test_the_one_shot_process_prints_the_report_main_returns(capsys) -> None:
    done = _python("", "-m", "factcheck", "check", "--html", str(EXAMPLE), "--url", URL, "--json")
    assert done.returncode == EXIT_OK, done.stderr
    assert done.stderr == ""
    assert main(["check", "--html", str(EXAMPLE), "--url", URL, "--json"]) == EXIT_OK
    here = json.loads(capsys.readouterr().out)
    assert _without_clock(json.loads(done.stdout)) == _without_clock(here)


def test_a_reader_that_leaves_early_costs_no_traceback() -> None:
    command = [sys.executable, "-m", "factcheck", "check", "--html", str(EXAMPLE), "--json"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(10)
        process.stdout.close()
        errors = process.stderr.read().decode()
        assert process.wait(timeout=120) == EXIT_OK
    assert "Traceback" not in errors


def test_a_broken_knowledge_base_is_reported_once_not_by_the_loading_thread(tmp_path) -> None:
    broken = tmp_path / "overlay.yaml"
    broken.write_text("sources: [this is: not valid: yaml", encoding="utf-8")
    done = _python(
        "",
        "-m",
        "factcheck",
        "check",
        "--html",
        str(EXAMPLE),
        env={"FACTCHECK_SOURCES_OVERLAY": str(broken)},
    )
    assert done.returncode == EXIT_INTERNAL
    assert done.stderr.count("overlay.yaml") == 1, done.stderr
    assert "Traceback" not in done.stderr and "factcheck-resources" not in done.stderr


def test_concurrent_first_callers_share_one_load() -> None:
    done = _python(
        """
        import threading
        from factcheck import resources

        loads = []
        real = resources.Resources.load.__func__

        def counted(cls, **kwargs):
            loads.append(threading.current_thread().name)
            return real(cls, **kwargs)

        resources.Resources.load = classmethod(counted)
        got = []
        threads = [
            threading.Thread(target=lambda: got.append(resources.default_resources()))
            for _ in range(4)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(loads) == 1, loads
        assert len(got) == 4 and all(r is got[0] for r in got)
        print("ok")
        """
    )
    assert done.stdout.strip() == "ok", done.stderr


def test_the_loaded_objects_are_frozen_and_the_collector_comes_back() -> None:
    done = _python(
        """
        import gc, threading
        from factcheck.cli import oneshot
        from factcheck.resources import default_resources, default_resources_loaded

        oneshot.hold_collector()
        oneshot.start_loading()
        default_resources()  # waits for the thread's load
        for thread in threading.enumerate():
            if thread.name == "factcheck-resources":
                thread.join()
        assert default_resources_loaded()
        assert gc.isenabled()
        frozen = gc.get_freeze_count()  # every object alive then: ~70,000 of them
        assert frozen > len(default_resources().debunks.index) * 5, frozen
        print("ok")
        """
    )
    assert done.stdout.strip() == "ok", done.stderr
