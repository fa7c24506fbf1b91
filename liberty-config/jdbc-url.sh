#!/bin/sh
# Prints DB_URL ($1) as the JDBC driver takes it. Render (and Heroku, and most hosts) hand out
# PostgreSQL as postgres://user:password@host:port/database?options; the driver takes
# jdbc:postgresql://host:port/database?options&user=user&password=password. Any other value is
# printed as it is. The password is never echoed anywhere else.
url=$1
case "$url" in
  postgres://*|postgresql://*) ;;
  *) printf '%s\n' "$url"; exit 0 ;;
esac
rest=${url#*://}
credentials=
case "$rest" in
  *@*)
    userinfo=${rest%%@*}
    rest=${rest#*@}
    case "$userinfo" in
      *:*) credentials="user=${userinfo%%:*}&password=${userinfo#*:}" ;;
      *) credentials="user=$userinfo" ;;
    esac
    ;;
esac
if [ -z "$credentials" ]; then
  printf 'jdbc:postgresql://%s\n' "$rest"
else
  case "$rest" in
    *\?*) printf 'jdbc:postgresql://%s&%s\n' "$rest" "$credentials" ;;
    *) printf 'jdbc:postgresql://%s?%s\n' "$rest" "$credentials" ;;
  esac
fi
