// The patient record panel with a second workstation on the same database: a visit saved over a
// change made since the record was shown is refused in the open editor, which keeps the input;
// saving again, after reading who changed it, overwrites deliberately.
#include "ui/patient_record_panel.h"

#include <gtest/gtest.h>

#include <wx/frame.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>
#include <memory>

#include "storage/ct_scan_repository.h"
#include "storage/database.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/reader_repository.h"
#include "storage/visit_repository.h"
#include "ui/record_table.h"
#include "ui/visit_editor.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {

using boost::gregorian::date;

class PatientRecordPanelTest : public TempDatabaseTest {
protected:
    /// A patient with films 18 days apart, the later one 2 mSASSS units higher (docs/methods.md 1.5:
    /// progression by the units criterion, on an interval shorter than the recommended 2 years).
    std::int64_t addPatientWithCloseFilms(storage::Database& db) {
        core::Patient patient;
        patient.clinicId = "AS-0002";
        patient.name = "Close Films";
        patient.birth = date(1980, 1, 1);
        const auto patientId = storage::PatientRepository(db).add(patient);
        storage::ReaderRepository(db).add("Dr Lee");
        storage::FilmRepository films(db);
        films.addReading(films.addFilm(patientId, date(2024, 3, 1)),
                         core::parseReading("0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0", "Dr Lee"));
        films.addReading(films.addFilm(patientId, date(2024, 3, 19)),
                         core::parseReading("1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0", "Dr Lee"));
        core::Visit visit;
        visit.date = date(2024, 3, 1);
        visit.notes =
            "A long note that a nurse typed about the morning stiffness, the new shoes, the "
            "physiotherapy twice a week and the next appointment in three months";
        storage::VisitRepository(db).add(patientId, visit);
        return patientId;
    }
    /// The record panel in a frame of that size showing the patient above; nullptr when it cannot.
    PatientRecordPanel* showCloseFilms(wxSize size) {
        m_db = std::make_unique<storage::Database>(databasePath(), "dr.zhang", storage::Open::CreateNew);
        m_frame = std::make_unique<wxFrame>(nullptr, wxID_ANY, "record", wxDefaultPosition, size);
        auto* panel = new PatientRecordPanel(
            m_frame.get(), *m_db, [] {}, [] {});
        return panel->showPatient(addPatientWithCloseFilms(*m_db)) ? panel : nullptr;
    }

    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<wxFrame> m_frame;  ///< destroyed before the database it shows
};

TEST_F(PatientRecordPanelTest, AFilmPairWeeksApartShowsItsIntervalAndThatItIsShort) {
    PatientRecordPanel* panel = showCloseFilms(wxDefaultSize);
    ASSERT_TRUE(panel);
    wxListCtrl* table = panel->progressionTable();
    ASSERT_EQ(table->GetItemCount(), 1);
    EXPECT_EQ(table->GetItemText(0, 1), "0.05 y");
    EXPECT_EQ(table->GetItemText(0, 6), "progression (short interval)");
    EXPECT_EQ(table->GetItemText(0, 7), "none recorded") << "no treatment in the interval";
    EXPECT_EQ(table->GetItemText(0, 8).Find("progression; the interval (0.05 years) is shorter than the "
                                            "recommended 2 years"),
              0)
        << table->GetItemText(0, 8);
}

/// A low-dose CT whose first `graded` thoracic quadrants have `grade`, every other quadrant 0.
core::CtScan thoracicScan(date day, int graded, int grade) {
    std::string grades;
    int thoracic = 0;
    for (core::Quadrant quadrant : core::allQuadrants()) {
        const bool scored = core::segmentOf(quadrant) == core::CtssSegment::Thoracic && thoracic++ < graded;
        grades += (grades.empty() ? "" : ",") + std::to_string(scored ? grade : 0);
    }
    return {day, "Somatom", true, {core::parseCtssReading(grades, "Dr Lee")}};
}

// docs/methods.md 12: the CTSS pairs are listed under the mSASSS pairs, in a table of their own, and
// only for a patient with two scans.
TEST_F(PatientRecordPanelTest, LowDoseCtPairsHaveTheirOwnTableUnderTheFilmPairs) {
    PatientRecordPanel* panel = showCloseFilms(wxSize(1366, 768));
    ASSERT_TRUE(panel);
    EXPECT_FALSE(panel->ctssProgressionTable()->IsShown()) << "no scans: no CTSS table";
    const auto patientId = *storage::PatientRepository(*m_db).idOf("AS-0002");
    storage::CtScanRepository scans(*m_db);
    scans.addScan(patientId, thoracicScan(date(2021, 3, 1), 4, 1));
    scans.addScan(patientId, thoracicScan(date(2023, 3, 1), 10, 2));
    panel->reload();
    m_frame->Show();
    panel->tabs()->SetSelection(kProgressionTab);
    pumpEvents(100);
    wxListCtrl* ctss = panel->ctssProgressionTable();
    EXPECT_TRUE(ctss->IsShown());
    ASSERT_EQ(ctss->GetItemCount(), 1);
    EXPECT_EQ(ctss->GetItemText(0, 0), wxString::FromUTF8("2021-03-01 \u2192 2023-03-01"));
    EXPECT_EQ(ctss->GetItemText(0, 2), "+16.0");
    EXPECT_EQ(ctss->GetItemText(0, 3), "6 new syndesmophytes, 4 growing, 0 regressions");
    EXPECT_EQ(ctss->GetItemText(0, 4), "CTSS change, new or growing syndesmophytes");
    EXPECT_EQ(ctss->GetItemText(0, 5), "progression");
    EXPECT_EQ(panel->progressionTable()->GetItemCount(), 1) << "the film pair stays in its own table";
    saveScreenshot(m_frame.get(), "progression_tab_ctss");
}

TEST_F(PatientRecordPanelTest, TheAuditTabReadsNewRecordsAsFieldLinesLikeChanges) {
    PatientRecordPanel* panel = showCloseFilms(wxDefaultSize);
    ASSERT_TRUE(panel);
    panel->tabs()->SetSelection(kAuditTab);
    pumpEvents(50);
    wxListCtrl* audit = panel->auditTable();
    long visitRow = -1;
    for (long row = 0; row < audit->GetItemCount(); ++row)
        if (audit->GetItemText(row, 2) == "visit 2024-03-01")
            visitRow = row;
    ASSERT_GE(visitRow, 0);
    EXPECT_EQ(audit->GetItemText(visitRow, 3), "insert");
    const wxString change = audit->GetItemText(visitRow, 5);
    EXPECT_EQ(change.Find("{"), wxNOT_FOUND) << change;
    EXPECT_NE(change.Find("visit date: 2024-03-01"), wxNOT_FOUND) << change;
    EXPECT_EQ(change.Find("BASDAI Q1"), wxNOT_FOUND) << "fields left empty are not listed: " << change;
    audit->SetItemState(visitRow, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    pumpEvents(50);
    const wxString detail = panel->auditDetail()->GetValue();
    EXPECT_NE(detail.Find("\nvisit date: 2024-03-01"), wxNOT_FOUND) << detail;
    EXPECT_NE(detail.Find("\nnotes: A long note"), wxNOT_FOUND) << detail;
}

TEST_F(PatientRecordPanelTest, ColumnsFitTheirHeaderAndValuesAndLongTextIsInTheTooltip) {
    PatientRecordPanel* panel = showCloseFilms(wxSize(1366, 768));
    ASSERT_TRUE(panel);
    for (wxListCtrl* table : {panel->visitsTable(), panel->progressionTable()})
        for (int c = 0; c < table->GetColumnCount(); ++c) {
            wxListItem column;
            column.SetMask(wxLIST_MASK_TEXT);
            table->GetColumn(c, column);
            EXPECT_GE(table->GetColumnWidth(c), table->GetTextExtent(column.GetText()).x) << column.GetText();
            const wxString value = table->GetItemText(0, c);
            if (table->GetTextExtent(value).x < table->FromDIP(kMaxColumnWidth) - table->FromDIP(16)) {
                EXPECT_GE(table->GetColumnWidth(c), table->GetTextExtent(value).x) << value;
            }
        }
    wxListCtrl* visits = panel->visitsTable();
    wxListItem basmi;
    basmi.SetMask(wxLIST_MASK_TEXT);
    visits->GetColumn(6, basmi);
    EXPECT_EQ(basmi.GetText(), "BASMI");
    // The note is longer than a column grows: it is cut on screen and read whole in the tooltip.
    EXPECT_EQ(visits->GetColumnWidth(10), visits->FromDIP(kMaxColumnWidth));
    EXPECT_NE(
        truncatedCellsText(visits, 0).Find("Notes: A long note that a nurse typed about the morning "
                                           "stiffness, the new shoes, the physiotherapy twice a week and the "
                                           "next appointment in three months"),
        wxNOT_FOUND)
        << truncatedCellsText(visits, 0);
    EXPECT_EQ(truncatedCellsText(visits, 0).Find("Date:"), wxNOT_FOUND);

    m_frame->Show();
    pumpWindowEvents();
    panel->tabs()->SetSelection(kVisitsTab);
    saveScreenshot(m_frame.get(), "record_visits_1366x768");
    panel->tabs()->SetSelection(kProgressionTab);
    saveScreenshot(m_frame.get(), "record_progression_1366x768");
}

TEST_F(PatientRecordPanelTest, AVisitChangedOnAnotherWorkstationIsRefusedKeepingTheInputThenSavedAgain) {
    storage::Database db(databasePath(), "dr.zhang", storage::Open::CreateNew);
    core::Patient patient;
    patient.clinicId = "AS-0001";
    patient.name = "Test Man";
    patient.birth = date(1980, 1, 1);
    const auto patientId = storage::PatientRepository(db).add(patient);
    core::Visit visit;
    visit.date = date(2024, 3, 1);
    visit.basdai.q1 = 2;
    const auto visitId = storage::VisitRepository(db).add(patientId, visit);

    wxFrame frame(nullptr, wxID_ANY, "record");
    auto* panel = new PatientRecordPanel(
        &frame, db, [] {}, [] {});
    ASSERT_TRUE(panel->showPatient(patientId));
    {
        storage::Database wu(databasePath(), "dr.wu");  // another workstation, after the record was shown
        core::Visit byWu = visit;
        byWu.notes = "entered by dr.wu";
        storage::VisitRepository(wu).update(visitId, byWu, "nurse's sheet");
    }

    DialogResponder responder;
    responder
        .then([&](wxDialog& dialog) {
            auto& editor = dynamic_cast<VisitEditor&>(dialog);
            XRCCTRL(editor, "basdai_q1", wxTextCtrl)->SetValue("7");
            pumpEvents(20);
            EXPECT_FALSE(editor.trySave());
            const wxString summary = XRCCTRL(editor, "summary", wxStaticText)->GetLabel();
            EXPECT_NE(summary.Find("was changed by dr.wu at "), wxNOT_FOUND) << summary;
            EXPECT_EQ(XRCCTRL(editor, "basdai_q1", wxTextCtrl)->GetValue(), "7");
            EXPECT_EQ(storage::HistoryReader(db).load(patientId)->visits.at(0).notes, "entered by dr.wu");
            EXPECT_TRUE(editor.trySave()) << "saving again after the message must overwrite";
            return wxID_OK;
        })
        .then(giveReason("review"))
        .then(giveReason("review, having seen dr.wu's change"));
    panel->editVisitAt(0);
    EXPECT_EQ(responder.pending(), 0u);
    const core::Visit saved = storage::HistoryReader(db).load(patientId)->visits.at(0);
    EXPECT_EQ(saved.basdai.q1, 7);
    EXPECT_EQ(saved.notes, "");  // the user's input as typed: dr.wu's note was not in the editor
}

}  // namespace ankylos::ui::test
