#!/usr/bin/env bash
# Import from the interface, both ends of the round trip: an agency takes in its pack; the
# chair takes in the agency's encrypted return (the passphrase never shown), then a return
# that changes an answer, confirmed only by typing "replace". The databases are checked.
. "$(dirname "$0")/lib.sh"

CHAIR="$E2E_DIR/chair.db"
AGENCY="$E2E_DB"
PASS="plenty unusual otter hammock"
M() { "$E2E_MACA" --db "$@"; }

# The chair's audit and the pack for the police (synthetic).
M "$CHAIR" new domestic-abuse "E2E import audit" --agencies csc,police >/dev/null
M "$CHAIR" case add 1 "Child A" --age 1-4 >/dev/null
M "$CHAIR" export pack 1 --agency police -o "$E2E_DIR/pack.maca" >/dev/null

# The agency imports the pack from its own maca.
e2e_start 80x24
e2e_wait_for "There are no audits in this database yet"
e2e_keys i
e2e_wait_for "type the file's path"
e2e_type "$E2E_DIR/pack.maca"
e2e_keys Enter
e2e_wait_for "Pack for agency police (Police)"
e2e_wait_for "Importing creates this audit here"
e2e_keys y
e2e_wait_for "Imported the pack for police as audit 1"
e2e_wait_for "E2E import audit"
e2e_expect_sql "SELECT uuid FROM audit" "$(sqlite3 "$CHAIR" "SELECT uuid FROM audit")"
e2e_expect_sql "SELECT code FROM agency" "police"
# The same pack again: refused on the import screen, nothing written.
e2e_keys i
e2e_wait_for "type the file's path"
e2e_type "$E2E_DIR/pack.maca"
e2e_keys Enter
e2e_wait_for "Nothing can be imported from"
e2e_wait_for "which is already in this"
e2e_keys y
e2e_wait_for "Nothing can be imported from this file"
e2e_keys Escape
e2e_wait_for "Answers given"
e2e_expect_sql "SELECT count(*) FROM audit" 1
e2e_keys q
e2e_wait_for "MACA-EXITED-0"
e2e_stop

# The agency answers (as the answering screen would save) and sends an encrypted return.
sqlite3 "$AGENCY" "INSERT INTO answer (case_id, agency_id, question_id, value, evidence,
  author, updated_at) SELECT c.id, g.id, 'identification-recognised', 'good',
  'Seen at home.' || char(10) || 'Second line — naïve', 'PC Synthetic', '2026-11-23T10:00:00Z'
  FROM audit_case c, agency g"
exec 3< <(printf '%s\n' "$PASS")
MACA_PASSPHRASE_FD=3 M "$AGENCY" export return 1 --agency police --encrypt \
	-o "$E2E_DIR/return.maca" >/dev/null
exec 3<&-
head -c 8 "$E2E_DIR/return.maca" | grep -q MACASEAL || e2e_fail "the return is not encrypted"

# The chair imports it; the passphrase prompt shows nothing of what is typed.
E2E_DB="$CHAIR"
e2e_start 80x24
e2e_wait_for "E2E import audit"
e2e_keys i
e2e_wait_for "type the file's path"
e2e_type "$E2E_DIR/return.maca"
e2e_keys Enter
e2e_wait_for "The file is encrypted"
e2e_type "wrong horse"
e2e_screen | grep -qF "wrong horse" && e2e_fail "the passphrase is shown"
e2e_keys Enter
e2e_wait_for "wrong passphrase, or the file was changed"
e2e_keys Escape
e2e_wait_for "Answers given"
e2e_expect_sql "SELECT count(*) FROM answer" 0
e2e_keys i
e2e_wait_for "type the file's path"
e2e_type "$E2E_DIR/return.maca"
e2e_keys Enter
e2e_wait_for "The file is encrypted"
e2e_type "$PASS"
e2e_screen | grep -qF "$PASS" && e2e_fail "the passphrase is shown"
e2e_keys Enter
e2e_wait_for "Return for agency police (Police)"
e2e_wait_for "Into audit 1: 1 to add, 0 unchanged, 0 to change."
e2e_keys y
e2e_wait_for "Imported the return from police: 1 added, 0 changed"
e2e_expect_sql "SELECT value || '|' || author FROM answer" "good|PC Synthetic"
e2e_expect_sql "SELECT evidence FROM answer" "$(printf 'Seen at home.\nSecond line — naïve')"
sum=$(sha256sum "$E2E_DIR/return.maca" | cut -d' ' -f1)
e2e_expect_sql "SELECT count(*) FROM history WHERE source = 'return from police' AND checksum = '$sum'" 2

# A later return changes the grade: listed, and applied only once "replace" is typed.
sqlite3 "$AGENCY" "UPDATE answer SET value = 'inadequate'"
M "$AGENCY" export return 1 --agency police -o "$E2E_DIR/return2.maca" >/dev/null
e2e_keys i
e2e_wait_for "type the file's path"
e2e_type "$E2E_DIR/return2.maca"
e2e_keys Enter
e2e_wait_for "1 to change"
e2e_wait_for "Child A, identification-recognised: good -> inadequate"
e2e_keys y
e2e_wait_for "Type replace to confirm:"
e2e_type "no"
e2e_keys Enter
e2e_wait_for "Nothing was imported"
e2e_expect_sql "SELECT value FROM answer" "good"
e2e_keys y
e2e_wait_for "Type replace to confirm:"
e2e_type "replace"
e2e_keys Enter
e2e_wait_for "Imported the return from police: 0 added, 1 changed"
e2e_expect_sql "SELECT value FROM answer" "inadequate"
e2e_expect_sql "SELECT old_value || '>' || new_value FROM history WHERE field = 'answer' ORDER BY id DESC LIMIT 1" "good>inadequate"
e2e_expect_sql "PRAGMA integrity_check" "ok"

e2e_keys q
e2e_wait_for "MACA-EXITED-0"
e2e_pass
