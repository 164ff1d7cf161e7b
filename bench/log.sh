#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Build bench/log-bench (bench/log.c) with -O2 and run it: append speed
# with one commit per event and in batches, then verify, check and the
# SHA-256 + scan baseline on a log of 1,000,000 events (-n to change).
# Prints figures; asserts nothing. Needs ./configure to have been run.
#
# usage: bench/log.sh [-n N3] [-a N1] [-b B] [-q]
#   CFLAGS: the compiler flags (default -O2)
#   TMPDIR: where the temporary databases go (default /tmp)
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
make -C "$top" -s bench/log-bench CFLAGS="${CFLAGS:--O2}"
exec "$top/bench/log-bench" "$@"
