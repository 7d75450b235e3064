#!/bin/sh
# Read the paths a push changed, one a line, and print which checks the Pages workflow runs:
# "content" when every path is site.yaml or under content/ (an editor's change), else "full".
# An empty list prints "full": with nothing to go on, run everything.
set -eu
scope=""
while IFS= read -r path; do
    case "$path" in
        "") ;;
        site.yaml | content/*) scope="${scope:-content}" ;;
        *) scope=full ;;
    esac
done
echo "${scope:-full}"
