// The record's Treatment tab (issue 14; docs/methods.md 10): a treatment started, switched and
// stopped through the dialog shows in the table, in the line above it and in the record's header;
// the dialog names a refused field; a correction and a deletion ask a reason the audit trail keeps.
#include "ui/treatment_page.h"

#include <gtest/gtest.h>

#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/frame.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/textctrl.h>
#include <memory>

#include "storage/audit.h"
#include "storage/database.h"
#include "storage/film_repository.h"
#include "storage/patient_audit.h"
#include "storage/patient_repository.h"
#include "storage/reader_repository.h"
#include "storage/treatment_repository.h"
#include "ui/patient_record_panel.h"
#include "ui/treatment_dialog.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {

namespace {

using boost::gregorian::date;

/// The treatment dialog filled with these values (empty: left as it is) and saved; the reason is
/// the choice's position (0 = not recorded).
DialogResponder::Handler enter(const char* drug, const char* start, const char* stop = nullptr,
                               int reason = -1, wxString* problems = nullptr) {
    return [=](wxDialog& dialog) {
        auto& treatment = dynamic_cast<TreatmentDialog&>(dialog);
        if (drug)
            treatment.drug()->SetValue(drug);
        if (start)
            treatment.start()->SetValue(start);
        if (stop)
            treatment.stop()->SetValue(stop);
        if (reason >= 0)
            treatment.stopReason()->SetSelection(reason);
        pumpEvents(20);
        const bool saved = treatment.trySave();
        if (problems)
            *problems = treatment.problems();
        return saved ? wxID_OK : wxID_CANCEL;
    };
}

}  // namespace

class TreatmentPageTest : public TempDatabaseTest {
protected:
    TreatmentPageTest() {
        core::Patient patient;
        patient.clinicId = "AS-0014";
        patient.name = "Treatment Course";
        patient.birth = date(1980, 1, 1);
        m_patientId = storage::PatientRepository(m_db).add(patient);
        m_panel = new PatientRecordPanel(
            m_frame.get(), m_db, [] {}, [] {});
        m_panel->showPatient(m_patientId);
        m_panel->tabs()->SetSelection(kTreatmentTab);
    }
    TreatmentPage* page() const { return m_panel->treatment(); }
    wxListCtrl* table() const { return page()->table(); }

    storage::Database m_db{databasePath(), "dr.zhang", storage::Open::CreateNew};
    std::int64_t m_patientId = 0;
    std::unique_ptr<wxFrame> m_frame =
        std::make_unique<wxFrame>(nullptr, wxID_ANY, "record", wxDefaultPosition, wxSize(1366, 768));
    PatientRecordPanel* m_panel = nullptr;
};

TEST_F(TreatmentPageTest, StartSwitchAndStopShowInTheTableAndTheCurrentTreatment) {
    EXPECT_EQ(m_panel->tabs()->GetPageText(kTreatmentTab), "Treatment");
    EXPECT_EQ(page()->current(), "Current treatment: no treatment recorded");
    DialogResponder responder;
    // Typed by name, any case: the catalogue's drug.
    responder.then(enter("celecoxib", "2015-06-01")).then(enter("Adalimumab", "2021-03-01"));
    page()->newTreatment();
    page()->newTreatment();
    ASSERT_EQ(table()->GetItemCount(), 2);
    EXPECT_EQ(table()->GetItemText(0, 0), "Celecoxib");
    EXPECT_EQ(table()->GetItemText(0, 1), "NSAID");
    EXPECT_EQ(table()->GetItemText(1, 1), "TNF inhibitor");
    EXPECT_EQ(table()->GetItemText(1, 4), "ongoing");
    EXPECT_EQ(page()->current(),
              "Current treatment: Celecoxib since 2015-06-01; Adalimumab since 2021-03-01");

    // Switch for inefficacy (reason 1): adalimumab stops the day before secukinumab starts.
    responder.then([](wxDialog& dialog) {
        dialog.Show();
        pumpWindowEvents();
        saveScreenshot(&dialog, "treatment_switch_dialog");
        return enter("Secukinumab", "2022-09-01", nullptr, 1)(dialog);
    });
    page()->switchAt(1);
    ASSERT_EQ(table()->GetItemCount(), 3);
    EXPECT_EQ(table()->GetItemText(1, 4), "2022-08-31");
    EXPECT_EQ(table()->GetItemText(1, 7), "inefficacy");
    EXPECT_EQ(table()->GetItemText(2, 0), "Secukinumab");
    EXPECT_EQ(table()->GetItemText(2, 1), "IL-17 inhibitor");
    // The route follows the drug typed (its usual route) unless one was picked.
    const auto course = storage::TreatmentRepository(m_db).forPatient(m_patientId);
    ASSERT_EQ(course.size(), 3u);
    EXPECT_EQ(course[0].episode.route, core::Route::Oral);
    EXPECT_EQ(course[1].episode.route, core::Route::Subcutaneous);
    EXPECT_EQ(course[2].episode.route, core::Route::Subcutaneous);

    // Stop the NSAID for an adverse event (reason 2).
    responder.then(enter(nullptr, nullptr, "2023-01-31", 2));
    page()->stopAt(0);
    EXPECT_EQ(table()->GetItemText(0, 4), "2023-01-31");
    EXPECT_EQ(table()->GetItemText(0, 7), "adverse event");
    EXPECT_EQ(page()->current(), "Current treatment: Secukinumab since 2022-09-01");
    EXPECT_EQ(responder.pending(), 0u);
    m_frame->Show();
    pumpWindowEvents();
    saveScreenshot(m_frame.get(), "record_treatment_1366x768");
}

TEST_F(TreatmentPageTest, TheDialogNamesTheRefusedFieldAndStaysOpen) {
    storage::TreatmentRepository(m_db).add(m_patientId, [] {
        core::TreatmentEpisode e;
        e.drugId = "adalimumab";
        e.start = date(2021, 3, 1);
        return e;
    }());
    m_panel->reload();
    wxString unknown, backwards, overlap;
    DialogResponder responder;
    responder.then(enter("Aspirin forte", "2020-01-01", nullptr, -1, &unknown))
        .then(enter("Infliximab", "2020-05-01", "2020-04-30", -1, &backwards))
        .then(enter("Adalimumab", "2022-01-01", nullptr, -1, &overlap));
    page()->newTreatment();
    page()->newTreatment();
    page()->newTreatment();
    EXPECT_TRUE(unknown.Contains("Aspirin forte") && unknown.Contains("catalogue")) << unknown;
    EXPECT_TRUE(backwards.Contains("2020-04-30")) << backwards;
    EXPECT_TRUE(overlap.Contains("2021-03-01")) << overlap;  // names the episode it overlaps
    EXPECT_EQ(table()->GetItemCount(), 1) << "nothing refused was saved";
}

TEST_F(TreatmentPageTest, ACorrectionAndADeletionEachAskAReasonTheAuditTrailKeeps) {
    storage::TreatmentRepository(m_db).add(m_patientId, [] {
        core::TreatmentEpisode e;
        e.drugId = "etanercept";
        e.start = date(2021, 3, 1);
        return e;
    }());
    m_panel->reload();
    DialogResponder responder;
    responder.then(enter(nullptr, "2021-02-15")).then(giveReason("start date misread"));
    page()->editAt(0);
    EXPECT_EQ(table()->GetItemText(0, 3), "2021-02-15");
    responder.then(giveReason("another patient's drug"));
    page()->deleteAt(0);
    EXPECT_EQ(table()->GetItemCount(), 0);
    EXPECT_EQ(responder.pending(), 0u);
    std::vector<std::string> trail;
    for (const storage::AuditRow& row : storage::patientAuditRows(m_db, m_patientId))
        if (row.table == "treatment_episode")
            trail.push_back(row.action + ": " + row.reason);
    EXPECT_EQ(trail, (std::vector<std::string>{"insert: ", "update: start date misread",
                                               "delete: another patient's drug"}));
}

// docs/methods.md 10: days on each class over [film, next film), exposed at >= 0.5 of them.
TEST_F(TreatmentPageTest, TheProgressionTabShowsEachIntervalsTreatment) {
    storage::ReaderRepository(m_db).add("Dr Lee");
    storage::FilmRepository films(m_db);
    const std::string grades = "0,0,1,1,0,0,0,0,0,0,0,0,1,1,0,0,0,0,0,0,0,0,0,0";
    for (const date day : {date(2020, 1, 1), date(2022, 1, 1)})
        films.addReading(films.addFilm(m_patientId, day), core::parseReading(grades, "Dr Lee"));
    storage::TreatmentRepository treatments(m_db);
    core::TreatmentEpisode ada;
    ada.drugId = "adalimumab";
    ada.start = date(2020, 1, 1);  // the whole interval: 731 of 731 days
    treatments.add(m_patientId, ada);
    core::TreatmentEpisode nsaid;
    nsaid.drugId = "naproxen";
    nsaid.start = date(2021, 1, 1);
    nsaid.stop = date(2021, 3, 31);  // 90 days: 12 %
    treatments.add(m_patientId, nsaid);
    m_panel->reload();
    wxListCtrl* progression = m_panel->progressionTable();
    ASSERT_EQ(progression->GetItemCount(), 1);
    EXPECT_EQ(progression->GetColumnCount(), 9);
    EXPECT_EQ(progression->GetItemText(0, 7), "NSAID 12 %; TNF inhibitor 100 % (exposed, from the start)");
}

}  // namespace ankylos::ui::test
