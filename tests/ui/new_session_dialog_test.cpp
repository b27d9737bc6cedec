// New reading session: the cohort's films counted live as storage selects them, the session created
// with its readers, blinding and seed; storage's refusals shown as worded, with nothing written.
#include "ui/new_session_dialog.h"

#include <gtest/gtest.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/radiobox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include "session_test_support.h"

namespace ankylos::ui::test {

namespace {

void check(wxDialog& dialog, const char* reader) {
    auto* readers = XRCCTRL(dialog, "readers", wxCheckListBox);
    const int at = readers->FindString(reader);
    ASSERT_NE(at, wxNOT_FOUND) << reader;
    readers->Check(static_cast<unsigned>(at));
}

wxString countText(wxDialog& dialog) {
    return XRCCTRL(dialog, "film_count", wxStaticText)->GetLabel();
}

}  // namespace

using NewSession = SessionTest;

TEST_F(NewSession, CountsTheCohortsFilmsLiveAndCreatesTheSession) {
    NewSessionDialog dialog(nullptr, *m_db);
    EXPECT_TRUE(XRCCTRL(dialog, "hide_identity", wxCheckBox)->GetValue()) << "identity hidden by default";
    EXPECT_EQ(XRCCTRL(dialog, "chronology", wxRadioBox)->GetSelection(), 2) << "paired by patient by default";
    EXPECT_FALSE(XRCCTRL(dialog, "seed", wxTextCtrl)->GetValue().empty()) << "a random seed is offered";
    const std::size_t everyone = dialog.selectedFilms().size();
    EXPECT_NE(countText(dialog).Find(wxString::Format("%d films selected", static_cast<int>(everyone))),
              wxNOT_FOUND)
        << countText(dialog);
    // The first patient only (typing sends the text event the count follows).
    const std::string first = identifiers(makeSession("Other", core::SessionChronology::Known, true)).front();
    XRCCTRL(dialog, "patients", wxTextCtrl)->SetValue(wxString::FromUTF8(first.c_str()));
    pumpEvents(20);
    const std::size_t own = dialog.selectedFilms().size();
    ASSERT_GE(own, 2u);
    EXPECT_LT(own, everyone);
    EXPECT_NE(countText(dialog).Find(wxString::Format("%d films selected", static_cast<int>(own))),
              wxNOT_FOUND)
        << countText(dialog);
    // A clinic ID no patient has: storage's words in the count.
    XRCCTRL(dialog, "patients", wxTextCtrl)->SetValue(wxString::FromUTF8((first + ", NOBODY-1").c_str()));
    pumpEvents(20);
    EXPECT_NE(countText(dialog).Find("NOBODY-1"), wxNOT_FOUND) << countText(dialog);
    XRCCTRL(dialog, "patients", wxTextCtrl)->SetValue(wxString::FromUTF8(first.c_str()));

    XRCCTRL(dialog, "name", wxTextCtrl)->SetValue("OASIS reading 1");
    check(dialog, "Reader A");
    check(dialog, "Reader B");
    XRCCTRL(dialog, "chronology", wxRadioBox)->SetSelection(1);
    XRCCTRL(dialog, "seed", wxTextCtrl)->SetValue("42");
    dialog.Show();
    pumpWindowEvents(200);
    saveScreenshot(&dialog, "session_new");
    ASSERT_TRUE(dialog.trySave());
    EXPECT_EQ(dialog.created(), "OASIS reading 1");
    const auto stored = storage::ReadingSessionRepository(*m_db).find("OASIS reading 1");
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->films.size(), own);
    EXPECT_EQ(stored->readers.size(), 2u);
    EXPECT_EQ(stored->blinding.chronology, core::SessionChronology::Unknown);
    EXPECT_TRUE(stored->blinding.identityHidden);
    EXPECT_EQ(stored->seed, 42u);
}

TEST_F(NewSession, StoragesRefusalIsShownAsWordedAndNothingIsWritten) {
    NewSessionDialog dialog(nullptr, *m_db);
    XRCCTRL(dialog, "name", wxTextCtrl)->SetValue("No readers");
    EXPECT_FALSE(dialog.trySave());
    const wxString message = XRCCTRL(dialog, "message", wxStaticText)->GetLabel();
    EXPECT_NE(message.Find("at least one primary reader"), wxNOT_FOUND) << message;
    EXPECT_TRUE(storage::ReadingSessionRepository(*m_db).list().empty());
    // A seed that is not a number names the field.
    check(dialog, "Reader A");
    XRCCTRL(dialog, "seed", wxTextCtrl)->SetValue("soon");
    EXPECT_FALSE(dialog.trySave());
    EXPECT_NE(XRCCTRL(dialog, "message", wxStaticText)->GetLabel().Find("seed"), wxNOT_FOUND);
    EXPECT_TRUE(storage::ReadingSessionRepository(*m_db).list().empty());
}

}  // namespace ankylos::ui::test
