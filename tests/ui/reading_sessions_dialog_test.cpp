// Tools > Reading sessions...: the sessions with films, blinding and each reader's role and progress;
// Add adjudicator adds a reader with that role (refusals shown as storage words them).
#include "ui/reading_sessions_dialog.h"

#include <gtest/gtest.h>
#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>
#include <wx/xrc/xmlres.h>

#include "session_test_support.h"
#include "storage/settings_store.h"

namespace ankylos::ui::test {

using ReadingSessions = SessionTest;

TEST_F(ReadingSessions, ListsTheSessionsWithEachReadersRoleAndProgress) {
    const storage::ReadingSession session = makeSession("S1", core::SessionChronology::PairedHidden, true);
    makeSession("Open", core::SessionChronology::Known, false);
    readAll(session, "Reader A");
    ReadingSessionsDialog dialog(nullptr, *m_db);
    ASSERT_EQ(dialog.list()->GetItemCount(), 2);
    EXPECT_EQ(dialog.list()->GetItemText(0), "Open");  // by name
    EXPECT_EQ(dialog.list()->GetItemText(1), "S1");
    EXPECT_EQ(dialog.list()->GetItemText(1, 2),
              wxString::Format("%d", static_cast<int>(session.films.size())));
    EXPECT_EQ(dialog.list()->GetItemText(1, 3), "paired by patient, order hidden");
    EXPECT_EQ(dialog.list()->GetItemText(1, 4), "hidden");
    const int films = static_cast<int>(session.films.size());
    EXPECT_EQ(dialog.list()->GetItemText(1, 5),
              wxString::Format("Reader A (primary reader) %d / %d; Reader B (primary reader) 0 / %d", films,
                               films, films));
    EXPECT_TRUE(XRCCTRL(dialog, "new_session", wxButton)->IsEnabled()) << "a file allows every action";

    dialog.list()->SetItemState(1, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    EXPECT_EQ(dialog.selected(), "S1");
    ASSERT_TRUE(dialog.addAdjudicator("Dr Adjudicator", core::ReadingRole::Consensus));
    EXPECT_EQ(dialog.selected(), "S1");
    EXPECT_NE(dialog.list()->GetItemText(1, 5).Find("Dr Adjudicator (consensus) 0 / 0"), wxNOT_FOUND)
        << dialog.list()->GetItemText(1, 5) << ": no discordant interval before Reader B reads";
    // Twice: storage's refusal, on the message line.
    EXPECT_FALSE(dialog.addAdjudicator("Dr Adjudicator", core::ReadingRole::Adjudicator));
    EXPECT_NE(XRCCTRL(dialog, "message", wxStaticText)->GetLabel().Find("consensus"), wxNOT_FOUND);
    dialog.Show();
    pumpWindowEvents(200);
    saveScreenshot(&dialog, "session_list");
}

}  // namespace ankylos::ui::test
