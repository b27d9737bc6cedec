// The desktop interface in Simplified Chinese at 1366 x 768 (ui_zh_cn_tests runs under a screen of
// that size): the main window's menus, the patient list, every tab of a patient's record, the visit
// form, film scoring, the treatment, pelvic film, patient and research export dialogs. Each screen
// shows the catalog's words (checked against the Chinese written here, not read from the catalog),
// keeps its menu shortcuts, fits the screen, and clips none of its labels; a screenshot of each
// goes to build/screenshots/zh_CN_*.png for a person to look at.
#include <gtest/gtest.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/display.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/radiobut.h>
#include <wx/stattext.h>
#include <wx/uiaction.h>
#include <wx/xrc/xmlres.h>

#include <memory>
#include <string>
#include <vector>

#include "demo/demo_cohort.h"
#include "storage/film_repository.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/reader_repository.h"
#include "storage/settings_store.h"
#include "storage/visit_import.h"
#include "ui/clinic_settings_dialog.h"
#include "ui/ct_scan_dialog.h"
#include "ui/ct_scans_page.h"
#include "ui/ctss_scoring.h"
#include "ui/display.h"
#include "ui/export_dialog.h"
#include "ui/film_scoring.h"
#include "ui/language.h"
#include "ui/main_frame.h"
#include "ui/new_session_dialog.h"
#include "ui/patient_editor.h"
#include "ui/patient_list_panel.h"
#include "ui/patient_record_panel.h"
#include "ui/pelvic_film_dialog.h"
#include "ui/reading_sessions_dialog.h"
#include "ui/session_agreement_view.h"
#include "ui/session_worklist.h"
#include "ui/treatment_dialog.h"
#include "ui/visit_editor.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {
namespace {

wxString zh(const char* utf8) {
    return wxString::FromUTF8(utf8);
}

/// The labels inside window whose text does not fit the room the layout gave them ("name: text").
std::vector<std::string> clippedLabels(wxWindow* window) {
    std::vector<std::string> clipped;
    for (wxWindow* child : window->GetChildren()) {
        if (!child->IsShown())
            continue;
        const bool label = wxDynamicCast(child, wxStaticText) || wxDynamicCast(child, wxButton) ||
                           wxDynamicCast(child, wxCheckBox) || wxDynamicCast(child, wxRadioButton);
        const wxSize room = child->GetSize();
        const wxSize needed = child->GetBestSize();
        if (label && !child->GetLabel().empty() && (room.x + 1 < needed.x || room.y + 1 < needed.y))
            clipped.push_back(std::string(child->GetName().utf8_str()) + ": " +
                              std::string(child->GetLabel().utf8_str()) + " (" + std::to_string(room.x) +
                              "x" + std::to_string(room.y) + " < " + std::to_string(needed.x) + "x" +
                              std::to_string(needed.y) + ")");
        for (const std::string& inner : clippedLabels(child))
            clipped.push_back(inner);
    }
    return clipped;
}

/// Shows the dialog as a user would see it, checks that it fits the screen and clips no label, and
/// saves its screenshot.
void showAndCheck(wxDialog& dialog, const std::string& name) {
    wxUIActionSimulator().MouseMove(0, 0);  // no tooltip over the screenshot
    dialog.Show();
    pumpWindowEvents(300);
    const wxRect screen = wxDisplay(0u).GetClientArea();
    EXPECT_LE(dialog.GetSize().x, screen.width) << name;
    EXPECT_LE(dialog.GetSize().y, screen.height) << name;
    for (const std::string& label : clippedLabels(&dialog))
        ADD_FAILURE() << name << ": clipped " << label;
    saveScreenshot(&dialog, "zh_CN_" + name);
}

class ChineseInterface : public TempDatabaseTest {
protected:
    ChineseInterface() {
        EXPECT_EQ(installTranslations(InterfaceLanguage::SimplifiedChinese, ANKYLOS_LOCALE_DIR), "zh_CN");
        storage::Database db(databasePath(), "dr.zhang", storage::Open::CreateNew);
        std::vector<core::PatientHistory> histories;
        for (int i = 0; i < 12; ++i)
            histories.push_back(demo::demoPatient(3, i, today()));
        storage::importHistories(db, histories, true, "Chinese interface test");
    }
    ~ChineseInterface() override {
        if (m_frame)
            m_frame->Destroy();
        pumpEvents(50);
        installTranslations(InterfaceLanguage::English, ANKYLOS_LOCALE_DIR);
    }

    /// The main window on the test's database, as large as the screen (1366 x 768).
    MainFrame* openMainWindow() {
        m_frame = new MainFrame;
        m_frame->SetSize(wxDisplay(0u).GetClientArea());
        m_frame->Show();
        pumpWindowEvents(100);
        EXPECT_TRUE(m_frame->openDatabase(databasePath()));
        pumpWindowEvents(200);
        return m_frame;
    }

    /// The patient of the cohort with the most films (for the record's and the dialogs' screens);
    /// m_richestId is its ID.
    core::PatientHistory richestPatient() {
        storage::Database db(databasePath());
        std::optional<core::PatientHistory> best;
        for (const auto& row : storage::PatientRepository(db).search("", 100)) {
            auto history = storage::HistoryReader(db).load(row.id);
            if (history && (!best || history->films.size() > best->films.size())) {
                best = std::move(history);
                m_richestId = row.id;
            }
        }
        return *best;
    }

    MainFrame* m_frame = nullptr;
    std::int64_t m_richestId = 0;
};

TEST_F(ChineseInterface, MenusAndThePatientListAreInChineseWithTheirShortcuts) {
    MainFrame* frame = openMainWindow();
    wxMenuBar* bar = frame->GetMenuBar();
    ASSERT_EQ(bar->GetMenuCount(), 3u);
    EXPECT_EQ(bar->GetMenuLabel(0), zh("文件(&F)"));
    EXPECT_EQ(bar->GetMenuLabel(1), zh("患者(&P)"));
    EXPECT_EQ(bar->GetMenuLabel(2), zh("工具(&T)"));
    // The translated items keep their mnemonic and their shortcut.
    const int newPatient = bar->FindMenuItem(zh("患者(&P)"), zh("新建患者(&N)..."));
    ASSERT_NE(newPatient, wxNOT_FOUND);
    wxMenuItem* item = bar->FindItem(newPatient);
    EXPECT_EQ(item->GetItemLabelText(), zh("新建患者(N)..."));
    std::unique_ptr<wxAcceleratorEntry> accel(item->GetAccel());
    ASSERT_TRUE(accel);
    EXPECT_EQ(accel->GetKeyCode(), 'N');
    EXPECT_EQ(accel->GetFlags(), wxACCEL_CTRL);
    EXPECT_NE(bar->FindMenuItem(zh("工具(&T)"), zh("首选项(&P)...")), wxNOT_FOUND);

    wxListCtrl* list = frame->patientList()->list();
    ASSERT_EQ(list->GetItemCount(), 12);
    wxListItem column;
    column.SetMask(wxLIST_MASK_TEXT);
    list->GetColumn(0, column);
    EXPECT_EQ(column.GetText(), zh("编号"));
    EXPECT_EQ(frame->GetStatusBar()->GetStatusText(1), zh("12 名患者"));
    // Dates stay ISO and numbers keep the decimal point.
    const wxString birth = list->GetItemText(0, 3);
    EXPECT_TRUE(birth.length() == 10 && birth[4] == '-' && birth[7] == '-') << birth;
    saveScreenshot(frame, "zh_CN_patient_list");
}

TEST_F(ChineseInterface, EveryTabOfThePatientRecord) {
    richestPatient();
    MainFrame* frame = openMainWindow();
    frame->openPatient(m_richestId);
    pumpWindowEvents(300);
    wxNotebook* tabs = frame->record()->tabs();
    const char* const expected[] = {"病程", "就诊", "治疗", "X线片", "进展", "骨盆X线片", "CT扫描", "审计"};
    ASSERT_EQ(tabs->GetPageCount(), std::size(expected));
    const char* const names[] = {"course",      "visits",       "treatment", "films",
                                 "progression", "pelvic_films", "ct_scans",  "audit"};
    for (std::size_t i = 0; i < std::size(expected); ++i) {
        EXPECT_EQ(tabs->GetPageText(i), zh(expected[i]));
        tabs->SetSelection(i);
        pumpWindowEvents(100);
        for (const std::string& label : clippedLabels(tabs->GetPage(i)))
            ADD_FAILURE() << names[i] << ": clipped " << label;
        saveScreenshot(frame, std::string("zh_CN_record_") + names[i]);
    }
    // What storage names reads in Chinese too: the audit rows' action.
    EXPECT_EQ(frame->record()->auditTable()->GetItemText(0, 3), zh("新增"));
}

TEST_F(ChineseInterface, TheVisitForm) {
    const core::PatientHistory patient = richestPatient();
    VisitEditor editor(
        nullptr, patient.patient, patient.films, core::Settings{}, [](const core::Visit&, bool) {},
        patient.visits);
    editor.TransferTo(patient.visits.back());
    EXPECT_EQ(editor.GetTitle(), zh("就诊")) << "the form's own title (forms/visit_editor.xrc)";
    EXPECT_EQ(editor.FindWindow(wxID_OK)->GetLabel(), zh("保存(&S)"));
    showAndCheck(editor, "visit_form");
}

TEST_F(ChineseInterface, FilmScoring) {
    const core::PatientHistory patient = richestPatient();
    ASSERT_GE(patient.films.size(), 2u);
    FilmScoringContext context;
    context.patient = patient.patient;
    context.filmDate = patient.films.back().date;
    context.films = patient.films;
    for (const auto& reading : patient.films.back().readings)
        context.readers.push_back(reading.reader);
    FilmScoringDialog dialog(nullptr, context, [](const core::Reading&) {});
    ASSERT_FALSE(patient.films.back().readings.empty());
    dialog.TransferTo(patient.films.back().readings.front());
    EXPECT_EQ(dialog.GetTitle(), zh("X线片评分"));
    showAndCheck(dialog, "film_scoring");
}

TEST_F(ChineseInterface, CtssScoringAndTheCtScansTab) {
    // The demo patient with the most low-dose CT scans, scored again by the reader of the last one,
    // the previous scan's grades shown.
    storage::Database db(databasePath());
    std::optional<core::PatientHistory> patient;
    std::int64_t patientId = 0;
    for (const auto& row : storage::PatientRepository(db).search("", 100)) {
        auto history = storage::HistoryReader(db).load(row.id);
        if (history && (!patient || history->ctScans.size() > patient->ctScans.size())) {
            patient = std::move(history);
            patientId = row.id;
        }
    }
    ASSERT_TRUE(patient && patient->ctScans.size() >= 2u) << "the demo cohort has patients with CT scans";
    CtssScoringContext context;
    context.patient = patient->patient;
    context.scan = patient->ctScans.back();
    context.scans = patient->ctScans;
    ASSERT_FALSE(context.scan.readings.empty());
    core::CtssReading reading = context.scan.readings.front();
    context.readers = {reading.reader};
    reading.chronologyKnown = true;
    CtssScoringDialog dialog(nullptr, context, [](const core::CtssReading&) {});
    dialog.TransferTo(reading);
    EXPECT_EQ(dialog.GetTitle(), zh("CTSS 评分"));
    EXPECT_EQ(XRCCTRL(dialog, "score_total_label", wxStaticText)->GetLabel(), zh("CTSS 总分："));
    showAndCheck(dialog, "ctss_scoring");
    dialog.Hide();
    CtScanDialog scan(nullptr, patient->patient, [](const core::CtScan&) {});
    scan.TransferTo(context.scan);
    scan.SetTitle(zh("编辑CT扫描"));
    EXPECT_EQ(XRCCTRL(scan, "scanner_label", wxStaticText)->GetLabel(), zh("扫描设备："));
    showAndCheck(scan, "ct_scan_dialog");
    scan.Hide();

    MainFrame* frame = openMainWindow();
    frame->openPatient(patientId);
    frame->record()->tabs()->SetSelection(kCtScansTab);
    pumpWindowEvents(200);
    EXPECT_EQ(frame->record()->tabs()->GetPageText(kCtScansTab), zh("CT扫描"));
    EXPECT_EQ(frame->record()->ctScans()->table()->GetItemCount() >= 2, true);
    saveScreenshot(frame, "zh_CN_record_ct_scans_demo");
}

TEST_F(ChineseInterface, TheTreatmentDialog) {
    const core::PatientHistory patient = richestPatient();
    TreatmentDialog dialog(
        nullptr, TreatmentEntry::New, patient.patient, [](const core::TreatmentEpisode&) {}, nullptr);
    core::TreatmentEpisode episode;
    episode.start = today();
    dialog.TransferTo(episode);
    EXPECT_EQ(dialog.GetTitle(), zh("治疗"));
    // Core's vocabulary in Chinese too: the routes, and a catalogue drug with its class.
    EXPECT_EQ(XRCCTRL(dialog, "route", wxChoice)->GetString(0), zh("口服"));
    EXPECT_EQ(drugText("adalimumab"), zh("阿达木单抗 Adalimumab (TNF抑制剂, L04AB04)"));
    dialog.drug()->SetValue(drugText("adalimumab"));  // as picked from the list: the class shows
    showAndCheck(dialog, "treatment");
}

TEST_F(ChineseInterface, PelvicFilmAndPatientDialogs) {
    const core::PatientHistory patient = richestPatient();
    PelvicFilmContext context;
    context.patient = patient.patient;
    context.readers = {"Dr Lee"};
    PelvicFilmDialog pelvic(nullptr, context, [](const core::PelvicFilmReading&) {});
    showAndCheck(pelvic, "pelvic_film");
    PatientEditor editor(nullptr, [](const core::Patient&, const std::string&) {});
    editor.TransferTo(patient.patient);
    showAndCheck(editor, "patient_editor");
}

TEST_F(ChineseInterface, TheResearchExportDialog) {
    auto* dialog = new ExportDialog(nullptr, databasePath(), "dr.zhang");
    EXPECT_EQ(dialog->GetTitle(), zh("研究导出"));
    showAndCheck(*dialog, "export");
    dialog->Destroy();
}

TEST_F(ChineseInterface, TheClinicSettingsDialog) {
    storage::Database db(databasePath());
    ClinicSettingsDialog dialog(nullptr, db);
    EXPECT_TRUE(dialog.GetTitle().EndsWith(zh("的诊所设置"))) << dialog.GetTitle();
    EXPECT_EQ(dialog.lscTable()->GetItemText(0), zh("未设置"));
    showAndCheck(dialog, "clinic_settings");
}

}  // namespace
}  // namespace ankylos::ui::test

namespace ankylos::ui::test {

TEST_F(ChineseInterface, TheReadingStation) {
    // A blinded session of every patient's films, read by two readers who disagree on one film.
    storage::Database db(databasePath(), "dr.zhang");
    storage::ReaderRepository readers(db);
    for (const char* name : {"Reader A", "Reader B"})
        if (!readers.find(name))
            readers.add(name);
    storage::ReadingSessionRepository sessions(db);
    storage::ReadingSession session;
    session.name = "S1";
    session.seed = 7;
    session.blinding.chronology = core::SessionChronology::PairedHidden;
    session.readers = {{"Reader A", core::ReadingRole::Primary}, {"Reader B", core::ReadingRole::Primary}};
    session.films = sessions.filmsOf({});
    sessions.create(session);
    session = sessions.require("S1");
    for (const char* reader : {"Reader A", "Reader B"}) {
        const auto items = sessions.worklist(session, reader, storage::readSettings(db));
        for (std::size_t i = 0; i + 1 < items.size(); ++i) {
            const bool differs = std::string(reader) == "Reader B" && i == 1;
            core::Reading reading =
                core::parseReading(differs ? "2,2,2,2,0,0,0,0,0,0,0,0,2,2,2,2,0,0,0,0,0,0,0,0"
                                           : "0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0",
                                   reader);
            reading.session = "S1";
            storage::FilmRepository(db).addReading(items[i].filmId, reading);
        }
    }

    ReadingSessionsDialog list(nullptr, db);
    EXPECT_EQ(list.GetTitle(), zh("阅片批次"));
    showAndCheck(list, "session_list");
    NewSessionDialog create(nullptr, db);
    showAndCheck(create, "session_new");
    SessionWorklistDialog worklist(nullptr, db, "S1", "Reader A");
    showAndCheck(worklist, "session_worklist");
    const FilmScoringContext context = worklist.contextAt(static_cast<long>(worklist.items().size() - 1));
    FilmScoringDialog scoring(nullptr, context, [](const core::Reading&) {});
    core::Reading reading;
    reading.reader = "Reader A";
    reading.session = "S1";
    scoring.TransferTo(reading);
    showAndCheck(scoring, "session_scoring_blinded");
    SessionAgreementDialog agreement(nullptr, db, "S1");
    showAndCheck(agreement, "session_agreement");
}

}  // namespace ankylos::ui::test
