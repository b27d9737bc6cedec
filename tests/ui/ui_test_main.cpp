// The GUI tests' main: starts wx once (as the app does) around GoogleTest. A failed wxASSERT becomes
// a test failure: by default it opens a modal dialog, which would hang the run under Xvfb.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <unistd.h>
#include <wx/app.h>
#include <wx/fileconf.h>
#include <wx/init.h>
#include <wx/log.h>
#include <cstdio>
#include <string>

#include "ui/resources.h"

namespace {

void failOnAssert(const wxString& file, int line, const wxString& func, const wxString& cond,
                  const wxString& msg) {
    ADD_FAILURE_AT(file.utf8_str(), line)
        << "wxASSERT failed in " << func.utf8_str() << ": " << cond.utf8_str() << " " << msg.utf8_str();
}

}  // namespace

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    // Listing the tests needs no display; ctest lists them through xvfb-run anyway.
    if (::testing::GTEST_FLAG(list_tests))
        return RUN_ALL_TESTS();
    setenv("NO_AT_BRIDGE", "1", 0);  // no accessibility bus under Xvfb: avoids a warning and a delay
    wxSetAssertHandler(failOnAssert);
    wxApp::SetInstance(new wxApp);
    if (!wxEntryStart(argc, argv)) {
        fprintf(stderr, "cannot start wxWidgets (is there a display? run under xvfb-run)\n");
        return 2;
    }
    wxTheApp->CallOnInit();
    wxLog::SetActiveTarget(new wxLogStderr);  // wxLogError must not open a dialog either
    ankylos::ui::initResources();
    // Recent files and other settings go to a file of this run, never to the user's ~/.ankylos.
    const std::string config = "/tmp/ankylos-ui-tests-" + std::to_string(getpid()) + ".ini";
    wxConfigBase::Set(new wxFileConfig("ankylos", "", config, "", wxCONFIG_USE_LOCAL_FILE));
    const int result = RUN_ALL_TESTS();
    delete wxConfigBase::Set(nullptr);
    std::remove(config.c_str());
    wxTheApp->OnExit();
    wxEntryCleanup();
    return result;
}
