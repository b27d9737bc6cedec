// A reader's worklist in a reading session: films by code, nothing of the patient's identity in a
// blinded session (neither in the worklist nor in film scoring opened from it), a reading saved from it
// carries the session, the reader's role and the session's blinding; an adjudicator's worklist holds the
// discordant intervals' films only.
#include "ui/session_worklist.h"

#include <gtest/gtest.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include <algorithm>
#include <set>

#include "core/session_agreement.h"
#include "session_test_support.h"
#include "storage/film_repository.h"
#include "storage/settings_store.h"
#include "ui/display.h"

namespace ankylos::ui::test {

namespace {

/// Types every site's grade into the scoring dialog, as the keyboard does.
void typeGrades(FilmScoringDialog& dialog, char grade) {
    for (int site = 0; site < core::kSiteCount; ++site) {
        wxKeyEvent event(wxEVT_CHAR);
        event.m_keyCode = grade;
        event.m_uniChar = grade;
        event.SetEventObject(dialog.spineDiagram());
        dialog.spineDiagram()->GetEventHandler()->ProcessEvent(event);
    }
}

}  // namespace

using SessionWorklist = SessionTest;

TEST_F(SessionWorklist, BlindedWorklistAndScoringShowNoIdentifierAndTheReadingCarriesTheSession) {
    const storage::ReadingSession session = makeSession("S1", core::SessionChronology::PairedHidden, true);
    const std::vector<std::string> hidden = identifiers(session);
    ASSERT_GT(hidden.size(), 4u);
    SessionWorklistDialog worklist(nullptr, *m_db, "S1", "Reader A");
    worklist.Show();
    pumpWindowEvents(200);
    ASSERT_EQ(worklist.list()->GetItemCount(), static_cast<int>(session.films.size()));
    EXPECT_EQ(worklist.list()->GetItemText(0), "S1-001");
    EXPECT_EQ(worklist.list()->GetColumnCount(), 2) << "film code and state only";
    EXPECT_EQ(firstContaining(textsOf(&worklist), hidden), "");
    saveScreenshot(&worklist, "session_worklist_blinded");

    DialogResponder responder;
    std::string shown;
    responder.then([&](wxDialog& dialog) {
        auto& scoring = dynamic_cast<FilmScoringDialog&>(dialog);
        dialog.Show();
        pumpWindowEvents(200);
        // The reading date field holds today, the reader's own date: not the patient's.
        std::vector<std::string> texts = textsOf(&dialog);
        texts.erase(std::remove(texts.begin(), texts.end(), core::toIsoString(today())), texts.end());
        shown = firstContaining(texts, hidden);
        EXPECT_NE(dialog.GetTitle().Find("S1-001"), wxNOT_FOUND) << dialog.GetTitle();
        EXPECT_NE(XRCCTRL(dialog, "previous_label", wxStaticText)->GetLabel().Find("order is hidden"),
                  wxNOT_FOUND);
        EXPECT_FALSE(XRCCTRL(dialog, "show_previous", wxWindow)->IsShown());
        saveScreenshot(&dialog, "session_scoring_blinded");
        typeGrades(scoring, '1');
        // A reading date before the patient's birth is refused without naming the birth date.
        auto* readingDate = XRCCTRL(dialog, "reading_date", wxTextCtrl);
        const wxString typed = readingDate->GetValue();
        readingDate->ChangeValue("1901-01-01");
        EXPECT_FALSE(scoring.trySave());
        const std::vector<std::string> refusal = textsOf(&dialog);
        EXPECT_NE(
            std::find_if(refusal.begin(), refusal.end(),
                         [](const std::string& t) { return t.find("after the patient's birth") != t.npos; }),
            refusal.end());
        EXPECT_EQ(firstContaining(refusal, hidden), "");
        readingDate->ChangeValue(typed);
        EXPECT_TRUE(scoring.trySave());
        return int(wxID_OK);
    });
    ASSERT_TRUE(worklist.scoreAt(0));
    EXPECT_EQ(shown, "");
    EXPECT_EQ(worklist.done(), 1);
    EXPECT_EQ(worklist.list()->GetItemText(0, 1), "read");
    EXPECT_EQ(worklist.list()->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED), 1) << "the next film";

    // Read back through storage: the session, the reader's role and the session's blinding.
    ASSERT_TRUE(worklist.items().front().readingId);
    const core::Reading saved = storage::FilmRepository(*m_db).reading(*worklist.items().front().readingId);
    EXPECT_EQ(saved.reader, "Reader A");
    EXPECT_EQ(saved.session, "S1");
    EXPECT_EQ(saved.role, core::ReadingRole::Primary);
    EXPECT_FALSE(saved.identitySeen);
    EXPECT_FALSE(saved.chronologyKnown);
    EXPECT_TRUE(saved.pairedByPatient);
    ASSERT_TRUE(saved.at(core::Site::C2_inf));
    EXPECT_EQ(saved.at(core::Site::C2_inf)->grade(), 1);
}

TEST_F(SessionWorklist, ReopeningAFilmReadAlreadyAsksAReasonAndUpdatesTheReading) {
    const storage::ReadingSession session = makeSession("S2", core::SessionChronology::Unknown, true);
    readAll(session, "Reader A");
    SessionWorklistDialog worklist(nullptr, *m_db, "S2", "Reader A");
    EXPECT_EQ(worklist.done(), static_cast<int>(session.films.size()));
    DialogResponder responder;
    responder.then([&](wxDialog& dialog) {
        auto& scoring = dynamic_cast<FilmScoringDialog&>(dialog);
        EXPECT_NE(dialog.GetTitle().Find("Edit reading of S2-002"), wxNOT_FOUND) << dialog.GetTitle();
        typeGrades(scoring, '3');  // the cursor starts on the last site of a complete reading
        EXPECT_TRUE(scoring.trySave());
        return int(wxID_OK);
    });
    responder.then(giveReason("Misread the last site"));
    ASSERT_TRUE(worklist.scoreAt(1));
    const core::Reading saved = storage::FilmRepository(*m_db).reading(*worklist.items()[1].readingId);
    EXPECT_EQ(saved.session, "S2");
    ASSERT_TRUE(saved.at(core::Site::S1_sup));
    EXPECT_EQ(saved.at(core::Site::S1_sup)->grade(), 3);
    EXPECT_EQ(responder.pending(), 0u);
}

TEST_F(SessionWorklist, KnownChronologyWithIdentityShownShowsThePatientAndDates) {
    const storage::ReadingSession session = makeSession("Open", core::SessionChronology::Known, false);
    SessionWorklistDialog worklist(nullptr, *m_db, "Open", "Reader B");
    EXPECT_EQ(worklist.list()->GetColumnCount(), 5);
    EXPECT_EQ(worklist.list()->GetItemText(0, 1),
              wxString::FromUTF8(worklist.items().front().clinicId.c_str()));
    EXPECT_EQ(worklist.list()->GetItemText(0, 3), core::toIsoString(worklist.items().front().filmDate));
    EXPECT_NE(firstContaining(textsOf(&worklist), identifiers(session)), "")
        << "the walk finds what is shown";
    const FilmScoringContext context = worklist.contextAt(1);
    EXPECT_TRUE(context.view.previousFilmOffered);
    EXPECT_EQ(context.session, "Open");
}

TEST_F(SessionWorklist, AnAdjudicatorsWorklistHoldsOnlyTheDiscordantFilms) {
    const storage::ReadingSession session = makeSession("S3", core::SessionChronology::PairedHidden, true);
    readAll(session, "Reader A");
    readAll(session, "Reader B");
    storage::ReadingSessionRepository sessions(*m_db);
    sessions.addReader("S3", "Dr Adjudicator", core::ReadingRole::Adjudicator);
    const storage::ReadingSession withAdjudicator = sessions.require("S3");
    // What core calls discordant, named as the worklists name films.
    const core::SessionAgreement agreement = core::assessSessionAgreement(
        sessions.patients(withAdjudicator), withAdjudicator.readersWithRole(core::ReadingRole::Primary),
        storage::readSettings(*m_db));
    std::set<std::pair<std::string, core::Date>> discordantFilms;
    for (const core::SessionInterval& interval : agreement.intervals)
        if (interval.discordant()) {
            discordantFilms.insert({interval.patient, interval.from});
            discordantFilms.insert({interval.patient, interval.to});
        }
    std::set<std::string> expected;
    for (const storage::WorklistItem& item :
         sessions.worklist(withAdjudicator, "Reader A", storage::readSettings(*m_db)))
        if (discordantFilms.count({item.clinicId, item.filmDate}))
            expected.insert(item.code);
    ASSERT_FALSE(expected.empty());
    ASSERT_LT(expected.size(), session.films.size())
        << "the first film of a patient read alone is not discordant";

    SessionWorklistDialog worklist(nullptr, *m_db, "S3", "Dr Adjudicator");
    std::set<std::string> listed;
    for (long row = 0; row < worklist.list()->GetItemCount(); ++row)
        listed.insert(std::string(worklist.list()->GetItemText(row).utf8_str()));
    EXPECT_EQ(listed, expected);
    EXPECT_NE(XRCCTRL(worklist, "header", wxStaticText)->GetLabel().Find("adjudicator"), wxNOT_FOUND);
}

}  // namespace ankylos::ui::test
