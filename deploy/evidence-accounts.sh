#!/usr/bin/env bash
# One SFTP evidence account per host, on the evidence server (run it there, as root).
#
#   deploy/evidence-accounts.sh create --case CASE --base DIR --keys DIR --server HOST[:PORT] [options] HOST...
#   deploy/evidence-accounts.sh lock   --case CASE [--prefix P] HOST...   (after the case: no more logins)
#   deploy/evidence-accounts.sh delete --case CASE [--prefix P] HOST...   (removes the accounts, keeps every bundle)
#
# create makes, for each inventory host name HOST:
#   - the account ek-<case>-<host> (or --prefix P: P<host>), no shell, no password, in the group --group (evidencekit);
#   - its chroot DIR/<account> (root-owned, 0755) holding upload/ (the only folder it may write, 0750) and
#     .ssh/authorized_keys (root-owned: the account cannot change its own keys; "restrict": no forwarding, no tty);
#   - its key pair in the --keys folder (<account>, <account>.pub; ed25519). A <account>.pub already there (made on the
#     controller with ssh-keygen, so the private key never exists on this server) is used as it is. A new key's
#     passphrase is EVIDENCEKIT_SSH_KEY_PASSPHRASE from the environment (empty when unset);
#   - host_vars/<HOST>.yml in --host-vars (default: the keys folder's host_vars/) with evidencekit_target and
#     evidencekit_target_ssh_key for the controller's inventory;
# and prints (or writes to --sshd-snippet FILE) the sshd_config block that chroots the group: include it once.
# Two hosts that would get the same account name are refused. Re-running create for the same hosts changes nothing
# that exists (accounts, folders and keys are kept), so hosts can be added later.
set -euo pipefail
umask 077

die() { printf 'evidence-accounts: %s\n' "$*" >&2; exit 2; }

usage() {
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[ $# -ge 1 ] || usage
action=$1
shift
case "$action" in create | lock | delete) ;; *) usage ;; esac

case_id="" base="" keys="" server="" group="evidencekit" prefix="" host_vars="" snippet="" remote_path="/upload"
while [ $# -gt 0 ]; do
  case "$1" in
    --case) case_id=${2:?}; shift 2 ;;
    --base) base=${2:?}; shift 2 ;;
    --keys) keys=${2:?}; shift 2 ;;
    --server) server=${2:?}; shift 2 ;;
    --group) group=${2:?}; shift 2 ;;
    --prefix) prefix=${2:?}; shift 2 ;;
    --host-vars) host_vars=${2:?}; shift 2 ;;
    --sshd-snippet) snippet=${2:?}; shift 2 ;;
    --) shift; break ;;
    -*) die "unknown option $1" ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] || die "name at least one host"
[ -n "$case_id" ] || die "--case is required"
[ "$(id -u)" = 0 ] || die "run it as root on the evidence server"

lower_clean() { printf '%s' "$1" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9\n-' '-' | sed 's/--*/-/g; s/^-//; s/-$//'; }
[ -n "$prefix" ] || prefix="ek-$(lower_clean "$case_id" | cut -c1-12 | sed 's/-$//')-"
printf '%s' "$prefix" | grep -Eq '^[a-z_][a-z0-9_-]*$' || die "--prefix $prefix: use lower-case letters, digits, - and _"
printf '%s' "$group" | grep -Eq '^[a-z_][a-z0-9_-]*$' || die "--group $group: use lower-case letters, digits, - and _"

account_of() {
  local name
  name="$prefix$(lower_clean "$1")"
  [ ${#name} -le 32 ] || die "the account for $1 would be $name (${#name} characters; at most 32): give a shorter --prefix"
  printf '%s' "$name"
}

declare -A seen=()
accounts=()
for host in "$@"; do
  printf '%s' "$host" | grep -Eq '^[A-Za-z0-9._-]+$' || die "host $host: an inventory host name has only letters, digits, '.', '_' and '-'"
  account=$(account_of "$host")
  [ -z "${seen[$account]:-}" ] || die "$host and ${seen[$account]} would share the account $account; rename one or use --prefix"
  seen[$account]=$host
  accounts+=("$account")
done

if [ "$action" = lock ]; then
  for account in "${accounts[@]}"; do usermod -L -e 1 "$account"; printf 'locked %s\n' "$account"; done
  exit 0
fi
if [ "$action" = delete ]; then
  for account in "${accounts[@]}"; do
    if id "$account" >/dev/null 2>&1; then userdel "$account"; printf 'deleted %s (its chroot and bundles are kept)\n' "$account"; fi
  done
  exit 0
fi

[ -n "$base" ] || die "--base is required (the folder that holds one chroot per account)"
[ -n "$keys" ] || die "--keys is required (where the key pairs go)"
[ -n "$server" ] || die "--server HOST[:PORT] is required (how the controller reaches this server)"
case "$base" in /*) ;; *) die "--base must be an absolute path" ;; esac
[ -n "$host_vars" ] || host_vars="$keys/host_vars"
server_host=${server%:*}
server_port=22
[ "$server_host" = "$server" ] || server_port=${server##*:}

# sshd's ChrootDirectory demands that every folder on the way be root-owned and writable by root only.
install -d -o root -g root -m 0755 "$base"
path=$base
while [ "$path" != / ]; do
  [ "$(stat -c %u "$path")" = 0 ] || die "$path is not owned by root: sshd refuses a chroot below it"
  case "$(stat -c %A "$path")" in ?????w???? | ????????w?) die "$path is writable by others than root: sshd refuses a chroot below it" ;; esac
  path=$(dirname "$path")
done
install -d -m 0700 "$keys" "$host_vars"
getent group "$group" >/dev/null || groupadd --system "$group"

i=0
for host in "$@"; do
  account=${accounts[$i]}
  i=$((i + 1))
  chroot=$base/$account
  if ! id "$account" >/dev/null 2>&1; then
    useradd --system --gid "$group" --home-dir "$chroot" --no-create-home --shell /usr/sbin/nologin "$account"
  fi
  # '*' (no password, not locked): sshd without PAM refuses a locked account even for a key login.
  usermod -p '*' "$account"
  install -d -o root -g root -m 0755 "$chroot" "$chroot/.ssh"
  install -d -o "$account" -g "$group" -m 0750 "$chroot$remote_path"
  if [ ! -e "$keys/$account.pub" ]; then
    ssh-keygen -q -t ed25519 -C "$account" -N "${EVIDENCEKIT_SSH_KEY_PASSPHRASE:-}" -f "$keys/$account"
  fi
  printf 'restrict %s\n' "$(cat "$keys/$account.pub")" > "$chroot/.ssh/authorized_keys.new"
  chown root:root "$chroot/.ssh/authorized_keys.new"
  chmod 0644 "$chroot/.ssh/authorized_keys.new"
  mv -f "$chroot/.ssh/authorized_keys.new" "$chroot/.ssh/authorized_keys"
  cat > "$host_vars/$host.yml" <<EOF
---
# Made by deploy/evidence-accounts.sh for case $case_id: $host's own evidence account.
evidencekit_target: "sftp://$account@$server_host:$server_port$remote_path"
evidencekit_target_ssh_key: "$keys/$account"
EOF
  printf 'account %s for %s: chroot %s, key %s\n' "$account" "$host" "$chroot" "$keys/$account"
done

block="# EvidenceKit evidence accounts (deploy/evidence-accounts.sh): each account of the group is locked in its own folder.
Match Group $group
    ChrootDirectory $base/%u
    ForceCommand internal-sftp -u 0027
    AuthorizedKeysFile $base/%u/.ssh/authorized_keys
    AuthenticationMethods publickey
    PubkeyAuthentication yes
    PermitTTY no
    AllowTcpForwarding no
    AllowAgentForwarding no
    AllowStreamLocalForwarding no
    X11Forwarding no
    PermitTunnel no
"
if [ -n "$snippet" ]; then
  printf '%s' "$block" > "$snippet"
  chmod 0644 "$snippet"
  printf 'sshd_config block written to %s (Include it once, at the end of sshd_config, then reload sshd)\n' "$snippet"
else
  printf '\nAdd this once at the end of /etc/ssh/sshd_config (or as /etc/ssh/sshd_config.d/evidencekit.conf), then reload sshd:\n\n%s' "$block"
fi
