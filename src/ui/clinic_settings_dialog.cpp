#include "ui/clinic_settings_dialog.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/xrc/xmlres.h>

#include <algorithm>

#include "core/error.h"
#include "core/format.h"
#include "core/validation.h"
#include "storage/settings_store.h"
#include "ui/display.h"
#include "ui/permissions.h"
#include "ui/reason_dialog.h"
#include "ui/text_wrap.h"

namespace ankylos::ui {

namespace {

enum SettingColumn { kNameColumn, kValueColumn, kDefaultColumn };
enum LscColumn { kDeviceColumn, kSiteColumn, kLscColumn };
constexpr int kWrap = 640;

/// The unit, outside _(): a translation's msgid is ASCII, and the C locale would not convert "²".
wxString gramsPerCm2() {
    return fromUtf8("g/cm\u00b2");
}

}  // namespace

void editClinicSettings(wxWindow* parent, storage::Database& db) {
    try {
        ClinicSettingsDialog dialog(parent, db);
        dialog.ShowModal();
    } catch (const Error& e) {
        wxMessageBox(fromUtf8(e.what()), _("Clinic settings"), wxOK | wxICON_ERROR, parent);
    }
}

ClinicSettingsDialog::ClinicSettingsDialog(wxWindow* parent, storage::Database& db) : m_db(db) {
    loadDialogLayout(this, parent, "ClinicSettingsDialog");
    m_settingsTable = XRCCTRL(*this, "settings", wxListCtrl);
    m_lscTable = XRCCTRL(*this, "lsc", wxListCtrl);
    m_value = XRCCTRL(*this, "value", wxTextCtrl);
    m_device = XRCCTRL(*this, "device", wxChoice);
    m_site = XRCCTRL(*this, "site", wxChoice);
    m_lscValue = XRCCTRL(*this, "lscValue", wxTextCtrl);
    m_change = XRCCTRL(*this, "change", wxButton);
    m_setLsc = XRCCTRL(*this, "setLsc", wxButton);
    m_removeLsc = XRCCTRL(*this, "removeLsc", wxButton);
    m_message = XRCCTRL(*this, "message", wxStaticText);
    setLabels();
    for (const core::BmdSite site : core::allBmdSites())
        m_site->Append(bmdSiteText(site));
    m_site->SetSelection(0);

    m_settingsTable->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& event) {
        m_value->ChangeValue(fromUtf8(m_settings[static_cast<std::size_t>(event.GetIndex())].second));
    });
    // Enter on a setting goes to its value; Enter in the value changes it.
    m_settingsTable->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) {
        m_value->SetFocus();
        m_value->SelectAll();
    });
    m_value->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { changeSetting(); });
    m_change->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { changeSetting(); });
    m_lscTable->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { showSelectedLsc(); });
    m_lscValue->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { setLsc(); });
    m_setLsc->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { setLsc(); });
    m_removeLsc->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { removeLsc(); });

    reload();
    for (wxWindow* control :
         {static_cast<wxWindow*>(m_value), static_cast<wxWindow*>(m_change), static_cast<wxWindow*>(m_device),
          static_cast<wxWindow*>(m_site), static_cast<wxWindow*>(m_lscValue),
          static_cast<wxWindow*>(m_setLsc), static_cast<wxWindow*>(m_removeLsc)})
        offerAction(control, db, storage::Action::ChangeSettings);
    if (m_devices.empty())
        for (wxWindow* control : {static_cast<wxWindow*>(m_device), static_cast<wxWindow*>(m_setLsc)})
            control->Disable();
    Fit();
    CentreOnParent();
    m_settingsTable->SetFocus();
}

void ClinicSettingsDialog::setLabels() {
    SetTitle(wxString::Format(_("Clinic settings of %s"), databaseDisplayName(m_db.file())));
    auto* intro = XRCCTRL(*this, "intro", wxStaticText);
    intro->SetLabel(
        _("The named settings decide how results are computed (docs/methods.md, Settings). Reports and "
          "exports state the values they used. Every change asks for a reason and is recorded in the "
          "audit trail; results computed from now on use the new value."));
    wrapLabel(intro, FromDIP(kWrap));
    auto* lscIntro = XRCCTRL(*this, "lscIntro", wxStaticText);
    lscIntro->SetLabel(
        _("Least significant change (LSC) of each DXA device and site, from the clinic's precision study "
          "(docs/methods.md 5). A BMD change at least this large is significant; without an LSC the "
          "report says \"significance unknown\"."));
    wrapLabel(lscIntro, FromDIP(kWrap));
    m_settingsTable->AppendColumn(_("Setting"), wxLIST_FORMAT_LEFT, FromDIP(360));
    m_settingsTable->AppendColumn(_("Value"), wxLIST_FORMAT_RIGHT, FromDIP(130));
    m_settingsTable->AppendColumn(_("Default"), wxLIST_FORMAT_RIGHT, FromDIP(130));
    m_lscTable->AppendColumn(_("Device"), wxLIST_FORMAT_LEFT, FromDIP(300));
    m_lscTable->AppendColumn(_("Site"), wxLIST_FORMAT_LEFT, FromDIP(170));
    m_lscTable->AppendColumn(_("LSC") + " (" + gramsPerCm2() + ")", wxLIST_FORMAT_RIGHT, FromDIP(150));
    XRCCTRL(*this, "valueLabel", wxStaticText)->SetLabel(_("&Value:"));
    XRCCTRL(*this, "deviceLabel", wxStaticText)->SetLabel(_("&Device:"));
    XRCCTRL(*this, "siteLabel", wxStaticText)->SetLabel(_("S&ite:"));
    XRCCTRL(*this, "lscLabel", wxStaticText)->SetLabel(_("&LSC") + " (" + gramsPerCm2() + "):");
    m_change->SetLabel(_("C&hange value..."));
    m_setLsc->SetLabel(_("&Set LSC..."));
    m_removeLsc->SetLabel(_("&Remove LSC..."));
    wxDynamicCast(FindWindow(wxID_CANCEL), wxButton)->SetLabel(_("&Close"));
}

void ClinicSettingsDialog::reload() {
    const long settingRow = std::max(0L, selectedRow(m_settingsTable));
    m_settings = storage::readSettings(m_db).describe();
    const auto defaults = core::Settings().describe();
    m_settingsTable->DeleteAllItems();
    for (std::size_t i = 0; i < m_settings.size(); ++i) {
        const long row = m_settingsTable->InsertItem(static_cast<long>(i), fromUtf8(m_settings[i].first));
        m_settingsTable->SetItem(row, kValueColumn, fromUtf8(m_settings[i].second));
        m_settingsTable->SetItem(row, kDefaultColumn, fromUtf8(defaults[i].second));
    }
    m_lsc = storage::readDeviceLsc(m_db);
    m_lscTable->DeleteAllItems();
    for (const core::LscSetting& lsc : m_lsc) {
        const long row =
            m_lscTable->InsertItem(m_lscTable->GetItemCount(), fromUtf8(core::deviceText(lsc.device)));
        m_lscTable->SetItem(row, kSiteColumn, bmdSiteText(lsc.site));
        m_lscTable->SetItem(row, kLscColumn, fromUtf8(core::formatNumber(lsc.lsc)));
    }
    if (m_lsc.empty())
        m_lscTable->InsertItem(0, _("none configured"));
    m_devices = storage::readDxaDevices(m_db);
    const int device = m_device->GetSelection();
    m_device->Clear();
    for (const core::DxaDevice& d : m_devices)
        m_device->Append(fromUtf8(core::deviceText(d)));
    if (m_devices.empty())
        m_device->Append(_("no DXA device recorded yet"));
    m_device->SetSelection(device >= 0 && device < static_cast<int>(m_device->GetCount()) ? device : 0);
    m_removeLsc->Enable(!m_lsc.empty() && mayDo(m_db, storage::Action::ChangeSettings));
    if (!m_settings.empty())
        selectSetting(
            m_settings[static_cast<std::size_t>(std::min<long>(settingRow, m_settings.size() - 1))].first);
}

long ClinicSettingsDialog::selectedRow(wxListCtrl* table) const {
    return table->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
}

bool ClinicSettingsDialog::selectSetting(const std::string& name) {
    for (std::size_t i = 0; i < m_settings.size(); ++i)
        if (m_settings[i].first == name) {
            const long row = static_cast<long>(i);
            m_settingsTable->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                          wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
            m_settingsTable->EnsureVisible(row);
            m_value->ChangeValue(fromUtf8(m_settings[i].second));
            return true;
        }
    return false;
}

void ClinicSettingsDialog::showRefusal(const wxString& text) {
    setMessageLine(m_message, text, FromDIP(kWrap));
    Layout();
    Fit();
}

bool ClinicSettingsDialog::changeSetting() {
    const long row = selectedRow(m_settingsTable);
    if (row < 0)
        return false;
    const std::string name = m_settings[static_cast<std::size_t>(row)].first;
    const std::string value = toUtf8(m_value->GetValue().Strip(wxString::both));
    showRefusal(wxString());
    try {
        core::Settings().set(name, value);  // refused before the reason is asked
        const auto reason = askReason(
            this, wxString::Format(_("Change the setting %s to %s"), fromUtf8(name), fromUtf8(value)));
        if (!reason)
            return false;
        storage::changeSetting(m_db, name, value, *reason);
    } catch (const Error& e) {
        showRefusal(fromUtf8(e.what()));
        m_value->SetFocus();
        return false;
    }
    reload();
    return true;
}

void ClinicSettingsDialog::showSelectedLsc() {
    const long row = selectedRow(m_lscTable);
    if (row < 0 || row >= static_cast<long>(m_lsc.size()))
        return;
    const core::LscSetting& lsc = m_lsc[static_cast<std::size_t>(row)];
    for (std::size_t i = 0; i < m_devices.size(); ++i)
        if (m_devices[i] == lsc.device)
            m_device->SetSelection(static_cast<int>(i));
    const auto& sites = core::allBmdSites();
    m_site->SetSelection(static_cast<int>(std::find(sites.begin(), sites.end(), lsc.site) - sites.begin()));
    m_lscValue->ChangeValue(fromUtf8(core::formatNumber(lsc.lsc)));
}

bool ClinicSettingsDialog::setLsc() {
    const int device = m_device->GetSelection();
    if (m_devices.empty() || device < 0)
        return false;
    const core::DxaDevice& chosen = m_devices[static_cast<std::size_t>(device)];
    const core::BmdSite site = core::allBmdSites()[static_cast<std::size_t>(m_site->GetSelection())];
    showRefusal(wxString());
    try {
        const double lsc = core::parseNumber(toUtf8(m_lscValue->GetValue().Strip(wxString::both)), "LSC");
        core::validateLscSettings({{chosen, site, lsc}}).throwIfErrors();
        const auto reason = askReason(
            this, wxString::Format(_("Set the LSC of %s, %s, to %s %s"), fromUtf8(core::deviceText(chosen)),
                                   bmdSiteText(site), fromUtf8(core::formatNumber(lsc)), gramsPerCm2()));
        if (!reason)
            return false;
        storage::changeDeviceLsc(m_db, chosen, site, lsc, *reason);
    } catch (const Error& e) {
        showRefusal(fromUtf8(e.what()));
        m_lscValue->SetFocus();
        return false;
    }
    reload();
    return true;
}

bool ClinicSettingsDialog::removeLsc() {
    const long row = selectedRow(m_lscTable);
    if (row < 0 || row >= static_cast<long>(m_lsc.size())) {
        showRefusal(_("Select the LSC to remove in the list above."));
        return false;
    }
    const core::LscSetting lsc = m_lsc[static_cast<std::size_t>(row)];
    const auto reason =
        askReason(this, wxString::Format(_("Remove the LSC of %s, %s: its BMD changes will read "
                                           "\"significance unknown\""),
                                         fromUtf8(core::deviceText(lsc.device)), bmdSiteText(lsc.site)));
    if (!reason)
        return false;
    showRefusal(wxString());
    try {
        storage::changeDeviceLsc(m_db, lsc.device, lsc.site, std::nullopt, *reason);
    } catch (const Error& e) {
        showRefusal(fromUtf8(e.what()));
        return false;
    }
    reload();
    return true;
}

}  // namespace ankylos::ui
