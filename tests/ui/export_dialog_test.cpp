// The research export dialog under Xvfb on a real demo database: a de-identified export with a key
// file runs on the worker thread to the end of the progress bar and leaves the output and its
// manifest; Cancel leaves nothing; a missing key file is named; the column list feeds the export.
#include "ui/export_dialog.h"

#include <gtest/gtest.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/gauge.h>
#include <wx/msgdlg.h>
#include <wx/radiobox.h>
#include <wx/stopwatch.h>
#include <wx/textctrl.h>

#include <fstream>
#include <iterator>
#include <sstream>

#include "demo/demo_cohort.h"
#include "storage/visit_import.h"
#include "ui/display.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {
namespace {

std::string readAll(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::size_t filesIn(const std::filesystem::path& folder) {
    return static_cast<std::size_t>(
        std::distance(std::filesystem::directory_iterator(folder), std::filesystem::directory_iterator()));
}

class ExportDialogTest : public TempDatabaseTest {
protected:
    ExportDialogTest() {
        m_out = dir() / "out";
        std::filesystem::create_directories(m_out);
        m_key = dir() / "project.key";
        std::ofstream(m_key, std::ios::binary) << std::string(32, '\x5a') << "0123456789";
    }
    ~ExportDialogTest() override {
        if (m_dialog)
            m_dialog->Destroy();
        pumpEvents(50);
    }

    void makeCohort(int patients) {
        storage::Database db(databasePath(), "tester", storage::Open::CreateNew);
        for (int i = 0; i < patients; ++i) {
            m_histories.push_back(demo::demoPatient(1, i, today()));
        }
        storage::importHistories(db, m_histories, true, "export dialog test");
    }

    ExportDialog* openDialog() {
        m_dialog = new ExportDialog(nullptr, databasePath(), "tester");
        m_dialog->Show();
        pumpWindowEvents(200);
        return m_dialog;
    }

    /// Lets the worker run, with the window's events, until it is no longer running.
    void waitForExport() {
        wxStopWatch watch;
        while (m_dialog->state() == ExportDialog::State::Running && watch.Time() < 60000)
            pumpEvents(20);
        ASSERT_NE(m_dialog->state(), ExportDialog::State::Running) << "the export did not end within 60 s";
    }

    std::filesystem::path m_out;
    std::filesystem::path m_key;
    std::vector<core::PatientHistory> m_histories;
    ExportDialog* m_dialog = nullptr;
};

TEST_F(ExportDialogTest, DeidentifiedExportRunsToTheEndAndWritesOutputAndManifest) {
    makeCohort(30);
    ExportDialog* dialog = openDialog();
    EXPECT_TRUE(dialog->deidentifyBox()->GetValue()) << "de-identification is on by default";
    EXPECT_TRUE(dialog->allColumnsBox()->GetValue());
    EXPECT_FALSE(dialog->columnList()->IsEnabled()) << "all columns: the list is not used";
    EXPECT_GT(dialog->columnList()->GetCount(), 20u);
    EXPECT_EQ(dialog->gauge()->GetValue(), 0);

    const auto out = m_out / "cohort.csv";
    dialog->outputField()->ChangeValue(fromUtf8(out.string()));
    dialog->keyFileField()->ChangeValue(fromUtf8(m_key.string()));
    dialog->fromField()->ChangeValue("2000-01-01");
    saveScreenshot(dialog, "export_dialog");

    DialogResponder responder;
    std::string finalMessage;
    int gaugeAtMessage = -1;
    responder.then([&](wxDialog& message) {
        finalMessage = toUtf8(wxDynamicCast(&message, wxMessageDialog)->GetMessage());
        gaugeAtMessage = dialog->gauge()->GetValue();
        return int(wxID_OK);
    });
    ASSERT_TRUE(dialog->startExport());
    EXPECT_EQ(dialog->state(), ExportDialog::State::Running);
    EXPECT_FALSE(dialog->formatChoice()->IsEnabled()) << "options are locked while exporting";
    waitForExport();
    ASSERT_EQ(dialog->state(), ExportDialog::State::Finished) << toUtf8(dialog->statusText());
    EXPECT_EQ(gaugeAtMessage, dialog->gauge()->GetRange()) << "the progress bar reached the end";
    EXPECT_EQ(responder.pending(), 0u);

    const exports::ExportSummary& summary = dialog->summary();
    EXPECT_EQ(summary.patients, 30u);
    ASSERT_FALSE(summary.files.empty());
    const auto manifest = summary.files.back();
    EXPECT_TRUE(std::filesystem::exists(out));
    EXPECT_TRUE(std::filesystem::exists(manifest));
    EXPECT_NE(manifest.filename().string().find("manifest"), std::string::npos) << manifest;
    // The message names the row counts and the manifest.
    EXPECT_NE(finalMessage.find(manifest.string()), std::string::npos) << finalMessage;
    for (const auto& [table, rows] : summary.rows)
        EXPECT_NE(finalMessage.find(table + ": " + std::to_string(rows) + " rows"), std::string::npos)
            << finalMessage;
    // De-identified: no clinic ID and no name in the data.
    const std::string data = readAll(out);
    for (const core::PatientHistory& history : m_histories) {
        EXPECT_EQ(data.find(history.patient.clinicId + ","), std::string::npos) << history.patient.clinicId;
        EXPECT_EQ(data.find(history.patient.name), std::string::npos) << history.patient.name;
    }
    const std::string manifestText = readAll(manifest);
    EXPECT_NE(manifestText.find("2000-01-01"), std::string::npos) << "the filter is recorded";
    saveScreenshot(dialog, "export_dialog_done");
}

TEST_F(ExportDialogTest, CancelLeavesNoOutput) {
    makeCohort(150);
    ExportDialog* dialog = openDialog();
    dialog->selectFormat(exports::ExportFormat::CsvWide);  // two passes over the cohort
    const auto out = m_out / "wide.csv";
    dialog->outputField()->ChangeValue(fromUtf8(out.string()));
    dialog->keyFileField()->ChangeValue(fromUtf8(m_key.string()));
    ASSERT_TRUE(dialog->startExport());
    // The Cancel button while the export runs (it reads "Cancel export" then).
    wxCommandEvent cancel(wxEVT_BUTTON, wxID_CANCEL);
    cancel.SetEventObject(dialog->FindWindow(wxID_CANCEL));
    dialog->FindWindow(wxID_CANCEL)->GetEventHandler()->ProcessEvent(cancel);
    EXPECT_TRUE(dialog->IsShown()) << "Cancel stops the export, not the dialog";
    waitForExport();
    EXPECT_EQ(dialog->state(), ExportDialog::State::Cancelled) << toUtf8(dialog->statusText());
    EXPECT_EQ(filesIn(m_out), 0u) << "no output, no partial file, no manifest";
    EXPECT_TRUE(dialog->formatChoice()->IsEnabled());
}

TEST_F(ExportDialogTest, MissingKeyFileIsNamed) {
    makeCohort(3);
    ExportDialog* dialog = openDialog();
    const auto missing = dir() / "missing-project.key";
    dialog->outputField()->ChangeValue(fromUtf8((m_out / "cohort.csv").string()));
    dialog->keyFileField()->ChangeValue(fromUtf8(missing.string()));
    DialogResponder responder;
    responder.thenReturn(wxID_OK);
    EXPECT_FALSE(dialog->startExport());
    ASSERT_EQ(responder.seen().size(), 1u);
    EXPECT_NE(responder.seen()[0].find(missing.string()), std::string::npos) << responder.seen()[0];
    EXPECT_EQ(dialog->state(), ExportDialog::State::Ready);
    EXPECT_EQ(filesIn(m_out), 0u);
}

TEST_F(ExportDialogTest, TheOpenDatabaseIsRefusedAndExistingFilesReplacedOnlyWhenTheUserSaysSo) {
    makeCohort(3);
    ExportDialog* dialog = openDialog();
    dialog->keyFileField()->ChangeValue(fromUtf8(m_key.string()));
    const std::string before = readAll(databasePath());
    dialog->outputField()->ChangeValue(fromUtf8(databasePath().string()));
    DialogResponder responder;
    responder.thenReturn(wxID_OK);
    EXPECT_FALSE(dialog->startExport());
    ASSERT_EQ(responder.seen().size(), 1u);
    EXPECT_NE(responder.seen()[0].find("is the open database"), std::string::npos) << responder.seen()[0];
    EXPECT_EQ(readAll(databasePath()), before);

    // A companion file of the export exists: the user is asked, and No changes nothing.
    const auto out = m_out / "cohort.csv";
    std::ofstream(m_out / "cohort.codebook.csv") << "an older codebook";
    dialog->outputField()->ChangeValue(fromUtf8(out.string()));
    responder.thenReturn(wxID_NO);
    EXPECT_FALSE(dialog->startExport());
    ASSERT_EQ(responder.seen().size(), 2u);
    EXPECT_NE(responder.seen()[1].find((m_out / "cohort.codebook.csv").string()), std::string::npos)
        << responder.seen()[1];
    EXPECT_EQ(readAll(m_out / "cohort.codebook.csv"), "an older codebook");
    EXPECT_FALSE(std::filesystem::exists(out));

    responder.thenReturn(wxID_YES).thenReturn(wxID_OK);  // replace, then the final message
    ASSERT_TRUE(dialog->startExport());
    waitForExport();
    ASSERT_EQ(dialog->state(), ExportDialog::State::Finished) << toUtf8(dialog->statusText());
    EXPECT_NE(readAll(m_out / "cohort.codebook.csv"), "an older codebook");
}

TEST_F(ExportDialogTest, ChosenColumnsAndRelativeDatesReachTheExport) {
    makeCohort(5);
    ExportDialog* dialog = openDialog();
    dialog->selectFormat(exports::ExportFormat::Progression);
    dialog->datesBox()->SetSelection(1);
    dialog->refreshColumns();
    dialog->allColumnsBox()->SetValue(false);
    wxCommandEvent toggled(wxEVT_CHECKBOX, dialog->allColumnsBox()->GetId());
    toggled.SetEventObject(dialog->allColumnsBox());
    dialog->allColumnsBox()->GetEventHandler()->ProcessEvent(toggled);
    EXPECT_TRUE(dialog->columnList()->IsEnabled());
    wxCheckListBox* list = dialog->columnList();
    // Pick the last column the list offers, and check that the export has it and not the one before.
    ASSERT_GE(list->GetCount(), 3u);
    const unsigned last = list->GetCount() - 1;
    list->Check(last);
    const std::string chosen = toUtf8(list->GetString(last));
    const std::string other = toUtf8(list->GetString(last - 1));
    const exports::ExportOptions options = dialog->options();
    EXPECT_EQ(options.format, exports::ExportFormat::Progression);
    EXPECT_EQ(options.dateMode, exports::DateMode::Relative);
    EXPECT_EQ(options.columns, std::vector<std::string>{chosen});
    EXPECT_FALSE(options.identified);

    const auto out = m_out / "pairs.csv";
    dialog->outputField()->ChangeValue(fromUtf8(out.string()));
    dialog->keyFileField()->ChangeValue(fromUtf8(m_key.string()));
    DialogResponder responder;
    responder.thenReturn(wxID_OK);
    ASSERT_TRUE(dialog->startExport());
    waitForExport();
    ASSERT_EQ(dialog->state(), ExportDialog::State::Finished) << toUtf8(dialog->statusText());
    // The last column offered belongs to the CT pairs, written beside the film pairs.
    std::string header;
    for (const auto& file : {out, m_out / "pairs.ct_progression.csv"}) {
        ASSERT_TRUE(std::filesystem::exists(file)) << file;
        std::istringstream data(readAll(file));
        std::string line;
        std::getline(data, line);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();  // CSV rows end in CRLF
        header += line + ",";
    }
    EXPECT_NE(header.find(chosen + ","), std::string::npos) << chosen << " in " << header;
    EXPECT_EQ(header.find(other + ","), std::string::npos) << header;
}

TEST_F(ExportDialogTest, IdentifiedExportIsConfirmedFirstAndKeepsTheClinicIds) {
    makeCohort(4);
    ExportDialog* dialog = openDialog();
    dialog->deidentifyBox()->SetValue(false);
    wxCommandEvent toggled(wxEVT_CHECKBOX, dialog->deidentifyBox()->GetId());
    toggled.SetEventObject(dialog->deidentifyBox());
    dialog->deidentifyBox()->GetEventHandler()->ProcessEvent(toggled);
    EXPECT_FALSE(dialog->keyFileField()->IsEnabled()) << "no key for an identified export";
    EXPECT_FALSE(dialog->datesBox()->IsEnabled());
    const auto out = m_out / "identified.csv";
    dialog->outputField()->ChangeValue(fromUtf8(out.string()));

    DialogResponder responder;
    responder.thenReturn(wxID_NO);
    EXPECT_FALSE(dialog->startExport()) << "the user said no";
    ASSERT_EQ(responder.seen().size(), 1u);
    EXPECT_NE(responder.seen()[0].find("identified"), std::string::npos) << responder.seen()[0];
    EXPECT_EQ(filesIn(m_out), 0u);

    responder.thenReturn(wxID_YES).thenReturn(wxID_OK);
    ASSERT_TRUE(dialog->startExport());
    waitForExport();
    ASSERT_EQ(dialog->state(), ExportDialog::State::Finished) << toUtf8(dialog->statusText());
    EXPECT_TRUE(dialog->options().identified);
    EXPECT_NE(readAll(out).find(m_histories.front().patient.clinicId), std::string::npos);
}

TEST_F(ExportDialogTest, CreateProjectKeyWarnsWritesANewKeyAsksBeforeReplacingAndTheExportUsesIt) {
    makeCohort(3);
    ExportDialog* dialog = openDialog();
    ASSERT_TRUE(dialog->createKeyButton()->IsEnabled());

    // The button first says why the key matters, then asks where (GTK's native chooser gives no path
    // unless it is really shown: saveProjectKey below is the rest of the same step).
    DialogResponder responder;
    std::string warning;
    responder.then([&](wxDialog& message) {
        warning = toUtf8(wxDynamicCast(&message, wxMessageDialog)->GetMessage());
        return int(wxID_OK);
    });
    responder.then([&](wxDialog& files) {
        EXPECT_EQ(toUtf8(wxDynamicCast(&files, wxFileDialog)->GetFilename()), "project.key");
        return int(wxID_CANCEL);
    });
    wxCommandEvent click(wxEVT_BUTTON, dialog->createKeyButton()->GetId());
    click.SetEventObject(dialog->createKeyButton());
    dialog->createKeyButton()->GetEventHandler()->ProcessEvent(click);
    EXPECT_EQ(responder.pending(), 0u);
    EXPECT_NE(warning.find("keep it safe"), std::string::npos) << warning;
    EXPECT_NE(warning.find("re-identification"), std::string::npos) << warning;
    EXPECT_NE(warning.find("can no longer be linked"), std::string::npos) << warning;
    EXPECT_TRUE(dialog->keyFileField()->GetValue().empty()) << "cancelled: no key chosen";

    const auto made = dir() / "made.key";
    ASSERT_TRUE(dialog->saveProjectKey(made));
    const std::string key = readAll(made);
    EXPECT_EQ(key.size(), 32u);
    EXPECT_EQ(toUtf8(dialog->keyFileField()->GetValue()), made.string());
    EXPECT_TRUE(dialog->statusText().Contains("Back it up")) << dialog->statusText();
    saveScreenshot(dialog, "export_dialog_key_created");

    // An existing file: the user is asked, "keep" leaves it, "replace" writes a new key.
    responder.thenReturn(wxID_NO);
    EXPECT_FALSE(dialog->saveProjectKey(made));
    ASSERT_EQ(responder.seen().size(), 3u);
    EXPECT_NE(responder.seen()[2].find(made.string() + " already exists"), std::string::npos)
        << responder.seen()[2];
    EXPECT_EQ(readAll(made), key);
    responder.thenReturn(wxID_YES);
    ASSERT_TRUE(dialog->saveProjectKey(made));
    EXPECT_NE(readAll(made), key);
    EXPECT_EQ(readAll(made).size(), 32u);

    // The export runs with the new key.
    dialog->outputField()->ChangeValue(fromUtf8((m_out / "cohort.csv").string()));
    responder.thenReturn(wxID_OK);
    ASSERT_TRUE(dialog->startExport());
    waitForExport();
    ASSERT_EQ(dialog->state(), ExportDialog::State::Finished) << toUtf8(dialog->statusText());
    EXPECT_EQ(dialog->summary().patients, 3u);
}

TEST_F(ExportDialogTest, BadFilterDateIsRefusedWithItsField) {
    makeCohort(1);
    ExportDialog* dialog = openDialog();
    dialog->keyFileField()->ChangeValue(fromUtf8(m_key.string()));
    dialog->toField()->ChangeValue("2020-02-30");
    DialogResponder responder;
    responder.thenReturn(wxID_OK);
    EXPECT_FALSE(dialog->startExport());
    ASSERT_EQ(responder.seen().size(), 1u);
    EXPECT_NE(responder.seen()[0].find("2020-02-30"), std::string::npos) << responder.seen()[0];
}

}  // namespace
}  // namespace ankylos::ui::test
