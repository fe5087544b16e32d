# Sourced by scripts/run and scripts/test: installs the Debian packages maca needs.
# As root it runs apt-get itself, otherwise through sudo; with neither it prints the one
# command needed and exits 1.

MACA_PACKAGES="
  build-essential
  cmake
  pkg-config
  libncurses-dev
  libsqlite3-dev
  libiniparser-dev
  libcmocka-dev
  libsodium-dev
  libzxcvbn-dev
  diceware
  libunistring-dev
  wbritish-small
  tmux
  sqlite3
  groff-base
  mandoc
  pandoc
  cmark-gfm
  libcmark-gfm-dev
  libcairo2-dev
  fonts-liberation2
  weasyprint
  poppler-utils
  unzip
  python3
  libcmark-gfm-extensions-dev
  clang
  libclang-rt-14-dev
  libxlsxwriter-dev
  libminizip-dev
  libexpat1-dev
  python3-openpyxl
  libreoffice-calc-nogui
  valgrind
"

maca_missing_packages() {
	local missing="" p
	for p in $MACA_PACKAGES; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
			missing="$missing $p"
		fi
	done
	echo "${missing# }"
}

maca_install_deps() {
	local missing
	missing=$(maca_missing_packages)
	[ -z "$missing" ] && return 0
	local sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		if command -v sudo >/dev/null 2>&1; then
			sudo="sudo"
		else
			echo "maca needs these packages; as root, run:" >&2
			echo "  apt-get install -y $missing" >&2
			exit 1
		fi
	fi
	echo "Installing:$missing" >&2
	$sudo apt-get update -qq || exit 1
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null || {
		echo "apt-get install failed; run it by hand: apt-get install -y $missing" >&2
		exit 1
	}
}
