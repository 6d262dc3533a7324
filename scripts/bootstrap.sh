# Sourced by build.sh and test.sh: makes sure python3 (>= 3.11) and a virtual
# environment in .venv exist, installing Debian packages only when missing.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}
command -v python3 >/dev/null || apt_install python3 python3-venv
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "glossary-site needs Python 3.11 or newer; python3 is $(python3 -V 2>&1)" >&2
  exit 2
}
if [ ! -x .venv/bin/python ]; then
  rm -rf .venv
  python3 -m venv .venv 2>/dev/null || { rm -rf .venv; apt_install python3-venv; python3 -m venv .venv; }
  .venv/bin/python -m pip install -q --upgrade pip
fi
