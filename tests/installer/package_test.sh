#!/usr/bin/env bash
# Builds the .deb with cpack from a build tree and checks what a clinic would get from it.
# Usage: package_test.sh BUILD_DIR VERSION EXPECT_DESKTOP_APP(0|1) WORK_DIR
# Needs no network and no root: the package is unpacked with dpkg -x, never installed.
set -euo pipefail

build_dir=$1
version=$2
expect_desktop_app=$3
work=$4

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
pass() { echo "ok: $*"; }

rm -rf "$work"
mkdir -p "$work/out" "$work/root"

# ---- Build the package (into WORK_DIR, so a developer's own cpack output is left alone) ----------
if ! cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log" >&2
    echo "FAIL: cpack -G DEB (has the whole tree been built? cpack builds nothing itself)" >&2
    exit 1
fi
arch=$(dpkg --print-architecture)
deb="$work/out/ankylos_${version}_${arch}.deb"
if [ ! -f "$deb" ]; then
    ls "$work/out" >&2
    echo "FAIL: expected package file $(basename "$deb")" >&2
    exit 1
fi
pass "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

# ---- Contents ------------------------------------------------------------------------------------
# dpkg-deb -c prints "perms owner size date time ./path"; keep the paths, directories end in /.
dpkg-deb -c "$deb" | awk '{print $6}' >"$work/contents.txt"
expected=(
    ./usr/bin/ankylos-cli
    ./usr/share/ankylos/reports/
    ./usr/share/applications/ankylos.desktop
    ./usr/share/icons/hicolor/scalable/apps/ankylos.svg
    ./usr/share/man/man1/ankylos-cli.1.gz
    ./usr/share/doc/ankylos/methods.md
    ./usr/share/doc/ankylos/methods.zh_CN.md
)
icon_sizes=(16 22 24 32 48 64 128 256)
for size in "${icon_sizes[@]}"; do expected+=("./usr/share/icons/hicolor/${size}x${size}/apps/ankylos.png"); done
[ "$expect_desktop_app" = 1 ] && expected+=(./usr/bin/ankylos)
for path in "${expected[@]}"; do
    grep -qxF "$path" "$work/contents.txt" && pass "contains $path" || fail "the package lacks $path"
done
# Everything below /usr, and nothing a clinic does not need (headers, static libraries, test binaries).
if grep -vE '^\./($|usr/)' "$work/contents.txt" | grep -q .; then
    fail "files outside /usr: $(grep -vE '^\./($|usr/)' "$work/contents.txt" | tr '\n' ' ')"
fi
if grep -E '^\./usr/(include|lib)/|_tests$|gtest|gmock' "$work/contents.txt" | grep -q .; then
    fail "development or test files packaged: $(grep -E '^\./usr/(include|lib)/|_tests$|gtest|gmock' "$work/contents.txt" | tr '\n' ' ')"
fi
if dpkg-deb -c "$deb" | grep -E '^d' | grep -vqE '^drwxr-xr-x root/root'; then
    fail "directories not 0755 root:root: $(dpkg-deb -c "$deb" | grep -E '^d' | grep -vE '^drwxr-xr-x root/root' | head -3)"
fi

# ---- Control fields ------------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = ankylos ] && pass "Package: ankylos" || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] && pass "Version: $version" || fail "Version is '$(field Version)', CMake says $version"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture is '$(field Architecture)'"
[[ "$(field Maintainer)" =~ ^[^\<]+\ \<[^@\>]+@[^\>]+\>$ ]] && pass "Maintainer: $(field Maintainer)" ||
    fail "Maintainer is '$(field Maintainer)', not 'Name <e-mail>'"
[ -n "$(field Section)" ] && pass "Section: $(field Section)" || fail "no Section"
[ "$(dpkg-deb -f "$deb" Description | wc -l)" -ge 3 ] && pass "Description: $(field Description | head -1)" ||
    fail "the Description has no extended text"
depends=$(field Depends)
echo "   Depends: $depends"
# fonts-noto-cjk by hand; the libraries by dpkg-shlibdeps (the CLI links SQLite and libstdc++).
for package in fonts-noto-cjk libc6 libstdc++6 libsqlite3-0; do
    [[ ", $depends," == *", $package "* || ", $depends," == *", $package,"* ]] && pass "Depends on $package" || fail "Depends lacks $package"
done
if [ "$expect_desktop_app" = 1 ]; then
    [[ "$depends" == *libwxgtk3.2* ]] && pass "Depends on wxGTK" || fail "Depends lacks wxGTK (libwxgtk3.2-*)"
fi

# ---- Unpacked: the programs run from the package's own files -------------------------------------
dpkg -x "$deb" "$work/root"
cli="$work/root/usr/bin/ankylos-cli"
if [ -x "$cli" ]; then
    # No run path back into the build tree: the packaged binary must not load libraries from there.
    if readelf -d "$cli" | grep -E 'R(UN)?PATH' | grep -qF "$build_dir"; then
        fail "ankylos-cli keeps a run path into the build tree"
    fi
    file -b "$cli" | grep -q ', stripped' && pass "ankylos-cli is stripped" || fail "ankylos-cli is not stripped"
    # Run from an unrelated folder with a clean environment, so nothing of the build tree is found.
    out=$(cd "$work" && env -i PATH=/usr/bin:/bin HOME="$work" "$cli" --version)
    [ "$out" = "ankylos-cli $version" ] && pass "--version prints '$out'" ||
        fail "--version printed '$out', expected 'ankylos-cli $version'"
    out=$(cd "$work" && env -i PATH=/usr/bin:/bin HOME="$work" "$cli" calc basdai 1 2 3 4 5 10)
    [ "$out" = '{"basdai":3.5,"active":false}' ] && pass "calc basdai 1 2 3 4 5 10 prints $out" ||
        fail "calc basdai printed '$out'"
    # A refused input still exits 2 from the packaged binary (the error path is linked in too).
    status=0
    (cd "$work" && env -i PATH=/usr/bin:/bin "$cli" calc basdai 1 2 3 4 5 11 >/dev/null 2>"$work/err.txt") || status=$?
    [ "$status" = 2 ] && grep -q 11 "$work/err.txt" && pass "calc basdai ... 11 is refused (exit 2: $(head -1 "$work/err.txt"))" ||
        fail "calc basdai with 11 exited $status: $(cat "$work/err.txt")"
else
    fail "no executable usr/bin/ankylos-cli in the unpacked package"
fi
# The installed program reads the report files installed with it (usr/share/ankylos/reports beside
# usr/bin), not the source tree: give the unpacked style a clinic name of its own and look for it in
# a report made by the unpacked program.
if [ -x "$cli" ] && "$cli" --help | grep -qE '^  report '; then
    style="$work/root/usr/share/ankylos/reports/style.conf"
    marker="Packaged Style Clinic $$"
    if [ -f "$style" ]; then
        sed -i "s/^clinic_name *=.*/clinic_name = $marker/" "$style"
        run() { (cd "$work" && env -i PATH=/usr/bin:/bin HOME="$work" USER=package-test LANG=C.UTF-8 "$cli" "$@"); }
        if run init "$work/demo.db" >/dev/null && run demo "$work/demo.db" --patients 3 --seed 1 >/dev/null && run report "$work/demo.db" --cohort --out "$work/cohort.pdf" >"$work/report.log" 2>&1; then
            if ! command -v pdftotext >/dev/null; then
                fail "pdftotext is missing (Debian: poppler-utils, in .ci/setup)"
            elif pdftotext "$work/cohort.pdf" "$work/cohort.txt" && grep -qF "$marker" "$work/cohort.txt"; then
                pass "report from the unpacked package uses usr/share/ankylos/reports/style.conf"
            else
                fail "the report made by the unpacked program does not show the packaged style's clinic name"
            fi
        else
            fail "report from the unpacked package failed: $(cat "$work/report.log")"
        fi
    else
        fail "the package has no usr/share/ankylos/reports/style.conf"
    fi
fi
if [ "$expect_desktop_app" = 1 ]; then
    # The interface's Chinese catalog, where the installed program looks (<exe dir>/../share/locale),
    # compiled and complete (msgunfmt reads it back; the entries are po/zh_CN.po's).
    mo="$work/root/usr/share/locale/zh_CN/LC_MESSAGES/ankylos.mo"
    # Read into a file first (as every long output here): grep -q stops at its first match, and the
    # writer, cut off, would fail the pipe under pipefail.
    if [ -f "$mo" ] && msgunfmt "$mo" >"$work/catalog.po" 2>/dev/null &&
        grep -qF 'msgstr "文件(&F)"' "$work/catalog.po"; then
        pass "usr/share/locale/zh_CN/LC_MESSAGES/ankylos.mo translates the interface"
    else
        fail "the package has no Chinese catalog usr/share/locale/zh_CN/LC_MESSAGES/ankylos.mo"
    fi
    app="$work/root/usr/bin/ankylos"
    [ -x "$app" ] && ldd "$app" | grep -q 'not found' && fail "ankylos needs libraries not on this machine: $(ldd "$app" | grep 'not found')"
fi

# ---- Desktop entry ------------------------------------------------------------------------------
desktop="$work/root/usr/share/applications/ankylos.desktop"
if [ -f "$desktop" ]; then
    if out=$(desktop-file-validate "$desktop" 2>&1) && ! grep -q error: <<<"$out"; then
        pass "desktop-file-validate ankylos.desktop"
    else
        fail "desktop-file-validate: $out"
    fi
    grep -q '^Name\[zh_CN\]=' "$desktop" && pass "desktop entry has a Chinese name" || fail "no Name[zh_CN]"
    grep -qE '^Categories=.*\bOffice;.*MedicalSoftware;' "$desktop" || fail "Categories lack Office;MedicalSoftware;"
    exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
    icon_name=$(sed -n 's/^Icon=//p' "$desktop")
    [ -f "$work/root/usr/share/icons/hicolor/scalable/apps/$icon_name.svg" ] || fail "Icon=$icon_name is not packaged"
    if [ "$expect_desktop_app" = 1 ]; then
        [ -x "$work/root/usr/bin/$exec_name" ] && pass "Exec=$exec_name is in the package" || fail "Exec=$exec_name is not in /usr/bin"
    fi
fi

# ---- Icons: each PNG has the size of its folder --------------------------------------------------
for size in "${icon_sizes[@]}"; do
    png="$work/root/usr/share/icons/hicolor/${size}x${size}/apps/ankylos.png"
    [ -f "$png" ] || continue
    file -b "$png" | grep -q "PNG image data, $size x $size," || fail "$png is $(file -b "$png")"
done
pass "icons have their folder's size"

# ---- Man page ---------------------------------------------------------------------------------
man_page="$work/root/usr/share/man/man1/ankylos-cli.1.gz"
if [ -f "$man_page" ]; then
    if command -v man >/dev/null; then
        # Formatting warnings (bad macros, unknown escapes) go to stderr.
        LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$man_page" >"$work/man.txt" 2>"$work/man.err" ||
            fail "man -l failed"
        [ -s "$work/man.err" ] && fail "man -l warnings: $(cat "$work/man.err")"
        grep -q '^NAME' "$work/man.txt" && pass "man -l renders ankylos-cli.1.gz ($(wc -l <"$work/man.txt") lines)" ||
            fail "man -l rendered no NAME section"
    elif command -v groff >/dev/null; then
        zcat "$man_page" | groff -man -ww -z -Tutf8 2>"$work/man.err" || fail "groff failed"
        [ -s "$work/man.err" ] && fail "groff warnings: $(cat "$work/man.err")"
    else
        fail "neither man nor groff to check the man page with (Debian: man-db, in .ci/setup)"
    fi
    if command -v lexgrog >/dev/null; then
        # What `apropos` and `whatis` will show: "ankylos-cli - ...".
        lexgrog "$man_page" | grep -q '"ankylos-cli - ' && pass "lexgrog: $(lexgrog "$man_page" | cut -d: -f2-)" ||
            fail "lexgrog finds no whatis line: $(lexgrog "$man_page" 2>&1)"
    fi
    # Every command and option of the packaged program is documented. The source is troff, where
    # a hyphen in an option is written \-.
    zcat "$man_page" >"$work/man.troff"
    troff_option() { sed 's/-/\\-/g' <<<"$1"; }
    subcommands() { "$cli" "$@" --help | awk '/^Subcommands:/{on=1; next} on && /^  [a-z]/{print $1} on && /^$/{on=0}'; }
    options() { "$cli" "$@" --help | awk '/^Options:/{on=1; next} on && /^$/{on=0} on' | grep -oE -- '--[a-z][a-z0-9-]*' | grep -vx -- --help || true; }
    documented=0
    for command in $(subcommands); do
        paths=("$command")
        [ "$command" = calc ] && paths=($(subcommands calc | sed 's/^/calc /' | tr ' ' '_'))
        for path in "${paths[@]}"; do
            words=(${path//_/ })
            heading="${words[*]}"
            grep -qE "^\.SS \"?${heading}( |\"|$)" "$work/man.troff" || fail "the man page has no section for '$heading'"
            for option in $(options "${words[@]}"); do
                grep -qF -- "$(troff_option "$option")" "$work/man.troff" || fail "the man page lacks $heading $option"
                documented=$((documented + 1))
            done
        done
    done
    pass "the man page documents every command and its $documented options"
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "package: every check passed"
