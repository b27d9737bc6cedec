// ankylos: the desktop application. Everything lives in ankylos_ui; this is only the entry point.
#include <wx/app.h>
#include <wx/init.h>

#include "ui/app.h"

int main(int argc, char** argv) {
    ankylos::ui::AnkylosApp::markProcessStart();
    wxApp::SetInstance(new ankylos::ui::AnkylosApp);
    return wxEntry(argc, argv);
}
