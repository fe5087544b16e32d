#!/usr/bin/env bash
# Labels, not ids (issue 17, item 10): the overview names the chair's agency; a template words
# the forms of its audits and leaves out the fields that do not apply (a neglect audit shows
# neglect examples and no "Plan status (nothing to choose from)"); a form field scrolled past
# shows how its text begins; a template that did not load is named with its reason in the
# picker and by `maca new`; case summaries name prompts by their labels.
. "$(dirname "$0")/lib.sh"

maca() { "$E2E_MACA" --db "$E2E_DB" "$@"; }
templates="$XDG_CONFIG_HOME/maca/audit-templates"
mkdir -p "$templates"
cat >"$templates/neglect.ini" <<'INI'
[template]
id = neglect
title = Children living with neglect
version = 1
prompts = strengths

[field audit.title]
help = A short name for the audit, e.g. Neglect multi-agency audit, May 2025

[field case.age_band]
applies = no

[grade good]
label = Good
key = g

[grade poor]
label = Poor
key = p

[prompt strengths]
label = What went well
text = What went well for this child?

[agencies]
csc = Children's social care
health = Health

[section home]
title = Home conditions

[question home-seen]
section = home
text = Was the child's bedroom seen?
INI
printf '[template]\nid = broken\n' >"$templates/broken.ini"

# The command line: the broken template is named with its first problem.
out=$(maca new broken "An audit" 2>&1) && e2e_fail "maca new broken succeeded"
printf '%s\n' "$out" | grep -qF "no template 'broken': $templates/broken.ini did not load: line 1: [template] is missing the required key" ||
	e2e_fail "maca new broken: $out"
maca templates 2>&1 | grep -qF "skipped $templates/broken.ini (line 1: [template] is missing" ||
	e2e_fail "maca templates does not say why broken.ini was skipped"

e2e_start 80x24
e2e_demo_overview
# The chair by the agency's name, not its id (police).
e2e_wait_for "Chair: Police"
e2e_keys Escape
e2e_wait_for "SYNTHETIC DEMO"

# The picker names the template that did not load, with why; picking it says so.
e2e_keys a
e2e_wait_for "Create an audit from which template?"
e2e_wait_for "(not usable)"
e2e_screen | grep -qF "(not usable) broken.ini, line 1: [template] is missing" ||
	e2e_fail "the picker does not name broken.ini with its reason"
e2e_keys End Enter
e2e_wait_for "[template] is missing the required key"

# The neglect template's form: its own example, not the domestic abuse one.
e2e_keys a
e2e_wait_for "Create an audit from which template?"
e2e_screen | grep -qF "neglect (v1)" || e2e_fail "no neglect template to pick"
# Move to it: the items are sorted by id (domestic-abuse, multi-agency-practice, neglect).
e2e_keys Home Down Down Enter
e2e_wait_for "Audit details"
e2e_wait_for "e.g. Neglect multi-agency audit, May 2025"
e2e_screen | grep -q "Domestic abuse" && e2e_fail "domestic abuse wording in a neglect audit's form"
# A long title, scrolled past: the field shows how it begins, with an ellipsis.
e2e_type "Neglect audit of the children seen by the partnership's early help teams in the spring and summer"
e2e_wait_for "spring and summer"
e2e_keys Tab
e2e_wait_for "The questions and grading scale to use"
e2e_screen | grep -qE "Audit title \* +Neglect audit of the children seen by .*…$" ||
	e2e_fail "the title scrolled past does not show its start"
e2e_keys C-o
e2e_wait_for "Agencies taking part is required" # the chair says who takes part
e2e_keys Space C-o
e2e_wait_for "Created audit 2"

# Its case form: no age band (applies = no), no plan status (the template has none).
e2e_keys Enter
e2e_wait_for "Audit overview"
e2e_keys c a
e2e_wait_for "Case reference"
for gone in "Age band" "Plan status" "nothing to choose from"; do
	e2e_screen | grep -qF "$gone" && e2e_fail "the neglect case form shows: $gone"
done
e2e_type "Child N"
e2e_keys F2
e2e_wait_for "Added the case"
e2e_expect_sql "SELECT reference || '|' || age_band || '|' || plan_status FROM audit_case WHERE audit_id = 2" "Child N||"
e2e_stop

# Case summaries name each prompt by its label (Good practice), never its id.
# (The demo has notes under the good-practice prompt.)
maca export cases 1 -o "$E2E_DIR/cases.md" >/dev/null
grep -qE '\*Note from [^(]+ \(Good practice\):\*' "$E2E_DIR/cases.md" ||
	e2e_fail "case summaries do not name the prompt by its label"
grep -q "(good-practice)" "$E2E_DIR/cases.md" && e2e_fail "case summaries show a prompt id"
e2e_pass
