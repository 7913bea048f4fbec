# Debian packages, installed only when missing. Sourced by scripts/run-example and scripts/test.
# RUN_DEPS: what building and running the shell needs (poppler-utils: pdftotext, which `.load` runs to read a PDF).
# TEST_DEPS: what the tests need besides (tmux drives the pseudo-terminal test; xelatex and a CJK font check the LaTeX
# export; python3 re-reads CSV and, with python-docx from PyPI, writes the Word files the import tests read).
RUN_DEPS=(libedit-dev poppler-utils)
TEST_DEPS=(tmux python3 python3-pip texlive-xetex texlive-lang-chinese texlive-latex-extra)
# Python packages the tests need, from PyPI; installed only when missing.
TEST_PIP=(python-docx)

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

# Installs the Python packages (import names: python-docx is `docx`) that python3 cannot import yet.
install_missing_pip() {
    local missing=()
    for pkg in "$@"; do
        local module=${pkg#python-}
        python3 -c "import ${module//-/_}" 2>/dev/null || missing+=("$pkg")
    done
    ((${#missing[@]})) || return 0
    echo "installing from PyPI: ${missing[*]}" >&2
    python3 -m pip install -q "${missing[@]}" >&2 || python3 -m pip install -q --break-system-packages "${missing[@]}" >&2
}
