#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# AT-SPI smoke test (issue 7): starts the real cpe-vault binary on an existing vault, finds
# the passphrase entry and the Unlock button through the accessibility bus by role and name
# (what a screen reader sees), presses Unlock through its AT-SPI action with an empty field,
# and finds the error the app shows. (Typing needs the X keyboard focus, which an Xvfb
# without a window manager does not give reliably; the widget tests type instead.) Runs under run-under-xvfb.sh (own X server and bus).
# Usage: test-atspi.py APP CLI WORKDIR
import os
import subprocess
import sys
import time

import pyatspi

app_path, cli_path, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
vault = os.path.join(work, "atspi.cpv")
passphrase = "assistive technology works"  # for `init` only
env = dict(os.environ, CPE_VAULT_PASSPHRASE=passphrase, HOME=work,
           XDG_DATA_HOME=os.path.join(work, "data"), XDG_CONFIG_HOME=os.path.join(work, "config"),
           XDG_CACHE_HOME=os.path.join(work, "cache"), GTK_A11Y="atspi", NO_AT_BRIDGE="0")
env.pop("G_DEBUG", None)
if os.path.exists(vault):
    os.unlink(vault)
subprocess.run([cli_path, "--vault", vault, "init"], env=env, check=True,
               stdout=subprocess.DEVNULL)

app = subprocess.Popen([app_path, vault], env=env)
passed = failed = 0


def check(condition, what):
    global passed, failed
    if condition:
        passed += 1
        print("ok -", what)
    else:
        failed += 1
        print("not ok -", what)


def find_app(timeout=30.0):
    global app
    deadline = time.time() + timeout
    launches = 1
    while time.time() < deadline:
        # Now and then the first X connection of a fresh Xvfb is refused ("cannot open
        # display"); the app then exits at once. Start it again, at most twice.
        if app.poll() is not None and launches < 3:
            print(f"# the app exited with {app.returncode} at start; starting it again")
            time.sleep(1.0)
            app = subprocess.Popen([app_path, vault], env=env)
            launches += 1
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            child = desktop.getChildAtIndex(i)
            try:
                if child is not None and child.get_process_id() == app.pid:
                    return child
            except Exception:
                pass
        time.sleep(0.3)
    return None


def find(root, predicate, timeout=20.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = pyatspi.findDescendant(root, predicate, breadth_first=True)
        if found is not None:
            return found
        time.sleep(0.3)
    return None


def role_name(role, name):
    def predicate(node):
        try:
            return node.getRole() == role and node.name == name
        except Exception:
            return False
    return predicate


try:
    root = find_app()
    check(root is not None, "the app is on the accessibility bus")
    if root is None:
        raise SystemExit(1)

    entry = find(root, lambda n: n.getRole() in (pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_TEXT)
                 and "Passphrase" in (n.name or "") + " " + " ".join(
                     r.getTarget(0).name for r in n.getRelationSet()
                     if r.getRelationType() == pyatspi.RELATION_LABELLED_BY and r.getNTargets()))
    if entry is None:
        # Fall back to the only password field on the unlock page.
        entry = find(root, lambda n: n.getRole() == pyatspi.ROLE_PASSWORD_TEXT, timeout=5)
    check(entry is not None, "the passphrase entry is found by role")
    button = find(root, role_name(pyatspi.ROLE_PUSH_BUTTON, "Unlock"))
    check(button is not None, "the Unlock button is found by role and name")

    if button is not None:
        # Press Unlock through AT-SPI's action interface with the field left empty: the app
        # must answer on the accessibility bus with its error (an alert a screen reader reads).
        action = button.queryAction()
        names = [action.getName(i) for i in range(action.nActions)]
        check(len(names) > 0, "the Unlock button offers an action (%s)" % ", ".join(names))
        if names:
            action.doAction(0)
        message = find(root, lambda n: (n.name or "").startswith("Enter the passphrase"),
                       timeout=20)
        check(message is not None, "pressing Unlock through AT-SPI shows the error to AT-SPI")
finally:
    app.terminate()
    try:
        app.wait(timeout=10)
    except subprocess.TimeoutExpired:
        app.kill()

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
