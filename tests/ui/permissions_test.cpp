// What the windows offer the signed-in account: on a server a nurse's window enters patients and
// visits but scores no film, a researcher's lists study IDs and offers no editing, and both say who
// is signed in and as what; a file offers everything. A refusal the server still makes (roles taken
// away while the window is open) is shown in the editor, which keeps what was typed.
#include "ui/permissions.h"

#include <gtest/gtest.h>
#include <wx/button.h>
#include <wx/config.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>
#include <wx/xrc/xmlres.h>

#include "demo/demo_cohort.h"
#include "storage/clinic_accounts.h"
#include "storage/patient_repository.h"
#include "storage/visit_import.h"
#include "ui/ct_scans_page.h"
#include "ui/display.h"
#include "ui/main_frame.h"
#include "ui/patient_editor.h"
#include "ui/patient_list_panel.h"
#include "ui/patient_record_panel.h"
#include "ui/start_panel.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {
namespace {

using storage::Role;
using storage::test::ClinicAccounts;
using storage::test::PostgresTestDatabase;

/// Whether the menu item labelled label (without mnemonic) is enabled, after the menus' update.
bool menuEnabled(MainFrame* frame, const wxString& label) {
    wxMenuBar* bar = frame->GetMenuBar();
    bar->UpdateMenus();
    for (size_t m = 0; m < bar->GetMenuCount(); ++m)
        for (wxMenuItem* item : bar->GetMenu(m)->GetMenuItems())
            if (item->GetItemLabelText() == label)
                return item->IsEnabled();
    ADD_FAILURE() << "no menu item " << label;
    return false;
}

const wxString kEditingButtons[] = {"&Edit patient...", "&New visit...", "E&dit visit...",
                                    "De&lete visit...", "&New film...",  "&Score film...",
                                    "Delete fil&m..."};

class PermissionsPostgresql : public TempDatabaseTest {
protected:
    void SetUp() override {
        if (!PostgresTestDatabase::serverUri())
            GTEST_SKIP() << PostgresTestDatabase::kHowToRun;
        m_clinic = std::make_unique<ClinicAccounts>();
        std::vector<core::PatientHistory> histories;
        for (int i = 0; i < 6; ++i)
            histories.push_back(demo::demoPatient(1, i, today()));
        storage::importHistories(m_clinic->owner(), histories, true, "demo cohort");
        m_frame = new MainFrame;
        m_frame->SetSize(1240, 780);
        m_frame->Show();
        pumpWindowEvents(100);
    }
    void TearDown() override {
        if (m_frame)
            m_frame->Destroy();
        pumpEvents(50);
        // The test databases are gone: other tests of this run must not find them in Recent servers.
        wxConfigBase::Get()->DeleteGroup("/RecentServers");
    }
    /// Opens the database in the window as the person holding role, typing the password when asked.
    void signInAs(Role role) {
        DialogResponder responder;
        responder.then([](wxDialog& dialog) {
            wxDynamicCast(&dialog, wxTextEntryDialog)->SetValue(ClinicAccounts::kPassword);
            return wxID_OK;
        });
        ASSERT_TRUE(m_frame->openDatabase(m_clinic->uriOf(m_clinic->account(role))));
        m_frame->waitForWriteCheck();
        pumpWindowEvents(200);
    }
    /// Opens the first patient of the list, on the tab given.
    PatientRecordPanel* openFirstPatient(int tab) {
        m_frame->openPatient(m_frame->patientList()->list()->row(0).id);
        m_frame->record()->tabs()->SetSelection(tab);
        pumpWindowEvents(200);
        return m_frame->record();
    }
    std::unique_ptr<ClinicAccounts> m_clinic;
    MainFrame* m_frame = nullptr;
};

TEST_F(PermissionsPostgresql, ANursesWindowEntersPatientsAndVisitsButScoresNoFilm) {
    signInAs(Role::Nurse);
    const wxString nurse = fromUtf8(m_clinic->account(Role::Nurse));
    EXPECT_TRUE(m_frame->GetStatusBar()->GetStatusText(0).StartsWith("Signed in as " + nurse + " (nurse)"))
        << m_frame->GetStatusBar()->GetStatusText(0);
    EXPECT_TRUE(m_frame->GetTitle().Contains(nurse + " (nurse)")) << m_frame->GetTitle();
    EXPECT_TRUE(menuEnabled(m_frame, "New patient..."));
    EXPECT_FALSE(menuEnabled(m_frame, "Accounts...")) << "only an administrator manages accounts";

    PatientRecordPanel* record = openFirstPatient(kFilmsTab);  // Films
    for (const wxString& label : kEditingButtons) {
        wxButton* button = buttonLabelled(record, label);
        ASSERT_NE(button, nullptr) << label;
        EXPECT_EQ(button->IsEnabled(), label != "&Score film...") << label;
    }
    EXPECT_EQ(buttonLabelled(record, "&Score film...")->GetToolTipText(),
              "Your account (nurse) may not score films.");
    saveScreenshot(m_frame, "main_window_nurse");
    record->tabs()->SetSelection(kPelvicFilmsTab);  // Pelvic films: grading them is scoring films
    for (const char* label : {"&New pelvic film...", "E&dit pelvic film...", "De&lete pelvic film..."}) {
        wxButton* button = buttonLabelled(record, label);
        ASSERT_NE(button, nullptr) << label;
        EXPECT_FALSE(button->IsEnabled()) << label;
        EXPECT_EQ(button->GetToolTipText(), "Your account (nurse) may not score films.") << label;
    }
    // CT scans: a nurse enters and corrects the scan; reading it is scoring.
    record->tabs()->SetSelection(kCtScansTab);
    for (const char* label : {"&New CT scan...", "Edi&t CT scan...", "De&lete CT scan..."})
        EXPECT_TRUE(buttonLabelled(record->ctScans(), label)->IsEnabled()) << label;
    for (const char* label : {"&Score (new reading)...", "Edit readin&g...", "Delete re&ading..."}) {
        wxButton* button = buttonLabelled(record->ctScans(), label);
        ASSERT_NE(button, nullptr) << label;
        EXPECT_FALSE(button->IsEnabled()) << label;
        EXPECT_EQ(button->GetToolTipText(), "Your account (nurse) may not score films.") << label;
    }
}

TEST_F(PermissionsPostgresql, AResearchersWindowListsStudyIdsAndOffersNoEditing) {
    signInAs(Role::Researcher);
    EXPECT_TRUE(m_frame->GetStatusBar()->GetStatusText(0).Contains("(researcher)"));
    PatientListCtrl* list = m_frame->patientList()->list();
    ASSERT_EQ(list->GetItemCount(), 6);
    for (long row = 0; row < list->GetItemCount(); ++row) {
        EXPECT_TRUE(list->GetItemText(row, 0).StartsWith("S-")) << list->GetItemText(row, 0);
        EXPECT_FALSE(list->GetItemText(row, 0).StartsWith("AS-"));
    }
    wxListItem idColumn;
    idColumn.SetMask(wxLIST_MASK_TEXT);
    ASSERT_TRUE(list->GetColumn(0, idColumn));
    EXPECT_EQ(idColumn.GetText(), "Study ID");
    EXPECT_FALSE(menuEnabled(m_frame, "New patient..."));
    EXPECT_FALSE(menuEnabled(m_frame, "Import visits from CSV..."));
    EXPECT_FALSE(menuEnabled(m_frame, "Accounts..."));
    saveScreenshot(m_frame, "main_window_researcher");

    PatientRecordPanel* record = openFirstPatient(kVisitsTab);  // Visits
    for (const wxString& label : kEditingButtons) {
        wxButton* button = buttonLabelled(record, label);
        ASSERT_NE(button, nullptr) << label;
        EXPECT_FALSE(button->IsEnabled()) << label;
        EXPECT_TRUE(button->GetToolTipText().StartsWith("Your account (researcher) may not")) << label;
    }
    saveScreenshot(m_frame, "main_window_researcher_record");
    record->tabs()->SetSelection(kAuditTab);  // Audit: the researcher's view of the trail
    pumpWindowEvents(100);
    ASSERT_EQ(record->auditTable()->GetItemCount(), 1);
    EXPECT_EQ(record->auditTable()->GetItemText(0, 5),
              "The audit trail holds names and real dates: your account (researcher) may not read it.");
}

TEST_F(PermissionsPostgresql, AnAdministratorOffersAccountsAndNoClinicalEntry) {
    signInAs(Role::Administrator);
    EXPECT_TRUE(menuEnabled(m_frame, "Accounts..."));
    EXPECT_FALSE(menuEnabled(m_frame, "New patient..."));
    PatientRecordPanel* record = openFirstPatient(kVisitsTab);
    EXPECT_FALSE(buttonLabelled(record, "&New visit...")->IsEnabled());
}

TEST_F(PermissionsPostgresql, ARefusalTheServerStillMakesIsShownInTheEditorWithTheInputKept) {
    signInAs(Role::Nurse);
    PatientRecordPanel* record = openFirstPatient(kCourseTab);
    // The administrator takes the nurse's patients away while the window is open: it still offers
    // the edit (the roles were read at sign-in), and the server refuses it.
    storage::AccountRepository(m_clinic->owner())
        .setRoles(m_clinic->account(Role::Nurse), {Role::Reader}, "reads films only now");
    DialogResponder responder;
    wxString refusal;
    responder.then([&](wxDialog& dialog) {
        auto& editor = dynamic_cast<PatientEditor&>(dialog);
        auto* name = XRCCTRL(editor, "name", wxTextCtrl);
        name->SetValue("Renamed By A Reader");
        EXPECT_FALSE(editor.trySave());
        refusal = XRCCTRL(editor, "summary", wxStaticText)->GetLabel();
        EXPECT_EQ(name->GetValue(), "Renamed By A Reader") << "the input stays";
        return int(wxID_CANCEL);
    });
    responder.then([](wxDialog& dialog) {
        XRCCTRL(dialog, "reason", wxTextCtrl)->SetValue("spelling");
        return int(wxID_OK);
    });
    record->editPatientDetails();
    EXPECT_TRUE(refusal.Contains(fromUtf8(m_clinic->account(Role::Nurse)))) << refusal;
}

class PermissionsOnAFile : public TempDatabaseTest {};

TEST_F(PermissionsOnAFile, EverythingIsOfferedAndNoAccountIsNamed) {
    {
        storage::Database db(databasePath(), "li.na", storage::Open::CreateNew);
        storage::importHistories(db, {demo::demoPatient(1, 0, today())}, true, "demo cohort");
    }
    auto* frame = new MainFrame;
    frame->Show();
    ASSERT_TRUE(frame->openDatabase(databasePath()));
    frame->waitForWriteCheck();
    pumpEvents(100);
    EXPECT_TRUE(frame->GetStatusBar()->GetStatusText(0).StartsWith("User: "))
        << frame->GetStatusBar()->GetStatusText(0);
    EXPECT_FALSE(frame->GetStatusBar()->GetStatusText(0).Contains("Signed in"));
    EXPECT_FALSE(frame->GetTitle().Contains("(")) << frame->GetTitle();
    EXPECT_TRUE(menuEnabled(frame, "New patient..."));
    EXPECT_FALSE(menuEnabled(frame, "Accounts...")) << "a file has no accounts";
    frame->openPatient(frame->patientList()->list()->row(0).id);
    for (const wxString& label : kEditingButtons) {
        wxButton* button = buttonLabelled(frame->record(), label);
        ASSERT_NE(button, nullptr) << label;
        EXPECT_TRUE(button->IsEnabled()) << label;
    }
    frame->Destroy();
    pumpEvents(50);
}

}  // namespace
}  // namespace ankylos::ui::test
