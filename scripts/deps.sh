# Debian packages, installed only when missing. Sourced by scripts/run-example and scripts/test.
# RUN_DEPS: what building and running the shell needs (zlib: the .xlsx/.docx zip archives; poppler-utils: pdftotext,
# which `.load` runs to read a PDF; libsqlite3-dev: the sqlite export). TEST_DEPS: what the tests need besides (tmux drives the pseudo-terminal test; the sqlite3 program re-reads the sqlite export;
# xelatex and a CJK font check the LaTeX export; python3 re-reads CSV; pip brings the Python readers and writers below).
RUN_DEPS=(libedit-dev zlib1g-dev poppler-utils libsqlite3-dev)
TEST_DEPS=(tmux sqlite3 python3 python3-pip texlive-xetex texlive-lang-chinese texlive-latex-extra)

# Runs apt-get (with sudo when not root), waiting up to 10 minutes for a dpkg lock another process holds, and retrying
# a failed run three times, 30 s apart (a busy mirror, an interrupted install); then it fails with a clear message.
apt_get() {
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    local attempt
    for attempt in 1 2 3; do
        if DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 "$@"; then
            return 0
        fi
        echo "apt-get $* failed (attempt $attempt of 3); retrying in 30 s" >&2
        sleep 30
    done
    echo "error: apt-get $* failed three times; install the packages by hand and run again" >&2
    return 1
}

install_missing() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    ((${#missing[@]})) || return 0
    echo "installing: ${missing[*]}" >&2
    apt_get update -qq >&2
    apt_get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Python libraries the tests use as independent readers and writers, from PyPI (openpyxl re-reads and edits the .xlsx
# export; python-docx writes the Word files the import tests read). Installed only when python3 cannot import them.
PIP_TEST_DEPS=(openpyxl python-docx)

# Installs the Python packages (import names: python-docx is `docx`) that python3 cannot import yet.
install_missing_pip() {
    local missing=()
    for pkg in "$@"; do
        local module=${pkg#python-}
        python3 -c "import ${module//-/_}" 2>/dev/null || missing+=("$pkg")
    done
    ((${#missing[@]})) || return 0
    echo "installing from PyPI: ${missing[*]}" >&2
    local attempt
    for attempt in 1 2 3; do
        python3 -m pip install -q "${missing[@]}" >&2 && return 0
        python3 -m pip install -q --break-system-packages "${missing[@]}" >&2 && return 0
        echo "pip install ${missing[*]} failed (attempt $attempt of 3); retrying in 30 s" >&2
        sleep 30
    done
    echo "error: pip install ${missing[*]} failed three times" >&2
    return 1
}
