// The patient editor: core's problems under their fields, Chinese names kept, storage refusals shown.
#include "ui/patient_editor.h"

#include <gtest/gtest.h>
#include <wx/choice.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include "core/validation.h"
#include "storage/audit.h"
#include "storage/database.h"
#include "storage/json_codec.h"
#include "storage/patient_repository.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {

namespace {

using boost::gregorian::date;

/// A label's text with the line breaks of its wrapping taken out.
wxString labelOf(wxWindow& dialog, const char* name) {
    wxString text = XRCCTRL(dialog, name, wxStaticText)->GetLabel();
    text.Replace("\n", " ");
    return text;
}

}  // namespace

TEST(PatientEditor, ProblemsAreShownUnderTheirFieldsAndBlockSaving) {
    int saves = 0;
    PatientEditor editor(nullptr, [&](const core::Patient&, const std::string&) { ++saves; });
    editor.TransferTo(core::Patient{});
    XRCCTRL(editor, "name", wxTextCtrl)->ChangeValue("Someone");
    XRCCTRL(editor, "birth", wxTextCtrl)->ChangeValue("1990-13-01");
    XRCCTRL(editor, "diagnosis", wxTextCtrl)->ChangeValue("2100-01-01");
    EXPECT_FALSE(editor.trySave());
    EXPECT_EQ(saves, 0);
    EXPECT_NE(labelOf(editor, "clinic_id_message").Find("patient ID"), wxNOT_FOUND);
    EXPECT_NE(labelOf(editor, "birth_message").Find("1990-13-01"), wxNOT_FOUND);
    EXPECT_NE(labelOf(editor, "diagnosis_message").Find("2100-01-01"), wxNOT_FOUND);
    EXPECT_TRUE(labelOf(editor, "name_message").empty());
    // A new patient's sex has no default: saving without it names the field.
    EXPECT_EQ(XRCCTRL(editor, "sex", wxChoice)->GetSelection(), wxNOT_FOUND);
    EXPECT_NE(labelOf(editor, "sex_message").Find("sex: (empty) is not allowed (allowed: male or female"),
              wxNOT_FOUND)
        << labelOf(editor, "sex_message");
    XRCCTRL(editor, "name", wxTextCtrl)->ChangeValue(wxString::FromUTF8("张伟 Zhang Wei"));
    editor.Show();
    saveScreenshot(&editor, "patient_editor_problems");
}

TEST(PatientEditor, EditPatientRoundTripsEveryFieldWithAChineseName) {
    core::Patient patient;
    patient.clinicId = "P-7";
    patient.name = "李娜";
    patient.sex = core::Sex::Female;
    patient.birth = date(1985, 7, 3);
    patient.hlaB27 = core::HlaB27::Positive;
    patient.symptomOnset = date(2004, 1, 1);
    patient.smoking = core::SmokingStatus::Former;
    patient.notes = "uveitis 2019";
    DialogResponder responder;
    responder.then([](wxDialog& dialog) {
        auto& editor = dynamic_cast<PatientEditor&>(dialog);
        EXPECT_EQ(XRCCTRL(editor, "name", wxTextCtrl)->GetValue(), wxString::FromUTF8("李娜"));
        XRCCTRL(editor, "diagnosis", wxTextCtrl)->ChangeValue("2006-02-02");
        return editor.trySave() ? wxID_OK : wxID_CANCEL;
    });
    core::Patient saved;
    ASSERT_TRUE(
        editPatient(nullptr, patient, [&](const core::Patient& p, const std::string&) { saved = p; }));
    EXPECT_EQ(saved.name, "李娜");
    EXPECT_EQ(saved.sex, core::Sex::Female);
    EXPECT_EQ(saved.birth, date(1985, 7, 3));
    EXPECT_EQ(saved.hlaB27, core::HlaB27::Positive);
    EXPECT_EQ(saved.symptomOnset, date(2004, 1, 1));
    EXPECT_EQ(saved.diagnosis, date(2006, 2, 2));
    EXPECT_EQ(saved.smoking, core::SmokingStatus::Former);
    EXPECT_EQ(saved.notes, "uveitis 2019");
    EXPECT_EQ(patient.diagnosis, date(2006, 2, 2)) << "the caller's patient holds what was saved";
}

TEST(PatientEditor, ASexChosenIsSavedAndAStoredPatientShowsItsOwn) {
    core::Patient saved;
    PatientEditor editor(nullptr, [&](const core::Patient& p, const std::string&) { saved = p; });
    editor.TransferTo(core::Patient{});
    XRCCTRL(editor, "clinic_id", wxTextCtrl)->ChangeValue("P-9");
    XRCCTRL(editor, "name", wxTextCtrl)->ChangeValue("New One");
    XRCCTRL(editor, "birth", wxTextCtrl)->ChangeValue("1990-01-01");
    EXPECT_FALSE(editor.trySave()) << "no sex chosen";
    XRCCTRL(editor, "sex", wxChoice)->SetSelection(1);
    ASSERT_TRUE(editor.trySave()) << labelOf(editor, "sex_message");
    EXPECT_EQ(saved.sex, core::Sex::Female);
    EXPECT_TRUE(labelOf(editor, "sex_message").empty()) << "the message goes once the sex is chosen";

    PatientEditor stored(nullptr, [](const core::Patient&, const std::string&) {});
    stored.TransferTo(saved);
    EXPECT_EQ(XRCCTRL(stored, "sex", wxChoice)->GetSelection(), 1) << "a stored patient shows its sex";
}

TEST(PatientEditor, StorageRefusalIsShownAndTheDialogStaysOpen) {
    PatientEditor editor(nullptr, [](const core::Patient&, const std::string&) {
        throw core::ValidationError("patient ID", "P-1", "an ID not used by another patient");
    });
    core::Patient patient;
    patient.clinicId = "P-1";
    patient.name = "Dup";
    patient.birth = date(1980, 1, 1);
    editor.TransferTo(patient);
    EXPECT_FALSE(editor.trySave());
    EXPECT_NE(labelOf(editor, "summary").Find("not used by another patient"), wxNOT_FOUND);
}

TEST(PatientEditor, EscapeWithChangesAsksBeforeDiscardingThem) {
    PatientEditor editor(nullptr, [](const core::Patient&, const std::string&) {});
    editor.TransferTo(core::Patient{});
    editor.Show();
    pumpEvents(100);
    XRCCTRL(editor, "name", wxTextCtrl)->SetValue("Typed Name");  // SetValue sends wxEVT_TEXT, as typing does
    pumpEvents(20);
    DialogResponder responder;
    responder.thenReturn(wxID_NO).thenReturn(wxID_YES);
    wxKeyEvent escape(wxEVT_CHAR_HOOK);
    escape.m_keyCode = WXK_ESCAPE;
    escape.SetEventObject(&editor);
    editor.GetEventHandler()->ProcessEvent(escape);
    pumpEvents(50);
    ASSERT_EQ(responder.seen().size(), 1u) << "Esc with changes must ask";
    EXPECT_NE(responder.seen()[0].find("unsaved changes"), std::string::npos) << responder.seen()[0];
    EXPECT_TRUE(editor.IsShown()) << "keep editing";
    EXPECT_EQ(XRCCTRL(editor, "name", wxTextCtrl)->GetValue(), "Typed Name");
    editor.GetEventHandler()->ProcessEvent(escape);
    pumpEvents(50);
    EXPECT_EQ(responder.seen().size(), 2u);
    EXPECT_FALSE(editor.IsShown());
    EXPECT_EQ(editor.GetReturnCode(), wxID_CANCEL);

    PatientEditor unchanged(nullptr, [](const core::Patient&, const std::string&) {});
    unchanged.TransferTo(core::Patient{});
    EXPECT_TRUE(unchanged.tryCancel()) << "nothing changed: closes without asking";
}

class PatientRoundTrip : public TempDatabaseTest {};

TEST_F(PatientRoundTrip, EveryStoredFieldComesBackUnchangedAndOnlyTheChangedFieldIsAudited) {
    storage::Database db(databasePath(), "", storage::Open::CreateNew);
    storage::PatientRepository patients(db);
    core::Patient patient;
    patient.clinicId = "P-8";
    patient.name = "陈 Chen Wei";
    patient.sex = core::Sex::Female;
    patient.birth = date(1979, 2, 28);
    patient.hlaB27 = core::HlaB27::Negative;
    patient.symptomOnset = date(1999, 4, 1);
    patient.diagnosis = date(2003, 9, 9);
    patient.smoking = core::SmokingStatus::Current;
    patient.notes = "uveitis 2019\npsoriasis";
    const auto id = patients.add(patient);
    const core::Patient stored = patients.find(id)->patient;
    const auto auditRows = [&] { return storage::auditRowsFor(db, "patient", id); };
    const std::size_t rowsBefore = auditRows().size();
    DialogResponder responder;  // no dialog is expected: one would fail the test, not wait
    const SavePatient save = [&](const core::Patient& p, const std::string&) {
        patients.update(id, p, "corrected");
    };
    {
        PatientEditor editor(nullptr, save);
        editor.TransferTo(stored);
        ASSERT_TRUE(editor.trySave());
        EXPECT_EQ(storage::toJson(editor.saved()), storage::toJson(stored));
        EXPECT_EQ(storage::toJson(patients.find(id)->patient), storage::toJson(stored));
        EXPECT_EQ(auditRows().size(), rowsBefore) << "nothing changed: no audit row";
    }
    {
        PatientEditor editor(nullptr, save);
        editor.TransferTo(stored);
        XRCCTRL(editor, "notes", wxTextCtrl)->SetValue("uveitis 2019");
        ASSERT_TRUE(editor.trySave());
        const auto rows = auditRows();
        ASSERT_EQ(rows.size(), rowsBefore + 1);
        EXPECT_EQ(changedFields(rows.back().oldValues, rows.back().newValues),
                  std::vector<std::string>{"notes"});
    }
}

}  // namespace ankylos::ui::test

namespace ankylos::ui::test {
namespace {

class PatientDiagnosisBeforeOnset : public TempDatabaseTest {};

// docs/methods.md 7 and 8: a diagnosis date before the symptom onset asks to confirm; going back
// saves nothing, confirming saves and the new patient's insert row records what was confirmed.
TEST_F(PatientDiagnosisBeforeOnset, AsksToConfirmAndTheAuditRowRecordsTheConfirmation) {
    storage::Database db(databasePath(), "", storage::Open::CreateNew);
    storage::PatientRepository patients(db);
    std::int64_t id = 0;
    PatientEditor editor(nullptr, [&](const core::Patient& p, const std::string& confirmed) {
        id = patients.add(p, confirmed);
    });
    editor.TransferTo(core::Patient{});
    XRCCTRL(editor, "clinic_id", wxTextCtrl)->ChangeValue("P-9");
    XRCCTRL(editor, "name", wxTextCtrl)->ChangeValue("Early Diagnosis");
    XRCCTRL(editor, "sex", wxChoice)->SetSelection(1);
    XRCCTRL(editor, "birth", wxTextCtrl)->ChangeValue("1980-01-01");
    XRCCTRL(editor, "symptom_onset", wxTextCtrl)->ChangeValue("2010-05-01");
    XRCCTRL(editor, "diagnosis", wxTextCtrl)->ChangeValue("2010-04-30");
    DialogResponder responder;
    responder.thenReturn(wxID_NO).thenReturn(wxID_YES);
    EXPECT_FALSE(editor.trySave());
    EXPECT_EQ(id, 0) << "going back saves nothing";
    ASSERT_EQ(responder.seen().size(), 1u);
    EXPECT_NE(
        responder.seen()[0].find("diagnosis date: 2010-04-30 is unusual (expected not before the symptom "
                                 "onset (2010-05-01))"),
        std::string::npos)
        << responder.seen()[0];
    EXPECT_NE(labelOf(editor, "summary").Find("Not saved"), wxNOT_FOUND);
    ASSERT_TRUE(editor.trySave());
    ASSERT_NE(id, 0);
    const auto rows = storage::auditRowsFor(db, "patient", id);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].reason,
              "confirmed: diagnosis date: 2010-04-30 is unusual (expected not before the symptom onset "
              "(2010-05-01))");
}

}  // namespace
}  // namespace ankylos::ui::test
