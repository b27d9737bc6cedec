// The patient record panel with a second workstation on the same database: a visit saved over a
// change made since the record was shown is refused in the open editor, which keeps the input;
// saving again, after reading who changed it, overwrites deliberately.
#include "ui/patient_record_panel.h"

#include <gtest/gtest.h>
#include <wx/frame.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include "storage/database.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/visit_repository.h"
#include "ui/visit_editor.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {

namespace {

using boost::gregorian::date;

/// The reason dialog answered with reason.
DialogResponder::Handler giveReason(const char* reason) {
    return [reason](wxDialog& dialog) {
        XRCCTRL(dialog, "reason", wxTextCtrl)->SetValue(reason);
        return wxID_OK;
    };
}

}  // namespace

class PatientRecordPanelTest : public TempDatabaseTest {};

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
