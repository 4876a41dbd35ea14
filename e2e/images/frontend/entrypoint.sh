#!/bin/sh
# nginx needs the cluster DNS server and the namespace's search domain for per-request lookups.
set -eu
ns=$(awk '/^nameserver/ {print $2; exit}' /etc/resolv.conf)
search=$(awk '/^search/ {print $2; exit}' /etc/resolv.conf)
sed -e "s/@NAMESERVER@/$ns/" -e "s/@SEARCH@/$search/" -e "s/@PORT@/${PORT:-80}/" \
  /etc/nginx/nginx.conf.template >/tmp/nginx.conf
exec nginx -c /tmp/nginx.conf -g 'daemon off;'
