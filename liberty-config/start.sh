#!/bin/sh
# The container's entry point. DB_URL in the postgres:// form a host hands out becomes the JDBC URL
# the server's datasource reads; then the server runs (the image's command).
#
# Render stops an instance with SIGTERM and waits 30 s. Liberty, signalled directly, stops the app
# without its shutdown callbacks, where the app takes a last backup to S3; `server stop` runs them.
# So the signal is caught here and turned into `server stop`.
here=$(dirname "$0")
if [ -n "$DB_URL" ]; then
  DB_URL=$("$here/jdbc-url.sh" "$DB_URL")
  export DB_URL
fi
stop_server=${SERVER_STOP:-$here/../../../bin/server stop fromscratch}
"$@" &
server=$!
trap 'eval "$stop_server"; wait $server' TERM INT
wait $server
