#!/usr/bin/env bash
# Colour: under TERM=xterm-256color the title bar, the selected row and the agreed grades are
# coloured; under NO_COLOR=1 nothing is (reverse, bold and underline carry the same), and the
# text on screen is the same either way.
. "$(dirname "$0")/lib.sh"


# SGR parameters that set a colour: 30-38, 40-48, 90-97, 100-107 (39 and 49 are the default).
colours() {
	e2e_screen_sgr | grep -oE $'\e\\[[0-9;]*m' | tr -d '\033[m' | tr ';' '\n' |
		grep -E '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$' | sort -u | tr '\n' ' ' || true
}

overview() {
	e2e_start 80x24
	e2e_wait_for "Audits"
	if ! e2e_screen | grep -q "SYNTHETIC DEMO"; then
		e2e_keys d
	fi
	e2e_wait_for "SYNTHETIC DEMO"
	e2e_keys Enter
	e2e_wait_for "Audit overview"
	e2e_wait_for "Child F"
	sleep 0.3
}

E2E_ENV="-u NO_COLOR TERM=xterm-256color"
overview
coloured=$(colours)
plain_text_coloured=$(e2e_screen)
e2e_stop
# The title bar's blue, and the demo's agreed grades (Requires improvement and Good).
case " $coloured " in *" 44 "*) ;; *) e2e_fail "no blue title bar under TERM=xterm-256color: '$coloured'" ;; esac
case " $coloured " in *" 43 "*) ;; *) e2e_fail "no coloured middle grade: '$coloured'" ;; esac
case " $coloured " in *" 42 "*) ;; *) e2e_fail "no coloured good grade: '$coloured'" ;; esac

E2E_ENV="NO_COLOR=1 TERM=xterm-256color"
overview
none=$(colours)
[ -z "$none" ] || e2e_fail "colour under NO_COLOR=1: $none"
# Without colour the title bar is reverse video, and the grade cells still say their grade.
e2e_screen_sgr | grep -q $'\e\\[[0-9;]*7[0-9;]*m maca' || e2e_screen_sgr | grep -q $'\e\\[7m' ||
	e2e_fail "no reverse video without colour"
[ "$(e2e_screen)" = "$plain_text_coloured" ] || e2e_fail "the text differs with and without colour"
e2e_stop

# An empty NO_COLOR is no request (no-color.org): colour stays on.
E2E_ENV="NO_COLOR= TERM=xterm-256color"
overview
case " $(colours) " in *" 44 "*) ;; *) e2e_fail "an empty NO_COLOR turned colour off" ;; esac
e2e_stop

# colour = no in the configuration turns it off too.
mkdir -p "$XDG_CONFIG_HOME/maca"
printf '[maca]\ncolour = no\n' >"$XDG_CONFIG_HOME/maca/maca.ini"
E2E_ENV="-u NO_COLOR TERM=xterm-256color"
overview
[ -z "$(colours)" ] || e2e_fail "colour with colour = no in the configuration: $(colours)"
e2e_pass
