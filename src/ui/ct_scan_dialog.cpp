#include "ui/ct_scan_dialog.h"

#include <wx/checkbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include "ui/display.h"
#include "ui/editor_fields.h"

namespace ankylos::ui {

CtScanDialog::CtScanDialog(wxWindow* parent, const core::Patient& patient, const SaveCtScan& save)
    : m_patient(patient), m_save(save) {
    loadDialogLayout(this, parent, "CtScanDialog");
    m_date = XRCCTRL(*this, "scan_date", wxTextCtrl);
    m_scanner = XRCCTRL(*this, "scanner", wxTextCtrl);
    m_wholeSpine = XRCCTRL(*this, "whole_spine", wxCheckBox);
    m_message = XRCCTRL(*this, "message", wxStaticText);
    const auto changed = [this](wxCommandEvent& event) {
        m_modified = true;
        event.Skip();
    };
    m_date->Bind(wxEVT_TEXT, changed);
    m_scanner->Bind(wxEVT_TEXT, changed);
    m_wholeSpine->Bind(wxEVT_CHECKBOX, changed);
    bindSaveAndCancel(
        this, [this] { return trySave(); }, [this] { return tryCancel(); });
    fitToDisplay(this);
}

void CtScanDialog::TransferTo(const core::CtScan& scan) {
    m_saved = scan;
    m_date->ChangeValue(dateText(scan.date));
    m_scanner->ChangeValue(fromUtf8(scan.device));
    m_wholeSpine->SetValue(scan.wholeSpine);
    m_modified = false;
    m_date->SetFocus();
}

bool CtScanDialog::TransferFrom(core::CtScan& scan) {
    core::Validation problems;
    core::CtScan result = m_saved;  // its readings stay as they are
    const std::optional<core::Date> date = readDate(m_date, "CT scan date", problems);
    if (date)
        result.date = *date;
    else if (!problems.hasErrors())
        problems.addError("CT scan date", "", toUtf8(_("the date of the scan (YYYY-MM-DD)")));
    result.device = keptText(m_scanner, m_saved.device);
    result.wholeSpine = m_wholeSpine->GetValue();
    if (date)
        problems.append(core::validateCtScan(result, m_patient.birth, today()));
    wxString text;
    for (const core::Problem& problem : problems.errors())
        text += (text.empty() ? "" : "\n") + fromUtf8(problem.message());
    setMessageLine(m_message, text, FromDIP(420));
    Layout();
    Fit();
    if (problems.hasErrors()) {
        m_date->SetFocus();
        return false;
    }
    scan = result;
    return true;
}

wxString CtScanDialog::problems() const {
    return m_message->IsShown() ? m_message->GetLabel() : wxString();
}

bool CtScanDialog::trySave() {
    core::CtScan scan;
    if (!TransferFrom(scan))
        return false;
    if (!saveOrShowRefusal(this, m_message, FromDIP(420), [&] { m_save(scan); })) {
        Fit();
        return false;
    }
    m_saved = scan;
    m_modified = false;
    endDialog(this, wxID_OK);
    return true;
}

bool CtScanDialog::tryCancel() {
    return cancelEditing(this, m_modified, _("This CT scan has unsaved changes. Discard them?"),
                         _("&Keep editing"));
}

bool editCtScan(wxWindow* parent, const core::Patient& patient, core::CtScan& scan, const SaveCtScan& save,
                const wxString& title) {
    CtScanDialog dialog(parent, patient, save);
    dialog.SetTitle(title);
    dialog.TransferTo(scan);
    if (dialog.ShowModal() != wxID_OK)
        return false;
    scan = dialog.saved();
    return true;
}

}  // namespace ankylos::ui
