// The main window on real database files under Xvfb: the patient list of a demo cohort, search
// while typing, sorting, a patient's record with its course charts drawn, and refused files.
#include "ui/main_frame.h"

#include <gtest/gtest.h>
#include <wx/button.h>
#include <wx/config.h>
#include <wx/display.h>
#include <wx/filedlg.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/simplebook.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>
#include <wx/uiaction.h>
#include <wx/xrc/xmlres.h>

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <iterator>

#include "demo/demo_cohort.h"
#include "postgres/password_role.h"
#include "storage/history_reader.h"
#include "storage/patient_list.h"
#include "storage/patient_repository.h"
#include "storage/server_location.h"
#include "storage/sql/postgres_connection.h"
#include "storage/visit_import.h"
#include "storage/visit_repository.h"
#include "ui/course_panel.h"
#include "ui/display.h"
#include "ui/patient_list_panel.h"
#include "ui/patient_record_panel.h"
#include "ui/start_panel.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {
namespace {

constexpr int kCohort = 60;

/// Removes a database file and what Ankylos keeps beside it.
void removeDatabaseFiles(const std::filesystem::path& file) {
    std::error_code ignored;
    for (const char* suffix : {"", ".key", ".head", ".checked", "-wal", "-shm"})
        std::filesystem::remove(file.string() + suffix, ignored);
}

/// Removes a database's files when the test program ends.
struct RemovedAtExit {
    std::filesystem::path file;
    ~RemovedAtExit() { removeDatabaseFiles(file); }
};

/// A demo cohort file made once for all tests in this file (the same generator as `ankylos-cli demo`).
const std::filesystem::path& demoCohortFile() {
    static const std::filesystem::path file = [] {
        const auto path = std::filesystem::temp_directory_path() /
                          ("ankylos-ui-demo-" + std::to_string(::getpid()) + ".db");
        removeDatabaseFiles(path);
        static const RemovedAtExit removed{path};
        storage::Database db(path, "demo", storage::Open::CreateNew);
        std::vector<core::PatientHistory> histories;
        for (int i = 0; i < kCohort; ++i)
            histories.push_back(demo::demoPatient(1, i, today()));
        storage::importHistories(db, histories, true, "demo cohort for the GUI tests");
        return path;
    }();
    return file;
}

class MainWindow : public TempDatabaseTest {
protected:
    MainWindow() {
        m_frame = new MainFrame;
        m_frame->SetSize(1240, 780);
        m_frame->Show();
        pumpWindowEvents(100);
    }
    ~MainWindow() override {
        m_frame->Destroy();
        pumpEvents(50);
    }
    /// A copy of the demo cohort in this test's folder, so tests never see each other's writes.
    std::filesystem::path demoCopy() {
        const auto copy = databasePath("demo.db");
        std::filesystem::copy_file(demoCohortFile(), copy);
        // With its audit key and chain head, as a backup carries them.
        for (const char* sidecar : {".key", ".head"})
            std::filesystem::copy_file(demoCohortFile().string() + sidecar, copy.string() + sidecar);
        return copy;
    }
    /// Types text into the search box as a user would: one wxEVT_TEXT per character.
    void typeSearch(const wxString& text) {
        wxTextCtrl* box = m_frame->patientList()->searchBox();
        box->SetFocus();
        box->SetValue(wxString());
        for (std::size_t n = 1; n <= text.length(); ++n) {
            box->SetValue(text.Left(n));
            pumpEvents(10);
        }
    }
    PatientListCtrl* list() { return m_frame->patientList()->list(); }

    MainFrame* m_frame;
};

TEST_F(MainWindow, OpensTheDemoCohortWithTheListTitleAndStatus) {
    const auto file = demoCopy();
    ASSERT_TRUE(m_frame->openDatabase(file));
    pumpEvents(200);
    EXPECT_EQ(m_frame->pages()->GetSelection(), 1) << "the patient list is shown";
    EXPECT_EQ(list()->GetItemCount(), kCohort);
    EXPECT_EQ(list()->patientCount(), kCohort);
    EXPECT_TRUE(m_frame->GetTitle().Contains(fromUtf8(file.string())));
    EXPECT_EQ(m_frame->GetStatusBar()->GetStatusText(1), wxString::Format("%d patients", kCohort));
    EXPECT_TRUE(m_frame->GetStatusBar()->GetStatusText(0).Contains(fromUtf8(storage::operatingSystemUser())));
    // The first line shows the first patient by clinic ID, with figures from the summary table.
    EXPECT_EQ(list()->GetItemText(0, 0), "AS-000001");
    int withMsasss = 0;
    for (int i = 0; i < kCohort; ++i)
        withMsasss += !list()->GetItemText(i, 7).empty();  // the mSASSS column
    EXPECT_GT(withMsasss, kCohort / 2);
    saveScreenshot(m_frame, "main_window_demo_cohort");
}

TEST_F(MainWindow, SearchNarrowsTheListWhileTyping) {
    ASSERT_TRUE(m_frame->openDatabase(demoCopy()));
    typeSearch("AS-00001");
    // AS-000010 .. AS-000019.
    EXPECT_EQ(list()->GetItemCount(), 10);
    for (int i = 0; i < list()->GetItemCount(); ++i)
        EXPECT_TRUE(list()->GetItemText(i, 0).StartsWith("AS-00001"));

    // Part of a name, any case: exactly the patients the list's search finds.
    const std::string name = list()->row(3).name;
    const wxString prefix = fromUtf8(name).Left(3).Lower();
    typeSearch(prefix);
    int expected = 0;
    {
        storage::Database db(databasePath("demo.db"));
        expected = storage::PatientList(db).count(toUtf8(prefix));
    }
    EXPECT_GE(expected, 1);
    EXPECT_EQ(list()->GetItemCount(), expected);

    typeSearch("no such patient");
    EXPECT_EQ(list()->GetItemCount(), 0);
    typeSearch("");
    EXPECT_EQ(list()->GetItemCount(), kCohort);

    // Keyboard: Enter in the search box opens the first match.
    typeSearch("AS-000005");
    wxCommandEvent enter(wxEVT_TEXT_ENTER, m_frame->patientList()->searchBox()->GetId());
    enter.SetEventObject(m_frame->patientList()->searchBox());
    m_frame->patientList()->searchBox()->GetEventHandler()->ProcessEvent(enter);
    pumpEvents(50);
    EXPECT_EQ(m_frame->pages()->GetSelection(), 2);
    EXPECT_EQ(m_frame->record()->history().patient.clinicId, "AS-000005");
}

TEST_F(MainWindow, ScrollingUpAcrossAPageBoundaryReadsEachPageOnce) {
    // More patients than the list keeps pages of (20 pages of 100), as a large clinic has.
    const auto file = databasePath("large.db");
    {
        storage::Database db(file, "test", storage::Open::CreateNew);
        std::vector<core::PatientHistory> histories(2300);
        for (std::size_t i = 0; i < histories.size(); ++i) {
            const std::string id = wxString::Format("L%05d", static_cast<int>(i)).ToStdString();
            histories[i].patient.clinicId = id;
            histories[i].patient.name = "Patient " + id;
            histories[i].patient.birth = boost::gregorian::date(1970, 1, 1);
        }
        storage::importHistories(db, histories, true, "large list test");
    }
    ASSERT_TRUE(m_frame->openDatabase(file));
    PatientListCtrl* rows = list();
    ASSERT_EQ(rows->patientCount(), 2300);
    // From the bottom upwards, a page at a time, as scrolling up does...
    for (long item = 2299; item >= 150; item -= 100)
        rows->row(item);
    // ...until the lines on screen straddle two pages: each is read once, not again and again.
    const int before = rows->pageReads();
    for (int paint = 0; paint < 5; ++paint)
        for (long item = 90; item < 120; ++item)
            EXPECT_EQ(rows->row(item).clinicId,
                      wxString::Format("L%05d", static_cast<int>(item)).ToStdString());
    EXPECT_LE(rows->pageReads() - before, 1);
}

TEST_F(MainWindow, SortsByLatestMsasssHighestFirst) {
    ASSERT_TRUE(m_frame->openDatabase(demoCopy()));
    list()->sortBy(storage::PatientSort::LatestMsasss, true);
    pumpEvents(50);
    double previous = 1e9;
    int compared = 0;
    for (int i = 0; i < list()->GetItemCount(); ++i) {
        const auto& row = list()->row(i);
        if (!row.latestMsasss)
            continue;
        EXPECT_LE(*row.latestMsasss, previous) << "line " << i;
        previous = *row.latestMsasss;
        ++compared;
    }
    EXPECT_GT(compared, 10);
}

TEST_F(MainWindow, OpeningAPatientShowsTheCourseTabDrawn) {
    ASSERT_TRUE(m_frame->openDatabase(demoCopy()));
    // A patient with several films and visits: the most films in the cohort.
    std::int64_t chosen = 0;
    std::size_t mostFilms = 0;
    storage::HistoryReader(*m_frame->database()).forEach([&](std::int64_t id, const core::PatientHistory& h) {
        if (h.films.size() > mostFilms) {
            mostFilms = h.films.size();
            chosen = id;
        }
    });
    ASSERT_GE(mostFilms, 3u);
    m_frame->openPatient(chosen);
    pumpWindowEvents(300);
    PatientRecordPanel* record = m_frame->record();
    EXPECT_EQ(m_frame->pages()->GetSelection(), 2);
    EXPECT_EQ(record->tabs()->GetSelection(), kCourseTab) << "Course is the default tab";
    EXPECT_EQ(m_frame->patientInView(), std::optional<std::int64_t>(chosen));
    CourseCanvas* course = record->course();
    EXPECT_GE(course->drawCount(), 1) << "the charts were drawn by a paint";
    ASSERT_FALSE(course->hits().empty());
    // Hover text over a drawn region: what the tooltip shows.
    const report::ChartHit& hit = course->hits().front();
    const wxPoint centre(static_cast<int>(hit.area.x + hit.area.width / 2),
                         static_cast<int>(hit.area.y + hit.area.height / 2));
    EXPECT_FALSE(course->hitText(centre).empty());
    bool progressionPair = false;
    for (const auto& h : course->hits())
        progressionPair |=
            h.text.find("->") != std::string::npos || h.text.find("\u2192") != std::string::npos;
    EXPECT_TRUE(progressionPair) << "the progression pairs have hover text";

    const core::PatientHistory& history = record->history();
    EXPECT_EQ(record->visitsTable()->GetItemCount(), static_cast<int>(history.visits.size()));
    EXPECT_EQ(record->filmsTable()->GetItemCount(), static_cast<int>(history.films.size()));
    // Consecutive pairs plus first-to-last.
    EXPECT_EQ(record->progressionTable()->GetItemCount(), static_cast<int>(history.films.size()));
    saveScreenshot(m_frame, "course_tab");
    course->Scroll(0, course->GetVirtualSize().y);  // the charts below the first screen
    saveScreenshot(m_frame, "course_tab_lower");
    course->Scroll(0, 0);

    record->tabs()->SetSelection(kVisitsTab);
    saveScreenshot(m_frame, "visits_tab");
    record->tabs()->SetSelection(kFilmsTab);
    saveScreenshot(m_frame, "films_tab");
    record->tabs()->SetSelection(kProgressionTab);
    saveScreenshot(m_frame, "progression_tab");
    record->tabs()->SetSelection(kAuditTab);
    pumpEvents(100);
    EXPECT_GT(record->auditTable()->GetItemCount(), static_cast<int>(history.visits.size()))
        << "every visit, film and reading was audited when the cohort was imported";
    saveScreenshot(m_frame, "audit_tab");

    // Esc goes back to the list.
    wxKeyEvent escape(wxEVT_CHAR_HOOK);
    escape.m_keyCode = WXK_ESCAPE;
    escape.SetEventObject(record->auditTable());
    record->auditTable()->GetEventHandler()->ProcessEvent(escape);
    pumpEvents(50);
    EXPECT_EQ(m_frame->pages()->GetSelection(), 1);
    EXPECT_EQ(m_frame->patientInView(), std::nullopt);
}

TEST(MainWindowSize, TheWindowFitsTheScreensWorkArea) {
    // Run under a 1366 x 768 screen to see it matter (the ctest screen is 1280 x 800).
    auto* frame = new MainFrame;
    frame->Show();
    pumpWindowEvents(200);
    const wxRect area = wxDisplay(0u).GetClientArea();
    EXPECT_LE(frame->GetSize().x, area.width);
    EXPECT_LE(frame->GetSize().y, area.height);
    EXPECT_TRUE(area.Contains(frame->GetRect())) << "the window runs off the screen";
    frame->Destroy();
    pumpEvents(50);
}

TEST_F(MainWindow, CtrlPageDownSwitchesTabsFromAnyFocusAndNewVisitOrFilmOpenFromTheCourseTab) {
    ASSERT_TRUE(m_frame->openDatabase(demoCopy()));
    m_frame->openPatient(1);
    m_frame->Raise();
    pumpWindowEvents(300);
    PatientRecordPanel* record = m_frame->record();
    wxUIActionSimulator keys;
    const auto press = [&](int key, int modifiers) {
        keys.Char(key, modifiers);
        pumpWindowEvents(150);
    };
    // Real key presses with the focus in a table, not on the tab strip.
    record->tabs()->SetSelection(kVisitsTab);
    record->visitsTable()->SetFocus();
    pumpWindowEvents(100);
    press(WXK_PAGEDOWN, wxMOD_CONTROL);
    EXPECT_EQ(record->tabs()->GetSelection(), kTreatmentTab) << "Ctrl+PgDn from the Visits table: Treatment";
    record->tabs()->SetSelection(kFilmsTab);
    record->filmsTable()->SetFocus();
    pumpWindowEvents(100);
    for (int i = 0; i < 3; ++i)
        press(WXK_PAGEUP, wxMOD_CONTROL);
    EXPECT_EQ(record->tabs()->GetSelection(), kCourseTab)
        << "Ctrl+PgUp three times from the Films table: Course";

    // From the Course tab, Ctrl+Shift+V opens a new visit, Ctrl+Shift+F a new film, Ctrl+Shift+P a
    // new pelvic film, Ctrl+Shift+T a new treatment and Ctrl+Shift+C a new CT scan (the Patient menu's
    // accelerators; Alt+F stays the File menu's).
    record->course()->SetFocus();
    pumpWindowEvents(100);
    DialogResponder responder;
    std::vector<wxString> titles;
    const auto cancel = [&](wxDialog& dialog) {
        titles.push_back(dialog.GetTitle());
        return int(wxID_CANCEL);
    };
    responder.then(cancel).then(cancel).then(cancel).then(cancel).then(cancel);
    for (const int key : {'V', 'F', 'P', 'T', 'C'}) {
        record->tabs()->SetSelection(kCourseTab);
        record->course()->SetFocus();
        pumpWindowEvents(50);
        press(key, wxMOD_CONTROL | wxMOD_SHIFT);
    }
    ASSERT_EQ(titles.size(), 5u) << "the shortcuts opened " << titles.size() << " dialogs";
    EXPECT_TRUE(titles[0].Contains("visit")) << titles[0];
    EXPECT_TRUE(titles[1].Contains("film")) << titles[1];
    EXPECT_EQ(titles[2], "New pelvic film");
    EXPECT_EQ(titles[3], "New treatment");
    EXPECT_EQ(titles[4], "New CT scan");
    const wxMenu* patientMenu = m_frame->GetMenuBar()->GetMenu(1);
    const wxString visitItem = patientMenu->FindItemByPosition(1)->GetItemLabel();
    EXPECT_TRUE(visitItem.Contains("Ctrl+Shift+V")) << visitItem;
}

TEST_F(MainWindow, ARefusedFileShowsTheStorageMessageAndNeverCrashes) {
    const auto foreign = databasePath("notes.db");
    std::ofstream(foreign) << "these are not the droids you are looking for\n";
    DialogResponder responder;
    responder.thenReturn(wxID_NO);  // "Open another database?" No.
    EXPECT_FALSE(m_frame->openDatabase(foreign));
    ASSERT_EQ(responder.seen().size(), 1u);
    EXPECT_NE(responder.seen()[0].find("it is not a database file"), std::string::npos)
        << responder.seen()[0];
    EXPECT_NE(responder.seen()[0].find("Open another database?"), std::string::npos);
    EXPECT_EQ(m_frame->database(), nullptr);

    // A database already open stays open when another file is refused.
    ASSERT_TRUE(m_frame->openDatabase(demoCopy()));
    responder.thenReturn(wxID_NO);
    EXPECT_FALSE(m_frame->openDatabase(foreign));
    ASSERT_NE(m_frame->database(), nullptr);
    EXPECT_EQ(m_frame->database()->file(), databasePath("demo.db"));
    EXPECT_EQ(list()->GetItemCount(), kCohort);
}

TEST_F(MainWindow, ARefusedFileAtStartupLeavesTheStartScreenWithItsButtons) {
    const auto foreign = databasePath("notes.db");
    std::ofstream(foreign) << "not a database\n";
    DialogResponder responder;
    responder.thenReturn(wxID_NO);  // "Open another database?" No.
    m_frame->openWhenShown(foreign);
    for (int i = 0; i < 20 && responder.seen().empty(); ++i)
        pumpWindowEvents(100);
    ASSERT_EQ(responder.seen().size(), 1u);
    EXPECT_EQ(m_frame->database(), nullptr);
    EXPECT_EQ(m_frame->pages()->GetSelection(), 0);
    EXPECT_TRUE(m_frame->startPanel()->openButton()->IsShown()) << "not left on \"Opening the database...\"";
}

TEST_F(MainWindow, ARecentFileThatWasRemovedIsNotCreatedAgain) {
    const auto gone = databasePath("moved-away.db");
    ASSERT_TRUE(m_frame->openDatabase(gone, storage::Open::CreateNew));
    ASSERT_TRUE(m_frame->openDatabase(demoCopy()));  // gone.db is now second in File > Open recent
    std::filesystem::remove(gone);
    DialogResponder responder;
    responder.thenReturn(wxID_OK);
    wxCommandEvent recent(wxEVT_MENU, wxID_FILE2);
    m_frame->GetEventHandler()->ProcessEvent(recent);
    pumpEvents(50);
    EXPECT_FALSE(std::filesystem::exists(gone)) << "an empty database was made in its place";
    ASSERT_EQ(responder.seen().size(), 1u);
    EXPECT_NE(responder.seen()[0].find("moved-away.db"), std::string::npos) << responder.seen()[0];
    EXPECT_EQ(m_frame->database()->file(), databasePath("demo.db"));
}

TEST_F(MainWindow, AnEmptyDatabaseOffersTheThreeWaysToBegin) {
    const auto file = databasePath("new-clinic.db");
    ASSERT_TRUE(m_frame->openDatabase(file, storage::Open::CreateNew));
    pumpEvents(100);
    EXPECT_TRUE(std::filesystem::exists(file)) << "created on first start";
    EXPECT_EQ(m_frame->pages()->GetSelection(), 0);
    EXPECT_TRUE(m_frame->startPanel()->createPatientButton()->IsShown());
    EXPECT_TRUE(m_frame->startPanel()->importButton()->IsShown());
    EXPECT_TRUE(m_frame->startPanel()->demoButton()->IsShown());
    EXPECT_EQ(m_frame->GetStatusBar()->GetStatusText(1), "0 patients");
    saveScreenshot(m_frame, "start_screen");
}

TEST_F(MainWindow, ImportsAndExportsVisitCsv) {
    ASSERT_TRUE(m_frame->openDatabase(demoCopy()));
    const auto csv = databasePath("visits.csv");
    m_frame->exportCsv(csv);
    ASSERT_TRUE(std::filesystem::exists(csv));

    // Into an empty database: the same patients come back.
    ASSERT_TRUE(m_frame->openDatabase(databasePath("empty.db"), storage::Open::CreateNew));
    DialogResponder responder;
    responder.thenReturn(wxID_OK);  // the "Imported ..." summary
    m_frame->importCsv(csv);
    ASSERT_EQ(responder.seen().size(), 1u);
    EXPECT_NE(responder.seen()[0].find(std::to_string(kCohort) + " new patients"), std::string::npos)
        << responder.seen()[0];
    // The file's readers were not registered in the empty database: the summary names them.
    EXPECT_NE(responder.seen()[0].find("New readers registered: "), std::string::npos) << responder.seen()[0];
    EXPECT_NE(responder.seen()[0].find("Reader B"), std::string::npos) << responder.seen()[0];
    EXPECT_EQ(m_frame->pages()->GetSelection(), 1);
    EXPECT_EQ(list()->GetItemCount(), kCohort);
}

TEST_F(MainWindow, ExportingVisitsNeverWritesOverADatabaseAndMakesAPrivateFile) {
    const auto db = demoCopy();
    ASSERT_TRUE(m_frame->openDatabase(db));
    const auto bytes = [](const std::filesystem::path& file) {
        std::ifstream in(file, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    const std::string before = bytes(db);
    DialogResponder responder;
    responder.thenReturn(wxID_OK);
    m_frame->exportCsv(db);
    ASSERT_EQ(responder.seen().size(), 1u);
    EXPECT_NE(responder.seen()[0].find("is the open database"), std::string::npos) << responder.seen()[0];
    EXPECT_EQ(bytes(db), before);

    const mode_t old = ::umask(022);
    const auto csv = databasePath("private.csv");
    m_frame->exportCsv(csv);
    ::umask(old);
    EXPECT_EQ(std::filesystem::status(csv).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

}  // namespace
}  // namespace ankylos::ui::test

namespace ankylos::ui::test {
namespace {

TEST_F(MainWindow, DeletingAVisitAsksTheReasonAndCancelKeepsIt) {
    ASSERT_TRUE(m_frame->openDatabase(demoCopy()));
    const auto id = storage::PatientRepository(*m_frame->database()).idOf("AS-000003");
    ASSERT_TRUE(id);
    m_frame->openPatient(*id);
    PatientRecordPanel* record = m_frame->record();
    record->tabs()->SetSelection(kVisitsTab);  // Visits
    const std::size_t visits = record->history().visits.size();
    ASSERT_GE(visits, 2u);
    const core::Date last = record->history().visits.back().date;

    DialogResponder responder;
    responder.thenReturn(wxID_CANCEL);
    record->deleteVisitAt(static_cast<long>(visits - 1));
    EXPECT_EQ(record->history().visits.size(), visits) << "cancelled: nothing deleted";

    responder.then([](wxDialog& dialog) {
        auto* reason = wxDynamicCast(dialog.FindWindow("reason"), wxTextCtrl);
        EXPECT_NE(reason, nullptr);
        if (reason)
            reason->SetValue("entered in the wrong patient");
        return wxID_OK;
    });
    record->deleteVisitAt(static_cast<long>(visits - 1));
    ASSERT_EQ(record->history().visits.size(), visits - 1);
    EXPECT_EQ(record->visitsTable()->GetItemCount(), static_cast<int>(visits - 1));
    ASSERT_EQ(responder.seen().size(), 2u);
    EXPECT_EQ(responder.seen()[1], "Reason for the change");
    // The Audit tab shows the deletion, who made it and why.
    record->tabs()->SetSelection(kAuditTab);
    pumpEvents(50);
    wxListCtrl* audit = record->auditTable();
    const long lastRow = audit->GetItemCount() - 1;
    ASSERT_GE(lastRow, 0);
    EXPECT_EQ(audit->GetItemText(lastRow, 2), "visit " + dateText(last));
    EXPECT_EQ(audit->GetItemText(lastRow, 3), "delete");
    EXPECT_EQ(audit->GetItemText(lastRow, 4), "entered in the wrong patient");
    EXPECT_EQ(audit->GetItemText(lastRow, 1), fromUtf8(storage::operatingSystemUser()));
    // The list's figures follow at once: the last visit is now the one before.
    typeSearch("AS-000003");
    EXPECT_EQ(list()->row(0).lastVisit, record->history().visits.back().date);
    EXPECT_NE(list()->row(0).lastVisit, last);
}

}  // namespace
}  // namespace ankylos::ui::test

namespace ankylos::ui::test {
namespace {

TEST_F(MainWindow, TheDemoCohortButtonOpensASeparateDemoFile) {
    // The demo file lives beside the default database: here, in this test's folder.
    const char* oldDataHome = std::getenv("XDG_DATA_HOME");
    const std::string saved = oldDataHome ? oldDataHome : "";
    setenv("XDG_DATA_HOME", dir().c_str(), 1);
    EXPECT_EQ(MainFrame::demoDatabasePath(), dir() / "ankylos" / "demo.db");

    const auto clinic = databasePath("clinic.db");
    ASSERT_TRUE(m_frame->openDatabase(clinic, storage::Open::CreateNew));
    EXPECT_FALSE(m_frame->demoBanner()->IsShown()) << "a clinic's database is not the demo";
    wxCommandEvent click(wxEVT_BUTTON, m_frame->startPanel()->demoButton()->GetId());
    click.SetEventObject(m_frame->startPanel()->demoButton());
    m_frame->startPanel()->demoButton()->GetEventHandler()->ProcessEvent(click);
    pumpEvents(100);

    ASSERT_NE(m_frame->database(), nullptr);
    EXPECT_EQ(m_frame->database()->file(), MainFrame::demoDatabasePath());
    EXPECT_EQ(list()->GetItemCount(), MainFrame::kDemoPatients);
    EXPECT_EQ(m_frame->pages()->GetSelection(), 1);
    // Said across the window, not only in the title bar.
    EXPECT_TRUE(m_frame->demoBanner()->IsShown());
    EXPECT_GT(m_frame->demoBanner()->GetSize().y, 10);
    EXPECT_TRUE(m_frame->GetTitle().StartsWith("DEMO COHORT")) << m_frame->GetTitle();
    saveScreenshot(m_frame, "main_window_demo_banner");
    ASSERT_TRUE(m_frame->openDatabase(clinic));
    EXPECT_FALSE(m_frame->demoBanner()->IsShown()) << "gone with the demo cohort";
    {
        storage::Database untouched(clinic);
        EXPECT_EQ(storage::PatientRepository(untouched).count(), 0) << "demo data never mixes with real data";
    }
    if (oldDataHome)
        setenv("XDG_DATA_HOME", saved.c_str(), 1);
    else
        unsetenv("XDG_DATA_HOME");
}

}  // namespace
}  // namespace ankylos::ui::test

// A database on a PostgreSQL server: the throwaway cluster of the test run (ctest's fixture postgres).
namespace ankylos::ui::test {
namespace {

/// A File menu item by its label (without mnemonics), searched in submenus too; 0 when absent.
int fileMenuId(wxMenu* menu, const wxString& label) {
    for (wxMenuItem* item : menu->GetMenuItems()) {
        if (item->GetItemLabelText() == label)
            return item->GetId();
        if (wxMenu* sub = item->GetSubMenu())
            if (const int id = fileMenuId(sub, label))
                return id;
    }
    return 0;
}

/// The menu under a File menu item (Recent servers).
wxMenu* fileSubMenu(MainFrame* frame, const wxString& label) {
    wxMenu* file = frame->GetMenuBar()->GetMenu(0);
    for (wxMenuItem* item : file->GetMenuItems())
        if (item->GetItemLabelText() == label)
            return item->GetSubMenu();
    return nullptr;
}

void sendMenu(MainFrame* frame, int id) {
    wxCommandEvent event(wxEVT_MENU, id);
    frame->GetEventHandler()->ProcessEvent(event);
    pumpEvents(100);
}

class MainWindowPostgresql : public MainWindow {
protected:
    /// The demo cohort saved into a new Ankylos database at server by other (another workstation),
    /// then opened in the window.
    void openCohortOnServer(const storage::test::PostgresTestDatabase& server, storage::Database& other) {
        std::vector<core::PatientHistory> histories;
        for (int i = 0; i < kCohort; ++i)
            histories.push_back(demo::demoPatient(1, i, today()));
        storage::importHistories(other, histories, true, "demo cohort");
        ASSERT_TRUE(m_frame->openDatabase(server.uri()));
        pumpWindowEvents(200);
    }
    /// A patient who sorts before the demo cohort's.
    static core::Patient deskPatient(const std::string& clinicId) {
        core::Patient patient;
        patient.clinicId = clinicId;
        patient.name = "New At The Desk";
        patient.birth = boost::gregorian::date(1991, 2, 3);
        return patient;
    }
    void SetUp() override {
        if (!storage::test::PostgresTestDatabase::serverUri())
            GTEST_SKIP() << storage::test::PostgresTestDatabase::kHowToRun;
    }
    /// A patient in an Ankylos database made at uri.
    static void addPatient(const std::string& uri, const std::string& clinicId,
                           const std::string& password = "") {
        storage::Database db(uri, "", storage::Open::CreateNew, password);
        core::Patient patient;
        patient.clinicId = clinicId;
        patient.name = "Server Patient";
        patient.birth = boost::gregorian::date(1984, 5, 6);
        storage::PatientRepository(db).add(patient);
    }
};

TEST_F(MainWindowPostgresql, ConnectsThroughTheDialogListsThePatientsAndReopensFromRecentServers) {
    storage::test::PostgresTestDatabase server;
    addPatient(server.uri(), "AS-SRV-1");
    const storage::ServerLocation where = *storage::parseServerLocation(server.uri());
    DialogResponder responder;
    responder.then([&](wxDialog& dialog) {
        XRCCTRL(dialog, "host", wxTextCtrl)->SetValue(fromUtf8(where.host));
        XRCCTRL(dialog, "port", wxSpinCtrl)->SetValue(where.port);
        XRCCTRL(dialog, "user", wxTextCtrl)->SetValue(fromUtf8(where.user));
        XRCCTRL(dialog, "database", wxTextCtrl)->SetValue(fromUtf8(server.name()));
        return wxID_OK;
    });
    const int connect = fileMenuId(m_frame->GetMenuBar()->GetMenu(0), "Connect to server...");
    ASSERT_NE(connect, 0);
    sendMenu(m_frame, connect);
    ASSERT_EQ(responder.seen().size(), 1u) << "no password is asked: the cluster trusts its superuser";
    ASSERT_NE(m_frame->database(), nullptr);
    EXPECT_TRUE(m_frame->database()->onServer());
    EXPECT_EQ(m_frame->pages()->GetSelection(), 1) << "the patient list is shown";
    ASSERT_EQ(list()->GetItemCount(), 1);
    EXPECT_EQ(list()->GetItemText(0, 0), "AS-SRV-1");
    const wxString named = fromUtf8(server.name()) + " on " + fromUtf8(where.host);
    EXPECT_TRUE(m_frame->GetTitle().StartsWith(named)) << m_frame->GetTitle();
    EXPECT_EQ(m_frame->GetStatusBar()->GetStatusText(1), "1 patient");
    EXPECT_TRUE(m_frame->GetStatusBar()->GetStatusText(0).Contains("Server: " + named));
    const std::string connected = m_frame->database()->file().string();
    EXPECT_EQ(connected, storage::toUri(*storage::parseServerLocation(server.uri())))
        << "the fields' location";
    m_frame->waitForWriteCheck();
    pumpWindowEvents(300);
    saveScreenshot(m_frame, "main_window_server");

    // File > Backup offers an Ankylos file named after the server database (GTK's native chooser
    // gives no path unless it is really shown: storage's tests write the copy).
    responder.then([&](wxDialog& dialog) {
        auto* files = wxDynamicCast(&dialog, wxFileDialog);
        EXPECT_NE(files, nullptr);
        if (files) {
            EXPECT_TRUE(files->GetFilename().StartsWith(fromUtf8(server.name()) + "-backup-"))
                << files->GetFilename();
        }
        return int(wxID_CANCEL);
    });
    sendMenu(m_frame, fileMenuId(m_frame->GetMenuBar()->GetMenu(0), "Backup to..."));
    ASSERT_EQ(responder.seen().size(), 2u);

    // Another database, then the server again from File > Recent servers.
    ASSERT_TRUE(m_frame->openDatabase(demoCopy()));
    wxMenu* servers = fileSubMenu(m_frame, "Recent servers");
    ASSERT_NE(servers, nullptr);
    ASSERT_EQ(servers->GetMenuItemCount(), 1u);
    EXPECT_TRUE(servers->FindItemByPosition(0)->GetItemLabelText().Contains(named));
    sendMenu(m_frame, servers->FindItemByPosition(0)->GetId());
    ASSERT_NE(m_frame->database(), nullptr);
    EXPECT_EQ(m_frame->database()->file().string(), connected);
    EXPECT_EQ(list()->GetItemCount(), 1);
}

TEST_F(MainWindowPostgresql, AServerThatWantsAPasswordIsAskedAgainAfterAWrongOneAndItIsNeverStored) {
    storage::test::PostgresTestDatabase server;
    const ankylos::test::PasswordRole role(server);
    addPatient(role.uri(), "AS-PW-1", ankylos::test::PasswordRole::kPassword);
    DialogResponder responder;
    responder.then([](wxDialog& dialog) {
        wxDynamicCast(&dialog, wxTextEntryDialog)->SetValue("not it");
        return wxID_OK;
    });
    std::string secondMessage;
    responder.then([&](wxDialog& dialog) {
        for (wxWindow* child : dialog.GetChildren())
            if (auto* label = wxDynamicCast(child, wxStaticText))
                secondMessage += toUtf8(label->GetLabel());
        wxDynamicCast(&dialog, wxTextEntryDialog)->SetValue(ankylos::test::PasswordRole::kPassword);
        return wxID_OK;
    });
    ASSERT_TRUE(m_frame->openDatabase(role.uri()));
    EXPECT_EQ(responder.seen(), (std::vector<std::string>{"Password", "Password"}));
    EXPECT_NE(secondMessage.find("password authentication failed"), std::string::npos) << secondMessage;
    EXPECT_EQ(list()->GetItemCount(), 1);
    m_frame->waitForWriteCheck();  // on a connection of its own, with the password given
    pumpEvents(100);
    EXPECT_EQ(m_frame->database()->readOnlyReason(), "");

    // Remembered without its password: the settings hold the location only.
    wxConfigBase::Get()->Flush();
    wxString saved;
    ASSERT_TRUE(wxConfigBase::Get()->Read("/RecentServers/Server1", &saved));
    EXPECT_EQ(toUtf8(saved), role.uri());
    long index = 0;
    wxString entry;
    wxConfigBase* config = wxConfigBase::Get();
    config->SetPath("/");
    for (bool more = config->GetFirstGroup(entry, index); more; more = config->GetNextGroup(entry, index)) {
        config->SetPath("/" + entry);
        long inner = 0;
        wxString key;
        for (bool has = config->GetFirstEntry(key, inner); has; has = config->GetNextEntry(key, inner))
            EXPECT_FALSE(config->Read(key, wxString()).Contains(ankylos::test::PasswordRole::kPassword))
                << key;
        config->SetPath("/");
    }

    // Cancel: nothing new is opened, the open database stays.
    ASSERT_TRUE(m_frame->openDatabase(demoCopy()));
    responder.thenReturn(wxID_CANCEL);
    EXPECT_FALSE(m_frame->openDatabase(role.uri()));
    EXPECT_EQ(m_frame->database()->file(), databasePath("demo.db"));
}

/// Lets the window run (its timers fire) until done says so or ten seconds have passed.
bool runUntil(const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done() && std::chrono::steady_clock::now() < deadline)
        pumpWindowEvents(100);
    return done();
}

/// The notes column of the record's visits table, line by line.
std::vector<wxString> visitNotes(PatientRecordPanel* record) {
    std::vector<wxString> notes;
    for (int i = 0; i < record->visitsTable()->GetItemCount(); ++i)
        notes.push_back(record->visitsTable()->GetItemText(i, 10));
    return notes;
}

bool contains(const std::vector<wxString>& lines, const wxString& line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
}

TEST_F(MainWindowPostgresql, AnotherWorkstationsSavesAppearInTheListAndTheOpenRecordButNotUnderADialog) {
    storage::test::PostgresTestDatabase server;
    storage::Database(server.uri(), "", storage::Open::CreateNew);
    storage::Database nurse(server.uri(), "nurse.wang");  // the other workstation
    openCohortOnServer(server, nurse);

    // Scrolled down, a patient selected: another workstation adds one that sorts first.
    list()->EnsureVisible(kCohort - 1);
    const long selected = 45;
    list()->SetItemState(selected, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    const long top = list()->GetTopItem();
    ASSERT_GT(top, 0);
    const std::int64_t selectedId = list()->row(selected).id;
    storage::PatientRepository(nurse).add(deskPatient("AS-000000"));
    ASSERT_TRUE(runUntil([&] { return list()->GetItemCount() == kCohort + 1; }));
    EXPECT_EQ(list()->GetItemText(0, 0), "AS-000000");
    EXPECT_EQ(list()->GetTopItem(), top) << "the view stays where it was";
    const long nowSelected = list()->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    EXPECT_EQ(nowSelected, selected + 1);
    EXPECT_EQ(list()->row(nowSelected).id, selectedId) << "the same patient stays selected";
    EXPECT_EQ(m_frame->GetStatusBar()->GetStatusText(0), "Updated: changes saved on another workstation");
    EXPECT_EQ(m_frame->GetStatusBar()->GetStatusText(1), wxString::Format("%d patients", kCohort + 1));
    saveScreenshot(m_frame, "main_window_refreshed_list");

    // The open record: a visit added, then changed, on the other workstation.
    m_frame->openPatient(selectedId);
    ASSERT_EQ(m_frame->patientInView(), selectedId);
    PatientRecordPanel* record = m_frame->record();
    record->tabs()->SetSelection(kVisitsTab);  // Visits
    const std::size_t visits = record->history().visits.size();
    core::Visit visit;
    visit.date = today();
    visit.basdai.q1 = 3;
    visit.notes = "entered at the nurse's desk";
    const std::int64_t visitId = storage::VisitRepository(nurse).add(selectedId, visit);
    ASSERT_TRUE(runUntil([&] { return record->history().visits.size() == visits + 1; }));
    EXPECT_TRUE(contains(visitNotes(record), "entered at the nurse's desk"));
    visit.notes = "corrected at the nurse's desk";
    storage::VisitRepository(nurse).update(visitId, visit, "typing error");
    ASSERT_TRUE(runUntil([&] { return contains(visitNotes(record), "corrected at the nurse's desk"); }));
    EXPECT_EQ(m_frame->GetStatusBar()->GetStatusText(0), "Updated: changes saved on another workstation");
    EXPECT_EQ(record->tabs()->GetSelection(), kVisitsTab) << "the tab the user was on stays";
    saveScreenshot(m_frame, "main_window_refreshed_record");

    // Under a dialog (an editor working on what the record shows) nothing changes until it closes.
    wxDialog editor(m_frame, wxID_ANY, "Visit");
    editor.CallAfter([&] {
        visit.notes = "changed while a dialog was open";
        storage::VisitRepository(nurse).update(visitId, visit, "second look");
        EXPECT_TRUE(runUntil([&] {
            return m_frame->GetStatusBar()->GetStatusText(0).Contains("shown when the dialog closes");
        }));
        EXPECT_TRUE(contains(visitNotes(record), "corrected at the nurse's desk"));
        editor.EndModal(wxID_CANCEL);
    });
    editor.ShowModal();
    EXPECT_TRUE(runUntil([&] { return contains(visitNotes(record), "changed while a dialog was open"); }));
}

TEST_F(MainWindowPostgresql, AnOpenPatientDeletedElsewhereReturnsToTheListAndALostFeedIsNamedThenMended) {
    storage::test::PostgresTestDatabase server;
    storage::Database(server.uri(), "", storage::Open::CreateNew);
    storage::Database nurse(server.uri(), "nurse.wang");
    openCohortOnServer(server, nurse);
    const std::int64_t open = list()->row(3).id;
    m_frame->openPatient(open);
    ASSERT_EQ(m_frame->patientInView(), open);

    storage::PatientRepository(nurse).remove(open, "entered in the wrong clinic");
    ASSERT_TRUE(runUntil([&] { return !m_frame->patientInView(); }));
    EXPECT_EQ(list()->GetItemCount(), kCohort - 1);
    EXPECT_TRUE(m_frame->GetStatusBar()->GetStatusText(0).Contains("deleted on another workstation"));

    // The feed's connection lost: the status bar says so, and once the feed is back the list is read
    // again (what was saved meanwhile was not announced to it).
    storage::sql::PostgresConnection admin(server.uri(), 5000);
    admin.exec(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
        "AND query LIKE 'LISTEN%'");
    EXPECT_TRUE(runUntil(
        [&] { return m_frame->GetStatusBar()->GetStatusText(0).Contains("not shown as they happen"); }));
    storage::PatientRepository(nurse).add(deskPatient("AS-000000"));
    EXPECT_TRUE(runUntil([&] { return list()->GetItemCount() == kCohort; }));
    EXPECT_EQ(m_frame->GetStatusBar()->GetStatusText(0), "Updated: changes saved on another workstation");
}

}  // namespace
}  // namespace ankylos::ui::test
