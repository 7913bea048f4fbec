# Debian packages, installed only when missing. Sourced by scripts/run-example and scripts/test.
# RUN_DEPS: what building and running the shell needs (zlib: the .xlsx zip archives). TEST_DEPS: what the tests need
# besides (tmux drives the pseudo-terminal test; xelatex, a CJK font and pdftotext check the LaTeX export; python3 re-reads
# CSV).
RUN_DEPS=(libedit-dev zlib1g-dev)
TEST_DEPS=(tmux python3 texlive-xetex texlive-lang-chinese texlive-latex-extra poppler-utils)

install_missing() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    ((${#missing[@]})) || return 0
    echo "installing: ${missing[*]}" >&2
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Python libraries the tests use as independent readers and writers (openpyxl re-reads and edits the .xlsx export).
PIP_TEST_DEPS=(openpyxl)

install_missing_pip() {
    local missing=()
    for module in "$@"; do
        python3 -c "import $module" 2>/dev/null || missing+=("$module")
    done
    ((${#missing[@]})) || return 0
    echo "installing from PyPI: ${missing[*]}" >&2
    python3 -m pip install --quiet "${missing[@]}" >&2 || python3 -m pip install --quiet --break-system-packages "${missing[@]}" >&2
}
