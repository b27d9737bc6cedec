#pragma once
/// The main window: one database at a time, a file or one on a server (title bar), the start screen
/// of an empty database, the patient list and a patient's record; the File menu (new, open, connect
/// to a server, recent files and servers, backup, CSV import and export, the demo cohort); the
/// current user and the patient count in the status bar. On a server database, what other
/// workstations save appears in the list and the open record within a second or two.

#include <wx/filehistory.h>
#include <wx/frame.h>
#include <wx/timer.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "storage/change_feed.h"
#include "storage/server_location.h"
#include "storage/database.h"

class wxSimplebook;
class wxPanel;

namespace ankylos::ui {

class PatientListPanel;
class PatientRecordPanel;
class RecentServers;
class StartPanel;

class MainFrame : public wxFrame {
public:
    MainFrame();
    ~MainFrame() override;

    /// $XDG_DATA_HOME/ankylos/ankylos.db (~/.local/share when unset).
    static std::filesystem::path defaultDatabasePath();
    /// The demo cohort's own file beside it, so demo data never mixes with real data.
    static std::filesystem::path demoDatabasePath();
    /// Patients the start screen's demo cohort holds.
    static constexpr int kDemoPatients = 300;
    /// How often a server database's change feed is read, in milliseconds.
    static constexpr int kChangePollMs = 1000;

    /// Opens (or, with Open::CreateNew, creates) the file, migrating an older one; or the database
    /// on a server at a postgresql:// location, asking for its password when the server wants one
    /// that PGPASSWORD and ~/.pgpass do not hold (again after a wrong one, until cancelled). A
    /// refused database shows the storage layer's message and offers to open another; false when
    /// nothing new was opened. A database that opens read-only says why. The check before the first
    /// write then runs on a worker thread, its progress in the status bar.
    bool openDatabase(const std::filesystem::path& file, storage::Open mode = storage::Open::ReadWrite);
    /// File > Connect to server...: asks where (initial: the fields' starting values), then opens it.
    void chooseAndConnect(const storage::ServerLocation& initial);
    storage::Database* database() { return m_db.get(); }
    /// How long the last opening of a database file took (create, migrate or check), in ms.
    double lastOpenMilliseconds() const { return m_lastOpenMs; }

    void showList();
    /// The patient whose record is shown, if one is (File > Print and Export act on it).
    std::optional<std::int64_t> patientInView() const;
    void openPatient(std::int64_t patientId);
    void createPatient();
    /// Imports a visit CSV file (as `ankylos-cli import`); asks to confirm soft warnings.
    void importCsv(const std::filesystem::path& file);
    /// Writes every visit in the import format (as `ankylos-cli export`).
    void exportCsv(const std::filesystem::path& file);
    /// Opens the demo cohort file, making it first (with a progress dialog) when it is empty.
    void openDemoCohort();

    PatientListPanel* patientList() const { return m_list; }
    PatientRecordPanel* record() const { return m_record; }
    StartPanel* startPanel() const { return m_start; }
    wxSimplebook* pages() const { return m_book; }
    /// The band across the window that says the demo cohort is open (hidden otherwise).
    wxWindow* demoBanner() const;
    /// Whether the open database is the demo cohort's file (demoDatabasePath()).
    bool showsDemoCohort() const;

    /// Called once, at the first paint of the window (the startup benchmark).
    void setFirstPaintHandler(std::function<void()> handler) { m_firstPaint = std::move(handler); }
    /// Called once, at the first paint of the patient list with its patients.
    void setListPaintHandler(std::function<void()> handler) { m_listPaint = std::move(handler); }
    /// Shows the window at once saying which file is being opened, then opens it once the window
    /// has painted: checking a large database takes a moment, and the window should not wait for it.
    void openWhenShown(const std::filesystem::path& file, storage::Open mode = storage::Open::ReadWrite);
    /// Waits for the check before the first write of the open database (tests).
    void waitForWriteCheck();

private:
    void buildMenus();
    wxWindow* makeDemoBanner();
    /// Sizes the window to its usual size, or to the screen's work area when that is smaller.
    void fitToScreen();
    /// Returns the number of patients it shows (0 when no database is open).
    int updateTitleAndStatus();
    void onDatabaseChanged();
    void watchFirstPaint(wxWindow* window, std::function<void()>& handler);
    /// A new storage::Database for location; for a server, asks for the password as often as the
    /// server refuses it. nullptr when the user cancelled; throws what storage throws otherwise.
    std::unique_ptr<storage::Database> openAsking(const std::filesystem::path& location, storage::Open mode,
                                                  std::string& password);
    /// After a refused database: offers the file dialog, or for a server the Connect dialog again.
    void offerAnother(const std::filesystem::path& refused, const std::string& why);
    void openRecentFile(std::size_t index);
    void openRecentServer(std::size_t index);
    void chooseAndOpen();
    void chooseAndCreate();
    void chooseBackup();
    void chooseImport();
    void chooseExport();
    void startWriteCheck();
    void stopWriteCheck();
    /// Listens for other workstations' changes to the open database (a server's; a file has none).
    void startChangeFeed();
    /// The timer's work: reads the feed, and shows what arrived unless a dialog is open.
    void pollChanges();
    /// Refreshes the list, and the open record if its patient changed, keeping what the user looks at.
    void showChanges(const storage::Changes& changes);

    std::unique_ptr<storage::Database> m_db;
    wxSimplebook* m_book;
    StartPanel* m_start;
    wxPanel* m_demoBanner = nullptr;
    PatientListPanel* m_list = nullptr;
    PatientRecordPanel* m_record = nullptr;
    wxFileHistory m_recent;
    std::unique_ptr<RecentServers> m_recentServers;
    /// The open server database's password, when one was asked: in memory only, for the second
    /// connection of the research export's worker. Never written anywhere.
    std::string m_serverPassword;
    std::function<void()> m_firstPaint;
    std::function<void()> m_listPaint;
    std::filesystem::path m_pendingOpen;  ///< openWhenShown's file, until the window has painted
    storage::Open m_pendingMode = storage::Open::ReadWrite;
    std::thread m_writeCheck;  ///< Database::checkBeforeWriting() of m_db, off the UI thread
    std::atomic<bool> m_stopWriteCheck{false};
    double m_lastOpenMs = 0;
    wxTimer m_openTimer;
    std::unique_ptr<storage::ChangeFeed> m_feed;  ///< of m_db, while it is a server's
    storage::Changes m_unshownChanges;            ///< arrived while a dialog was open
    std::string m_feedProblem;                    ///< the feed's problem() last shown
    wxTimer m_feedTimer;
};

}  // namespace ankylos::ui
