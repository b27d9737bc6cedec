#include "ui_test_support.h"

#include <nlohmann/json.hpp>

#include <stdlib.h>
#include <wx/app.h>
#include <wx/bitmap.h>
#include <wx/button.h>
#include <wx/dcclient.h>
#include <wx/dcmemory.h>
#include <wx/evtloop.h>
#include <wx/image.h>
#include <wx/msgdlg.h>
#include <wx/stopwatch.h>
#include <wx/textctrl.h>
#include <wx/toplevel.h>
#include <wx/utils.h>
#include <wx/window.h>
#include <wx/xrc/xmlres.h>

#include <stdexcept>
#include <system_error>

namespace ankylos::ui::test {

void pumpEvents(int ms) {
    wxStopWatch watch;
    do {
        wxTheApp->ProcessPendingEvents();
        while (wxTheApp->Pending())
            wxTheApp->Dispatch();
        wxTheApp->ProcessIdle();
        wxMilliSleep(5);
    } while (watch.Time() < ms);
}

void pumpWindowEvents(int ms) {
    wxGUIEventLoop loop;
    wxEventLoopActivator active(&loop);
    wxStopWatch watch;
    do {
        wxTheApp->ProcessPendingEvents();
        while (loop.Pending())
            loop.Dispatch();
        wxTheApp->ProcessIdle();
        wxMilliSleep(5);
    } while (watch.Time() < ms);
}

std::filesystem::path screenshotDir() {
    std::filesystem::path dir = ANKYLOS_SCREENSHOT_DIR;
    std::filesystem::create_directories(dir);
    return dir;
}

std::filesystem::path saveScreenshot(wxWindow* window, const std::string& name) {
    // Without a window manager stale pixels stay until the next paint: raise, repaint, let it settle.
    if (auto* top = wxDynamicCast(wxGetTopLevelParent(window), wxTopLevelWindow))
        top->Raise();
    window->Refresh();
    window->Update();
    pumpWindowEvents(300);
    // The X server's pixels of the window's rectangle, as a person would see them: a wxWindowDC
    // cannot be read back on GTK 3 (it comes out black).
    const wxRect rect = window->GetScreenRect();
    const std::filesystem::path file = screenshotDir() / (name + ".png");
    std::filesystem::remove(file);
    const wxString command = wxString::Format("import -window root -crop %dx%d+%d+%d +repage %s", rect.width,
                                              rect.height, rect.x, rect.y, file.string());
    wxArrayString output, errors;
    const long status = wxExecute(command, output, errors, wxEXEC_SYNC | wxEXEC_NODISABLE);
    EXPECT_EQ(status, 0) << "screenshot " << file << ": " << command
                         << (errors.empty() ? wxString() : errors[0]);
    EXPECT_TRUE(std::filesystem::exists(file)) << "screenshot " << file;
    return file;
}

TempDatabaseTest::TempDatabaseTest() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ankylos-ui-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
        throw std::runtime_error("cannot create a temporary folder");
    m_dir = pattern;
}

TempDatabaseTest::~TempDatabaseTest() {
    std::error_code ignored;  // a failed test may have left a file open; nothing to report
    std::filesystem::remove_all(m_dir, ignored);
}

DialogResponder::DialogResponder() {
    Register();
}

DialogResponder::~DialogResponder() {
    Unregister();
}

DialogResponder& DialogResponder::then(Handler handler) {
    m_handlers.push_back(std::move(handler));
    return *this;
}

DialogResponder& DialogResponder::thenReturn(int result) {
    return then([result](wxDialog&) { return result; });
}

wxButton* buttonLabelled(wxWindow* window, const wxString& label) {
    for (wxWindow* child : window->GetChildren()) {
        if (auto* button = wxDynamicCast(child, wxButton); button && button->GetLabel() == label)
            return button;
        if (wxButton* inner = buttonLabelled(child, label))
            return inner;
    }
    return nullptr;
}

int DialogResponder::Enter(wxDialog* dialog) {
    std::string what = std::string(dialog->GetTitle().utf8_str());
    if (auto* message = wxDynamicCast(dialog, wxMessageDialog)) {
        what += ": " + std::string(message->GetMessage().utf8_str());
        if (!message->GetExtendedMessage().empty())
            what += "\n" + std::string(message->GetExtendedMessage().utf8_str());
    }
    m_seen.push_back(what);
    if (m_handlers.empty()) {
        ADD_FAILURE() << "unexpected modal dialog: " << what;
        return wxID_CANCEL;
    }
    Handler handler = std::move(m_handlers.front());
    m_handlers.pop_front();
    return handler(*dialog);
}

DialogResponder::Handler giveReason(const wxString& text) {
    return [text](wxDialog& dialog) {
        XRCCTRL(dialog, "reason", wxTextCtrl)->SetValue(text);
        return int(wxID_OK);
    };
}

std::vector<std::string> changedFields(const std::string& oldJson, const std::string& newJson) {
    const nlohmann::json before = nlohmann::json::parse(oldJson);
    const nlohmann::json after = nlohmann::json::parse(newJson);
    std::vector<std::string> changed;
    for (const auto& [key, value] : after.items())
        if (!before.contains(key) || before[key] != value)
            changed.push_back(key);
    for (const auto& [key, value] : before.items())
        if (!after.contains(key))
            changed.push_back(key);
    return changed;
}

}  // namespace ankylos::ui::test
