# shellcheck shell=bash
# Start a throwaway OpenSSH server on 127.0.0.1 for the sync tests (DESIGN.md, "Sync over SSH").
#
# Source it, do not run it: it exports what the tests read and stops the server when the
# sourcing shell exits.
#
#     . .ci/sshd.sh && .venv/bin/pytest tests/sync
#
# Exports PLANNER_TEST_SSH (the ssh command, with its own key and no known_hosts) and
# PLANNER_TEST_SSH_HOST (user@127.0.0.1). PLANNER_SSHD_PORT picks another port than 2222.
# It sets an EXIT trap; a script that sources it and wants its own EXIT trap should call
# planner_sshd_stop from it.

planner_sshd_start() {
  local sshd=/usr/sbin/sshd port="${PLANNER_SSHD_PORT:-2222}" user dir
  if [ ! -x "$sshd" ] || ! command -v rsync >/dev/null 2>&1; then
    echo "sshd.sh: $sshd or rsync is missing; the sync tests will skip" >&2
    return 0
  fi
  user="$(id -un)"
  dir="$(mktemp -d "${TMPDIR:-/tmp}/planner-sshd.XXXXXX")"
  chmod 700 "$dir"
  ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key"
  ssh-keygen -q -t ed25519 -N '' -f "$dir/client_key"
  cp "$dir/client_key.pub" "$dir/authorized_keys"
  cat >"$dir/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
AllowUsers $user
MaxStartups 100:30:200
MaxSessions 50
LogLevel ERROR
EOF
  # The privilege-separation folder; it is missing in containers where sshd never ran.
  mkdir -p /run/sshd 2>/dev/null || true
  "$sshd" -D -e -f "$dir/sshd_config" &
  PLANNER_SSHD_PID=$!
  PLANNER_SSHD_DIR="$dir"
  trap planner_sshd_stop EXIT
  export PLANNER_TEST_SSH="ssh -p $port -i $dir/client_key -o IdentitiesOnly=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
  export PLANNER_TEST_SSH_HOST="$user@127.0.0.1"
  # Wait until it answers, so the first test does not race the server's start.
  local i
  for i in $(seq 1 50); do
    # shellcheck disable=SC2086  # the command is a word list on purpose
    if $PLANNER_TEST_SSH -o BatchMode=yes "$PLANNER_TEST_SSH_HOST" true 2>/dev/null; then
      echo "sshd.sh: sshd (pid $PLANNER_SSHD_PID) on 127.0.0.1:$port" >&2
      return 0
    fi
    if ! kill -0 "$PLANNER_SSHD_PID" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "sshd.sh: sshd did not answer on 127.0.0.1:$port; the sync tests will skip" >&2
  planner_sshd_stop
  return 0
}

planner_sshd_stop() {
  if [ -n "${PLANNER_SSHD_PID:-}" ]; then
    kill "$PLANNER_SSHD_PID" 2>/dev/null || true
    wait "$PLANNER_SSHD_PID" 2>/dev/null || true
  fi
  if [ -n "${PLANNER_SSHD_DIR:-}" ]; then rm -rf "$PLANNER_SSHD_DIR"; fi
  unset PLANNER_SSHD_PID PLANNER_SSHD_DIR PLANNER_TEST_SSH PLANNER_TEST_SSH_HOST
}

planner_sshd_start
