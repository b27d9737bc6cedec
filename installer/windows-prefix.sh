#!/usr/bin/env bash
# Prepares the Windows prefix (default ~/ankylos-mingw) for the MinGW cross-build, from Debian packages
# only: the header-only libraries Ankylos uses are linked in from /usr/include (portable headers,
# nothing Linux-specific), never /usr/include itself, whose glibc headers must not reach a Windows
# build. Usage: installer/windows-prefix.sh [PREFIX]; then see installer/README.md, "Windows".
set -euo pipefail
prefix="${1:-$HOME/ankylos-mingw}"
triple=x86_64-w64-mingw32
mkdir -p "$prefix/include" "$prefix/lib" "$prefix/share/cmake"

# Boost.Date_Time (header-only since Boost 1.73), nlohmann/json and CLI11.
for dir in boost nlohmann CLI; do ln -sfn "/usr/include/$dir" "$prefix/include/$dir"; done
# Their CMake package files locate the headers relative to themselves, so a link finds $prefix/include.
for package in nlohmann_json CLI11; do ln -sfn "/usr/share/cmake/$package" "$prefix/share/cmake/$package"; done

# find_package(Boost COMPONENTS date_time) still wants the compatibility library, which in Boost
# 1.74 holds one dummy function (see Debian's libboost_date_time.so): build that stub for Windows.
stub=$(mktemp -d)
cat >"$stub/greg_stub.cpp" <<'CPP'
namespace boost { namespace gregorian { void date_time_dummy_exported_function() {} } }
CPP
"$triple-g++-posix" -O2 -c "$stub/greg_stub.cpp" -o "$stub/greg_stub.o"
"$triple-ar" rcs "$prefix/lib/libboost_date_time.a" "$stub/greg_stub.o"
rm -rf "$stub"
echo "Windows prefix ready: $prefix"
