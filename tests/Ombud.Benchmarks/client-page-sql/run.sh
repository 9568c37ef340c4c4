#!/bin/bash
# The client page's SQL before and after issue #13's fix, timed with the sqlite3 shell (docs/performance.md).
# usage: run.sh DB CLIENT_ID MANDATE_ID before.sql|after.sql [REPEATS]
# Prints the median, min and max over the repeats of the summed "Run Time" of the file's statements:
# wall-clock ("real") by default, CPU ("user") with COL=6.
db=$1; client=$2; mandate=$3; file=$4; n=${5:-7}
for i in $(seq "$n"); do
  { echo ".parameter set @clientId $client"; echo ".parameter set @current_Id $mandate"; echo ".timer on"; echo ".output /dev/null"; cat "$file"; } \
    | sqlite3 "$db" 2>&1 | awk "/^Run Time/ {r+=\$${COL:-4}} END {printf \"%.4f\\n\", r}"
done | sort -n | awk '{a[NR]=$1} END {printf "median %.1f ms  min %.1f ms  max %.1f ms\n", a[int((NR+1)/2)]*1000, a[1]*1000, a[NR]*1000}'
