#!/usr/bin/env bash
# Whole-process benchmark of an SFTP collection over loopback against `scp -r` and `sftp put -r` of the same
# files, to a throw-away OpenSSH server on 127.0.0.1 (a free port), runs alternated. Needs openssh-server.
source "$(dirname "$0")/lib.sh"
need /usr/sbin/sshd openssh-server
ensure_binaries
ensure_corpus
RESULTS=$BENCH_ROOT/sftp-results.txt; : > "$RESULTS"
SSHD_DIR=$BENCH_ROOT/sshd; rm -rf "$SSHD_DIR"; mkdir -p "$SSHD_DIR" /run/sshd
ssh-keygen -q -t ed25519 -N '' -f "$SSHD_DIR/host_key"; ssh-keygen -q -t ed25519 -N '' -f "$SSHD_DIR/client_key"
cp "$SSHD_DIR/client_key.pub" "$SSHD_DIR/authorized_keys"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$SSHD_DIR/sshd_config" <<CFG
ListenAddress 127.0.0.1
Port $PORT
HostKey $SSHD_DIR/host_key
AuthorizedKeysFile $SSHD_DIR/authorized_keys
PasswordAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
PidFile $SSHD_DIR/sshd.pid
Subsystem sftp internal-sftp
CFG
/usr/sbin/sshd -f "$SSHD_DIR/sshd_config" -E "$SSHD_DIR/log"
trap 'kill "$(cat "$SSHD_DIR/sshd.pid")" 2>/dev/null; rm -rf "$OUT"' EXIT
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.1; done
FP=$(ssh-keygen -lf "$SSHD_DIR/host_key.pub" | awk '{print $2}')
SSH_OPTS=(-i "$SSHD_DIR/client_key" -P "$PORT" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR)
for i in $(seq "$RUNS"); do
  rm -rf "$OUT"; mkdir -p "$OUT/scp" "$OUT/sftp" "$OUT/ek"
  time_run scp-r scp -q -r "${SSH_OPTS[@]}" "$CORPUS/var/log" "$(whoami)@127.0.0.1:$OUT/scp/"
  time_run sftp-put-r bash -c "echo 'put -r $CORPUS/var/log $OUT/sftp/' | sftp -q -b - ${SSH_OPTS[*]} $(whoami)@127.0.0.1"
  time_run evidencekit-sftp "$COLLECT" --profile "$REPO/bench/bench-profile.yaml" --root "$CORPUS" --quiet \
    --target "sftp://$(whoami)@127.0.0.1:$PORT$OUT/ek" --ssh-key "$SSHD_DIR/client_key" --host-key-fingerprint "$FP"
done
report "evidencekit-sftp/scp-r" "evidencekit-sftp/sftp-put-r"
