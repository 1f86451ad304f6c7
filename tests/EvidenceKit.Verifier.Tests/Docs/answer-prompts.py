#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal and answers the prompts a person types at: openssl's pass phrase
prompts (with $DOCTEST_PROMPT_PASSPHRASE) and its [y/n] questions (with y). Everything is echoed to stdout;
the exit code is the command's. Bounded: the command is killed after $DOCTEST_TIMEOUT seconds (default 300)."""
import os, pty, re, select, signal, sys, time

PROMPTS = [(re.compile(rb"pass ?phrase[^:\n]*:\s*$", re.I), None), (re.compile(rb"\[y/n\]:?\s*$"), b"y")]

def main():
    passphrase = os.environ.get("DOCTEST_PROMPT_PASSPHRASE", "").encode()
    deadline = time.monotonic() + float(os.environ.get("DOCTEST_TIMEOUT", "300"))
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(sys.argv[1], sys.argv[1:])
    pending = b""
    while True:
        if time.monotonic() > deadline:
            os.killpg(pid, signal.SIGKILL)  # pty.fork made the command a session (and group) leader
            os.waitpid(pid, 0)
            print("\nanswer-prompts: timed out", flush=True)
            return 124
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        pending = (pending + data)[-512:]
        for prompt, answer in PROMPTS:
            if prompt.search(pending):
                os.write(fd, (passphrase if answer is None else answer) + b"\n")
                pending = b""
                break
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)

if __name__ == "__main__":
    sys.exit(main())
