#!/usr/bin/env bash
# Installs (when missing) and starts the database servers the tests need, on 127.0.0.1 with
# throwaway data directories. Source it, call start_services, and stop_services at the end.
# Exports LEAKWATCH_MYSQL_URL and LEAKWATCH_PG_URL for the tests.
#   LEAKWATCH_MYSQL_PORT (default 3306), LEAKWATCH_PG_PORT (default 5432) move the servers.
#   LEAKWATCH_SERVICES=none skips them (tests that need them then fail loudly, not skip).

LW_SERVICES_DIR=""
LW_MARIADB_PID=""

lw_log() { echo "[services] $*" >&2; }

lw_apt_install() {
  if [ "$(id -u)" != "0" ]; then lw_log "need root to apt-get install $*"; return 1; fi
  if [ -z "${LW_APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || return 1
    LW_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

lw_find_pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  return 1
}

start_mariadb() {
  local port="${LEAKWATCH_MYSQL_PORT:-3306}"
  if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
    lw_log "installing mariadb-server (apt-get)"
    lw_apt_install mariadb-server mariadb-client || { lw_log "could not install mariadb-server"; return 1; }
  fi
  local mariadbd; mariadbd="$(command -v mariadbd || echo /usr/sbin/mariadbd)"
  local dir="$LW_SERVICES_DIR/mariadb"
  mkdir -p "$dir/data"
  local installdb; installdb="$(command -v mariadb-install-db || command -v mysql_install_db)"
  "$installdb" --no-defaults --user="$(id -un)" --datadir="$dir/data" --auth-root-authentication-method=normal \
    --skip-test-db >"$dir/install.log" 2>&1 || { lw_log "mariadb-install-db failed: $(tail -3 "$dir/install.log")"; return 1; }
  "$mariadbd" --no-defaults --user="$(id -un)" --datadir="$dir/data" --socket="$dir/sock" --pid-file="$dir/pid" \
    --port="$port" --bind-address=127.0.0.1 --max-connections=151 --skip-log-bin --innodb-buffer-pool-size=32M \
    --log-error="$dir/error.log" >/dev/null 2>&1 &
  LW_MARIADB_PID=$!
  local i
  for i in $(seq 1 100); do
    if mariadb --no-defaults --socket="$dir/sock" -uroot -e 'SELECT 1' >/dev/null 2>&1; then break; fi
    sleep 0.2
  done
  mariadb --no-defaults --socket="$dir/sock" -uroot -e "
    CREATE DATABASE IF NOT EXISTS leakwatch;
    CREATE USER IF NOT EXISTS 'leakwatch'@'127.0.0.1' IDENTIFIED BY 'leakwatch';
    CREATE USER IF NOT EXISTS 'leakwatch'@'localhost' IDENTIFIED BY 'leakwatch';
    GRANT ALL ON *.* TO 'leakwatch'@'127.0.0.1'; GRANT ALL ON *.* TO 'leakwatch'@'localhost';
    CREATE TABLE IF NOT EXISTS leakwatch.users (id INT PRIMARY KEY, name VARCHAR(40));
    INSERT IGNORE INTO leakwatch.users VALUES (1, 'ada'), (2, 'grace');" \
    || { lw_log "mariadb did not start: $(tail -5 "$dir/error.log")"; return 1; }
  export LEAKWATCH_MYSQL_URL="mysql://leakwatch:leakwatch@127.0.0.1:$port/leakwatch"
  lw_log "MariaDB on 127.0.0.1:$port"
}

start_postgres() {
  local port="${LEAKWATCH_PG_PORT:-5432}"
  local bin
  if ! bin="$(lw_find_pg_bin)"; then
    lw_log "installing postgresql (apt-get)"
    lw_apt_install postgresql || { lw_log "could not install postgresql"; return 1; }
    bin="$(lw_find_pg_bin)" || return 1
  fi
  local dir="$LW_SERVICES_DIR/postgres"
  mkdir -p "$dir"
  local run=()
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown -R postgres "$dir"
    chmod 755 "$LW_SERVICES_DIR"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 \
    || { lw_log "initdb failed: $(tail -3 "$dir/initdb.log")"; return 1; }
  "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=100 -c fsync=off" start >/dev/null \
    || { lw_log "postgres did not start: $(tail -5 "$dir/server.log")"; return 1; }
  "${run[@]}" "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE USER leakwatch PASSWORD 'leakwatch' SUPERUSER;" -c "CREATE DATABASE leakwatch OWNER leakwatch;" >/dev/null \
    || return 1
  LW_PG_BIN="$bin"
  export LEAKWATCH_PG_URL="postgres://leakwatch:leakwatch@127.0.0.1:$port/leakwatch"
  lw_log "PostgreSQL on 127.0.0.1:$port"
}

start_services() {
  [ "${LEAKWATCH_SERVICES:-all}" = "none" ] && return 0
  LW_SERVICES_DIR="$(mktemp -d /tmp/leakwatch-services.XXXXXX)"
  start_mariadb || return 1
  start_postgres || return 1
}

stop_services() {
  [ -n "$LW_SERVICES_DIR" ] || return 0
  if [ -n "${LW_PG_BIN:-}" ]; then
    if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$LW_PG_BIN/pg_ctl" -D "$LW_SERVICES_DIR/postgres/data" -m fast stop >/dev/null 2>&1
    else "$LW_PG_BIN/pg_ctl" -D "$LW_SERVICES_DIR/postgres/data" -m fast stop >/dev/null 2>&1; fi
  fi
  if [ -n "$LW_MARIADB_PID" ]; then kill "$LW_MARIADB_PID" 2>/dev/null; wait "$LW_MARIADB_PID" 2>/dev/null; fi
  rm -rf "$LW_SERVICES_DIR"
  LW_SERVICES_DIR=""
}
