// The record's CT scans tab (issue 16): a scan added and scored through the dialogs is written through
// storage::CtScanRepository and listed with core's CTSS; corrections and deletions ask a reason.
#include "ui/ct_scans_page.h"

#include <gtest/gtest.h>
#include <wx/checkbox.h>
#include <wx/combobox.h>
#include <wx/frame.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/textctrl.h>
#include <wx/tooltip.h>
#include <wx/xrc/xmlres.h>

#include <memory>

#include "core/format.h"
#include "storage/ct_scan_repository.h"
#include "storage/database.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/reader_repository.h"
#include "ui/ct_scan_dialog.h"
#include "ui/ctss_scoring.h"
#include "ui/patient_record_panel.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {

namespace {

using boost::gregorian::date;

/// The CT scan dialog filled with these values and saved.
DialogResponder::Handler enterScan(const char* scanDate, const char* scanner, bool wholeSpine) {
    return [=](wxDialog& dialog) {
        auto& scan = dynamic_cast<CtScanDialog&>(dialog);
        scan.scanDate()->SetValue(scanDate);
        scan.scanner()->SetValue(scanner);
        scan.wholeSpine()->SetValue(wholeSpine);
        return scan.trySave() ? wxID_OK : wxID_CANCEL;
    };
}

/// CTSS scoring: the reader, then keys typed on the grid, then Save.
DialogResponder::Handler score(const char* reader, const std::string& keys, bool fromTheStart = false) {
    return [=](wxDialog& dialog) {
        auto& scoring = dynamic_cast<CtssScoringDialog&>(dialog);
        XRCCTRL(scoring, "reader", wxComboBox)->SetValue(reader);
        std::vector<int> codes(keys.begin(), keys.end());
        if (fromTheStart)
            codes.insert(codes.begin(), WXK_HOME);
        for (int key : codes) {
            wxKeyEvent event(wxEVT_CHAR);
            event.m_keyCode = key;
            event.m_uniChar = key < WXK_START ? key : 0;
            event.SetEventObject(scoring.grid());
            scoring.grid()->GetEventHandler()->ProcessEvent(event);
        }
        return scoring.trySave() ? wxID_OK : wxID_CANCEL;
    };
}

/// A screenshot of the scan dialog as it stands.
void showAndSave(wxDialog& dialog) {
    wxToolTip::Enable(false);  // none over the screenshot, wherever the pointer is
    dialog.Show();
    pumpWindowEvents(200);
    saveScreenshot(&dialog, "ct_scan_dialog_refused");
    dialog.Hide();
    wxToolTip::Enable(true);
}

}  // namespace

class CtScansPageTest : public TempDatabaseTest {
protected:
    CtScansPageTest() {
        core::Patient patient;
        patient.clinicId = "AS-0016";
        patient.name = "Low Dose";
        patient.birth = date(1980, 1, 1);
        m_patientId = storage::PatientRepository(m_db).add(patient);
        storage::ReaderRepository(m_db).add("Dr Lee");
        storage::ReaderRepository(m_db).add("Dr Okafor");
        m_panel = new PatientRecordPanel(
            m_frame.get(), m_db, [] {}, [] {});
        m_panel->showPatient(m_patientId);
        m_panel->tabs()->SetSelection(kCtScansTab);
    }
    wxListCtrl* table() const { return m_panel->ctScans()->table(); }
    std::vector<core::CtScan> stored() { return storage::HistoryReader(m_db).load(m_patientId)->ctScans; }

    storage::Database m_db{databasePath(), "dr.zhang", storage::Open::CreateNew};
    std::int64_t m_patientId = 0;
    std::unique_ptr<wxFrame> m_frame =
        std::make_unique<wxFrame>(nullptr, wxID_ANY, "record", wxDefaultPosition, wxSize(1366, 768));
    PatientRecordPanel* m_panel = nullptr;
};

TEST_F(CtScansPageTest, AScanAddedAndScoredIsWrittenAndListedWithCoresScores) {
    EXPECT_EQ(m_panel->tabs()->GetPageText(kCtScansTab), "CT scans");
    EXPECT_EQ(m_panel->tabs()->GetPageText(kCtScansTab - 1), "Pelvic films");
    DialogResponder responder;
    // A new scan goes straight on to scoring: C2/C3 all N (not imaged), the rest 1, thoracic 2.
    std::string keys;
    for (int i = 0; i < 8; ++i)
        keys += "n2";
    keys += std::string(40, '1') + std::string(88, '2') + std::string(48, '1');
    responder.then(enterScan("2023-04-05", "Somatom Force", true)).then(score("dr lee", keys));
    m_panel->ctScans()->newScan();
    EXPECT_EQ(responder.pending(), 0u);
    const std::vector<core::CtScan> scans = stored();
    ASSERT_EQ(scans.size(), 1u);
    EXPECT_EQ(scans[0].device, "Somatom Force");
    ASSERT_EQ(scans[0].readings.size(), 1u);
    EXPECT_EQ(scans[0].readings[0].reader, "Dr Lee");
    const core::CtssScore expected = core::scoreCtssReading(scans[0].readings[0], {});
    ASSERT_TRUE(expected.total);
    ASSERT_EQ(table()->GetItemCount(), 1);
    EXPECT_EQ(table()->GetItemText(0, 0), "2023-04-05");
    EXPECT_EQ(table()->GetItemText(0, 1), "Somatom Force");
    EXPECT_EQ(table()->GetItemText(0, 2), "yes");
    EXPECT_EQ(table()->GetItemText(0, 3), "Dr Lee");
    EXPECT_EQ(table()->GetItemText(0, 4), core::formatFixed(*expected.cervical.value, 1));
    EXPECT_EQ(table()->GetItemText(0, 5), "176.0");
    EXPECT_EQ(table()->GetItemText(0, 7), "8 / 0 / 0");
    EXPECT_EQ(table()->GetItemText(0, 8), core::formatFixed(*expected.total, 1));
    EXPECT_EQ(table()->GetItemText(0, 9), core::formatFixed(*expected.total, 1) + " (1 of 1 readings)");

    // A second reader scores the same scan: one more row.
    table()->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    responder.then(score("Dr Okafor", std::string(184, '0')));
    m_panel->ctScans()->scoreScanAt(0);
    ASSERT_EQ(table()->GetItemCount(), 2);
    EXPECT_EQ(table()->GetItemText(1, 3), "Dr Okafor");
    EXPECT_EQ(table()->GetItemText(1, 8), "0.0");
    m_frame->Show();
    pumpWindowEvents(300);
    saveScreenshot(m_frame.get(), "ct_scans_tab");
}

TEST_F(CtScansPageTest, CorrectionsAndDeletionsAskAReason) {
    storage::CtScanRepository(m_db).addScan(m_patientId,
                                            core::CtScan{date(2022, 6, 1), "Revolution", true, {}});
    m_panel->reload();
    ASSERT_EQ(table()->GetItemCount(), 1);
    EXPECT_EQ(table()->GetItemText(0, 3), "no reading yet");
    DialogResponder responder;
    // The scanner corrected, with a reason.
    responder.then(enterScan("2022-06-01", "Revolution CT", false)).then(giveReason("typo in the scanner"));
    m_panel->ctScans()->editScanAt(0);
    EXPECT_EQ(stored()[0].device, "Revolution CT");
    EXPECT_FALSE(stored()[0].wholeSpine);
    EXPECT_EQ(table()->GetItemText(0, 2), "no");
    // Scored, then re-scored with a reason.
    responder.then(score("Dr Lee", std::string(184, '1')));
    m_panel->ctScans()->scoreScanAt(0);
    responder.then(score("Dr Lee", "2", true)).then(giveReason("second look"));
    m_panel->ctScans()->editReadingAt(0);
    ASSERT_EQ(stored()[0].readings.size(), 1u);
    EXPECT_EQ(stored()[0].readings[0].at(core::Quadrant(0))->grade(), 2);
    // Delete the reading, then the scan; each asks a reason.
    responder.then(giveReason("wrong patient"));
    m_panel->ctScans()->deleteReadingAt(0);
    EXPECT_TRUE(stored()[0].readings.empty());
    responder.then(giveReason("wrong patient"));
    m_panel->ctScans()->deleteScanAt(0);
    EXPECT_TRUE(stored().empty());
    EXPECT_EQ(table()->GetItemCount(), 0);
    EXPECT_EQ(responder.pending(), 0u);
}

}  // namespace ankylos::ui::test

namespace ankylos::ui::test {

TEST_F(CtScansPageTest, AScanCoreRefusesStaysInItsDialogWithTheProblemNamed) {
    DialogResponder responder;
    std::vector<wxString> problems;
    responder.then([&](wxDialog& dialog) {
        auto& scan = dynamic_cast<CtScanDialog&>(dialog);
        scan.scanDate()->SetValue("1979-12-31");  // before the patient's birth
        EXPECT_FALSE(scan.trySave());
        problems.push_back(scan.problems());
        scan.scanDate()->SetValue("");
        EXPECT_FALSE(scan.trySave());
        problems.push_back(scan.problems());
        showAndSave(scan);
        return wxID_CANCEL;
    });
    m_panel->ctScans()->newScan();
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_NE(problems[0].Find("CT scan date"), wxNOT_FOUND) << problems[0];
    EXPECT_NE(problems[0].Find("1979-12-31"), wxNOT_FOUND) << problems[0];
    EXPECT_NE(problems[1].Find("CT scan date"), wxNOT_FOUND) << problems[1];
    EXPECT_TRUE(stored().empty());
    EXPECT_EQ(table()->GetItemCount(), 0);
}

}  // namespace ankylos::ui::test
