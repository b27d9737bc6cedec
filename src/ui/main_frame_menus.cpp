// The main window's menu bar and what each entry does (main_frame.h): kept apart from the window's
// workflow so that each file stays readable.
#include <wx/config.h>
#include <wx/menu.h>
#include <wx/simplebook.h>

#include "ui/accounts_dialog.h"
#include "ui/clinic_settings_dialog.h"
#include "ui/connect_dialog.h"
#include "ui/display.h"
#include "ui/export_dialog.h"
#include "ui/main_frame.h"
#include "ui/patient_list_panel.h"
#include "ui/patient_record_panel.h"
#include "ui/permissions.h"
#include "ui/preferences_dialog.h"
#include "ui/reading_sessions_dialog.h"
#include "ui/recent_servers.h"
#include "ui/report_output.h"

namespace ankylos::ui {

namespace {

enum MenuId {
    kMenuNewDatabase = wxID_HIGHEST + 1,
    kMenuBackup,
    kMenuImport,
    kMenuExport,
    kMenuDemo,
    kMenuNewPatient,
    kMenuNewVisit,
    kMenuNewFilm,
    kMenuNewTreatment,
    kMenuNewPelvicFilm,
    kMenuNewCtScan,
    kMenuFind,
    kMenuBack,
    kMenuExportPdf,
    kMenuResearchExport,
    kMenuConnect,
    kMenuAccounts,
    kMenuClinicSettings,
    kMenuReadingSessions,
    kMenuRecentServer,  ///< and the RecentServers::kMax - 1 ids after it
    kMenuRecentServerLast = kMenuRecentServer + RecentServers::kMax - 1,
};

}  // namespace

void MainFrame::buildMenus() {
    auto* file = new wxMenu;
    file->Append(kMenuNewDatabase, _("&New database...\tCtrl+Shift+N"));
    file->Append(wxID_OPEN, _("&Open...\tCtrl+O"));
    auto* recent = new wxMenu;
    file->AppendSubMenu(recent, _("Open &recent"));
    m_recent.UseMenu(recent);
    m_recent.AddFilesToMenu(recent);
    file->Append(kMenuConnect, _("&Connect to server...\tCtrl+Shift+O"));
    auto* servers = new wxMenu;
    file->AppendSubMenu(servers, _("Recent ser&vers"));
    m_recentServers = std::make_unique<RecentServers>(servers, kMenuRecentServer);
    file->AppendSeparator();
    file->Append(kMenuBackup, _("&Backup to..."));
    file->Append(kMenuImport, _("&Import visits from CSV...\tCtrl+I"));
    file->Append(kMenuExport, _("&Export visits to CSV...\tCtrl+E"));
    file->AppendSeparator();
    file->Append(wxID_PRINT, _("&Print...\tCtrl+P"));
    file->Append(wxID_PREVIEW, _("Print pre&view..."));
    file->Append(kMenuExportPdf, _("Export PD&F..."));
    file->Append(kMenuResearchExport, _("Re&search export..."));
    file->AppendSeparator();
    file->Append(kMenuDemo, _("Open the &demo cohort"));
    file->AppendSeparator();
    file->Append(wxID_EXIT, _("&Quit\tCtrl+Q"));

    auto* patient = new wxMenu;
    patient->Append(kMenuNewPatient, _("&New patient...\tCtrl+N"));
    // In the patient record, from any tab (the tabs' buttons say so in their tooltips).
    patient->Append(kMenuNewVisit, _("New &visit...\tCtrl+Shift+V"), _("A new visit of the patient in view"));
    patient->Append(kMenuNewFilm, _("New fi&lm...\tCtrl+Shift+F"), _("A new film of the patient in view"));
    patient->Append(kMenuNewPelvicFilm, _("New &pelvic film...\tCtrl+Shift+P"),
                    _("A new pelvic film grading of the patient in view"));
    patient->Append(kMenuNewCtScan, _("New &CT scan...\tCtrl+Shift+C"),
                    _("A new low-dose CT scan of the patient in view, then its CTSS"));
    patient->Append(kMenuNewTreatment, _("New &treatment...\tCtrl+Shift+T"),
                    _("A new treatment of the patient in view"));
    patient->Append(kMenuFind, _("&Find patient\tCtrl+F"));
    patient->Append(kMenuBack, _("&Back to the list\tAlt+Left"));

    auto* tools = new wxMenu;
    tools->Append(kMenuAccounts, _("&Accounts...\tCtrl+Shift+A"),
                  _("The accounts people sign in to this server database with, and their roles"));
    tools->Append(kMenuClinicSettings, _("Clinic &settings..."),
                  _("The settings that change computed results and each DXA device's least significant "
                    "change, audited"));
    tools->Append(
        kMenuReadingSessions, _("&Reading sessions..."),
        _("Blinded multi-reader readings of films: sessions, worklists, agreement and adjudication"));
    tools->AppendSeparator();
    tools->Append(wxID_PREFERENCES, _("&Preferences..."), _("The interface language"));

    auto* bar = new wxMenuBar;
    bar->Append(file, _("&File"));
    bar->Append(patient, _("&Patient"));
    bar->Append(tools, _("&Tools"));
    SetMenuBar(bar);

    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { chooseAndCreate(); }, kMenuNewDatabase);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { chooseAndOpen(); }, wxID_OPEN);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { chooseAndConnect(defaultServerLocation()); }, kMenuConnect);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent& event) {
            openRecentServer(static_cast<size_t>(event.GetId() - kMenuRecentServer));
        },
        kMenuRecentServer, kMenuRecentServerLast);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { chooseBackup(); }, kMenuBackup);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { chooseImport(); }, kMenuImport);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { chooseExport(); }, kMenuExport);
    // Reports: the patient in view, else the cohort (its filter asked first).
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (m_db)
                if (const auto subject = chooseSubject(this, patientInView()))
                    printReport(this, *m_db, *subject);
        },
        wxID_PRINT);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (m_db)
                if (const auto subject = chooseSubject(this, patientInView()))
                    previewReport(this, *m_db, *subject);
        },
        wxID_PREVIEW);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (m_db)
                if (const auto subject = chooseSubject(this, patientInView()))
                    exportReportPdf(this, *m_db, *subject);
        },
        kMenuExportPdf);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (m_db)
                showExportDialog(this, *m_db, m_serverPassword);
        },
        kMenuResearchExport);
    for (const int id : {int(wxID_PRINT), int(wxID_PREVIEW), int(kMenuExportPdf), int(kMenuResearchExport)})
        Bind(
            wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) { event.Enable(m_db != nullptr); }, id);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { openDemoCohort(); }, kMenuDemo);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { editPreferences(this, *wxConfigBase::Get()); },
        wxID_PREFERENCES);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { createPatient(); }, kMenuNewPatient);
    // New records of the patient in view, from anywhere in the record, for whoever may make them.
    const auto bindRecordEntry = [this](int id, storage::Action action, void (PatientRecordPanel::*entry)()) {
        Bind(
            wxEVT_MENU,
            [this, action, entry](wxCommandEvent&) {
                if (patientInView() && mayDo(*m_db, action))
                    (m_record->*entry)();
            },
            id);
        Bind(
            wxEVT_UPDATE_UI,
            [this, action](wxUpdateUIEvent& event) { event.Enable(patientInView() && mayDo(*m_db, action)); },
            id);
    };
    bindRecordEntry(kMenuNewVisit, storage::Action::EditVisits, &PatientRecordPanel::newVisit);
    bindRecordEntry(kMenuNewFilm, storage::Action::AddFilms, &PatientRecordPanel::newFilm);
    bindRecordEntry(kMenuNewPelvicFilm, storage::Action::ScoreFilms, &PatientRecordPanel::newPelvicFilm);
    bindRecordEntry(kMenuNewCtScan, storage::Action::AddFilms, &PatientRecordPanel::newCtScan);
    bindRecordEntry(kMenuNewTreatment, storage::Action::EditVisits, &PatientRecordPanel::newTreatment);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            showList();
            if (m_list)
                m_list->searchBox()->SetFocus();
        },
        kMenuFind);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { showList(); }, kMenuBack);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent& event) { openRecentFile(static_cast<size_t>(event.GetId() - wxID_FILE1)); },
        wxID_FILE1, wxID_FILE9);
    // Menu items that need an open database.
    Bind(
        wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) { event.Enable(m_db != nullptr); }, kMenuBackup,
        kMenuExport);
    Bind(
        wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) { event.Enable(m_db != nullptr); }, kMenuBack);
    // What the signed-in account may do (on a file: everything); the server refuses the rest anyway.
    Bind(
        wxEVT_UPDATE_UI,
        [this](wxUpdateUIEvent& event) {
            event.Enable(m_db && mayDo(*m_db, storage::Action::EditPatients) &&
                         mayDo(*m_db, storage::Action::EditVisits));
        },
        kMenuImport);
    Bind(
        wxEVT_UPDATE_UI,
        [this](wxUpdateUIEvent& event) { event.Enable(m_db && mayDo(*m_db, storage::Action::EditPatients)); },
        kMenuNewPatient);
    // A file has no accounts: only a server's administrator manages them.
    Bind(
        wxEVT_UPDATE_UI,
        [this](wxUpdateUIEvent& event) {
            event.Enable(m_db && m_db->onServer() && mayDo(*m_db, storage::Action::ManageAccounts));
        },
        kMenuAccounts);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (m_db && m_db->onServer())
                manageAccounts(this, *m_db);
        },
        kMenuAccounts);
    Bind(
        wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) { event.Enable(m_db != nullptr); },
        kMenuClinicSettings);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (!m_db)
                return;
            editClinicSettings(this, *m_db);
            // Figures in view were computed with the settings as they were.
            m_list->refresh();
            if (patientInView())
                m_record->reload();
        },
        kMenuClinicSettings);
    Bind(
        wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) { event.Enable(m_db != nullptr); },
        kMenuReadingSessions);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (!m_db)
                return;
            showReadingSessions(this, *m_db);
            // Readings made in the sessions are the patients' readings too.
            m_list->refresh();
            if (patientInView())
                m_record->reload();
        },
        kMenuReadingSessions);
}

}  // namespace ankylos::ui
