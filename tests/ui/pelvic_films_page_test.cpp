// The record's Pelvic films tab (issue 17): a grading added through the dialog shows as a row with
// the modified New York criterion (docs/methods.md 7) and in the line above the table; corrections
// and deletions ask a reason, which the audit trail keeps.
#include "ui/pelvic_films_page.h"

#include <gtest/gtest.h>

#include <wx/combobox.h>
#include <wx/frame.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>
#include <wx/xrc/xmlres.h>
#include <memory>

#include "storage/audit.h"
#include "storage/database.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/patient_audit.h"
#include "storage/patient_repository.h"
#include "storage/reader_repository.h"
#include "ui/patient_record_panel.h"
#include "ui/pelvic_film_dialog.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {

namespace {

using boost::gregorian::date;

/// The pelvic film dialog filled with these values and saved.
DialogResponder::Handler grade(const char* filmDate, const char* reader, const char* left,
                               const char* right) {
    return [=](wxDialog& dialog) {
        auto& pelvic = dynamic_cast<PelvicFilmDialog&>(dialog);
        pelvic.filmDate()->SetValue(filmDate);
        pelvic.reader()->SetValue(reader);
        pelvic.left()->SetValue(left);
        pelvic.right()->SetValue(right);
        pumpEvents(20);
        return pelvic.trySave() ? wxID_OK : wxID_CANCEL;
    };
}

}  // namespace

class PelvicFilmsPageTest : public TempDatabaseTest {
protected:
    PelvicFilmsPageTest() {
        core::Patient patient;
        patient.clinicId = "AS-0003";
        patient.name = "Pelvic Films";
        patient.birth = date(1980, 1, 1);
        m_patientId = storage::PatientRepository(m_db).add(patient);
        storage::ReaderRepository(m_db).add("Dr Lee");
        storage::ReaderRepository(m_db).add("Dr Okafor");
        m_panel = new PatientRecordPanel(
            m_frame.get(), m_db, [] {}, [] {});
        m_panel->showPatient(m_patientId);
        m_panel->tabs()->SetSelection(kPelvicFilmsTab);  // Pelvic films
    }
    wxListCtrl* table() const { return m_panel->pelvicFilms()->table(); }

    storage::Database m_db{databasePath(), "dr.zhang", storage::Open::CreateNew};
    std::int64_t m_patientId = 0;
    std::unique_ptr<wxFrame> m_frame =
        std::make_unique<wxFrame>(nullptr, wxID_ANY, "record", wxDefaultPosition, wxSize(1366, 768));
    PatientRecordPanel* m_panel = nullptr;
};

TEST_F(PelvicFilmsPageTest, AGradingAddedThroughTheDialogShowsItsRowAndTheCriterion) {
    EXPECT_EQ(m_panel->tabs()->GetPageText(kPelvicFilmsTab), "Pelvic films");
    EXPECT_EQ(m_panel->pelvicFilms()->classification(), "No pelvic film graded yet.");
    DialogResponder responder;
    responder.then(grade("2021-03-04", "dr lee", "1", "3")).then(grade("2022-05-06", "Dr Okafor", "2", "2"));
    m_panel->pelvicFilms()->newPelvicFilm();
    ASSERT_EQ(table()->GetItemCount(), 1);
    EXPECT_EQ(table()->GetItemText(0, 0), "2021-03-04");
    EXPECT_EQ(table()->GetItemText(0, 1), "Dr Lee") << "stored under the registered name";
    EXPECT_EQ(table()->GetItemText(0, 2), "1");
    EXPECT_EQ(table()->GetItemText(0, 3), "3");
    // docs/methods.md 7: one side >= 3 meets the criterion.
    EXPECT_EQ(table()->GetItemText(0, 4), wxString::FromUTF8("met (one side ≥ 3)"));
    EXPECT_EQ(
        m_panel->pelvicFilms()->classification(),
        wxString::FromUTF8("Modified New York radiological criterion: met on 2021-03-04 (reader Dr Lee, "
                           "one side ≥ 3)"));

    m_panel->pelvicFilms()->newPelvicFilm();
    ASSERT_EQ(table()->GetItemCount(), 2);
    // docs/methods.md 7: both sides >= 2 meets it too.
    EXPECT_EQ(table()->GetItemText(1, 4), wxString::FromUTF8("met (both sides ≥ 2)"));
    EXPECT_TRUE(m_panel->pelvicFilms()->classification().EndsWith("; met in 2 of 2 gradings"))
        << m_panel->pelvicFilms()->classification();
    EXPECT_EQ(responder.pending(), 0u);
    m_frame->Show();
    pumpWindowEvents();
    saveScreenshot(m_frame.get(), "record_pelvic_films_1366x768");
}

TEST_F(PelvicFilmsPageTest, ACorrectionAndADeletionEachAskAReasonTheAuditTrailKeeps) {
    storage::FilmRepository(m_db).addPelvicFilm(m_patientId, "Dr Lee", {date(2021, 3, 4), 2, 1});
    m_panel->reload();
    ASSERT_EQ(table()->GetItemCount(), 1);
    EXPECT_EQ(table()->GetItemText(0, 4), "not met");
    EXPECT_EQ(m_panel->pelvicFilms()->classification(),
              "Modified New York radiological criterion: not met on any graded pelvic film (1 grading)");

    DialogResponder responder;
    responder.then(grade("2021-03-04", "Dr Lee", "2", "2")).then(giveReason("right side misread"));
    m_panel->pelvicFilms()->editPelvicFilmAt(0);
    EXPECT_EQ(table()->GetItemText(0, 3), "2");
    EXPECT_EQ(table()->GetItemText(0, 4), wxString::FromUTF8("met (both sides ≥ 2)"));

    responder.then(giveReason("another patient's film"));
    m_panel->pelvicFilms()->deletePelvicFilmAt(0);
    EXPECT_EQ(table()->GetItemCount(), 0);
    EXPECT_EQ(responder.pending(), 0u);
    std::vector<std::string> trail;
    for (const storage::AuditRow& row : storage::patientAuditRows(m_db, m_patientId))
        if (row.table == "sacroiliitis")
            trail.push_back(row.action + ": " + row.reason);
    EXPECT_EQ(trail, (std::vector<std::string>{"insert: ", "update: right side misread",
                                               "delete: another patient's film"}));
}

TEST_F(PelvicFilmsPageTest, SavingACorrectionUnchangedAsksNoReasonAndWritesNothing) {
    storage::FilmRepository(m_db).addPelvicFilm(m_patientId, "Dr Lee", {date(2021, 3, 4), 2, 1});
    m_panel->reload();
    const std::int64_t before = storage::auditRowCount(m_db);
    DialogResponder responder;
    responder.then(grade("2021-03-04", "Dr Lee", "2", "1"));  // no reason dialog queued: none may come
    m_panel->pelvicFilms()->editPelvicFilmAt(0);
    EXPECT_EQ(storage::auditRowCount(m_db), before);
}

TEST_F(PelvicFilmsPageTest, AltNOnTheTabOpensANewPelvicFilmAsOnTheFilmsTab) {
    m_frame->Show();
    pumpWindowEvents();
    table()->SetFocus();
    pumpWindowEvents(100);
    DialogResponder responder;
    responder.thenReturn(wxID_CANCEL);
    wxUIActionSimulator keys;
    keys.Char('n', wxMOD_ALT);
    pumpWindowEvents(300);
    EXPECT_EQ(responder.seen(), std::vector<std::string>{"New pelvic film"});
}

}  // namespace ankylos::ui::test
