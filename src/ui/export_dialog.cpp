#include "ui/export_dialog.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/gauge.h>
#include <wx/msgdlg.h>
#include <wx/radiobox.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/stdpaths.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include <set>

#include "core/error.h"
#include "core/validation.h"
#include "export/deidentify.h"
#include "ui/display.h"
#include "ui/save_target.h"
#include "ui/text_wrap.h"

namespace ankylos::ui {

namespace {

constexpr int kGaugeRange = 1000;
constexpr int kHintWrap = 520;

/// The formats in the order of the dialog's list: the research formats (the import format has
/// its own menu entry, File > Export visits to CSV).
const std::vector<exports::ExportFormat>& formatsInList() {
    static const std::vector<exports::ExportFormat> formats = {
        exports::ExportFormat::CsvLong, exports::ExportFormat::CsvWide, exports::ExportFormat::Progression,
        exports::ExportFormat::Redcap,  exports::ExportFormat::Sav,     exports::ExportFormat::Dta};
    return formats;
}

const std::vector<exports::ExportTable>& tablesInList() {
    static const std::vector<exports::ExportTable> tables = {
        exports::ExportTable::Visits,        exports::ExportTable::Readings,
        exports::ExportTable::Wide,          exports::ExportTable::Progression,
        exports::ExportTable::Treatments,    exports::ExportTable::CtReadings,
        exports::ExportTable::CtProgression, exports::ExportTable::Agreement};
    return tables;
}

wxString formatLabel(exports::ExportFormat format) {
    switch (format) {
        case exports::ExportFormat::Visits:
            return _("Visits in the import format (CSV)");
        case exports::ExportFormat::CsvLong:
            return _("CSV long: one row per visit, film readings in a second file");
        case exports::ExportFormat::CsvWide:
            return _("CSV wide: one row per patient");
        case exports::ExportFormat::Progression:
            return _("CSV progression: one row per film pair");
        case exports::ExportFormat::Redcap:
            return _("REDCap: data, dictionary, events");
        case exports::ExportFormat::Sav:
            return _("SPSS (.sav)");
        case exports::ExportFormat::Dta:
            return _("Stata (.dta)");
    }
    return wxString();
}

wxString tableLabel(exports::ExportTable table) {
    switch (table) {
        case exports::ExportTable::Visits:
            return _("Visits: one row per patient-visit");
        case exports::ExportTable::Readings:
            return _("Readings: one row per film reading");
        case exports::ExportTable::Wide:
            return _("Wide: one row per patient");
        case exports::ExportTable::Progression:
            return _("Progression: one row per film pair");
        case exports::ExportTable::Treatments:
            return _("Treatments: one row per treatment episode");
        case exports::ExportTable::CtReadings:
            return _("CT readings: one row per CTSS reading");
        case exports::ExportTable::CtProgression:
            return _("CT progression: one row per pair of CT scans");
        case exports::ExportTable::Agreement:
            return _("Agreement: one row per reading session and pair of readers");
    }
    return wxString();
}

std::string extensionOf(exports::ExportFormat format) {
    switch (format) {
        case exports::ExportFormat::Sav:
            return ".sav";
        case exports::ExportFormat::Dta:
            return ".dta";
        default:
            return ".csv";
    }
}

bool isStatFormat(exports::ExportFormat format) {
    return format == exports::ExportFormat::Sav || format == exports::ExportFormat::Dta;
}

wxString summaryText(const exports::ExportSummary& summary, std::size_t excluded) {
    wxString text = wxString::Format(
        wxPLURAL("Exported %zu patient", "Exported %zu patients", summary.patients), summary.patients);
    if (excluded > 0)
        text += wxString::Format(_(" (%zu excluded by the filters)"), excluded);
    text += ".\n\n";
    for (const auto& [table, rows] : summary.rows)
        text += wxString::Format(_("%s: %zu rows"), fromUtf8(table), rows) + "\n";
    if (summary.visitsNotScored > 0)
        text += wxString::Format(_("%zu visits with a hard validation error were exported without scores."),
                                 summary.visitsNotScored) +
                "\n";
    text += "\n" + _("Files:") + "\n";
    for (std::size_t i = 0; i + 1 < summary.files.size(); ++i)
        text += "  " + fromUtf8(summary.files[i].string()) + "\n";
    if (!summary.files.empty())
        text += _("Manifest:") + " " + fromUtf8(summary.files.back().string());
    return text;
}

}  // namespace

/// Called on the worker thread after each patient: keeps the latest count and posts one update at a
/// time to the window (a large cohort would otherwise flood the event queue).
class ExportDialog::Progress : public exports::ExportProgress {
public:
    Progress(ExportDialog& dialog, const std::atomic<bool>& cancel) : m_dialog(dialog), m_cancel(cancel) {}

    void patientsDone(std::size_t done, std::size_t total) override {
        m_done = done;
        m_total = total;
        if (!m_posted.exchange(true))
            m_dialog.CallAfter([this] {
                m_posted = false;
                m_dialog.showProgress(m_done, m_total);
            });
    }
    bool cancelled() const override { return m_cancel; }

private:
    ExportDialog& m_dialog;
    const std::atomic<bool>& m_cancel;
    std::atomic<std::size_t> m_done{0};
    std::atomic<std::size_t> m_total{0};
    std::atomic<bool> m_posted{false};
};

ExportDialog::ExportDialog(wxWindow* parent, const std::filesystem::path& databaseFile,
                           const std::string& user, const std::string& serverPassword)
    : m_databaseFile(databaseFile), m_user(user), m_serverPassword(serverPassword) {
    loadDialogLayout(this, parent, "ExportDialog");
    m_format = XRCCTRL(*this, "format", wxChoice);
    m_tableLabel = XRCCTRL(*this, "tableLabel", wxStaticText);
    m_table = XRCCTRL(*this, "table", wxChoice);
    m_out = XRCCTRL(*this, "out", wxTextCtrl);
    m_deidentify = XRCCTRL(*this, "deidentify", wxCheckBox);
    m_keyFile = XRCCTRL(*this, "keyFile", wxTextCtrl);
    m_keyBrowse = XRCCTRL(*this, "keyBrowse", wxButton);
    m_keyCreate = XRCCTRL(*this, "keyCreate", wxButton);
    m_dates = XRCCTRL(*this, "dates", wxRadioBox);
    m_from = XRCCTRL(*this, "from", wxTextCtrl);
    m_to = XRCCTRL(*this, "to", wxTextCtrl);
    m_sex = XRCCTRL(*this, "sex", wxChoice);
    m_hlaB27 = XRCCTRL(*this, "hlaB27", wxChoice);
    m_progressor = XRCCTRL(*this, "progressor", wxChoice);
    m_minFilms = XRCCTRL(*this, "minFilms", wxSpinCtrl);
    m_allColumns = XRCCTRL(*this, "allColumns", wxCheckBox);
    m_columns = XRCCTRL(*this, "columns", wxCheckListBox);
    m_gauge = XRCCTRL(*this, "gauge", wxGauge);
    m_status = XRCCTRL(*this, "status", wxStaticText);
    m_exportButton = wxDynamicCast(FindWindow(wxID_OK), wxButton);
    m_closeButton = wxDynamicCast(FindWindow(wxID_CANCEL), wxButton);
    m_progress = std::make_unique<Progress>(*this, m_cancel);

    translateLabels();
    for (exports::ExportFormat format : formatsInList())
        m_format->Append(formatLabel(format));
    m_format->SetSelection(0);
    for (exports::ExportTable table : tablesInList())
        m_table->Append(tableLabel(table));
    m_table->SetSelection(0);
    fillSexFilter(m_sex);
    fillHlaB27Filter(m_hlaB27);
    fillProgressorFilter(m_progressor, _("Non-progressors"));
    m_gauge->SetRange(kGaugeRange);
    m_gauge->SetValue(0);

    const std::filesystem::path folder = toUtf8(wxStandardPaths::Get().GetDocumentsDir());
    m_out->ChangeValue(fromUtf8((folder / ("ankylos-export" + extensionOf(selectedFormat()))).string()));

    m_format->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { onFormatChanged(); });
    m_table->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { refreshColumns(); });
    m_deidentify->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
        updateEnabled();
        refreshColumns();
    });
    m_dates->Bind(wxEVT_RADIOBOX, [this](wxCommandEvent&) { refreshColumns(); });
    m_allColumns->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { updateEnabled(); });
    XRCCTRL(*this, "outBrowse", wxButton)->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { chooseOutput(); });
    m_keyBrowse->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { chooseKeyFile(); });
    m_keyCreate->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { createProjectKey(); });
    // Export does not close the dialog: the progress and the result are shown in it.
    m_exportButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { startExport(); });
    // While an export runs, the Close button cancels it instead.
    m_closeButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent& event) {
        if (m_state == State::Running)
            cancelExport();
        else
            event.Skip();
    });
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& event) {
        if (m_state == State::Running && event.CanVeto()) {
            cancelExport();
            event.Veto();
            return;
        }
        event.Skip();
    });

    refreshColumns();
    updateEnabled();
    setStatus(_("Ready."));
    Layout();
    Fit();
    SetMinSize(GetSize());
    CentreOnParent();
    m_format->SetFocus();
}

ExportDialog::~ExportDialog() {
    if (m_worker.joinable()) {
        m_cancel = true;
        m_worker.join();
    }
}

void ExportDialog::translateLabels() {
    SetTitle(_("Research export"));
    XRCCTRL(*this, "formatLabel", wxStaticText)->SetLabel(_("&Format:"));
    m_tableLabel->SetLabel(_("&Table:"));
    XRCCTRL(*this, "outLabel", wxStaticText)->SetLabel(_("&Output file:"));
    XRCCTRL(*this, "outBrowse", wxButton)->SetLabel(_("&Browse..."));
    m_deidentify->SetLabel(
        _("&De-identify: study IDs instead of names and clinic IDs, no notes, no real dates"));
    XRCCTRL(*this, "keyLabel", wxStaticText)->SetLabel(_("Project &key file:"));
    m_keyBrowse->SetLabel(_("B&rowse..."));
    m_keyCreate->SetLabel(_("&Create project key..."));
    m_keyCreate->SetToolTip(_("Makes a new project key file of random bytes, once per project."));
    auto* hint = XRCCTRL(*this, "keyHint", wxStaticText);
    hint->SetLabel(
        _("The same key gives the same study IDs and date shifts in every export; keep it safe and away "
          "from the exports. No key yet? Create project key... makes one, once per project."));
    wrapLabel(hint, FromDIP(kHintWrap));
    m_dates->SetLabel(_("Dates"));
    m_dates->SetString(0, _("Shifted per patient (intervals kept)"));
    m_dates->SetString(1, _("Days since baseline (no dates)"));
    XRCCTRL(*this, "fromLabel", wxStaticText)->SetLabel(_("Fro&m:"));
    XRCCTRL(*this, "toLabel", wxStaticText)->SetLabel(_("T&o:"));
    XRCCTRL(*this, "sexLabel", wxStaticText)->SetLabel(_("&Sex:"));
    XRCCTRL(*this, "hlaLabel", wxStaticText)->SetLabel(_("&HLA-B27:"));
    XRCCTRL(*this, "progressorLabel", wxStaticText)->SetLabel(_("&Progressor:"));
    XRCCTRL(*this, "minFilmsLabel", wxStaticText)->SetLabel(_("Min. f&ilms:"));
    XRCCTRL(*this, "filterHint", wxStaticText)
        ->SetLabel(_("Visits and films from/to YYYY-MM-DD; empty fields and Any do not filter."));
    m_allColumns->SetLabel(_("&All columns (full dump)"));
    m_exportButton->SetLabel(_("&Export"));
    m_closeButton->SetLabel(_("Close"));
}

exports::ExportFormat ExportDialog::selectedFormat() const {
    const int index = m_format->GetSelection();
    const auto& formats = formatsInList();
    return index >= 0 && index < static_cast<int>(formats.size()) ? formats[index] : formats.front();
}

void ExportDialog::selectFormat(exports::ExportFormat format) {
    const auto& formats = formatsInList();
    for (std::size_t i = 0; i < formats.size(); ++i)
        if (formats[i] == format)
            m_format->SetSelection(static_cast<int>(i));
    onFormatChanged();
}

exports::ExportOptions ExportDialog::options() const {
    exports::ExportOptions options;
    options.format = selectedFormat();
    options.out = toUtf8(m_out->GetValue().Strip(wxString::both));
    if (isStatFormat(options.format)) {
        const int table = m_table->GetSelection();
        options.table = tablesInList()[table >= 0 ? table : 0];
    }
    options.identified = !m_deidentify->GetValue();
    if (!options.identified) {
        options.keyFile = toUtf8(m_keyFile->GetValue().Strip(wxString::both));
        options.dateMode =
            m_dates->GetSelection() == 1 ? exports::DateMode::Relative : exports::DateMode::Shifted;
    }
    core::Validation problems;
    options.filters.from = readDate(m_from, "From", problems);
    options.filters.to = readDate(m_to, "To", problems);
    if (options.filters.from && options.filters.to && *options.filters.from > *options.filters.to)
        problems.addError("To", core::toIsoString(*options.filters.to),
                          "a date on or after " + core::toIsoString(*options.filters.from));
    if (!problems.ok())
        throw core::ValidationError(problems.problems());
    options.filters.sex = sexFilter(m_sex);
    options.filters.hlaB27 = hlaB27Filter(m_hlaB27);
    options.filters.progressor = progressorFilter(m_progressor);
    options.filters.minFilms = m_minFilms->GetValue();
    if (!m_allColumns->GetValue())
        for (unsigned i = 0; i < m_columns->GetCount(); ++i)
            if (m_columns->IsChecked(i))
                options.columns.push_back(toUtf8(m_columns->GetString(i)));
    options.software = "Ankylos desktop";
    return options;
}

void ExportDialog::refreshColumns() {
    std::set<wxString> checked;
    for (unsigned i = 0; i < m_columns->GetCount(); ++i)
        if (m_columns->IsChecked(i))
            checked.insert(m_columns->GetString(i));
    exports::ExportOptions shape;
    shape.format = selectedFormat();
    if (isStatFormat(shape.format)) {
        const int table = m_table->GetSelection();
        shape.table = tablesInList()[table >= 0 ? table : 0];
    }
    shape.identified = !m_deidentify->GetValue();
    shape.dateMode = !shape.identified && m_dates->GetSelection() == 1 ? exports::DateMode::Relative
                                                                       : exports::DateMode::Shifted;
    // The names the exporter accepts: for the wide table a visit column without its "v1_" prefix
    // selects that column of every visit.
    std::vector<wxString> names;
    std::set<wxString> seen;
    for (exports::ExportTable table : exports::exportTables(shape))
        for (std::string name : exports::availableColumns(table, shape)) {
            if (table == exports::ExportTable::Wide && name.rfind("v1_", 0) == 0)
                name = name.substr(3);
            const wxString text = fromUtf8(name);
            if (seen.insert(text).second)
                names.push_back(text);
        }
    m_columns->Freeze();
    m_columns->Clear();
    for (const wxString& name : names) {
        const int index = m_columns->Append(name);
        if (checked.count(name))
            m_columns->Check(index);
    }
    m_columns->Thaw();
}

void ExportDialog::updateEnabled() {
    const bool idle = m_state != State::Running;
    const bool stat = isStatFormat(selectedFormat());
    const bool deidentify = m_deidentify->GetValue();
    for (wxWindow* control : std::initializer_list<wxWindow*>{m_format, m_out, m_deidentify, m_from, m_to,
                                                              m_sex, m_hlaB27, m_progressor, m_minFilms,
                                                              m_allColumns, FindWindow(XRCID("outBrowse"))})
        control->Enable(idle);
    m_tableLabel->Enable(idle && stat);
    m_table->Enable(idle && stat);
    m_keyFile->Enable(idle && deidentify);
    m_keyBrowse->Enable(idle && deidentify);
    m_keyCreate->Enable(idle && deidentify);
    m_dates->Enable(idle && deidentify);
    m_columns->Enable(idle && !m_allColumns->GetValue());
    m_exportButton->Enable(idle);
    m_closeButton->SetLabel(idle ? _("Close") : _("Cancel export"));
}

void ExportDialog::onFormatChanged() {
    // Keep the chosen folder and name; the extension follows the format.
    std::filesystem::path out = toUtf8(m_out->GetValue().Strip(wxString::both));
    if (!out.empty()) {
        out.replace_extension(extensionOf(selectedFormat()));
        m_out->ChangeValue(fromUtf8(out.string()));
    }
    refreshColumns();
    updateEnabled();
}

void ExportDialog::chooseOutput() {
    const std::filesystem::path current = toUtf8(m_out->GetValue());
    const exports::ExportFormat format = selectedFormat();
    const wxString wildcard = format == exports::ExportFormat::Sav   ? _("SPSS files (*.sav)|*.sav")
                              : format == exports::ExportFormat::Dta ? _("Stata files (*.dta)|*.dta")
                                                                     : _("CSV files (*.csv)|*.csv");
    wxFileDialog dialog(this, _("Export to"), fromUtf8(current.parent_path().string()),
                        fromUtf8(current.filename().string()), wildcard, wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() == wxID_OK)
        m_out->ChangeValue(dialog.GetPath());
}

void ExportDialog::chooseKeyFile() {
    wxFileDialog dialog(this, _("Project key file"), wxString(), wxString(), _("All files|*"),
                        wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() == wxID_OK)
        m_keyFile->ChangeValue(dialog.GetPath());
}

bool ExportDialog::createProjectKey() {
    wxMessageDialog warn(
        this,
        _("A project key turns clinic IDs into study IDs and shifts every date. Make one once per project "
          "and keep it safe:\n\n"
          "- Keep it away from the exports: anyone holding the key and an export can link study IDs back "
          "to patients.\n"
          "- Back it up. If it is lost, study IDs can no longer be traced back to patients "
          "(re-identification), and later exports get other study IDs and date shifts, so they can no "
          "longer be linked to the exports made before."),
        _("Create project key"), wxOK | wxCANCEL | wxICON_WARNING);
    warn.SetOKCancelLabels(_("&Choose where to save it..."), _("Cancel"));
    if (warn.ShowModal() != wxID_OK)
        return false;
    const std::filesystem::path folder = toUtf8(wxStandardPaths::Get().GetDocumentsDir());
    wxFileDialog where(this, _("Save the new project key as"), fromUtf8(folder.string()), "project.key",
                       _("Key files (*.key)|*.key|All files|*"), wxFD_SAVE);
    if (where.ShowModal() != wxID_OK)
        return false;
    return saveProjectKey(toUtf8(where.GetPath()));
}

bool ExportDialog::saveProjectKey(const std::filesystem::path& file) {
    std::error_code error;
    const bool replace = std::filesystem::exists(file, error);
    if (replace) {
        wxMessageDialog ask(this,
                            wxString::Format(_("%s already exists. Replacing it destroys the key it holds: "
                                               "exports made with it could no longer be linked or traced "
                                               "back. Replace it with a new key?"),
                                             fromUtf8(file.string())),
                            _("Create project key"), wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
        ask.SetYesNoLabels(_("&Replace the old key"), _("&Keep the old key"));
        if (ask.ShowModal() != wxID_YES)
            return false;
    }
    try {
        exports::createProjectKeyFile(file, replace);
    } catch (const Error& e) {
        wxMessageBox(_("The project key was not created.") + "\n\n" + fromUtf8(e.what()),
                     _("Research export"), wxOK | wxICON_ERROR, this);
        return false;
    }
    m_keyFile->ChangeValue(fromUtf8(file.string()));
    setStatus(wxString::Format(_("New project key saved to %s (readable by you only). Back it up and keep it "
                                 "away from the exports."),
                               fromUtf8(file.string())));
    return true;
}

bool ExportDialog::startExport() {
    if (m_state == State::Running)
        return false;
    exports::ExportOptions chosen;
    try {
        chosen = options();
    } catch (const core::ValidationError& e) {
        wxMessageBox(fromUtf8(e.what()), _("Research export"), wxOK | wxICON_ERROR, this);
        return false;
    }
    if (chosen.out.empty()) {
        wxMessageBox(_("Choose the output file."), _("Research export"), wxOK | wxICON_ERROR, this);
        m_out->SetFocus();
        return false;
    }
    if (!chosen.identified) {
        // Said here in the dialog's words; the exporter's own message names the command-line option.
        if (chosen.keyFile.empty()) {
            wxMessageBox(_("A de-identified export needs the project key file: choose the project's key, or "
                           "make one once per project with Create project key...."),
                         _("Research export"), wxOK | wxICON_ERROR, this);
            m_keyFile->SetFocus();
            return false;
        }
        std::error_code error;
        if (!std::filesystem::is_regular_file(chosen.keyFile, error)) {
            wxMessageBox(wxString::Format(_("The project key file %s does not exist or is not a file."),
                                          fromUtf8(chosen.keyFile.string())),
                         _("Research export"), wxOK | wxICON_ERROR, this);
            m_keyFile->SetFocus();
            return false;
        }
    } else {
        wxMessageDialog ask(this,
                            _("This export is identified: it contains names, clinic IDs, notes and real "
                              "dates. Export identified data?"),
                            _("Research export"), wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
        if (ask.ShowModal() != wxID_YES)
            return false;
    }
    // Every file of the export (the codebook, the manifest...): never the database or another SQLite
    // file; existing ones replaced only once asked (the output can be typed, so always asked here).
    if (!confirmSaveTargets(this, exports::exportFiles(chosen), m_databaseFile))
        return false;
    chosen.overwrite = true;

    joinWorker();
    m_cancel = false;
    m_state = State::Running;
    m_gauge->SetValue(0);
    setStatus(_("Exporting..."));
    updateEnabled();
    m_worker = std::thread([this, chosen, file = m_databaseFile, user = m_user, password = m_serverPassword] {
        // Every outcome goes back to the window; nothing may escape the thread.
        try {
            storage::Database db(file, user, storage::Open::ReadWrite, password);
            exports::ExportSummary summary = exports::exportCohort(db, chosen, m_progress.get());
            CallAfter([this, summary] { onFinished(summary); });
        } catch (const exports::ExportCancelled&) {
            CallAfter([this] { onCancelled(); });
        } catch (const std::exception& e) {
            const wxString message = fromUtf8(e.what());
            CallAfter([this, message] { onFailed(message); });
        }
    });
    return true;
}

void ExportDialog::cancelExport() {
    if (m_state != State::Running)
        return;
    m_cancel = true;
    setStatus(_("Cancelling..."));
}

void ExportDialog::joinWorker() {
    if (m_worker.joinable())
        m_worker.join();
}

void ExportDialog::showProgress(std::size_t done, std::size_t total) {
    if (m_state != State::Running || total == 0)
        return;
    m_gauge->SetValue(static_cast<int>(done * kGaugeRange / total));
    if (!m_cancel)
        setStatus(wxString::Format(_("Exporting: %zu of %zu patient passes done"), done, total));
}

void ExportDialog::onFinished(const exports::ExportSummary& summary) {
    joinWorker();
    m_state = State::Finished;
    m_summary = summary;
    updateEnabled();
    const std::filesystem::path manifest =
        summary.files.empty() ? std::filesystem::path() : summary.files.back();
    setStatus(wxString::Format(_("Done: %zu patients. Manifest: %s"), summary.patients,
                               fromUtf8(manifest.string())));
    wxMessageBox(summaryText(summary, summary.patientsExcluded), _("Research export"),
                 wxOK | wxICON_INFORMATION, this);
}

void ExportDialog::onCancelled() {
    joinWorker();
    m_state = State::Cancelled;
    m_gauge->SetValue(0);
    updateEnabled();
    setStatus(_("Cancelled; no file was written."));
}

void ExportDialog::onFailed(const wxString& message) {
    joinWorker();
    m_state = State::Failed;
    m_gauge->SetValue(0);
    updateEnabled();
    setStatus(_("The export failed; no file was written."));
    wxMessageBox(_("The export failed; no file was written.") + "\n\n" + message, _("Research export"),
                 wxOK | wxICON_ERROR, this);
}

void ExportDialog::setStatus(const wxString& text) {
    m_status->SetLabel(text);
}

wxString ExportDialog::statusText() const {
    return m_status->GetLabel();
}

void showExportDialog(wxWindow* parent, storage::Database& db, const std::string& serverPassword) {
    ExportDialog dialog(parent, db.file(), db.user(), serverPassword);
    dialog.ShowModal();
}

}  // namespace ankylos::ui
