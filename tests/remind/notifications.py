"""A notification server for tests, run inside `dbus-run-session`: it owns org.freedesktop.Notifications on the
session bus, records every Notify it receives, runs the command given after `--`, and prints one JSON object:
the command's exit code, standard output and standard error, and the notifications received.

    dbus-run-session -- python3 notifications.py [--no-server] -- COMMAND ARGS...

With --no-server it owns nothing, so the command meets a session with no notification service. Exits 3 when
jeepney (PyPI) is missing, 4 when the name cannot be owned.
"""

import json
import subprocess
import sys
import threading

try:
    from jeepney import HeaderFields, MessageType, new_error, new_method_return
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection
except ImportError as err:
    print(f"missing: {err}", file=sys.stderr)
    sys.exit(3)

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


def serve(conn, received):
    """Answers the methods of the notification specification (1.2), recording each Notify before replying."""
    while True:
        try:
            msg = conn.receive()
        except Exception:  # the bus went away: the session is over
            return
        if msg.header.message_type != MessageType.method_call:
            continue
        fields = msg.header.fields
        member = fields.get(HeaderFields.member)
        if fields.get(HeaderFields.path) != PATH:
            conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownObject", "s", ("no such object",)))
        elif member == "Notify":
            app, replaces, icon, summary, body, actions, hints, timeout = msg.body
            received.append(
                {
                    "app_name": app,
                    "replaces_id": replaces,
                    "app_icon": icon,
                    "summary": summary,
                    "body": body,
                    "actions": list(actions),
                    "hints": sorted(hints),
                    "expire_timeout": timeout,
                }
            )
            conn.send(new_method_return(msg, "u", (len(received),)))
        elif member == "GetCapabilities":
            conn.send(new_method_return(msg, "as", (["body", "body-markup"],)))
        elif member == "GetServerInformation":
            conn.send(new_method_return(msg, "ssss", ("ladder-test", "ladder", "1", "1.2")))
        elif member == "CloseNotification":
            conn.send(new_method_return(msg))
        else:
            conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod", "s", (f"no method {member}",)))


def main():
    args = sys.argv[1:]
    server = True
    if args and args[0] == "--no-server":
        server, args = False, args[1:]
    if not args or args[0] != "--" or len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    received = []
    if server:
        conn = open_dbus_connection(bus="SESSION")
        reply = conn.send_and_get_reply(message_bus.RequestName(NAME, 4))  # 4: do not queue
        if reply.body[0] != 1:  # 1: the primary owner
            print(f"could not own {NAME}: {reply.body}", file=sys.stderr)
            return 4
        threading.Thread(target=serve, args=(conn, received), daemon=True).start()
    run = subprocess.run(args[1:], capture_output=True, text=True, timeout=120)
    # notify-send waits for Notify's reply, which comes after the record: by now all is recorded.
    print(
        json.dumps(
            {"code": run.returncode, "stdout": run.stdout, "stderr": run.stderr, "notifications": list(received)},
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
