// File > Connect to server...: the location the fields make, typed from the keyboard; and the
// password dialog, masked. No server is needed (main_frame_test connects to a real one).
#include "ui/connect_dialog.h"

#include <gtest/gtest.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>
#include <wx/uiaction.h>
#include <wx/xrc/xmlres.h>

#include "storage/database.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {
namespace {

wxString locationShown(wxDialog& dialog) {
    return XRCCTRL(dialog, "location", wxStaticText)->GetLabel();
}

bool connectEnabled(wxDialog& dialog) {
    return dialog.FindWindow(wxID_OK)->IsEnabled();
}

/// The first text control inside window (the password dialog's only field).
wxTextCtrl* firstTextCtrl(wxWindow* window) {
    for (wxWindow* child : window->GetChildren()) {
        if (auto* text = wxDynamicCast(child, wxTextCtrl))
            return text;
        if (wxTextCtrl* inner = firstTextCtrl(child))
            return inner;
    }
    return nullptr;
}

/// Every static text inside window, one after the other (the message of a text entry dialog).
wxString allLabels(wxWindow* window) {
    wxString text;
    for (wxWindow* child : window->GetChildren()) {
        if (auto* label = wxDynamicCast(child, wxStaticText))
            text += label->GetLabel() + "\n";
        text += allLabels(child);
    }
    return text;
}

TEST(ConnectDialog, TheTypedFieldsMakeTheLocation) {
    const std::string user = storage::operatingSystemUser();
    DialogResponder responder;
    responder.then([&](wxDialog& dialog) {
        // Host and port have their defaults; the database is still to type, and Connect waits for it.
        EXPECT_EQ(locationShown(dialog), wxString::FromUTF8("postgresql://" + user + "@localhost:5432/"));
        EXPECT_FALSE(connectEnabled(dialog));
        dialog.Show();
        pumpWindowEvents(300);
        auto* database = XRCCTRL(dialog, "database", wxTextCtrl);
        EXPECT_EQ(wxWindow::FindFocus(), database) << "the focus starts on the first field to fill";
        wxUIActionSimulator keys;
        keys.Text("ankylos");
        pumpWindowEvents(200);
        EXPECT_EQ(database->GetValue(), "ankylos");
        EXPECT_TRUE(connectEnabled(dialog));
        keys.Char(WXK_TAB);
        pumpWindowEvents(100);
        EXPECT_EQ(wxWindow::FindFocus(), XRCCTRL(dialog, "user", wxTextCtrl)) << "Tab goes on to the user";
        // The rest set directly, each with the event the control sends when the user changes it.
        XRCCTRL(dialog, "host", wxTextCtrl)->SetValue("db.clinic.example");
        XRCCTRL(dialog, "user", wxTextCtrl)->SetValue("nurse.li");
        auto* port = XRCCTRL(dialog, "port", wxSpinCtrl);
        port->SetValue(6543);
        wxSpinEvent portChanged(wxEVT_SPINCTRL, port->GetId());
        port->GetEventHandler()->ProcessEvent(portChanged);
        auto* ssl = XRCCTRL(dialog, "ssl", wxChoice);
        EXPECT_EQ(ssl->GetCount(), 3u) << "prefer, require, verify-full";
        ssl->SetSelection(2);
        wxCommandEvent sslChanged(wxEVT_CHOICE, ssl->GetId());
        ssl->GetEventHandler()->ProcessEvent(sslChanged);
        EXPECT_EQ(locationShown(dialog),
                  "postgresql://nurse.li@db.clinic.example:6543/ankylos?sslmode=verify-full");
        EXPECT_TRUE(XRCCTRL(dialog, "sslHint", wxStaticText)->GetLabel().Contains("~/.postgresql/root.crt"));
        pumpWindowEvents(300);
        saveScreenshot(&dialog, "connect_dialog");
        dialog.Hide();
        return wxID_OK;
    });
    const auto location = askServerLocation(nullptr, defaultServerLocation());
    ASSERT_TRUE(location);
    EXPECT_EQ(*location, "postgresql://nurse.li@db.clinic.example:6543/ankylos?sslmode=verify-full");
    ASSERT_EQ(responder.seen().size(), 1u);
    EXPECT_EQ(responder.seen()[0], "Connect to a server");
}

TEST(ConnectDialog, StartsFromAGivenLocationAndCancelGivesNothing) {
    storage::ServerLocation initial;
    initial.host = "10.1.2.3";
    initial.database = "clinic";
    initial.user = "li";
    initial.sslMode = storage::kSslRequire;
    DialogResponder responder;
    responder.then([](wxDialog& dialog) {
        EXPECT_EQ(locationShown(dialog), "postgresql://li@10.1.2.3:5432/clinic?sslmode=require");
        XRCCTRL(dialog, "database", wxTextCtrl)->SetValue("  ");
        EXPECT_FALSE(connectEnabled(dialog)) << "a blank database name is no location";
        return wxID_CANCEL;
    });
    EXPECT_FALSE(askServerLocation(nullptr, initial));
}

TEST(ConnectDialog, ThePasswordIsMaskedAndTheRefusalShown) {
    DialogResponder responder;
    responder.then([](wxDialog& dialog) {
        wxTextCtrl* field = firstTextCtrl(&dialog);
        EXPECT_NE(field, nullptr);
        if (!field)
            return wxID_CANCEL;
        EXPECT_TRUE(field->HasFlag(wxTE_PASSWORD)) << "the password must not show as typed";
        const wxString message = allLabels(&dialog);
        EXPECT_TRUE(message.Contains("password authentication failed")) << message;
        EXPECT_TRUE(message.Contains("Password of li for clinic on db.example")) << message;
        auto* entry = wxDynamicCast(&dialog, wxTextEntryDialog);
        entry->SetValue("s3cret");
        return wxID_OK;
    });
    const auto password = askServerPassword(nullptr, "postgresql://li@db.example:5432/clinic",
                                            "FATAL: password authentication failed for user \"li\"");
    ASSERT_TRUE(password);
    EXPECT_EQ(*password, "s3cret");
    responder.thenReturn(wxID_CANCEL);
    EXPECT_FALSE(askServerPassword(nullptr, "postgresql://li@db.example:5432/clinic", wxString()));
}

}  // namespace
}  // namespace ankylos::ui::test
