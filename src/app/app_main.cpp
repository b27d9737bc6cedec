// ankylos: the desktop application. Everything lives in ankylos_ui; this is only the entry point.
#include <sys/stat.h>
#include <wx/app.h>
#include <wx/init.h>

#include "ui/app.h"

int main(int argc, char** argv) {
    // Every file Ankylos creates holds patient data: owner only (0600), whatever the user's umask.
    // The writers set that mode themselves (files::OutputFile, storage); this is defence in depth
    // for anything written by a library (SQLite's -wal/-shm files, GTK, fontconfig caches).
    ::umask(077);
    ankylos::ui::AnkylosApp::markProcessStart();
    wxApp::SetInstance(new ankylos::ui::AnkylosApp);
    return wxEntry(argc, argv);
}
