#include "ui/main_frame.h"

#include <wx/button.h>
#include <wx/config.h>
#include <wx/dialog.h>
#include <wx/display.h>
#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/msgdlg.h>
#include <wx/panel.h>
#include <wx/progdlg.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>
#include <wx/timer.h>
#include <wx/utils.h>

#include <cstdlib>
#include <fstream>
#include <utility>

#include "core/format.h"
#include "demo/demo_cohort.h"
#include "interchange/visit_csv_reader.h"
#include "interchange/visit_csv_writer.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/visit_import.h"
#include "ui/connect_dialog.h"
#include "ui/display.h"
#include "ui/patient_editor.h"
#include "ui/patient_list_panel.h"
#include "ui/patient_record_panel.h"
#include "ui/permissions.h"
#include "ui/recent_servers.h"
#include "ui/save_target.h"
#include "ui/start_panel.h"

namespace ankylos::ui {

namespace {

enum Page { kStartPage, kListPage, kRecordPage };

constexpr int kDemoBatch = 25;
constexpr std::size_t kMessageLines = 15;  ///< problems listed in a message box; the rest counted

/// Problems of a CSV file for a message box: the first few, then how many more.
wxString problemList(const std::vector<interchange::CsvProblem>& problems) {
    wxString text;
    for (std::size_t i = 0; i < problems.size() && i < kMessageLines; ++i)
        text += fromUtf8(problems[i].message()) + "\n";
    if (problems.size() > kMessageLines)
        text += wxString::Format(_("... and %zu more."), problems.size() - kMessageLines);
    return text;
}

/// Whether one of our dialogs is open modally (wxGTK keeps the other windows enabled under it).
bool modalDialogOpen() {
    for (wxWindow* window : wxTopLevelWindows)
        if (auto* dialog = wxDynamicCast(window, wxDialog); dialog && dialog->IsModal())
            return true;
    return false;
}

void showError(wxWindow* parent, const wxString& message) {
    wxMessageBox(message, _("Ankylos"), wxOK | wxICON_ERROR, parent);
}

}  // namespace

std::filesystem::path MainFrame::defaultDatabasePath() {
    const char* dataHome = std::getenv("XDG_DATA_HOME");
    std::filesystem::path base;
    if (dataHome && *dataHome)
        base = dataHome;
    else if (const char* home = std::getenv("HOME"); home && *home)
        base = std::filesystem::path(home) / ".local" / "share";
    else
        base = std::filesystem::current_path();
    return base / "ankylos" / "ankylos.db";
}

std::filesystem::path MainFrame::demoDatabasePath() {
    return defaultDatabasePath().parent_path() / "demo.db";
}

MainFrame::MainFrame() : wxFrame(nullptr, wxID_ANY, _("Ankylos")), m_recent(9) {
    SetMinSize(FromDIP(wxSize(900, 600)));
    m_book = new wxSimplebook(this);
    StartPanel::Actions actions;
    actions.createPatient = [this] { createPatient(); };
    actions.importCsv = [this] { chooseImport(); };
    actions.openDemo = [this] { openDemoCohort(); };
    actions.openDatabase = [this] { chooseAndOpen(); };
    actions.newDatabase = [this] { chooseAndCreate(); };
    actions.connectToServer = [this] { chooseAndConnect(defaultServerLocation()); };
    m_start = new StartPanel(m_book, actions);
    m_book->AddPage(m_start, "start");
    watchFirstPaint(m_start, m_firstPaint);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(makeDemoBanner(), 0, wxEXPAND);
    sizer->Add(m_book, 1, wxEXPAND);
    SetSizer(sizer);
    fitToScreen();
    CreateStatusBar(2);
    const int widths[] = {-1, FromDIP(200)};
    SetStatusWidths(2, widths);
    buildMenus();
    m_recent.Load(*wxConfigBase::Get());
    m_recentServers->load(*wxConfigBase::Get());
    m_start->showFor(false);
    updateTitleAndStatus();
    m_feedTimer.SetOwner(this);
    Bind(
        wxEVT_TIMER, [this](wxTimerEvent&) { pollChanges(); }, m_feedTimer.GetId());
}

wxWindow* MainFrame::makeDemoBanner() {
    // The demo cohort is invented data: said across the window, not only in the title bar, so nobody
    // enters a real patient into it or reads its figures as a clinic's.
    m_demoBanner = new wxPanel(this, wxID_ANY);
    m_demoBanner->SetBackgroundColour(warningBackground());
    auto* text =
        new wxStaticText(m_demoBanner, wxID_ANY,
                         _("DEMO COHORT: invented patients for trying Ankylos. Not real data: do not "
                           "enter real patients here (File > Open... opens the clinic's database)."));
    text->SetForegroundColour(*wxBLACK);
    text->SetFont(text->GetFont().Bold());
    auto* sizer = new wxBoxSizer(wxHORIZONTAL);
    sizer->Add(text, 1, wxALL | wxALIGN_CENTER_VERTICAL, FromDIP(8));
    m_demoBanner->SetSizer(sizer);
    m_demoBanner->Hide();
    return m_demoBanner;
}

void MainFrame::fitToScreen() {
    // 1240 x 780 where it fits; on a smaller screen (1366 x 768 laptops) the work area, so the window
    // and its status bar never run off the screen.
    const int index = wxDisplay::GetFromWindow(this);
    const wxRect area = wxDisplay(index == wxNOT_FOUND ? 0u : static_cast<unsigned>(index)).GetClientArea();
    wxSize size = FromDIP(wxSize(1240, 780));
    size.DecTo(area.GetSize());
    SetSize(size);
    CentreOnScreen();
}

wxWindow* MainFrame::demoBanner() const {
    return m_demoBanner;
}

bool MainFrame::showsDemoCohort() const {
    return m_db && !m_db->onServer() && m_db->file() == demoDatabasePath();
}

MainFrame::~MainFrame() {
    stopWriteCheck();
    m_recent.Save(*wxConfigBase::Get());
    m_recentServers->save(*wxConfigBase::Get());
}

void MainFrame::watchFirstPaint(wxWindow* window, std::function<void()>& handler) {
    window->Bind(wxEVT_PAINT, [this, &handler](wxPaintEvent& event) {
        event.Skip();
        if (handler) {
            // Once: the handler may close the frame; call it after this paint completes.
            auto call = std::move(handler);
            handler = nullptr;
            CallAfter(call);
        }
    });
}

void MainFrame::openWhenShown(const std::filesystem::path& file, storage::Open mode) {
    m_start->showOpening(databaseDisplayName(file));
    m_book->ChangeSelection(kStartPage);
    m_pendingOpen = file;
    m_pendingMode = mode;
    const auto openPending = [this] {
        if (m_pendingOpen.empty())
            return;
        const std::filesystem::path pending = m_pendingOpen;
        m_pendingOpen.clear();
        // Refused: the start screen offers its buttons again instead of "Opening the database...".
        if (!openDatabase(pending, m_pendingMode) && !m_db)
            showList();
    };
    // After the first paint, so the window is on screen while the file is checked; a timer in
    // case no paint comes (a window that is not exposed).
    m_start->Bind(wxEVT_PAINT, [this, openPending](wxPaintEvent& event) {
        event.Skip();
        // Twice deferred: whatever else this paint queued (the startup figure) runs first.
        if (!m_pendingOpen.empty())
            CallAfter([this, openPending] { CallAfter(openPending); });
    });
    m_openTimer.SetOwner(this);
    Bind(
        wxEVT_TIMER, [openPending](wxTimerEvent&) { openPending(); }, m_openTimer.GetId());
    m_openTimer.StartOnce(500);
}

std::unique_ptr<storage::Database> MainFrame::openAsking(const std::filesystem::path& location,
                                                         storage::Open mode, std::string& password) {
    password.clear();
    wxString problem;
    for (;;) {
        try {
            wxBusyCursor busy;
            return std::make_unique<storage::Database>(location, "", mode, password);
        } catch (const storage::PasswordRequired&) {
            problem.clear();
        } catch (const storage::WrongPassword& e) {
            problem = fromUtf8(e.what());  // ask again; any other refusal is the caller's to show
        }
        const std::optional<std::string> entered = askServerPassword(this, location.string(), problem);
        if (!entered)
            return nullptr;
        password = *entered;
    }
}

void MainFrame::offerAnother(const std::filesystem::path& refused, const std::string& why) {
    const bool server = storage::isServerLocation(refused.string());
    wxMessageDialog ask(this,
                        fromUtf8(why) + "\n\n" +
                            (server ? _("Connect to another server database?") : _("Open another database?")),
                        _("Cannot open the database"), wxYES_NO | wxNO_DEFAULT | wxICON_ERROR);
    if (ask.ShowModal() != wxID_YES)
        return;
    if (server)
        chooseAndConnect(storage::parseServerLocation(refused.string()).value_or(defaultServerLocation()));
    else
        chooseAndOpen();
}

bool MainFrame::openDatabase(const std::filesystem::path& file, storage::Open mode) {
    std::unique_ptr<storage::Database> opened;
    std::string password;
    try {
        const wxLongLong start = wxGetLocalTimeMillis();
        opened = openAsking(file, mode, password);
        if (!opened)
            return false;  // the password was not given
        m_lastOpenMs = (wxGetLocalTimeMillis() - start).ToDouble();
    } catch (const std::exception& e) {
        // Refused (newer, foreign, damaged), busy, the server unreachable, or the folder cannot be
        // created: say why, then let the user pick another.
        offerAnother(file, e.what());
        return false;
    }
    // The panels hold the old database: replace them before it closes.
    m_book->ChangeSelection(kStartPage);
    while (m_book->GetPageCount() > 1)
        m_book->DeletePage(m_book->GetPageCount() - 1);
    m_list = nullptr;
    m_record = nullptr;
    stopWriteCheck();
    m_feedTimer.Stop();
    m_feed.reset();
    m_db = std::move(opened);
    m_serverPassword = std::move(password);
    startChangeFeed();  // before the list reads the patients: nothing saved after that is missed
    m_list = new PatientListPanel(m_book, *m_db, [this](std::int64_t id) { openPatient(id); });
    m_book->AddPage(m_list, "list");
    watchFirstPaint(m_list, m_firstPaint);
    watchFirstPaint(m_list, m_listPaint);
    m_record = new PatientRecordPanel(
        m_book, *m_db, [this] { onDatabaseChanged(); }, [this] { showList(); });
    m_book->AddPage(m_record, "record");
    if (m_db->onServer()) {
        m_recentServers->add(file.string());
        m_recentServers->save(*wxConfigBase::Get());
    } else {
        m_recent.AddFileToHistory(fromUtf8(std::filesystem::absolute(file).string()));
        m_recent.Save(*wxConfigBase::Get());
    }
    showList();
    if (const std::string reason = m_db->readOnlyReason(); !reason.empty())
        wxMessageBox(
            wxString::Format(_("%s opened read-only: Ankylos shows it but will not change it, because "
                               "%s"),
                             databaseDisplayName(file), fromUtf8(reason)),
            _("Read-only database"), wxOK | wxICON_WARNING, this);
    else
        startWriteCheck();
    return true;
}

void MainFrame::startWriteCheck() {
    m_stopWriteCheck = false;
    SetStatusText(_("Checking the database for damage before the first change..."), 0);
    storage::Database* db = m_db.get();
    m_writeCheck = std::thread([this, db] {
        std::optional<std::string> reason;
        try {
            reason = db->checkBeforeWriting([this] { return !m_stopWriteCheck.load(); });
        } catch (const std::exception& e) {
            reason = e.what();  // not decided: the first write checks again and reports it
        }
        if (reason && !m_stopWriteCheck)
            CallAfter([this, text = *reason] {
                updateTitleAndStatus();
                if (!text.empty())
                    showError(this, wxString::Format(_("The database cannot be changed, because %s"),
                                                     fromUtf8(text)));
            });
    });
}

void MainFrame::startChangeFeed() {
    m_unshownChanges = {};
    m_feedProblem.clear();
    if (!m_db->onServer())
        return;
    wxBusyCursor busy;
    m_feed = std::make_unique<storage::ChangeFeed>(*m_db);
    m_feedTimer.Start(kChangePollMs);
}

void MainFrame::pollChanges() {
    if (!m_feed || !m_list)
        return;
    m_unshownChanges.add(m_feed->poll());
    if (m_feed->problem() != m_feedProblem) {
        m_feedProblem = m_feed->problem();
        if (!m_feedProblem.empty())  // its first line: libpq adds hints on the lines after
            SetStatusText(wxString::Format(_("Changes saved on other workstations are not shown as they "
                                             "happen (%s); trying again..."),
                                           fromUtf8(m_feedProblem.substr(0, m_feedProblem.find('\n')))),
                          0);
    }
    if (m_unshownChanges.empty())
        return;
    // A modal dialog (an editor, a reason asked) works on what the window shows: its input stays as
    // typed, and a save over another workstation's change is refused by storage's stale-save check.
    // The changes are shown once it closes.
    if (modalDialogOpen()) {
        SetStatusText(_("Changes saved on another workstation will be shown when the dialog closes"), 0);
        return;
    }
    showChanges(std::exchange(m_unshownChanges, {}));
}

void MainFrame::showChanges(const storage::Changes& changes) {
    const std::optional<std::int64_t> open = patientInView();
    m_list->refresh();
    const int patients = updateTitleAndStatus();
    wxString note = _("Updated: changes saved on another workstation");
    if (open && changes.touches(*open) && !m_record->reload()) {
        showList();
        note = _("Updated: the patient that was open was deleted on another workstation");
    } else if (!open && (m_book->GetSelection() == kStartPage) != (patients == 0)) {
        showList();  // the first patient arrived, or the last one went
    }
    SetStatusText(note, 0);
}

void MainFrame::stopWriteCheck() {
    m_stopWriteCheck = true;
    if (m_writeCheck.joinable())
        m_writeCheck.join();
}

void MainFrame::waitForWriteCheck() {
    if (m_writeCheck.joinable())
        m_writeCheck.join();
}

int MainFrame::updateTitleAndStatus() {
    if (m_demoBanner->IsShown() != showsDemoCohort()) {
        m_demoBanner->Show(showsDemoCohort());
        Layout();
    }
    if (!m_db) {
        SetTitle(_("Ankylos"));
        SetStatusText(wxString::Format(_("User: %s"), fromUtf8(storage::operatingSystemUser())), 0);
        SetStatusText(wxString(), 1);
        return 0;
    }
    const wxString readOnly = m_db->readOnlyReason().empty() ? wxString() : _(" (read-only)");
    const wxString dash = wxString::FromUTF8(" \u2014 ");
    // On a server, who is signed in and as what decides what the window offers: say so up top too.
    const wxString account = m_db->onServer() ? dash + wxString::Format(_("%s (%s)"), fromUtf8(m_db->user()),
                                                                        rolesText(m_db->roles()))
                                              : wxString();
    const wxString demo = showsDemoCohort() ? _("DEMO COHORT") + dash : wxString();
    SetTitle(demo + databaseDisplayName(m_db->file()) + readOnly + account + dash + _("Ankylos"));
    wxString who = signedInText(*m_db);
    // Which server is in use is not obvious from the window otherwise (a file's name is in the title).
    if (m_db->onServer())
        who += "    " + wxString::Format(_("Server: %s"), databaseDisplayName(m_db->file()));
    SetStatusText(who, 0);
    const int count = storage::PatientRepository(*m_db).count();
    SetStatusText(wxString::Format(wxPLURAL("%d patient", "%d patients", count), count), 1);
    return count;
}

void MainFrame::onDatabaseChanged() {
    if (m_list)
        m_list->reload();
    updateTitleAndStatus();
}

void MainFrame::showList() {
    const int patients = updateTitleAndStatus();
    if (!m_db) {
        m_start->showFor(false);
        m_book->ChangeSelection(kStartPage);
        return;
    }
    if (patients == 0) {
        m_start->showFor(true);
        offerAction(m_start->createPatientButton(), *m_db, storage::Action::EditPatients);
        offerAction(m_start->importButton(), *m_db, storage::Action::EditVisits);
        m_book->ChangeSelection(kStartPage);
        if (m_listPaint) {
            // No list to paint: the start screen of the open database is the first screen.
            auto call = std::move(m_listPaint);
            m_listPaint = nullptr;
            CallAfter(call);
        }
        return;
    }
    m_book->ChangeSelection(kListPage);
    m_list->searchBox()->SetFocus();
}

std::optional<std::int64_t> MainFrame::patientInView() const {
    if (!m_record || m_book->GetSelection() != kRecordPage)
        return std::nullopt;
    return m_record->patientId();
}

void MainFrame::openPatient(std::int64_t patientId) {
    if (!m_record || !m_record->showPatient(patientId))
        return;
    m_book->ChangeSelection(kRecordPage);
    m_record->tabs()->SetFocus();
}

void MainFrame::createPatient() {
    if (!m_db)
        return;
    core::Patient patient;
    std::int64_t created = 0;
    const bool saved = editPatient(
        this, patient, [this, &created](const core::Patient& entered, const std::string& confirmed) {
            created = storage::PatientRepository(*m_db).add(entered, confirmed);
        });
    if (!saved || created == 0)
        return;
    onDatabaseChanged();
    openPatient(created);
}

void MainFrame::importCsv(const std::filesystem::path& file) {
    if (!m_db)
        return;
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        showError(this, wxString::Format(_("Cannot read %s."), fromUtf8(file.string())));
        return;
    }
    wxBusyCursor busy;
    const interchange::VisitCsvImport parsed = interchange::parseVisitCsv(in, today());
    if (!parsed.ok()) {
        showError(this, wxString::Format(_("Nothing was imported: %s has %zu problems.\n\n"),
                                         fromUtf8(file.filename().string()), parsed.errors.size()) +
                            problemList(parsed.errors));
        return;
    }
    bool confirmed = false;
    if (!parsed.warnings.empty()) {
        wxMessageDialog ask(this,
                            _("These values are unusual. Import them as they are (the confirmation is "
                              "recorded)?\n\n") +
                                problemList(parsed.warnings),
                            _("Confirm unusual values"), wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
        if (ask.ShowModal() != wxID_YES)
            return;
        confirmed = true;
    }
    try {
        const storage::ImportSummary summary = storage::importHistories(
            *m_db, parsed.patients, confirmed, file.filename().string(),
            [&](const storage::ImportPlace& place) {
                return parsed.place(file.filename().string(), place.history, place.visit, place.film,
                                    place.reading, place.treatment, place.ctScan, place.field);
            });
        onDatabaseChanged();
        showList();
        wxString text =
            wxString::Format(_("Imported %d new patients, %d visits, %d films, %d readings and %d "
                               "treatment episodes (%d patients already in the database received "
                               "visits)."),
                             summary.newPatients, summary.visits, summary.films, summary.readings,
                             summary.treatments, summary.existingPatients);
        if (summary.ctScans > 0)
            text += "\n\n" + wxString::Format(_("Low-dose CT scans: %d, with %d CTSS readings."),
                                              summary.ctScans, summary.ctReadings);
        if (summary.sessions > 0)
            text +=
                "\n\n" + wxString::Format(wxPLURAL("%d reading session created from the file's readings.",
                                                   "%d reading sessions created from the file's readings.",
                                                   summary.sessions),
                                          summary.sessions);
        if (!summary.newReaders.empty())
            text += "\n\n" + _("New readers registered: ") + fromUtf8(core::joinNames(summary.newReaders));
        wxMessageBox(text, _("Import"), wxOK | wxICON_INFORMATION, this);
    } catch (const Error& e) {
        showError(this, _("Nothing was imported:\n\n") + fromUtf8(e.what()));
    }
}

void MainFrame::exportCsv(const std::filesystem::path& file) {
    if (!m_db || !confirmSaveTargets(this, {file}, m_db->file(), file))
        return;
    wxBusyCursor busy;
    try {
        // Written beside the target (mode 0600) and renamed at the end: a failed export leaves no
        // half file and an older one untouched.
        files::OutputFile output(file, confirmedSavePolicy(m_db->file()));
        std::ofstream out(output.temp(), std::ios::binary | std::ios::trunc);
        if (!out)
            throw files::OutputError("cannot write " + file.string());
        int patients = 0;
        interchange::writeVisitCsvHeader(out);
        storage::HistoryReader(*m_db).forEach([&](std::int64_t, const core::PatientHistory& history) {
            interchange::writeVisitCsvRows(out, history);
            ++patients;
        });
        out.close();
        if (!out)
            throw files::OutputError("writing " + file.string() + " failed (disk full?)");
        output.commit();
        SetStatusText(wxString::Format(_("Exported %d patients to %s"), patients, fromUtf8(file.string())),
                      0);
    } catch (const std::exception& e) {
        showError(this, _("The export failed:\n\n") + fromUtf8(e.what()));
    }
}

void MainFrame::openDemoCohort() {
    const std::filesystem::path file = demoDatabasePath();
    try {
        storage::Database demo(
            file, "", std::filesystem::exists(file) ? storage::Open::ReadWrite : storage::Open::CreateNew);
        storage::PatientRepository patients(demo);
        // All or nothing: Cancel rolls back every patient of the run and nothing is opened. (A
        // demo file left partial by an earlier version is completed from the patients present.)
        const int present = patients.count();
        if (present < kDemoPatients) {
            wxProgressDialog progress(_("Demo cohort"), _("Making invented patients..."), kDemoPatients, this,
                                      wxPD_APP_MODAL | wxPD_AUTO_HIDE | wxPD_CAN_ABORT | wxPD_ELAPSED_TIME);
            if (!demo::writeDemoCohort(demo, 1, present, kDemoPatients, today(), kDemoBatch,
                                       [&](int written) { return progress.Update(present + written); }))
                return;
        }
    } catch (const std::exception& e) {
        showError(this, _("The demo cohort could not be made:\n\n") + fromUtf8(e.what()));
        return;
    }
    openDatabase(file);
}

void MainFrame::openRecentFile(std::size_t index) {
    const wxString file = m_recent.GetHistoryFile(index);
    // Opening a missing file would make an empty database in its place: say so instead.
    if (!wxFileName::FileExists(file)) {
        m_recent.RemoveFileFromHistory(index);
        m_recent.Save(*wxConfigBase::Get());
        showError(this, wxString::Format(_("%s no longer exists (moved, renamed or deleted); it was "
                                           "taken off the recent files."),
                                         file));
        return;
    }
    openDatabase(toUtf8(file));
}

void MainFrame::openRecentServer(std::size_t index) {
    if (index < m_recentServers->locations().size())
        openDatabase(m_recentServers->locations()[index]);
}

void MainFrame::chooseAndConnect(const storage::ServerLocation& initial) {
    if (const std::optional<std::string> location = askServerLocation(this, initial))
        openDatabase(*location);
}

void MainFrame::chooseAndOpen() {
    wxFileDialog dialog(this, _("Open a database"), wxString(), wxString(),
                        _("Ankylos databases (*.db)|*.db|All files|*"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() == wxID_OK)
        openDatabase(toUtf8(dialog.GetPath()));
}

void MainFrame::chooseAndCreate() {
    // No overwrite prompt: storage refuses any file that holds something, with its reason.
    wxFileDialog dialog(this, _("New database"), wxString(), "clinic.db", _("Ankylos databases (*.db)|*.db"),
                        wxFD_SAVE);
    if (dialog.ShowModal() != wxID_OK)
        return;
    openDatabase(toUtf8(dialog.GetPath()), storage::Open::CreateNew);
}

void MainFrame::chooseBackup() {
    if (!m_db)
        return;
    // A server database is backed up into an Ankylos file too (one snapshot, with its key beside it).
    wxFileDialog dialog(
        this, _("Backup to"), wxString(),
        fromUtf8(m_db->file().stem().string() + "-backup-" + core::toIsoString(today()) + ".db"),
        _("Ankylos databases (*.db)|*.db"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK ||
        !confirmSaveTargets(this, {toUtf8(dialog.GetPath())}, m_db->file(), toUtf8(dialog.GetPath())))
        return;
    try {
        wxBusyCursor busy;
        m_db->backupTo(toUtf8(dialog.GetPath()));
        SetStatusText(wxString::Format(_("Backed up to %s"), dialog.GetPath()), 0);
    } catch (const Error& e) {
        showError(this, fromUtf8(e.what()));
    }
}

void MainFrame::chooseImport() {
    if (!m_db)
        return;
    wxFileDialog dialog(this, _("Import visits from CSV"), wxString(), wxString(),
                        _("CSV files (*.csv)|*.csv|All files|*"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() == wxID_OK)
        importCsv(toUtf8(dialog.GetPath()));
}

void MainFrame::chooseExport() {
    if (!m_db)
        return;
    wxFileDialog dialog(this, _("Export visits to CSV"), wxString(), "visits.csv",
                        _("CSV files (*.csv)|*.csv"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() == wxID_OK)
        exportCsv(toUtf8(dialog.GetPath()));
}

}  // namespace ankylos::ui
