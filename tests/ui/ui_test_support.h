#pragma once
/// Helpers for the GUI tests: pumping the event loop, a temporary database per test, answering
/// modal dialogs without showing them, and screenshots that a person looks at.

#include <gtest/gtest.h>
#include <wx/dialog.h>
#include <wx/modalhook.h>

#include <deque>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

class wxButton;
class wxWindow;

namespace ankylos::ui::test {

/// Processes wx's own queue for about `ms` milliseconds: posted events, CallAfter, idle events.
/// No event loop runs in the tests, so GTK's events (paints, focus) are not dispatched.
void pumpEvents(int ms = 100);

/// As pumpEvents, and also dispatches GTK's events (exposes, so windows really paint; sizes) through
/// a temporary event loop: for tests that check drawing, and before screenshots.
void pumpWindowEvents(int ms = 300);

/// Writes the window's own pixels to <build>/screenshots/<name>.png after letting it paint; returns
/// the file written. Fails the test when nothing could be captured.
std::filesystem::path saveScreenshot(wxWindow* window, const std::string& name);

/// The folder screenshots are written to (created on demand).
std::filesystem::path screenshotDir();

/// The button labelled label (with its mnemonic) inside window, or null.
wxButton* buttonLabelled(wxWindow* window, const wxString& label);

/// The top-level keys whose values differ between two audit rows' JSON values (old and new).
std::vector<std::string> changedFields(const std::string& oldJson, const std::string& newJson);

/// A fresh folder per test holding real database files, removed afterwards.
class TempDatabaseTest : public ::testing::Test {
protected:
    TempDatabaseTest();
    ~TempDatabaseTest() override;
    /// A path for a database file inside the test's folder (not created).
    std::filesystem::path databasePath(const std::string& name = "ankylos.db") const { return m_dir / name; }
    const std::filesystem::path& dir() const { return m_dir; }

private:
    std::filesystem::path m_dir;
};

/// While alive, every modal dialog (ShowModal, wxMessageBox, file dialogs...) goes to the next
/// queued handler instead of being shown: the handler fills the dialog and returns the modal result
/// (wxID_OK, wxID_CANCEL, wxID_YES...). A dialog with no handler left fails the test and is
/// cancelled, so a GUI test never hangs on an unexpected dialog.
class DialogResponder : public wxModalDialogHook {
public:
    using Handler = std::function<int(wxDialog& dialog)>;
    DialogResponder();
    ~DialogResponder() override;

    /// Queues the answer to the next modal dialog.
    DialogResponder& then(Handler handler);
    /// Queues "press this button" (wxID_OK, wxID_CANCEL, wxID_YES, wxID_NO...).
    DialogResponder& thenReturn(int result);

    /// What each dialog said, in order: its title, and for message boxes "title: message".
    const std::vector<std::string>& seen() const { return m_seen; }
    /// Handlers queued but never used.
    size_t pending() const { return m_handlers.size(); }

protected:
    int Enter(wxDialog* dialog) override;
    void Exit(wxDialog*) override {}

private:
    std::deque<Handler> m_handlers;
    std::vector<std::string> m_seen;
};

/// Answers the reason dialog (reason_dialog.h) with text and Record.
DialogResponder::Handler giveReason(const wxString& text);

}  // namespace ankylos::ui::test
