// The visit editor on its own: problems next to their fields block saving, warnings are confirmed
// and the confirmation reaches the save function, Esc with changes asks, scores follow the typing.
#include "ui/visit_editor.h"

#include <gtest/gtest.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/scrolwin.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include "core/error.h"
#include "core/format.h"
#include "storage/audit.h"
#include "storage/database.h"
#include "storage/history_reader.h"
#include "storage/json_codec.h"
#include "storage/patient_repository.h"
#include "storage/visit_repository.h"
#include "ui/core_set_fields.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {

namespace {

using boost::gregorian::date;

core::Patient woman() {
    core::Patient p;
    p.clinicId = "V-1";
    p.name = "Test Woman";
    p.sex = core::Sex::Female;
    p.birth = date(1970, 1, 1);
    return p;
}

/// A label's text with the line breaks of its wrapping taken out.
wxString labelOf(wxWindow& dialog, const char* name) {
    wxString text = XRCCTRL(dialog, name, wxStaticText)->GetLabel();
    text.Replace("\n", " ");
    return text;
}

void typeInto(wxWindow& dialog, const char* name, const char* text) {
    auto* control = XRCCTRL(dialog, name, wxTextCtrl);
    control->SetValue(text);  // SetValue sends wxEVT_TEXT, as typing does
    pumpEvents(20);
}

/// Esc as the dialog receives it (its char hook sees every key first).
void pressEscape(wxDialog& dialog) {
    wxKeyEvent event(wxEVT_CHAR_HOOK);
    event.m_keyCode = WXK_ESCAPE;
    event.SetEventObject(&dialog);
    dialog.GetEventHandler()->ProcessEvent(event);
    pumpEvents(50);
}

/// Enter in a field: presses the default button, which must be Save.
void pressSave(wxDialog& dialog) {
    auto* button = wxDynamicCast(dialog.GetDefaultItem(), wxButton);
    ASSERT_NE(button, nullptr);
    ASSERT_EQ(button->GetId(), wxID_OK);
    wxCommandEvent click(wxEVT_BUTTON, wxID_OK);
    click.SetEventObject(button);
    button->GetEventHandler()->ProcessEvent(click);
    pumpEvents(50);
}

}  // namespace

// docs/methods.md 9: "not recorded" is never 0; a count is whole; MASES is core's total of the sites.
TEST(VisitEditor, TheCoreSetKeepsNotRecordedApartFromZeroAndNamesABadCount) {
    core::Visit saved;
    VisitEditor editor(nullptr, woman(), {}, core::Settings{},
                       [&](const core::Visit& v, bool) { saved = v; });
    editor.TransferTo(core::Visit{});
    editor.Show();
    pumpEvents(100);
    CoreSetFields* fields = editor.coreSet();
    EXPECT_EQ(fields->masesSummary(), "MASES: not examined");
    fields->swollenJoints()->SetValue("2.5");
    pumpEvents(20);
    EXPECT_FALSE(editor.trySave());
    const wxString message = labelOf(editor, "core_set_message");
    EXPECT_TRUE(message.Contains("swollen joint count") && message.Contains("2.5") &&
                message.Contains("whole"))
        << message;
    fields->swollenJoints()->SetValue("0");
    fields->masesSite(core::MasesSite::AchillesLeft)->Set3StateValue(wxCHK_CHECKED);
    wxCommandEvent ticked(wxEVT_CHECKBOX);
    fields->masesSite(core::MasesSite::AchillesLeft)->GetEventHandler()->ProcessEvent(ticked);
    EXPECT_TRUE(fields->masesSummary().Contains("not computable")) << fields->masesSummary();
    fields->manifestation(core::Manifestation::Uveitis)->SetSelection(3);  // active
    pumpEvents(20);
    saveScreenshot(&editor, "visit_editor_core_set");
    ASSERT_TRUE(editor.trySave()) << labelOf(editor, "summary");
    EXPECT_EQ(saved.coreSet.swollenJointCount, 0) << "a typed 0 is a count of 0";
    EXPECT_FALSE(saved.coreSet.tenderJointCount) << "an empty count is not recorded";
    EXPECT_EQ(saved.coreSet.mases.at(core::MasesSite::AchillesLeft), true);
    EXPECT_FALSE(saved.coreSet.mases.at(core::MasesSite::AchillesRight)) << "not examined, not 0";
    ASSERT_TRUE(saved.coreSet.at(core::Manifestation::Uveitis));
    EXPECT_EQ(saved.coreSet.at(core::Manifestation::Uveitis)->status, core::ManifestationStatus::Active);
    EXPECT_FALSE(saved.coreSet.at(core::Manifestation::Psoriasis));
}

TEST(VisitEditor, InvalidValueBlocksSavingWithItsMessageNextToTheField) {
    int saves = 0;
    VisitEditor editor(nullptr, woman(), {}, core::Settings{}, [&](const core::Visit&, bool) { ++saves; });
    editor.TransferTo(core::Visit{});
    editor.Show();
    pumpEvents(200);
    auto* q2 = XRCCTRL(editor, "basdai_q2", wxTextCtrl);
    typeInto(editor, "basdai_q2", "11");
    pressSave(editor);
    EXPECT_EQ(saves, 0);
    EXPECT_TRUE(editor.IsShown());
    const wxString message = labelOf(editor, "basdai_message");
    EXPECT_TRUE(XRCCTRL(editor, "basdai_message", wxStaticText)->IsShown());
    // The message names the field, the value and the allowed range (core's wording).
    EXPECT_NE(message.Find("BASDAI Q2"), wxNOT_FOUND) << message.utf8_str();
    EXPECT_NE(message.Find("11"), wxNOT_FOUND) << message.utf8_str();
    EXPECT_NE(message.Find("0 to 10"), wxNOT_FOUND) << message.utf8_str();
    EXPECT_NE(labelOf(editor, "summary").Find("Not saved"), wxNOT_FOUND);
    EXPECT_EQ(q2->GetBackgroundColour(), errorBackground());
    saveScreenshot(&editor, "visit_editor_invalid");

    // Corrected, it saves.
    typeInto(editor, "basdai_q2", "10");
    EXPECT_FALSE(XRCCTRL(editor, "basdai_message", wxStaticText)->IsShown());
    EXPECT_TRUE(editor.trySave());
    EXPECT_EQ(saves, 1);
    EXPECT_EQ(editor.saved().basdai.q2, 10);
}

TEST(VisitEditor, EverySaveErrorIsListedAndReachableWhenThereAreMany) {
    VisitEditor editor(nullptr, woman(), {}, core::Settings{}, [](const core::Visit&, bool) {});
    editor.TransferTo(core::Visit{});
    editor.Show();
    pumpEvents(200);
    const std::vector<std::pair<const char*, const char*>> typed = {
        {"basdai_q1", "11"}, {"basdai_q2", "12"}, {"basdai_q3", "13"},     {"basfi_q4", "4,5x"},
        {"basfi_q5", "15"},  {"basfi_q6", "-3"},  {"patient_global", "14"}};
    for (const auto& [field, text] : typed)
        typeInto(editor, field, text);
    pressSave(editor);
    EXPECT_TRUE(editor.IsShown());
    const wxString summary = labelOf(editor, "summary");
    EXPECT_NE(summary.Find("Not saved: correct the 7 entries marked in red:"), wxNOT_FOUND) << summary;
    for (const char* name :
         {"BASDAI Q1", "BASDAI Q2", "BASDAI Q3", "BASFI Q4", "BASFI Q5", "BASFI Q6", "global"})
        EXPECT_NE(summary.Find(name), wxNOT_FOUND) << name << " missing from: " << summary;
    // The list is taller than its area: the area scrolls, so the last message can be brought into view.
    auto* area = XRCCTRL(editor, "summary_area", wxScrolledWindow);
    auto* line = XRCCTRL(editor, "summary", wxStaticText);
    EXPECT_TRUE(line->IsShown());
    EXPECT_GE(area->GetVirtualSize().y, line->GetSize().y);
    EXPECT_GT(area->GetSize().y, 0);
    EXPECT_LE(area->GetSize().y, editor.FromDIP(110));
    EXPECT_LE(area->GetScreenRect().GetBottom(), editor.GetScreenRect().GetBottom()) << "inside the dialog";
    saveScreenshot(&editor, "visit_editor_many_errors");
    area->Scroll(0, area->GetVirtualSize().y);
    saveScreenshot(&editor, "visit_editor_many_errors_scrolled");
}

TEST(VisitEditor, UnreadableNumberAndTooFewVertebraeAreNamed) {
    VisitEditor editor(nullptr, woman(), {}, core::Settings{}, [](const core::Visit&, bool) {});
    editor.TransferTo(core::Visit{});
    typeInto(editor, "basfi_q4", "4,5x");
    typeInto(editor, "bmd_lumbar", "0.9");
    typeInto(editor, "bmd_vertebrae", "L2");
    core::Visit visit;
    EXPECT_FALSE(editor.TransferFrom(visit));
    EXPECT_NE(labelOf(editor, "basfi_message").Find("BASFI Q4"), wxNOT_FOUND);
    EXPECT_NE(labelOf(editor, "basfi_message").Find("4,5x"), wxNOT_FOUND);
    EXPECT_NE(labelOf(editor, "bmd_message").Find("lumbar spine vertebrae"), wxNOT_FOUND);
}

TEST(VisitEditor, ADecimalCommaOrALessThanSignInTheCrpSaysWhatToType) {
    VisitEditor editor(nullptr, woman(), {}, core::Settings{}, [](const core::Visit&, bool) {});
    editor.TransferTo(core::Visit{});
    editor.Show();
    typeInto(editor, "crp_value", "3,5");
    core::Visit visit;
    EXPECT_FALSE(editor.TransferFrom(visit));
    EXPECT_NE(
        labelOf(editor, "lab_message").Find("CRP: 3,5 is not allowed (allowed: a number; use a point: 3.5)"),
        wxNOT_FOUND)
        << labelOf(editor, "lab_message");
    saveScreenshot(&editor, "visit_editor_crp_comma");

    typeInto(editor, "crp_value", "<5");
    EXPECT_FALSE(editor.TransferFrom(visit));
    const wxString message = labelOf(editor, "lab_message");
    EXPECT_NE(message.Find("CRP: <5 is not allowed"), wxNOT_FOUND) << message;
    EXPECT_NE(message.Find("tick 'below detection limit' and enter the limit"), wxNOT_FOUND) << message;

    typeInto(editor, "crp_value", "3.5");
    EXPECT_TRUE(editor.TransferFrom(visit)) << labelOf(editor, "lab_message");
}

TEST(VisitEditor, WarningIsConfirmedAndTheConfirmationReachesTheSave) {
    std::optional<bool> confirmed;
    VisitEditor editor(nullptr, woman(), {}, core::Settings{},
                       [&](const core::Visit&, bool c) { confirmed = c; });
    core::Visit visit;
    visit.date = date(2022, 6, 1);
    editor.TransferTo(visit);
    typeInto(editor, "crp_value", "250");  // above the soft limit of 200 mg/L: asks
    DialogResponder responder;
    responder.thenReturn(wxID_NO).thenReturn(wxID_YES);
    EXPECT_FALSE(editor.trySave());
    EXPECT_FALSE(confirmed.has_value()) << "not confirmed, not saved";
    EXPECT_TRUE(editor.trySave());
    ASSERT_TRUE(confirmed.has_value());
    EXPECT_TRUE(*confirmed);
    ASSERT_EQ(responder.seen().size(), 2u);
    EXPECT_NE(responder.seen()[0].find("CRP"), std::string::npos) << responder.seen()[0];
}

TEST(VisitEditor, StorageRefusalIsShownAndTheInputKept) {
    VisitEditor editor(nullptr, woman(), {}, core::Settings{}, [](const core::Visit&, bool) {
        throw core::ValidationError("visit date", "2022-06-01", "one visit per date for a patient");
    });
    core::Visit visit;
    visit.date = date(2022, 6, 1);
    editor.TransferTo(visit);
    typeInto(editor, "basdai_q1", "3");
    EXPECT_FALSE(editor.trySave());
    EXPECT_NE(labelOf(editor, "summary").Find("one visit per date"), wxNOT_FOUND);
    EXPECT_EQ(XRCCTRL(editor, "basdai_q1", wxTextCtrl)->GetValue(), "3");
}

TEST(VisitEditor, EscapeWithChangesAsksAndWithoutChangesCloses) {
    VisitEditor editor(nullptr, woman(), {}, core::Settings{}, [](const core::Visit&, bool) {});
    editor.TransferTo(core::Visit{});
    editor.Show();
    pumpEvents(200);
    typeInto(editor, "basdai_q1", "4");
    EXPECT_TRUE(editor.isModified());
    DialogResponder responder;
    responder.thenReturn(wxID_NO).thenReturn(wxID_YES);
    pressEscape(editor);
    ASSERT_EQ(responder.seen().size(), 1u) << "Esc with changes must ask";
    EXPECT_NE(responder.seen()[0].find("unsaved changes"), std::string::npos);
    EXPECT_TRUE(editor.IsShown()) << "keep editing";
    pressEscape(editor);
    EXPECT_EQ(responder.seen().size(), 2u);
    EXPECT_FALSE(editor.IsShown());
    EXPECT_EQ(editor.GetReturnCode(), wxID_CANCEL);

    VisitEditor unchanged(nullptr, woman(), {}, core::Settings{}, [](const core::Visit&, bool) {});
    unchanged.TransferTo(core::Visit{});
    EXPECT_TRUE(unchanged.tryCancel()) << "nothing changed: closes without asking";
}

TEST(VisitEditor, ScoresFollowTheTypingWithTheAsdasStateColour) {
    VisitEditor editor(nullptr, woman(), {}, core::Settings{}, [](const core::Visit&, bool) {});
    editor.TransferTo(core::Visit{});
    // The full reason is the tooltip (the label shows at most three lines of it).
    EXPECT_NE(
        XRCCTRL(editor, "score_basdai_detail", wxStaticText)->GetToolTipText().Find("BASDAI Q6 missing"),
        wxNOT_FOUND);
    const char* items[] = {"2", "3", "1", "2", "3", "4"};
    for (int i = 0; i < 6; ++i)
        typeInto(editor, ("basdai_q" + std::to_string(i + 1)).c_str(), items[i]);
    typeInto(editor, "patient_global", "3");
    typeInto(editor, "crp_value", "1");
    core::BasdaiInput input{2, 3, 1, 2, 3, 4};
    EXPECT_EQ(labelOf(editor, "score_basdai"), core::formatFixed(*core::computeBasdai(input).value, 1));
    const core::AsdasResult asdas = core::computeAsdasCrp(
        core::asdasInputFromBasdai(input, 3.0), core::CrpMeasurement{1, core::CrpUnit::MgPerL, false}, {});
    EXPECT_EQ(labelOf(editor, "score_asdas_crp").Strip(wxString::both), core::formatFixed(*asdas.value, 2));
    EXPECT_EQ(XRCCTRL(editor, "score_asdas_crp", wxStaticText)->GetBackgroundColour(),
              asdasStateColour(*asdas.state));
    // The CRP floor note of core is shown.
    EXPECT_NE(labelOf(editor, "score_asdas_crp_detail").Find("2 mg/L"), wxNOT_FOUND);
    // Q6 from minutes of morning stiffness: core converts 60 minutes to 5.
    typeInto(editor, "basdai_q6_minutes", "60");
    EXPECT_EQ(XRCCTRL(editor, "basdai_q6", wxTextCtrl)->GetValue(), "5");
    // Menopausal status is offered for a woman.
    EXPECT_TRUE(XRCCTRL(editor, "menopausal", wxWindow)->IsShown());
}

TEST(VisitEditor, BiomarkerRowsKeepEveryValueAndAnEmptyRowIsNamed) {
    core::Visit visit;
    visit.date = date(2022, 6, 1);
    core::LabValue mmp3;
    mmp3.analyte = core::Analyte::Mmp3;
    mmp3.value = 88;
    mmp3.unit = "ng/mL";
    mmp3.assay = "Panacea ELISA";
    mmp3.sampleType = core::SampleType::Serum;
    mmp3.sampleDate = visit.date;
    mmp3.laboratory = "Central lab";
    visit.labs.push_back(mmp3);
    VisitEditor editor(nullptr, woman(), {}, core::Settings{}, [](const core::Visit&, bool) {});
    editor.TransferTo(visit);
    EXPECT_EQ(editor.labRowCount(), 1);
    core::Visit back;
    ASSERT_TRUE(editor.TransferFrom(back));
    ASSERT_EQ(back.labs.size(), 1u);
    EXPECT_EQ(back.labs[0].analyte, core::Analyte::Mmp3);
    EXPECT_EQ(back.labs[0].value, 88);
    EXPECT_EQ(back.labs[0].unit, "ng/mL");
    EXPECT_EQ(back.labs[0].assay, "Panacea ELISA");
    EXPECT_EQ(back.labs[0].sampleType, core::SampleType::Serum);
    EXPECT_EQ(back.labs[0].laboratory, "Central lab") << "what the editor does not show is kept";
    editor.addLabRow();
    EXPECT_EQ(editor.labRowCount(), 2);
    EXPECT_FALSE(editor.TransferFrom(back)) << "an added row without a value is named, not dropped";
    EXPECT_NE(labelOf(editor, "labs_message").Find("MMP-3"), wxNOT_FOUND);
}

TEST(VisitEditor, LabsSampledOnAnotherDayKeepTheirSampleDate) {
    // An imported visit may carry labs sampled before the visit day (visit CSV *_sample_date); the
    // editor does not show sample dates, so saving must not move them to the visit date.
    core::Visit visit;
    visit.date = date(2022, 6, 1);
    core::LabValue crp;
    crp.analyte = core::Analyte::Crp;
    crp.value = 12;
    crp.unit = "mg/L";
    crp.sampleDate = date(2022, 5, 30);
    core::LabValue esr;
    esr.analyte = core::Analyte::Esr;
    esr.value = 20;
    esr.unit = "mm/h";
    esr.sampleDate = visit.date;
    core::LabValue mmp3;
    mmp3.analyte = core::Analyte::Mmp3;
    mmp3.value = 88;
    mmp3.unit = "ng/mL";
    mmp3.sampleDate = date(2022, 5, 31);
    visit.labs = {crp, esr, mmp3};
    VisitEditor editor(nullptr, woman(), {}, core::Settings{}, [](const core::Visit&, bool) {});
    editor.TransferTo(visit);
    core::Visit back;
    ASSERT_TRUE(editor.TransferFrom(back));
    const auto sampleDateOf = [&](core::Analyte analyte) {
        for (const core::LabValue& value : back.labs)
            if (value.analyte == analyte)
                return value.sampleDate;
        return core::Date();
    };
    EXPECT_EQ(sampleDateOf(core::Analyte::Crp), date(2022, 5, 30));
    EXPECT_EQ(sampleDateOf(core::Analyte::Mmp3), date(2022, 5, 31));
    EXPECT_EQ(sampleDateOf(core::Analyte::Esr), date(2022, 6, 1));

    // A new visit date moves the labs sampled on the visit's day with it, and only those.
    typeInto(editor, "visit_date", "2022-06-03");
    ASSERT_TRUE(editor.TransferFrom(back));
    EXPECT_EQ(sampleDateOf(core::Analyte::Esr), date(2022, 6, 3));
    EXPECT_EQ(sampleDateOf(core::Analyte::Crp), date(2022, 5, 30));
    EXPECT_EQ(sampleDateOf(core::Analyte::Mmp3), date(2022, 5, 31));
}

namespace {

core::LabValue labValue(core::Analyte analyte, double value, const char* unit, core::Date sampled) {
    core::LabValue lab;
    lab.analyte = analyte;
    lab.value = value;
    lab.unit = unit;
    lab.sampleDate = sampled;
    return lab;
}

/// A visit with every field the database holds filled, several in ways the form does not show: a
/// CRP above its detection limit with the limit recorded, labs not in the form's order, sample dates
/// before the visit, two DXA devices, non-contiguous vertebrae, a number of 13 digits.
core::Visit everyFieldVisit() {
    core::Visit v;
    v.date = date(2022, 6, 1);
    v.postmenopausal = true;
    v.basdai = {6, 5.5, 3, 4, 5, 6.5};
    v.patientGlobal = 6.123456789012;
    for (int i = 0; i < 10; ++i)
        v.basfi.items[i] = i * 0.5;
    v.basmi = {12, 11.5, 14, 15, 3.5, 95, 60, 62};
    // The ASAS core set with a MASES site not examined and a manifestation not recorded.
    v.coreSet.physicianGlobal = 4.5;
    v.coreSet.swollenJointCount = 1;
    v.coreSet.tenderJointCount = 0;
    v.coreSet.dactylitisDigits = 2;
    for (core::MasesSite site : core::allMasesSites())
        v.coreSet.mases.at(site) = site == core::MasesSite::AchillesRight;
    v.coreSet.mases.at(core::MasesSite::FifthLumbarSpinousProcess).reset();
    v.coreSet.at(core::Manifestation::Uveitis) =
        core::ManifestationRecord{core::ManifestationStatus::History, date(2019, 4, 1)};
    v.coreSet.at(core::Manifestation::Psoriasis) =
        core::ManifestationRecord{core::ManifestationStatus::Never, {}};
    core::LabValue mmp3 = labValue(core::Analyte::Mmp3, 88, "ng/mL", date(2022, 5, 30));
    mmp3.assay = "Panacea ELISA";
    mmp3.sampleType = core::SampleType::Serum;
    mmp3.laboratory = "Research lab";
    core::LabValue crp = labValue(core::Analyte::Crp, 3.2, "mg/dL", date(2022, 5, 31));
    crp.assay = "Roche CRP4";
    crp.sampleType = core::SampleType::Plasma;
    crp.laboratory = "Central lab";
    crp.detectionLimit = 0.05;
    core::LabValue esr = labValue(core::Analyte::Esr, 20, "mm/h", v.date);
    esr.assay = "Westergren";
    esr.laboratory = "Ward lab";
    core::LabValue dkk1 = labValue(core::Analyte::Dkk1, 0.3, "ng/mL", v.date);
    dkk1.belowDetectionLimit = true;
    dkk1.detectionLimit = 0.5;  // reported as 0.3 below a limit of 0.5
    dkk1.assay = "Biomedica";
    v.labs = {mmp3, crp, esr, dkk1};
    core::BmdMeasurement hip{core::BmdSite::TotalHip, 0.85, -1.1, -0.9, {"GE", "Lunar iDXA"}, {}};
    core::BmdMeasurement spine{core::BmdSite::LumbarSpine,
                               0.912,
                               -1.8,
                               std::nullopt,
                               {"Hologic", "Horizon A"},
                               core::parseVertebrae("L1,L2,L4", "vertebrae")};
    v.bmd = {hip, spine};
    v.notes = "First line\nzweite Zeile, 第三行";
    return v;
}

}  // namespace

class VisitRoundTrip : public TempDatabaseTest {};

TEST_F(VisitRoundTrip, EveryStoredFieldComesBackUnchangedAndOnlyTheChangedItemIsAudited) {
    storage::Database db(databasePath(), "", storage::Open::CreateNew);
    storage::VisitRepository visits(db);
    const auto patientId = storage::PatientRepository(db).add(woman());
    const auto visitId = visits.add(patientId, everyFieldVisit(), true);
    const auto load = [&] { return storage::HistoryReader(db).load(patientId)->visits.at(0); };
    const auto auditRows = [&] { return storage::auditRowsFor(db, "visit", visitId); };
    const core::Visit stored = load();
    const std::size_t rowsBefore = auditRows().size();

    DialogResponder responder;  // no dialog is expected: one would fail the test, not wait
    const SaveVisit save = [&](const core::Visit& v, bool confirmed) {
        visits.update(visitId, v, "corrected", confirmed);
    };
    {
        // Opened and saved without a change: the record is identical and no audit row is written.
        VisitEditor editor(nullptr, woman(), {}, core::Settings{}, save);
        editor.TransferTo(stored);
        editor.Show();
        pumpEvents(50);
        ASSERT_TRUE(editor.trySave()) << labelOf(editor, "summary");
        EXPECT_EQ(storage::toJson(editor.saved()).dump(1), storage::toJson(stored).dump(1));
        EXPECT_EQ(storage::toJson(load()).dump(1), storage::toJson(stored).dump(1));
        EXPECT_EQ(auditRows().size(), rowsBefore);
    }
    {
        // Only BASDAI Q1 changed: the audit row's old and new values differ in basdai_q1 alone.
        VisitEditor editor(nullptr, woman(), {}, core::Settings{}, save);
        editor.TransferTo(load());
        editor.Show();
        typeInto(editor, "basdai_q1", "7");
        ASSERT_TRUE(editor.trySave()) << labelOf(editor, "summary");
        const auto rows = auditRows();
        ASSERT_EQ(rows.size(), rowsBefore + 1);
        EXPECT_EQ(changedFields(rows.back().oldValues, rows.back().newValues),
                  std::vector<std::string>{"basdai_q1"});
        core::Visit expected = stored;
        expected.basdai.q1 = 7;
        EXPECT_EQ(storage::toJson(load()).dump(1), storage::toJson(expected).dump(1));
    }
}

TEST_F(VisitRoundTrip, ASaveOverAnotherWorkstationsChangeIsRefusedAndTheInputKept) {
    storage::Database db(databasePath(), "dr.zhang", storage::Open::CreateNew);
    const auto patientId = storage::PatientRepository(db).add(woman());
    const auto visitId = storage::VisitRepository(db).add(patientId, everyFieldVisit(), true);
    const std::int64_t opened = storage::auditVersion(db);
    const core::Visit stored = storage::HistoryReader(db).load(patientId)->visits.at(0);

    VisitEditor editor(nullptr, woman(), {}, core::Settings{}, [&](const core::Visit& v, bool confirmed) {
        storage::VisitRepository(db).update(visitId, v, "review", confirmed, opened);
    });
    editor.TransferTo(stored);
    editor.Show();
    typeInto(editor, "basdai_q1", "7");
    {
        storage::Database wu(databasePath(), "dr.wu");  // another workstation saves the visit meanwhile
        core::Visit byWu = stored;
        byWu.notes = "entered by dr.wu";
        storage::VisitRepository(wu).update(visitId, byWu, "nurse's sheet");
    }
    EXPECT_FALSE(editor.trySave());
    EXPECT_NE(labelOf(editor, "summary").Find("was changed by dr.wu at "), wxNOT_FOUND)
        << labelOf(editor, "summary");
    EXPECT_EQ(XRCCTRL(editor, "basdai_q1", wxTextCtrl)->GetValue(), "7");
    EXPECT_EQ(storage::HistoryReader(db).load(patientId)->visits.at(0).notes, "entered by dr.wu");
}

TEST(VisitEditor, ANewCrpOrEsrIsOfferedThePatientsLastAssay) {
    core::Visit earlier;
    earlier.date = date(2021, 3, 1);
    core::LabValue crp = labValue(core::Analyte::Crp, 4, "mg/L", earlier.date);
    crp.assay = "Roche CRP4";
    core::LabValue esr = labValue(core::Analyte::Esr, 12, "mm/h", earlier.date);
    esr.assay = "Westergren";
    earlier.labs = {crp, esr};
    core::Visit later;  // a CRP without an assay recorded does not replace the last assay
    later.date = date(2021, 9, 1);
    later.labs = {labValue(core::Analyte::Crp, 5, "mg/L", later.date)};
    VisitEditor editor(nullptr, woman(), {}, core::Settings{}, [](const core::Visit&, bool) {},
                       {earlier, later});
    core::Visit visit;
    visit.date = date(2022, 6, 1);
    editor.TransferTo(visit);
    EXPECT_EQ(XRCCTRL(editor, "crp_assay", wxTextCtrl)->GetValue(), "Roche CRP4");
    EXPECT_EQ(XRCCTRL(editor, "esr_assay", wxTextCtrl)->GetValue(), "Westergren");
    typeInto(editor, "crp_value", "6");
    typeInto(editor, "esr_value", "15");
    core::Visit back;
    ASSERT_TRUE(editor.TransferFrom(back));
    ASSERT_TRUE(back.lab(core::Analyte::Crp));
    EXPECT_EQ(back.lab(core::Analyte::Crp)->assay, "Roche CRP4");
    EXPECT_EQ(back.lab(core::Analyte::Esr)->assay, "Westergren");
    editor.Show();
    saveScreenshot(&editor, "visit_editor_assays");
    // A stored value keeps its own assay, recorded or not: the default is for new values only.
    VisitEditor again(nullptr, woman(), {}, core::Settings{}, [](const core::Visit&, bool) {},
                      {earlier, later});
    again.TransferTo(later);
    EXPECT_EQ(XRCCTRL(again, "crp_assay", wxTextCtrl)->GetValue(), "");
}

}  // namespace ankylos::ui::test
