#pragma once
/// Printing, print preview and PDF export of the patient report and the cohort summary. The pages
/// are drawn by src/report's one renderer (report::renderPage) on the cairo context under the
/// printer's or the preview's DC, so paper, preview and PDF show the same pages.

#include <wx/print.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>

#include "report/layout.h"
#include "report/make_report.h"
#include "storage/database.h"

class wxDC;
class wxPreviewFrame;
class wxWindow;

namespace ankylos::ui {

using SharedReport = std::shared_ptr<const report::LaidOutDocument>;
using report::ReportSubject;

/// report::makeReport of subject (the report style, the database's settings, today's date), shared by
/// the printouts and the preview that show it. Throws ankylos::Error.
SharedReport makeSharedReport(storage::Database& db, const ReportSubject& subject);

/// Where a printed report is recorded: the database whose audit trail gets the row
/// (report::recordReportOutput) and the report's subject.
struct PrintAudit {
    storage::Database* db = nullptr;
    ReportSubject subject;
};

/// A laid-out report as a wxPrintout: each page drawn by report::renderPage on the cairo context of
/// the DC it is given (the GTK printer DC's own context, or a wxGCDC's native context). With a
/// PrintAudit, a print that really printed pages records its audit row when printing ends, however
/// it was started (File > Print, or the preview's Print button); a print cancelled in the dialog
/// never begins and records nothing. The preview's own page drawing is not printing.
class ReportPrintout : public wxPrintout {
public:
    ReportPrintout(SharedReport document, const wxString& title,
                   std::optional<PrintAudit> audit = std::nullopt);

    bool OnPrintPage(int page) override;
    bool HasPage(int page) override;
    void GetPageInfo(int* minPage, int* maxPage, int* fromPage, int* toPage) override;
    void OnBeginPrinting() override;
    /// Records the audit row when pages were printed (errors are logged: GTK's print loop calls this).
    void OnEndPrinting() override;

    const report::LaidOutDocument& document() const { return *m_document; }
    /// The pages printed since printing began (each page once, whatever the copies).
    int pagesPrinted() const { return static_cast<int>(m_printed.size()); }

private:
    SharedReport m_document;
    std::optional<PrintAudit> m_audit;
    std::set<int> m_printed;
};

/// Draws page (0-based) of document on dc, scaled from points to the DC's device units and
/// fitted to the paper: pageWidthPixels/paperRect/ppi are what wxPrintout knows of the page.
/// Throws InternalError when the DC has no cairo context.
void drawReportPage(wxDC& dc, const report::LaidOutDocument& document, int page, const wxSize& pageSizePixels,
                    const wxRect& paperRectPixels, const wxSize& printerPpi);

/// Print data whose paper matches the report (A4 or Letter).
wxPrintData printDataFor(const report::LaidOutDocument& document);

/// Asks for the cohort filter (baseline date range, sex, HLA-B27, progressor). Empty when cancelled.
std::optional<report::CohortFilter> askCohortFilter(wxWindow* parent);

/// The subject of File > Print and friends: the patient in view, or the cohort with the filter
/// the user chooses (empty when the user cancels the filter dialog).
std::optional<ReportSubject> chooseSubject(wxWindow* parent, std::optional<std::int64_t> patientInView);

/// File > Print: builds the report and opens the system print dialog. Errors are shown.
void printReport(wxWindow* parent, storage::Database& db, const ReportSubject& subject);

/// File > Print preview: the report's pages in a wxPreviewFrame (which can print them, recorded as
/// File > Print records). Returns the frame shown, or nullptr when the report could not be made (the
/// message was shown). The frame is app-modal, so the database stays open while it is shown.
wxPreviewFrame* previewReport(wxWindow* parent, storage::Database& db, const ReportSubject& subject);
wxPreviewFrame* previewReport(wxWindow* parent, SharedReport document, const wxString& title,
                              std::optional<PrintAudit> audit = std::nullopt);

/// File > Export PDF: asks for the file name, then writes the report. Returns the file written.
std::optional<std::filesystem::path> exportReportPdf(wxWindow* parent, storage::Database& db,
                                                     const ReportSubject& subject);
/// Writes the report of subject to file; shows what went wrong and returns false on failure. The
/// open database and any SQLite file are refused (ui/save_target.h); an existing file is replaced,
/// as the caller's file dialog asked.
bool writeReportPdf(wxWindow* parent, storage::Database& db, const ReportSubject& subject,
                    const std::filesystem::path& file);

}  // namespace ankylos::ui
