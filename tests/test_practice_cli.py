"""``probgen practice`` as a user runs it: the address on a line of its own, the problem ``make``
makes, a clean stop on Ctrl-C, and one-sentence errors."""

from __future__ import annotations

import json
import re
import socket
import urllib.request

import pytest
from click.testing import CliRunner

from practice_server import running
from probgen.generator.cli import cli
from probgen.generator.practice import server


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def test_the_page_shows_the_problem_make_makes_and_stops_on_ctrl_c(run_probgen, tmp_path):
    made = run_probgen("make", "--template", "pooling.max-values", "--seed", "3", "--n", "1", "--format", "json")
    assert made.returncode == 0, made.stderr
    problem = json.loads(made.stdout)["problems"][0]
    with running("--template", "pooling.max-values", "--seed", "3", db=tmp_path / "p.sqlite3") as page:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", page.url)
        text = fetch(page.url)
        assert f"<code>{problem['id']}</code>" in text and problem["id"] == "pooling.max-values@2:29135181-4p6"
        status, stderr = page.stop()
    assert status == 0, stderr
    assert "Traceback" not in stderr and stderr.rstrip().endswith("probgen practice: stopped.")
    assert f"progress is kept in {tmp_path / 'p.sqlite3'}" in stderr
    assert (tmp_path / "p.sqlite3").exists()


def test_a_given_port_is_used_and_a_taken_one_is_a_sentence(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    with running("--topic", "pooling", "--port", str(free), db=tmp_path / "p.sqlite3") as page:
        assert page.url == f"http://127.0.0.1:{free}/"
        res = CliRunner().invoke(cli, ["practice", "--topic", "pooling", "--port", str(free), "--no-browser",
                                       "--db", str(tmp_path / "q.sqlite3")])
    assert res.exit_code == 1
    assert re.fullmatch(rf"probgen: error: cannot serve on 127\.0\.0\.1 port {free} \(.+\); choose another "
                        r"--host or --port\.\n", res.output)


@pytest.mark.parametrize("args, code, words", [
    (["--template", "pooling.nope"], 2, "there is no problem kind 'pooling.nope'"),
    (["--topic", "nothing"], 2, "there is no topic 'nothing'"),
    (["--seed", "3"], 2, "--seed and --difficulty choose the problems of a --topic or --template"),
    (["--topic", "pooling", "--port", "70000"], 2, "70000 is not in the range"),
])
def test_usage_errors_are_one_sentence(run_probgen, args, code, words):
    res = run_probgen("practice", *args, "--no-browser")
    assert res.returncode == code and words in res.stderr and "Traceback" not in res.stderr
    assert res.stdout == ""


def test_a_progress_file_that_cannot_be_kept_is_a_sentence(run_probgen, tmp_path):
    (tmp_path / "file").write_text("not a folder")
    res = run_probgen("practice", "--topic", "pooling", "--no-browser", "--db", tmp_path / "file" / "p.sqlite3")
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert re.fullmatch(r"probgen: error: cannot keep progress in .*p\.sqlite3 \(.*\); choose another file with "
                        r"--db\.\n", res.stderr)


def test_another_host_than_this_machine_prints_a_warning(tmp_path, monkeypatch):
    """Checked without listening on another address: binding and serving are replaced."""
    served = []
    monkeypatch.setattr(server, "bind", lambda host, port: (None, server.Address(host, 8123)))
    monkeypatch.setattr(server, "serve", lambda app, sock, on_ready=None: served.append(app))
    res = CliRunner().invoke(cli, ["practice", "--topic", "pooling", "--host", "0.0.0.0", "--no-browser",
                                   "--db", str(tmp_path / "p.sqlite3")])
    assert res.exit_code == 0, res.output
    assert "warning: serving on 0.0.0.0: anyone who can reach this address can use the page" in res.output
    assert "it has no accounts" in res.output and "http://127.0.0.1:8123/\n" in res.output and served
    quiet = CliRunner().invoke(cli, ["practice", "--topic", "pooling", "--no-browser", "--db", str(tmp_path / "p.sqlite3")])
    assert "warning" not in quiet.output


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
                                            ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("example.org", False)])
def test_which_hosts_are_this_machine_only(host, loopback):
    assert server.is_loopback(host) is loopback


def test_addresses_are_printed_as_a_browser_opens_them():
    assert server.Address("127.0.0.1", 8000).url == "http://127.0.0.1:8000/"
    assert server.Address("::1", 8000).url == "http://[::1]:8000/"
    assert server.Address("0.0.0.0", 8000).url == "http://127.0.0.1:8000/"


def test_the_browser_opens_unless_told_not_to(tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(server, "bind", lambda host, port: (None, server.Address(host, 8124)))
    monkeypatch.setattr(server, "serve", lambda app, sock, on_ready=None: on_ready and on_ready())
    monkeypatch.setattr(server.webbrowser, "open", lambda url: opened.append(url) or True)
    CliRunner().invoke(cli, ["practice", "--topic", "pooling", "--db", str(tmp_path / "p.sqlite3")])
    CliRunner().invoke(cli, ["practice", "--topic", "pooling", "--no-browser", "--db", str(tmp_path / "p.sqlite3")])
    assert opened == ["http://127.0.0.1:8124/"]
