// Signing visits in the patient record: on a file the dialog records the user's name, the Visits tab
// marks the visit signed, and a change (whose reason question says what it does to the signature)
// leaves it "changed after signing". On a server a physician signs with the password, typed again
// after a wrong one, and a nurse is not offered to sign visits.
#include "ui/sign_dialog.h"

#include <gtest/gtest.h>
#include <wx/button.h>
#include <wx/frame.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/regex.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>
#include <algorithm>

#include "demo/demo_cohort.h"
#include "storage/audit.h"
#include "storage/clinic_accounts.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/signatures.h"
#include "storage/visit_import.h"
#include "storage/visit_repository.h"
#include "ui/display.h"
#include "ui/patient_record_panel.h"
#include "ui/visit_editor.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {

namespace {

using boost::gregorian::date;
using storage::Role;
using storage::test::ClinicAccounts;
using storage::test::PostgresTestDatabase;

constexpr long kSignOffColumn = 1;
constexpr long kFilmSignOffColumn = 4;

/// The text of a label, its wrapping undone.
wxString unwrapped(wxString text) {
    text.Replace("\n", " ");
    return text;
}

wxString labelOf(wxDialog& dialog, const char* name) {
    return unwrapped(XRCCTRL(dialog, name, wxStaticText)->GetLabel());
}

/// "signed by <signer> YYYY-MM-DD HH:MM".
bool isSignedBy(const wxString& marker, const std::string& signer) {
    return wxRegEx("^signed by " + fromUtf8(signer) + " [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}$")
        .Matches(marker);
}

/// A window holding the record panel of patientId, on the Visits tab.
struct RecordWindow {
    RecordWindow(storage::Database& db, std::int64_t patientId)
        : frame(nullptr, wxID_ANY, "record", wxDefaultPosition, wxSize(1240, 640)) {
        panel = new PatientRecordPanel(
            &frame, db, [] {}, [] {});
        frame.Show();
        EXPECT_TRUE(panel->showPatient(patientId));
        panel->tabs()->SetSelection(kVisitsTab);
        pumpWindowEvents(100);
    }
    wxString marker(long row) const { return panel->visitsTable()->GetItemText(row, kSignOffColumn); }
    wxFrame frame;
    PatientRecordPanel* panel;
};

}  // namespace

class SignDialogOnAFile : public TempDatabaseTest {};

TEST_F(SignDialogOnAFile, AVisitSignedThroughTheDialogIsMarkedAndAChangeLeavesTheSignatureBehind) {
    storage::Database db(databasePath(), "dr.wu", storage::Open::CreateNew);
    core::Patient patient;
    patient.clinicId = "AS-0001";
    patient.name = "Test Man";
    patient.birth = date(1980, 1, 1);
    const auto patientId = storage::PatientRepository(db).add(patient);
    core::Visit visit;
    visit.date = date(2024, 3, 1);
    visit.basdai.q1 = 2;
    storage::VisitRepository(db).add(patientId, visit);
    visit.date = date(2024, 9, 1);
    storage::VisitRepository(db).add(patientId, visit);

    RecordWindow window(db, patientId);
    EXPECT_EQ(window.marker(0), "");
    wxButton* sign = buttonLabelled(window.panel, "Si&gn visit...");
    ASSERT_NE(sign, nullptr);
    EXPECT_TRUE(sign->IsEnabled()) << "a file offers everything";

    DialogResponder responder;
    for (const char* visitDate : {"2024-03-01", "2024-09-01"})
        responder.then([&, visitDate](wxDialog& shown) {
            auto& dialog = dynamic_cast<SignDialog&>(shown);
            EXPECT_EQ(dialog.GetTitle(), "Sign visit");
            EXPECT_EQ(labelOf(dialog, "record"), wxString("visit ") + visitDate + " of AS-0001");
            EXPECT_EQ(labelOf(dialog, "meaning"), "reviewed and approved");
            EXPECT_EQ(labelOf(dialog, "signer"), "dr.wu");
            EXPECT_EQ(dialog.password(), nullptr) << "a file asks no password";
            EXPECT_FALSE(XRCCTRL(dialog, "password", wxTextCtrl)->IsShown());
            EXPECT_TRUE(labelOf(dialog, "note").Contains("records your name only"));
            EXPECT_EQ(dialog.GetDefaultItem(), dialog.FindWindow(wxID_OK)) << "Enter signs";
            dialog.Show();
            saveScreenshot(&dialog, "sign_dialog_file");
            EXPECT_TRUE(dialog.trySign()) << dialog.message();
            return dialog.GetReturnCode();
        });
    window.panel->signVisitAt(0);
    window.panel->signVisitAt(1);
    EXPECT_EQ(responder.pending(), 0u);
    EXPECT_TRUE(isSignedBy(window.marker(0), "dr.wu")) << window.marker(0);
    EXPECT_TRUE(isSignedBy(window.marker(1), "dr.wu")) << window.marker(1);
    ASSERT_EQ(window.panel->history().signOffs.size(), 2u);
    EXPECT_FALSE(window.panel->history().signOffs[0].passwordConfirmed);

    // Changing the signed visit: the reason question says what becomes of the signature.
    wxString note;
    responder
        .then([](wxDialog& shown) {
            auto& editor = dynamic_cast<VisitEditor&>(shown);
            XRCCTRL(editor, "basdai_q1", wxTextCtrl)->SetValue("6");
            pumpEvents(20);
            EXPECT_TRUE(editor.trySave());
            return wxID_OK;
        })
        .then([&](wxDialog& dialog) {
            auto* noteText = XRCCTRL(dialog, "note", wxStaticText);
            EXPECT_TRUE(noteText->IsShown());
            note = unwrapped(noteText->GetLabel());
            XRCCTRL(dialog, "reason", wxTextCtrl)->SetValue("BASDAI re-entered from the sheet");
            dialog.Show();
            saveScreenshot(&dialog, "reason_dialog_signed_visit");
            return wxID_OK;
        });
    window.panel->editVisitAt(0);
    EXPECT_EQ(responder.pending(), 0u);
    EXPECT_TRUE(note.StartsWith("Signed by dr.wu at ")) << note;
    EXPECT_TRUE(note.Contains("the changed record needs a new signature")) << note;
    EXPECT_EQ(window.marker(0), "changed after signing");
    EXPECT_TRUE(isSignedBy(window.marker(1), "dr.wu")) << "the other visit keeps its signature";
    saveScreenshot(&window.frame, "visits_tab_sign_off");
}

TEST_F(SignDialogOnAFile, AReadingSignedThroughTheDialogIsMarkedInTheFilmsTable) {
    storage::Database db(databasePath(), "dr.wu", storage::Open::CreateNew);
    const core::PatientHistory history = demo::demoPatient(1, 0, today());
    storage::importHistories(db, {history}, true, "demo cohort");
    RecordWindow window(db, *storage::PatientRepository(db).idOf(history.patient.clinicId));
    const auto& films = window.panel->history().films;
    const auto read =
        std::find_if(films.begin(), films.end(), [](const core::Film& f) { return !f.readings.empty(); });
    ASSERT_NE(read, films.end()) << "the demo patient has a film read";
    const long row = static_cast<long>(read - films.begin());
    const core::Film film = *read;  // the panel reads its history again after signing
    const std::string reader = film.readings[0].reader;
    window.panel->tabs()->SetSelection(kFilmsTab);
    EXPECT_TRUE(buttonLabelled(window.panel, "Si&gn reading...")->IsEnabled());

    DialogResponder responder;
    if (film.readings.size() > 1)
        responder.thenReturn(wxID_OK);  // which reading: the first, selected already
    wxString what;
    responder.then([&](wxDialog& shown) {
        auto& dialog = dynamic_cast<SignDialog&>(shown);
        what = labelOf(dialog, "record");
        EXPECT_EQ(dialog.GetTitle(), "Sign reading");
        EXPECT_TRUE(dialog.trySign()) << dialog.message();
        return dialog.GetReturnCode();
    });
    window.panel->signReadingAt(row);
    EXPECT_EQ(responder.pending(), 0u);
    EXPECT_EQ(what, wxString::Format("reading by %s of the film %s of %s", fromUtf8(reader),
                                     dateText(film.date), fromUtf8(history.patient.clinicId)));
    const wxString marker = window.panel->filmsTable()->GetItemText(row, kFilmSignOffColumn);
    EXPECT_TRUE(marker.StartsWith(fromUtf8(reader) + ": signed by dr.wu ")) << marker;
    pumpWindowEvents(100);
    saveScreenshot(&window.frame, "films_tab_sign_off");
}

class SignDialogPostgresql : public TempDatabaseTest {
protected:
    void SetUp() override {
        if (!PostgresTestDatabase::serverUri())
            GTEST_SKIP() << PostgresTestDatabase::kHowToRun;
        m_clinic = std::make_unique<ClinicAccounts>();
        const core::PatientHistory history = demo::demoPatient(1, 0, today());
        storage::importHistories(m_clinic->owner(), {history}, true, "demo cohort");
        m_patientId = *storage::PatientRepository(m_clinic->owner()).idOf(history.patient.clinicId);
    }
    std::unique_ptr<ClinicAccounts> m_clinic;
    std::int64_t m_patientId = 0;
};

TEST_F(SignDialogPostgresql, APhysicianSignsAVisitWithThePasswordTypedAgainAfterAWrongOne) {
    auto db = m_clinic->openAs(Role::Physician);
    const std::string physician = m_clinic->account(Role::Physician);
    RecordWindow window(*db, m_patientId);
    ASSERT_GT(window.panel->visitsTable()->GetItemCount(), 0);
    EXPECT_TRUE(buttonLabelled(window.panel, "Si&gn visit...")->IsEnabled());

    DialogResponder responder;
    wxString refusal;
    responder.then([&](wxDialog& shown) {
        auto& dialog = dynamic_cast<SignDialog&>(shown);
        EXPECT_EQ(labelOf(dialog, "signer"), fromUtf8(physician));
        wxTextCtrl* password = dialog.password();
        if (!password) {
            ADD_FAILURE() << "a server asks for the password";
            return int(wxID_CANCEL);
        }
        EXPECT_TRUE(password->HasFlag(wxTE_PASSWORD)) << "masked";
        EXPECT_FALSE(dialog.FindWindow(wxID_OK)->IsEnabled()) << "no password typed yet";
        password->SetValue("not my password");
        EXPECT_FALSE(dialog.trySign());
        refusal = unwrapped(dialog.message());
        EXPECT_EQ(password->GetValue(), "") << "cleared for typing again";
        dialog.Show();
        saveScreenshot(&dialog, "sign_dialog_server_wrong_password");
        EXPECT_FALSE(dialog.FindWindow(wxID_OK)->IsEnabled());
        password->SetValue(ClinicAccounts::kPassword);
        EXPECT_EQ(dialog.message(), "") << "typing again puts the refusal away";
        EXPECT_TRUE(dialog.FindWindow(wxID_OK)->IsEnabled());
        saveScreenshot(&dialog, "sign_dialog_server");
        EXPECT_TRUE(dialog.trySign()) << dialog.message();
        return dialog.GetReturnCode();
    });
    window.panel->signVisitAt(0);
    EXPECT_EQ(responder.pending(), 0u);
    EXPECT_TRUE(refusal.Contains("did not accept the password")) << refusal;
    EXPECT_TRUE(isSignedBy(window.marker(0), physician)) << window.marker(0);
    const auto& signOffs = window.panel->history().signOffs;
    ASSERT_EQ(signOffs.size(), 1u);
    EXPECT_TRUE(signOffs[0].passwordConfirmed);
    EXPECT_EQ(signOffs[0].signer, physician);
}

TEST_F(SignDialogPostgresql, ANurseIsNotOfferedToSignVisits) {
    auto db = m_clinic->openAs(Role::Nurse);
    RecordWindow window(*db, m_patientId);
    wxButton* sign = buttonLabelled(window.panel, "Si&gn visit...");
    ASSERT_NE(sign, nullptr);
    EXPECT_FALSE(sign->IsEnabled());
    EXPECT_EQ(sign->GetToolTipText(), "Your account (nurse) may not sign visits.");
    EXPECT_TRUE(buttonLabelled(window.panel, "&New visit...")->IsEnabled()) << "a nurse still enters visits";
}

}  // namespace ankylos::ui::test
