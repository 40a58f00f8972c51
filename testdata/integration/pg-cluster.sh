#!/usr/bin/env bash
# pg-cluster.sh: a throw-away PostgreSQL primary with an asynchronous
# streaming standby on 127.0.0.1, for the postgres canary's failover test.
#
#   pg-cluster.sh start DIR PRIMARY_PORT STANDBY_PORT
#       initdb the primary in DIR/primary, start it, clone the standby with
#       pg_basebackup -R into DIR/standby, start it, wait until it streams.
#   pg-cluster.sh pause-replication DIR
#       disconnect the standby (primary_conninfo = ''): from now on it
#       falls behind, as an asynchronous standby does under lag.
#   pg-cluster.sh kill-primary DIR
#       SIGKILL the primary's postmaster and its children (a crash).
#   pg-cluster.sh promote DIR
#       promote the standby (pg_ctl promote) and wait until it accepts writes.
#   pg-cluster.sh restart-primary DIR
#       start the crashed primary again, alone (crash recovery), to read what
#       it had committed.
#   pg-cluster.sh stop DIR
#       stop whatever still runs (immediate mode).
#
# Connect as user "gameday" to database "postgres", trust authentication,
# over TCP on 127.0.0.1 only. Server logs: DIR/primary.log, DIR/standby.log.
#
# Run as root, the servers run as the "postgres" user (initdb refuses root),
# or as a created unprivileged "gamedaypg" user when there is none; DIR is
# handed to that user and must be reachable by it (every parent directory
# searchable). PGBIN overrides the binaries' directory (default: Debian's
# PostgreSQL 15, else the newest /usr/lib/postgresql/*/bin).
set -euo pipefail

if [ -z "${PGBIN:-}" ]; then
	PGBIN=/usr/lib/postgresql/15/bin
	if [ ! -x "$PGBIN/initdb" ]; then
		# Another Debian release ships another major version: take the newest.
		for b in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do PGBIN=$b; done
	fi
fi
DBUSER=gameday

die() { echo "pg-cluster.sh: $*" >&2; exit 1; }

[ $# -ge 2 ] || die "usage: $0 start|pause-replication|kill-primary|promote|restart-primary|stop DIR [PRIMARY_PORT STANDBY_PORT]"
cmd=$1
dir=$2
[ -x "$PGBIN/initdb" ] || die "no PostgreSQL binaries in $PGBIN (apt-get install postgresql, or set PGBIN)"

osuser() {
	if [ "$(id -u)" != 0 ]; then
		id -un
	elif id postgres >/dev/null 2>&1; then
		echo postgres
	else
		id gamedaypg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin gamedaypg
		echo gamedaypg
	fi
}

# as_pg runs a command as the servers' user.
as_pg() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u "$(osuser)" -- "$@"
	else
		"$@"
	fi
}

psql_at() { # port sql
	as_pg "$PGBIN/psql" -X -q -t -A -h 127.0.0.1 -p "$1" -U "$DBUSER" -d postgres -c "$2"
}

sql_is() { [ "$(psql_at "$1" "$2")" = "$3" ]; } # port sql expected

gone() { ! kill -0 "$1"; }

port_of() { sed -n 4p "$dir/$1/postmaster.pid" 2>/dev/null || cat "$dir/$1.port"; }

wait_for() { # description command...
	local what=$1
	shift
	for _ in $(seq 1 200); do
		if "$@" >/dev/null 2>&1; then return 0; fi
		sleep 0.05
	done
	die "timed out waiting for $what"
}

start() {
	local pport=$1 sport=$2
	[ ! -e "$dir/primary" ] || die "$dir/primary already exists"
	mkdir -p "$dir"
	chmod 0755 "$dir"
	[ "$(id -u)" != 0 ] || chown "$(osuser)" "$dir"
	echo "$pport" >"$dir/primary.port"
	echo "$sport" >"$dir/standby.port"

	as_pg "$PGBIN/initdb" -D "$dir/primary" -U "$DBUSER" --auth=trust -E UTF8 --no-sync >"$dir/initdb.log"
	# Replication stays asynchronous: no synchronous_standby_names.
	cat >>"$dir/primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $pport
unix_socket_directories = ''
wal_level = replica
max_wal_senders = 4
hot_standby = on
fsync = off
CONF
	as_pg "$PGBIN/pg_ctl" -D "$dir/primary" -l "$dir/primary.log" -w -t 30 start >/dev/null

	as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$pport" -U "$DBUSER" -D "$dir/standby" -R -X stream --checkpoint=fast
	echo "port = $sport" >>"$dir/standby/postgresql.conf"
	as_pg "$PGBIN/pg_ctl" -D "$dir/standby" -l "$dir/standby.log" -w -t 30 start >/dev/null
	wait_for "the standby to stream" sql_is "$pport" "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'" 1
	echo "primary: postgres://$DBUSER@127.0.0.1:$pport/postgres?sslmode=disable"
	echo "standby: postgres://$DBUSER@127.0.0.1:$sport/postgres?sslmode=disable"
}

pause_replication() {
	local sport
	sport=$(port_of standby)
	psql_at "$sport" "ALTER SYSTEM SET primary_conninfo = ''" >/dev/null
	psql_at "$sport" "SELECT pg_reload_conf()" >/dev/null
	wait_for "the standby to disconnect" sql_is "$sport" "SELECT count(*) FROM pg_stat_wal_receiver" 0
}

kill_primary() {
	local pid children
	pid=$(head -1 "$dir/primary/postmaster.pid")
	# Its children from /proc (field 4 of stat is the parent pid; the
	# command name "postgres" has no spaces), so procps is not needed.
	children=$(awk -v p="$pid" '$4 == p { print $1 }' /proc/[0-9]*/stat 2>/dev/null || true)
	# shellcheck disable=SC2086 # one pid per word
	kill -KILL "$pid" $children
	wait_for "the primary to die" gone "$pid"
}

promote() {
	as_pg "$PGBIN/pg_ctl" -D "$dir/standby" -w -t 30 promote >/dev/null
	wait_for "the standby to leave recovery" sql_is "$(port_of standby)" "SELECT pg_is_in_recovery()" f
}

restart_primary() {
	# A stale postmaster.pid of a killed server is fine: its pid is gone.
	as_pg "$PGBIN/pg_ctl" -D "$dir/primary" -l "$dir/primary.log" -w -t 30 start >/dev/null
}

stop() {
	for node in primary standby; do
		if [ -f "$dir/$node/postmaster.pid" ]; then
			as_pg "$PGBIN/pg_ctl" -D "$dir/$node" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
		fi
	done
}

case $cmd in
start)
	[ $# -eq 4 ] || die "usage: $0 start DIR PRIMARY_PORT STANDBY_PORT"
	start "$3" "$4"
	;;
pause-replication) pause_replication ;;
kill-primary) kill_primary ;;
promote) promote ;;
restart-primary) restart_primary ;;
stop) stop ;;
*) die "unknown command $cmd" ;;
esac
