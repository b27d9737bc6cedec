// Printing, print preview and PDF export of the reports under Xvfb: the preview shows as many pages as
// the report's layout, a printout draws the same page as the PDF/PNG renderer on a bitmap DC, Export
// PDF writes a file whose text holds the patient ID, and the cohort filter dialog builds its filter.
#include "ui/report_output.h"

#include <gtest/gtest.h>
#include <wx/bitmap.h>
#include <wx/choice.h>
#include <wx/dcmemory.h>
#include <wx/filedlg.h>
#include <wx/image.h>
#include <wx/menu.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>
#include <wx/utils.h>
#include <wx/xrc/xmlres.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "demo/demo_cohort.h"
#include "report/patient_report.h"
#include "report/style.h"
#include "storage/audit.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/settings_store.h"
#include "storage/visit_import.h"
#include "ui/display.h"
#include "ui/export_dialog.h"
#include "ui/main_frame.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {
namespace {

constexpr int kPatients = 12;

/// The bounding box of the pixels that are not (nearly) white, and how many there are.
struct Ink {
    wxRect box;
    long pixels = 0;
};

Ink inkOf(const wxImage& image) {
    Ink ink;
    int left = image.GetWidth(), top = image.GetHeight(), right = -1, bottom = -1;
    // The outermost pixels are left out: the PNG writer rounds the page up to whole pixels and the
    // partial last row and column are not paper.
    constexpr int kEdge = 2;
    for (int y = kEdge; y < image.GetHeight() - kEdge; ++y)
        for (int x = kEdge; x < image.GetWidth() - kEdge; ++x) {
            // Composited over white paper: the PNG writer leaves the page transparent.
            const double alpha = image.HasAlpha() ? image.GetAlpha(x, y) / 255.0 : 1.0;
            const auto onPaper = [alpha](unsigned char c) { return alpha * c + (1 - alpha) * 255; };
            if (onPaper(image.GetRed(x, y)) > 240 && onPaper(image.GetGreen(x, y)) > 240 &&
                onPaper(image.GetBlue(x, y)) > 240)
                continue;
            ++ink.pixels;
            left = std::min(left, x);
            right = std::max(right, x);
            top = std::min(top, y);
            bottom = std::max(bottom, y);
        }
    if (right >= 0)
        ink.box = wxRect(wxPoint(left, top), wxPoint(right, bottom));
    return ink;
}

std::string commandOutput(const std::string& command) {
    wxArrayString output, errors;
    const long status = wxExecute(fromUtf8(command), output, errors, wxEXEC_SYNC | wxEXEC_NODISABLE);
    EXPECT_EQ(status, 0) << command;
    std::string text;
    for (const wxString& line : output)
        text += toUtf8(line) + "\n";
    return text;
}

class ReportOutput : public TempDatabaseTest {
protected:
    ReportOutput() {
        m_db = std::make_unique<storage::Database>(databasePath(), "tester", storage::Open::CreateNew);
        std::vector<core::PatientHistory> histories;
        for (int i = 0; i < kPatients; ++i)
            histories.push_back(demo::demoPatient(1, i, today()));
        storage::importHistories(*m_db, histories, true, "report output test");
        m_clinicId = histories.front().patient.clinicId;
        m_patientId = *storage::PatientRepository(*m_db).idOf(m_clinicId);
    }
    ~ReportOutput() override { pumpEvents(50); }

    /// The page count the report library's own layout gives this patient (what the CLI prints).
    int layoutPageCount() {
        report::ReportContext context;
        context.style = report::loadDefaultStyle();
        context.printed = today();
        const auto history = storage::HistoryReader(*m_db).load(m_patientId);
        const report::Document document =
            report::buildPatientReport(*history, storage::readSettings(*m_db), context);
        return report::layOut(document, context.style.paper, context.style.layoutStyle()).pageCount();
    }

    ReportSubject patientSubject() const {
        ReportSubject subject;
        subject.patientId = m_patientId;
        return subject;
    }

    std::unique_ptr<storage::Database> m_db;
    std::string m_clinicId;
    std::int64_t m_patientId = 0;
};

TEST_F(ReportOutput, PreviewShowsTheLayoutsPagesAndRendersEachOfThem) {
    const int expected = layoutPageCount();
    ASSERT_GE(expected, 2) << "a demo patient's report runs over more than one page";
    ReportSubject subject;
    subject.patientId = m_patientId;
    wxPreviewFrame* frame = previewReport(nullptr, *m_db, subject);
    ASSERT_NE(frame, nullptr);
    frame->SetSize(1000, 780);
    pumpWindowEvents(300);
    wxPrintPreviewBase* preview = frame->GetControlBar()->GetPrintPreview();
    ASSERT_NE(preview, nullptr);
    EXPECT_TRUE(preview->IsOk());
    EXPECT_EQ(preview->GetMinPage(), 1);
    EXPECT_EQ(preview->GetMaxPage(), expected);
    for (int page = expected; page >= 1; --page)
        EXPECT_TRUE(preview->SetCurrentPage(page)) << "page " << page;
    EXPECT_EQ(preview->GetCurrentPage(), 1);
    EXPECT_FALSE(dynamic_cast<ReportPrintout*>(preview->GetPrintout())->HasPage(expected + 1));
    saveScreenshot(frame, "print_preview_patient");
    frame->Close(true);
    pumpEvents(100);
}

TEST_F(ReportOutput, PrintoutDrawsTheRenderersPageOnABitmapDc) {
    const SharedReport document = makeSharedReport(*m_db, patientSubject());
    // A bitmap of the page at 100 dpi, the printout told that the "printer" has 100 dpi.
    constexpr double kDpi = 100;
    const int width = static_cast<int>(document->size.width / 72.0 * kDpi + 0.5);
    const int height = static_cast<int>(document->size.height / 72.0 * kDpi + 0.5);
    wxBitmap bitmap(width, height, 24);
    {
        wxMemoryDC dc(bitmap);
        dc.SetBackground(*wxWHITE_BRUSH);
        dc.Clear();
        ReportPrintout printout(document, "test");
        printout.SetDC(&dc);
        printout.SetPageSizePixels(width, height);
        printout.SetPaperRectPixels(wxRect(0, 0, width, height));
        printout.SetPPIPrinter(static_cast<int>(kDpi), static_cast<int>(kDpi));
        EXPECT_TRUE(printout.OnPrintPage(1));
        EXPECT_FALSE(printout.OnPrintPage(document->pageCount() + 1));
        printout.SetDC(nullptr);
    }
    const wxImage page = bitmap.ConvertToImage();
    page.SaveFile(fromUtf8((screenshotDir() / "printout_page1.png").string()), wxBITMAP_TYPE_PNG);
    const Ink drawn = inkOf(page);
    EXPECT_GT(drawn.pixels, width * height / 100) << "the page is mostly blank";

    // The same page from the report library's PNG writer: the ink must sit in the same place, so
    // scale and origin on the DC are right (a few pixels for anti-aliasing).
    const auto png = screenshotDir() / "renderer_page1.png";
    report::writePng(*document, 0, kDpi, png.string());
    wxImage reference;
    ASSERT_TRUE(reference.LoadFile(fromUtf8(png.string()), wxBITMAP_TYPE_PNG));
    const Ink expected = inkOf(reference);
    EXPECT_NEAR(drawn.box.GetLeft(), expected.box.GetLeft(), 3);
    EXPECT_NEAR(drawn.box.GetTop(), expected.box.GetTop(), 3);
    EXPECT_NEAR(drawn.box.GetRight(), expected.box.GetRight(), 3);
    EXPECT_NEAR(drawn.box.GetBottom(), expected.box.GetBottom(), 3);
    EXPECT_NEAR(double(drawn.pixels), double(expected.pixels), expected.pixels * 0.1);
}

TEST_F(ReportOutput, PrintoutShrinksAnA4PageOntoSmallerPaper) {
    const SharedReport document = makeSharedReport(*m_db, patientSubject());
    // Paper half the report's height at 72 dpi: the page is drawn at half size, centred.
    const int width = static_cast<int>(document->size.width);
    const int height = static_cast<int>(document->size.height / 2);
    wxBitmap bitmap(width, height, 24);
    {
        wxMemoryDC dc(bitmap);
        dc.SetBackground(*wxWHITE_BRUSH);
        dc.Clear();
        ReportPrintout printout(document, "test");
        printout.SetDC(&dc);
        printout.SetPageSizePixels(width, height);
        printout.SetPaperRectPixels(wxRect(0, 0, width, height));
        printout.SetPPIPrinter(72, 72);
        EXPECT_TRUE(printout.OnPrintPage(1));
        printout.SetDC(nullptr);
    }
    const Ink drawn = inkOf(bitmap.ConvertToImage());
    ASSERT_GT(drawn.pixels, 0);
    EXPECT_GT(drawn.box.GetLeft(), width / 4 - 10) << "centred horizontally at half size";
    EXPECT_LT(drawn.box.GetRight(), width * 3 / 4 + 10);
}

/// The pages of each print of the patient's report the audit trail records, oldest first.
std::vector<int> printedPages(storage::Database& db, std::int64_t patientId) {
    std::vector<int> pages;
    for (const storage::AuditRow& row : storage::auditRowsFor(db, "patient", patientId)) {
        const auto values = nlohmann::json::parse(row.newValues.empty() ? "null" : row.newValues);
        if (row.action == "export" && values.is_object() && values.value("output", "") == "print")
            pages.push_back(values.at("pages").get<int>());
    }
    return pages;
}

/// Prints pages first..last of printout on a bitmap, calling it as GTK's print loop does once the
/// user has pressed Print in the print dialog (begin-print, draw-page per page, end-print).
void printAsGtkDoes(ReportPrintout& printout, int first, int last) {
    const int width = static_cast<int>(printout.document().size.width);
    const int height = static_cast<int>(printout.document().size.height);
    wxBitmap bitmap(width, height, 24);
    wxMemoryDC dc(bitmap);
    printout.SetDC(&dc);
    printout.SetPageSizePixels(width, height);
    printout.SetPaperRectPixels(wxRect(0, 0, width, height));
    printout.SetPPIPrinter(72, 72);
    printout.OnPreparePrinting();
    printout.OnBeginPrinting();
    ASSERT_TRUE(printout.OnBeginDocument(first, last));
    for (int page = first; page <= last; ++page)
        EXPECT_TRUE(printout.OnPrintPage(page));
    printout.OnEndDocument();
    printout.OnEndPrinting();
    printout.SetDC(nullptr);
}

TEST_F(ReportOutput, APrintRecordsThePagesPrintedAndAPrintThatPrintedNothingRecordsNothing) {
    const SharedReport document = makeSharedReport(*m_db, patientSubject());
    ASSERT_GE(document->pageCount(), 3);
    ReportPrintout printout(document, "test", PrintAudit{m_db.get(), patientSubject()});
    printAsGtkDoes(printout, 2, 3);  // the user chose pages 2-3
    EXPECT_EQ(printedPages(*m_db, m_patientId), std::vector<int>{2});

    // Ended before a page was drawn (an error, or cancelled from the progress dialog): no row.
    printout.OnBeginPrinting();
    printout.OnEndPrinting();
    EXPECT_EQ(printedPages(*m_db, m_patientId), std::vector<int>{2});

    // A printout without an audit (a cohort summary's, or the preview's own display) records nothing.
    ReportPrintout unrecorded(document, "test");
    printAsGtkDoes(unrecorded, 1, 1);
    EXPECT_EQ(printedPages(*m_db, m_patientId), std::vector<int>{2});
}

TEST_F(ReportOutput, ThePreviewsPrintButtonRecordsThePrintAndShowingPagesRecordsNothing) {
    wxPreviewFrame* frame = previewReport(nullptr, *m_db, patientSubject());
    ASSERT_NE(frame, nullptr);
    pumpWindowEvents(300);
    wxPrintPreviewBase* preview = frame->GetControlBar()->GetPrintPreview();
    ASSERT_TRUE(preview->SetCurrentPage(2));
    pumpWindowEvents(100);
    EXPECT_TRUE(printedPages(*m_db, m_patientId).empty()) << "showing pages is not printing them";

    // The Print button (wxPreviewControlBar::OnPrint) prints the preview's second printout through
    // wxPrinter: here called as GTK's print loop calls it, all pages.
    auto* printing = dynamic_cast<ReportPrintout*>(preview->GetPrintoutForPrinting());
    ASSERT_NE(printing, nullptr);
    const int pages = printing->document().pageCount();
    printAsGtkDoes(*printing, 1, pages);
    EXPECT_EQ(printedPages(*m_db, m_patientId), std::vector<int>{pages});
    frame->Close(true);
    pumpEvents(100);
}

TEST_F(ReportOutput, ExportPdfWritesAPdfWithThePatientId) {
    ReportSubject subject;
    subject.patientId = m_patientId;
    // The file dialog suggests "<ID>-report.pdf"; cancelling it writes nothing. (GTK's native chooser
    // gives no path unless it is really shown, so the writing is driven below with the path.)
    DialogResponder responder;
    responder.then([&](wxDialog& dialog) {
        auto* files = wxDynamicCast(&dialog, wxFileDialog);
        EXPECT_NE(files, nullptr);
        if (files) {
            EXPECT_EQ(toUtf8(files->GetFilename()), m_clinicId + "-report.pdf");
        }
        return int(wxID_CANCEL);
    });
    EXPECT_FALSE(exportReportPdf(nullptr, *m_db, subject).has_value());
    EXPECT_EQ(responder.pending(), 0u);

    const auto pdf = dir() / (m_clinicId + "-report.pdf");
    ASSERT_TRUE(writeReportPdf(nullptr, *m_db, subject, pdf));
    ASSERT_TRUE(std::filesystem::exists(pdf));
    const std::string text = commandOutput("pdftotext -layout " + pdf.string() + " -");
    EXPECT_NE(text.find(m_clinicId), std::string::npos) << text.substr(0, 500);
    const std::string info = commandOutput("pdfinfo " + pdf.string());
    const std::size_t pages = info.find("Pages:");
    ASSERT_NE(pages, std::string::npos) << info;
    EXPECT_EQ(std::stoi(info.substr(pages + 6)), layoutPageCount()) << info;
}

TEST_F(ReportOutput, ExportPdfToAFolderThatCannotBeWrittenSaysSo) {
    ReportSubject subject;
    subject.patientId = m_patientId;
    const auto pdf = dir() / "no-such-folder" / "report.pdf";
    DialogResponder responder;
    responder.thenReturn(wxID_OK);
    EXPECT_FALSE(writeReportPdf(nullptr, *m_db, subject, pdf));
    ASSERT_EQ(responder.seen().size(), 1u);
    EXPECT_NE(responder.seen()[0].find(pdf.string()), std::string::npos) << responder.seen()[0];
    EXPECT_FALSE(std::filesystem::exists(pdf));
}

TEST_F(ReportOutput, ExportPdfRefusesTheOpenDatabaseAndAnySqliteFile) {
    ReportSubject subject;
    subject.patientId = m_patientId;
    const auto bytes = [](const std::filesystem::path& file) {
        std::ifstream in(file, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    const std::string before = bytes(databasePath());
    std::filesystem::copy_file(databasePath(), dir() / "backup.db");
    const std::string backup = bytes(dir() / "backup.db");
    DialogResponder responder;
    responder.thenReturn(wxID_OK).thenReturn(wxID_OK);
    EXPECT_FALSE(writeReportPdf(nullptr, *m_db, subject, databasePath()));
    EXPECT_FALSE(writeReportPdf(nullptr, *m_db, subject, dir() / "backup.db"));
    ASSERT_EQ(responder.seen().size(), 2u);
    EXPECT_NE(responder.seen()[0].find("is the open database"), std::string::npos) << responder.seen()[0];
    EXPECT_NE(responder.seen()[1].find("SQLite file"), std::string::npos) << responder.seen()[1];
    EXPECT_EQ(bytes(databasePath()), before);
    EXPECT_EQ(bytes(dir() / "backup.db"), backup);
}

TEST_F(ReportOutput, CohortFilterDialogBuildsTheFilterAndRefusesBadDates) {
    DialogResponder responder;
    responder.then([](wxDialog& dialog) {
        XRCCTRL(dialog, "from", wxTextCtrl)->ChangeValue("2010-01-01");
        XRCCTRL(dialog, "sex", wxChoice)->SetSelection(2);
        XRCCTRL(dialog, "hlaB27", wxChoice)->SetSelection(1);
        return int(wxID_OK);
    });
    const auto filter = askCohortFilter(nullptr);
    ASSERT_TRUE(filter.has_value());
    EXPECT_EQ(filter->from, core::Date(2010, 1, 1));
    EXPECT_FALSE(filter->to.has_value());
    EXPECT_EQ(filter->sex, core::Sex::Female);
    EXPECT_EQ(filter->hlaB27, core::HlaB27::Positive);
    EXPECT_FALSE(filter->progressor.has_value());

    // Pressing OK with a bad date keeps the dialog open with the message; the test then cancels.
    responder.then([](wxDialog& dialog) {
        XRCCTRL(dialog, "to", wxTextCtrl)->ChangeValue("2010-13-01");
        wxCommandEvent ok(wxEVT_BUTTON, wxID_OK);
        ok.SetEventObject(dialog.FindWindow(wxID_OK));
        dialog.FindWindow(wxID_OK)->GetEventHandler()->ProcessEvent(ok);
        const wxString message = XRCCTRL(dialog, "message", wxStaticText)->GetLabel();
        EXPECT_TRUE(message.Contains("2010-13-01")) << message;
        dialog.Show();
        saveScreenshot(&dialog, "cohort_filter_bad_date");
        dialog.Hide();
        return int(wxID_CANCEL);
    });
    EXPECT_FALSE(askCohortFilter(nullptr).has_value());
}

TEST_F(ReportOutput, CohortSummaryPreviewAndPdf) {
    ReportSubject subject;  // no patient: the cohort
    const SharedReport document = makeSharedReport(*m_db, subject);
    ASSERT_GE(document->pageCount(), 1);
    wxPreviewFrame* frame = previewReport(nullptr, document, "Cohort summary");
    ASSERT_NE(frame, nullptr);
    frame->SetSize(1000, 780);
    pumpWindowEvents(300);
    EXPECT_EQ(frame->GetControlBar()->GetPrintPreview()->GetMaxPage(), document->pageCount());
    saveScreenshot(frame, "print_preview_cohort");
    frame->Close(true);
    pumpEvents(100);

    const auto pdf = dir() / "cohort.pdf";
    ASSERT_TRUE(writeReportPdf(nullptr, *m_db, subject, pdf));
    const std::string text = commandOutput("pdftotext " + pdf.string() + " -");
    EXPECT_NE(text.find("all patients"), std::string::npos) << text.substr(0, 400);
}

/// The preview frames open now.
std::vector<wxPreviewFrame*> previewFrames() {
    std::vector<wxPreviewFrame*> frames;
    for (wxWindow* window : wxTopLevelWindows)
        if (auto* frame = wxDynamicCast(window, wxPreviewFrame); frame && !frame->IsBeingDeleted())
            frames.push_back(frame);
    return frames;
}

TEST_F(ReportOutput, FileMenuPrintsThePatientInViewElseTheCohort) {
    const int expectedPages = layoutPageCount();
    m_db.reset();  // the window opens the file itself
    auto* window = new MainFrame;
    window->SetSize(1240, 780);
    window->Show();
    pumpWindowEvents(100);
    ASSERT_TRUE(window->openDatabase(databasePath()));
    const auto menu = [window](int id) {
        wxCommandEvent event(wxEVT_MENU, id);
        window->GetEventHandler()->ProcessEvent(event);
        pumpWindowEvents(200);
    };

    // From the patient list: the cohort, after its filter.
    DialogResponder responder;
    responder.then([](wxDialog& dialog) {
        EXPECT_EQ(dialog.GetName(), "CohortFilterDialog");
        return int(wxID_OK);
    });
    menu(wxID_PREVIEW);
    auto frames = previewFrames();
    ASSERT_EQ(frames.size(), 1u);
    EXPECT_TRUE(frames[0]->GetTitle().Contains(_("Cohort summary"))) << frames[0]->GetTitle();
    frames[0]->Close(true);
    pumpEvents(100);

    // With a record open: that patient's report, no question asked.
    window->openPatient(m_patientId);
    pumpWindowEvents(100);
    menu(wxID_PREVIEW);
    frames = previewFrames();
    ASSERT_EQ(frames.size(), 1u);
    EXPECT_TRUE(frames[0]->GetTitle().Contains(fromUtf8(m_clinicId))) << frames[0]->GetTitle();
    EXPECT_EQ(frames[0]->GetControlBar()->GetPrintPreview()->GetMaxPage(), expectedPages);
    frames[0]->Close(true);
    pumpEvents(100);

    // Research export opens its dialog (closed here unchanged).
    responder.then([](wxDialog& dialog) {
        EXPECT_NE(wxDynamicCast(&dialog, ExportDialog), nullptr) << dialog.GetName();
        return int(wxID_CANCEL);
    });
    const int researchExport = window->GetMenuBar()->FindMenuItem(_("File"), _("Research export..."));
    ASSERT_NE(researchExport, wxNOT_FOUND);
    EXPECT_EQ(window->GetMenuBar()->FindMenuItem(_("File"), _("Print...")), wxID_PRINT);
    menu(researchExport);
    EXPECT_EQ(responder.pending(), 0u);

    // A PDF written for the window says so in its status bar.
    ReportSubject subject;
    subject.patientId = m_patientId;
    const auto pdf = dir() / "from-window.pdf";
    ASSERT_TRUE(writeReportPdf(window, *window->database(), subject, pdf));
    const wxString status = window->GetStatusBar()->GetStatusText(0);
    EXPECT_TRUE(status.Contains(fromUtf8(pdf.string()))) << status;
    window->Destroy();
    pumpEvents(100);
}

}  // namespace
}  // namespace ankylos::ui::test
