// Agreement of a reading session: the figures core computes for the same readings, formatted by core,
// and the discordant intervals with their state.
#include "ui/session_agreement_view.h"

#include <gtest/gtest.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>
#include <wx/xrc/xmlres.h>

#include "core/format.h"
#include "session_test_support.h"
#include "storage/film_repository.h"
#include "storage/settings_store.h"

namespace ankylos::ui::test {

namespace {

std::string cell(wxListCtrl* list, long row, int column) {
    return std::string(list->GetItemText(row, column).utf8_str());
}

std::string fixed(const std::optional<double>& value) {
    return value ? core::formatFixed(*value, 3) : "not computable";
}

}  // namespace

using SessionAgreementView = SessionTest;

TEST_F(SessionAgreementView, ShowsTheFiguresCoreComputesAndTheDiscordantIntervals) {
    const storage::ReadingSession session = makeSession("S1", core::SessionChronology::PairedHidden, true);
    readAll(session, "Reader A");
    readAll(session, "Reader B");
    storage::ReadingSessionRepository sessions(*m_db);
    const core::SessionAgreement expected = core::assessSessionAgreement(
        sessions.patients(session), session.readersWithRole(core::ReadingRole::Primary),
        storage::readSettings(*m_db));
    ASSERT_TRUE(expected.status.computable());

    SessionAgreementDialog dialog(nullptr, *m_db, "S1");
    wxListCtrl* scores = dialog.scores();
    ASSERT_EQ(scores->GetItemCount(), 2);
    for (long row = 0; row < 2; ++row) {
        const core::AgreementResult& result = row == 0 ? expected.status : expected.change;
        EXPECT_EQ(cell(scores, row, 1), std::to_string(result.subjects));
        EXPECT_EQ(cell(scores, row, 2), "2");
        EXPECT_EQ(cell(scores, row, 3), std::to_string(result.dropped));
        EXPECT_EQ(cell(scores, row, 4), fixed(result.iccA1));
        EXPECT_EQ(cell(scores, row, 5), fixed(result.iccAk));
        EXPECT_EQ(cell(scores, row, 6), fixed(result.sdc));
        ASSERT_TRUE(result.blandAltman);
        EXPECT_EQ(cell(scores, row, 7), core::formatFixed(result.blandAltman->meanDifference, 3));
        EXPECT_EQ(cell(scores, row, 8), core::formatFixed(result.blandAltman->loaLower, 3) + " to " +
                                            core::formatFixed(result.blandAltman->loaUpper, 3));
    }
    ASSERT_EQ(dialog.pairs()->GetItemCount(), 1);
    EXPECT_EQ(cell(dialog.pairs(), 0, 0), "Reader A and Reader B");
    EXPECT_EQ(cell(dialog.pairs(), 0, 1), fixed(expected.pairs.front().kappa.kappa));
    EXPECT_EQ(cell(dialog.pairs(), 0, 2), std::to_string(expected.pairs.front().kappa.sites));

    int discordant = 0;
    for (const core::SessionInterval& interval : expected.intervals)
        discordant += interval.discordant();
    ASSERT_GT(discordant, 0);
    ASSERT_EQ(dialog.intervals()->GetItemCount(), discordant);
    EXPECT_EQ(dialog.intervals()->GetColumnCount(), 3) << "films, why, state: no patient, no dates";
    EXPECT_EQ(cell(dialog.intervals(), 0, 2), "awaiting adjudication");
    EXPECT_EQ(cell(dialog.intervals(), 0, 0).rfind("S1-", 0), 0u) << cell(dialog.intervals(), 0, 0);
    EXPECT_EQ(firstContaining(textsOf(&dialog), identifiers(session)), "");
    dialog.Show();
    pumpWindowEvents(200);
    saveScreenshot(&dialog, "session_agreement");
}

}  // namespace ankylos::ui::test
