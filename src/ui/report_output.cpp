#include "ui/report_output.h"

#include <cairo.h>
#include <wx/busyinfo.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/config.h>
#include <wx/dc.h>
#include <wx/dialog.h>
#include <wx/filedlg.h>
#include <wx/frame.h>
#include <wx/graphics.h>
#include <wx/log.h>
#include <wx/msgdlg.h>
#include <wx/printdlg.h>
#include <wx/stattext.h>
#include <wx/stdpaths.h>
#include <wx/textctrl.h>
#include <wx/utils.h>
#include <wx/xrc/xmlres.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "storage/patient_repository.h"
#include "ui/display.h"
#include "ui/language.h"
#include "ui/save_target.h"
#include "ui/text_wrap.h"

namespace ankylos::ui {

namespace {

constexpr double kPointsPerInch = 72.0;
constexpr int kFilterMessageWrap = 360;
constexpr int kPreviewZoom = 100;

void showError(wxWindow* parent, const wxString& what, const std::exception& error) {
    wxMessageBox(what + "\n\n" + fromUtf8(error.what()), _("Ankylos"), wxOK | wxICON_ERROR, parent);
}

wxString reportTitle(storage::Database& db, const ReportSubject& subject) {
    if (!subject.patientId)
        return _("Cohort summary");
    const auto stored = storage::PatientRepository(db).find(*subject.patientId);
    return stored ? wxString::Format(_("Patient report %s"), fromUtf8(stored->patient.clinicId))
                  : _("Patient report");
}

/// Wide enough for an A4 page at 100 % (about 800 pixels at 96 dpi), as tall as the main window.
wxSize previewSize(wxWindow* parent) {
    wxSize size(1000, 760);
    if (parent)
        size = wxSize(parent->FromDIP(1000), std::max(parent->GetSize().y, parent->FromDIP(600)));
    return size;
}

/// The cairo context under dc: a wxGCDC's (memory DC, preview) native context, or on wxGTK the
/// printer DC's own context (GetHandle), which GTK set up for the page.
cairo_t* cairoContextOf(wxDC& dc) {
    if (wxGraphicsContext* gc = dc.GetGraphicsContext())
        if (void* native = gc->GetNativeContext())
            return static_cast<cairo_t*>(native);
    return static_cast<cairo_t*>(dc.GetHandle());
}

/// A filter as the dialog's controls hold it; problems go to message.
bool readFilter(wxDialog& dialog, report::CohortFilter& filter, wxString& message) {
    core::Validation problems;
    filter = report::CohortFilter();
    filter.from = readDate(XRCCTRL(dialog, "from", wxTextCtrl), "Baseline from", problems);
    filter.to = readDate(XRCCTRL(dialog, "to", wxTextCtrl), "Baseline to", problems);
    if (filter.from && filter.to && *filter.from > *filter.to)
        problems.addError("Baseline to", core::toIsoString(*filter.to),
                          "a date on or after " + core::toIsoString(*filter.from));
    filter.sex = sexFilter(XRCCTRL(dialog, "sex", wxChoice));
    filter.hlaB27 = hlaB27Filter(XRCCTRL(dialog, "hlaB27", wxChoice));
    filter.progressor = progressorFilter(XRCCTRL(dialog, "progressor", wxChoice));
    message.clear();
    for (const core::Problem& problem : problems.problems())
        message += fromUtf8(problem.message()) + "\n";
    message.Trim();
    return problems.ok();
}

}  // namespace

SharedReport makeSharedReport(storage::Database& db, const ReportSubject& subject) {
    report::ReportOptions options;
    options.language = printedReportLanguage(*wxConfigBase::Get());
    return std::make_shared<const report::LaidOutDocument>(report::makeReport(db, subject, options));
}

ReportPrintout::ReportPrintout(SharedReport document, const wxString& title, std::optional<PrintAudit> audit)
    : wxPrintout(title), m_document(std::move(document)), m_audit(std::move(audit)) {}

void ReportPrintout::OnBeginPrinting() {
    wxPrintout::OnBeginPrinting();
    m_printed.clear();
}

void ReportPrintout::OnEndPrinting() {
    wxPrintout::OnEndPrinting();
    if (!m_audit || !m_audit->db || m_printed.empty())
        return;
    try {
        report::recordReportOutput(*m_audit->db, m_audit->subject, report::ReportOutput::Print,
                                   pagesPrinted());
    } catch (const std::exception& e) {
        // Called from GTK's print loop: an exception must not cross it; the log shows it afterwards.
        wxLogError(_("The report was printed, but the audit trail could not record it: %s"),
                   fromUtf8(e.what()));
    }
}

bool ReportPrintout::HasPage(int page) {
    return page >= 1 && page <= m_document->pageCount();
}

void ReportPrintout::GetPageInfo(int* minPage, int* maxPage, int* fromPage, int* toPage) {
    *minPage = 1;
    *maxPage = m_document->pageCount();
    *fromPage = 1;
    *toPage = m_document->pageCount();
}

bool ReportPrintout::OnPrintPage(int page) {
    wxDC* dc = GetDC();
    if (!dc || !HasPage(page))
        return false;
    int pageWidth = 0, pageHeight = 0, ppiX = 0, ppiY = 0;
    GetPageSizePixels(&pageWidth, &pageHeight);
    GetPPIPrinter(&ppiX, &ppiY);
    try {
        drawReportPage(*dc, *m_document, page - 1, wxSize(pageWidth, pageHeight), GetPaperRectPixels(),
                       wxSize(ppiX, ppiY));
        if (!IsPreview())
            m_printed.insert(page);
        return true;
    } catch (const std::exception& e) {
        // Called from GTK's print loop: an exception must not cross it. False stops the job.
        wxLogError(_("Page %d could not be drawn: %s"), page, fromUtf8(e.what()));
        return false;
    }
}

void drawReportPage(wxDC& dc, const report::LaidOutDocument& document, int page, const wxSize& pageSizePixels,
                    const wxRect& paperRectPixels, const wxSize& printerPpi) {
    if (pageSizePixels.x <= 0 || pageSizePixels.y <= 0 || printerPpi.x <= 0 || printerPpi.y <= 0)
        throw InternalError("the printout has no page size or printer resolution");
    // The report's own coordinates are points: any scaling the DC carries would be applied twice.
    double userX = 1, userY = 1;
    dc.GetUserScale(&userX, &userY);
    const wxPoint logicalOrigin = dc.GetLogicalOrigin();
    dc.SetUserScale(1, 1);
    dc.SetLogicalOrigin(0, 0);
    cairo_t* cr = cairoContextOf(dc);
    if (!cr) {
        dc.SetUserScale(userX, userY);
        dc.SetLogicalOrigin(logicalOrigin.x, logicalOrigin.y);
        throw InternalError("this device context has no cairo context to draw the report on");
    }
    // wxPrintout's page pixels are printer dots; the DC may be smaller (the preview's bitmap).
    const wxSize deviceSize = dc.GetSize();
    const double devicePerDotX = double(deviceSize.x) / pageSizePixels.x;
    const double devicePerDotY = double(deviceSize.y) / pageSizePixels.y;
    const double devicePerPointX = devicePerDotX * printerPpi.x / kPointsPerInch;
    const double devicePerPointY = devicePerDotY * printerPpi.y / kPointsPerInch;
    // The report's paper may differ from the printer's (an A4 report on Letter): shrink to fit, centred.
    const wxRect paper = paperRectPixels.IsEmpty() ? wxRect(wxPoint(0, 0), pageSizePixels) : paperRectPixels;
    const double paperWidthPt = paper.width * kPointsPerInch / printerPpi.x;
    const double paperHeightPt = paper.height * kPointsPerInch / printerPpi.y;
    const double fit =
        std::min({1.0, paperWidthPt / document.size.width, paperHeightPt / document.size.height});
    const double offsetXPt = (paperWidthPt - document.size.width * fit) / 2;
    const double offsetYPt = (paperHeightPt - document.size.height * fit) / 2;

    cairo_save(cr);
    cairo_translate(cr, paper.x * devicePerDotX + offsetXPt * devicePerPointX,
                    paper.y * devicePerDotY + offsetYPt * devicePerPointY);
    cairo_scale(cr, devicePerPointX * fit, devicePerPointY * fit);
    try {
        report::renderPage(cr, document, page);
    } catch (...) {
        cairo_restore(cr);
        dc.SetUserScale(userX, userY);
        dc.SetLogicalOrigin(logicalOrigin.x, logicalOrigin.y);
        throw;
    }
    cairo_restore(cr);
    dc.SetUserScale(userX, userY);
    dc.SetLogicalOrigin(logicalOrigin.x, logicalOrigin.y);
}

wxPrintData printDataFor(const report::LaidOutDocument& document) {
    wxPrintData data;
    const report::PageSize a4 = report::pageSize(report::Paper::A4);
    const bool isA4 = std::abs(document.size.height - a4.height) < 1.0;
    data.SetPaperId(isA4 ? wxPAPER_A4 : wxPAPER_LETTER);
    data.SetOrientation(document.size.width > document.size.height ? wxLANDSCAPE : wxPORTRAIT);
    return data;
}

std::optional<report::CohortFilter> askCohortFilter(wxWindow* parent) {
    wxDialog dialog;
    loadDialogLayout(&dialog, parent, "CohortFilterDialog");
    dialog.SetTitle(_("Cohort summary"));
    XRCCTRL(dialog, "intro", wxStaticText)
        ->SetLabel(
            _("Summarise all patients, or those the filters select. Baseline is a patient's first visit."));
    wrapLabel(XRCCTRL(dialog, "intro", wxStaticText), dialog.FromDIP(kFilterMessageWrap));
    XRCCTRL(dialog, "fromLabel", wxStaticText)->SetLabel(_("Baseline &from (YYYY-MM-DD):"));
    XRCCTRL(dialog, "toLabel", wxStaticText)->SetLabel(_("Baseline &to (YYYY-MM-DD):"));
    XRCCTRL(dialog, "sexLabel", wxStaticText)->SetLabel(_("&Sex:"));
    XRCCTRL(dialog, "hlaLabel", wxStaticText)->SetLabel(_("&HLA-B27:"));
    XRCCTRL(dialog, "progressorLabel", wxStaticText)->SetLabel(_("&Progressor:"));
    fillSexFilter(XRCCTRL(dialog, "sex", wxChoice));
    fillHlaB27Filter(XRCCTRL(dialog, "hlaB27", wxChoice));
    fillProgressorFilter(XRCCTRL(dialog, "progressor", wxChoice), _("Non-progressors (two or more films)"));
    auto* message = XRCCTRL(dialog, "message", wxStaticText);
    message->SetForegroundColour(errorColour());
    message->Hide();
    dialog.FindWindow(wxID_OK)->Bind(wxEVT_BUTTON, [&](wxCommandEvent& event) {
        report::CohortFilter filter;
        wxString problems;
        if (readFilter(dialog, filter, problems)) {
            event.Skip();  // the dialog closes with wxID_OK
            return;
        }
        setMessageLine(message, problems, dialog.FromDIP(kFilterMessageWrap));
        dialog.Layout();
        dialog.Fit();
    });
    dialog.Fit();
    dialog.CentreOnParent();
    XRCCTRL(dialog, "from", wxTextCtrl)->SetFocus();
    if (dialog.ShowModal() != wxID_OK)
        return std::nullopt;
    report::CohortFilter filter;
    wxString problems;
    if (!readFilter(dialog, filter, problems))
        return std::nullopt;
    return filter;
}

std::optional<ReportSubject> chooseSubject(wxWindow* parent, std::optional<std::int64_t> patientInView) {
    ReportSubject subject;
    if (patientInView) {
        subject.patientId = patientInView;
        return subject;
    }
    std::optional<report::CohortFilter> filter = askCohortFilter(parent);
    if (!filter)
        return std::nullopt;
    subject.filter = *filter;
    return subject;
}

void printReport(wxWindow* parent, storage::Database& db, const ReportSubject& subject) {
    SharedReport document;
    try {
        wxBusyCursor busy;
        document = makeSharedReport(db, subject);
    } catch (const std::exception& e) {
        showError(parent, _("The report could not be made."), e);
        return;
    }
    wxPrintDialogData dialogData(printDataFor(*document));
    dialogData.SetMinPage(1);
    dialogData.SetMaxPage(document->pageCount());
    dialogData.SetFromPage(1);
    dialogData.SetToPage(document->pageCount());
    wxPrinter printer(&dialogData);
    ReportPrintout printout(document, reportTitle(db, subject), PrintAudit{&db, subject});
    if (!printer.Print(parent, &printout, true) && wxPrinter::GetLastError() == wxPRINTER_ERROR)
        wxMessageBox(_("Printing failed. Check the printer, or use File > Export PDF and print the file."),
                     _("Ankylos"), wxOK | wxICON_ERROR, parent);
}

wxPreviewFrame* previewReport(wxWindow* parent, SharedReport document, const wxString& title,
                              std::optional<PrintAudit> audit) {
    wxPrintDialogData dialogData(printDataFor(*document));
    // The preview owns both printouts: one to show, one for its Print button (which records the print).
    auto* preview = new wxPrintPreview(new ReportPrintout(document, title),
                                       new ReportPrintout(document, title, std::move(audit)), &dialogData);
    if (!preview->IsOk()) {
        delete preview;
        wxMessageBox(_("The print preview could not be started."), _("Ankylos"), wxOK | wxICON_ERROR, parent);
        return nullptr;
    }
    auto* frame =
        new wxPreviewFrame(preview, parent, _("Print preview") + wxString::FromUTF8(" \u2014 ") + title,
                           wxDefaultPosition, previewSize(parent));
    frame->Initialize();  // app-modal: the database the printout records in cannot be closed meanwhile
    // Page-size on screen (wx's 70 % default leaves the table text hard to read).
    preview->SetZoom(kPreviewZoom);
    frame->GetControlBar()->SetZoomControl(kPreviewZoom);
    frame->CentreOnParent();
    frame->Show();
    return frame;
}

wxPreviewFrame* previewReport(wxWindow* parent, storage::Database& db, const ReportSubject& subject) {
    SharedReport document;
    try {
        wxBusyCursor busy;
        document = makeSharedReport(db, subject);
    } catch (const std::exception& e) {
        showError(parent, _("The report could not be made."), e);
        return nullptr;
    }
    return previewReport(parent, document, reportTitle(db, subject), PrintAudit{&db, subject});
}

bool writeReportPdf(wxWindow* parent, storage::Database& db, const ReportSubject& subject,
                    const std::filesystem::path& file) {
    // The file dialog asked before replacing file; callers without one ask through confirmSaveTargets.
    if (!confirmSaveTargets(parent, {file}, db.file(), file))
        return false;
    try {
        wxBusyCursor busy;
        const SharedReport document = makeSharedReport(db, subject);
        report::writeReportPdf(db, subject, *document, file.string(), confirmedSavePolicy(db.file()));
        if (auto* frame = wxDynamicCast(parent, wxFrame); frame && frame->GetStatusBar())
            frame->SetStatusText(
                wxString::Format(wxPLURAL("Wrote %s (%d page)", "Wrote %s (%d pages)", document->pageCount()),
                                 fromUtf8(file.string()), document->pageCount()),
                0);
        return true;
    } catch (const std::exception& e) {
        showError(parent, wxString::Format(_("%s was not written."), fromUtf8(file.string())), e);
        return false;
    }
}

std::optional<std::filesystem::path> exportReportPdf(wxWindow* parent, storage::Database& db,
                                                     const ReportSubject& subject) {
    wxFileDialog dialog(parent, _("Export PDF"), wxStandardPaths::Get().GetDocumentsDir(),
                        fromUtf8(report::suggestedPdfName(db, subject).string()),
                        _("PDF files (*.pdf)|*.pdf"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK || dialog.GetPath().empty())
        return std::nullopt;
    std::filesystem::path file = toUtf8(dialog.GetPath());
    if (file.extension().empty()) {
        file += ".pdf";
        // The file dialog asked about the name without ".pdf", not about this one.
        if (!confirmSaveTargets(parent, {file}, db.file()))
            return std::nullopt;
    }
    if (!writeReportPdf(parent, db, subject, file))
        return std::nullopt;
    return file;
}

}  // namespace ankylos::ui
