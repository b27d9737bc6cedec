# CMake toolchain file: cross-build Ankylos for 64-bit Windows with Debian's MinGW-w64
# (g++-mingw-w64-x86-64-posix: the posix thread model, which std::thread and std::mutex need).
# Usage and what builds today: installer/README.md, "Windows".
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(kTriple x86_64-w64-mingw32)

set(CMAKE_C_COMPILER ${kTriple}-gcc-posix)
set(CMAKE_CXX_COMPILER ${kTriple}-g++-posix)
set(CMAKE_RC_COMPILER ${kTriple}-windres)

# Libraries come from the MinGW tree and from ANKYLOS_WINDOWS_PREFIX (what the recipe builds or
# links there), never from the Linux system: a Linux header or library in a Windows build is a bug.
set(ANKYLOS_WINDOWS_PREFIX "$ENV{HOME}/ankylos-mingw" CACHE PATH "Windows libraries and headers for the cross-build")
set(CMAKE_FIND_ROOT_PATH /usr/${kTriple} ${ANKYLOS_WINDOWS_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# One self-contained .exe: no libstdc++-6.dll, libgcc_s_seh-1.dll or libwinpthread-1.dll to ship.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")
