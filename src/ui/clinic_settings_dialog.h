#pragma once
/// Tools > Clinic settings...: the named settings that change computed results (docs/methods.md,
/// Settings) and each DXA device's least significant change (docs/methods.md 5), with their values.
/// A change asks for its reason and goes through storage's settings_store, which audits it; a value
/// refused names the setting, the value and what is allowed, and the dialog keeps what was typed.
/// An account that may not change settings (storage::Action::ChangeSettings) sees them read-only.

#include <wx/dialog.h>

#include <vector>

#include "core/bmd.h"
#include "core/settings.h"
#include "storage/database.h"

class wxButton;
class wxChoice;
class wxListCtrl;
class wxStaticText;
class wxTextCtrl;

namespace ankylos::ui {

/// Opens the dialog on db; shows what cannot be read in a message box instead.
void editClinicSettings(wxWindow* parent, storage::Database& db);

/// The dialog behind editClinicSettings, public so tests can drive it without a modal loop.
class ClinicSettingsDialog : public wxDialog {
public:
    ClinicSettingsDialog(wxWindow* parent, storage::Database& db);

    /// Selects the named setting's line and puts its value in the value field; false when unknown.
    bool selectSetting(const std::string& name);
    /// Changes the selected setting to the value field's text, asking for the reason. False when
    /// cancelled or refused (the refusal shown under the lists).
    bool changeSetting();
    /// Sets the chosen device's LSC for the chosen site to the LSC field's value, asking for the
    /// reason; removeLsc removes the selected line's. False when cancelled or refused.
    bool setLsc();
    bool removeLsc();

    wxListCtrl* settingsTable() const { return m_settingsTable; }
    wxListCtrl* lscTable() const { return m_lscTable; }
    wxTextCtrl* valueField() const { return m_value; }
    wxChoice* deviceChoice() const { return m_device; }
    wxChoice* siteChoice() const { return m_site; }
    wxTextCtrl* lscField() const { return m_lscValue; }
    wxStaticText* message() const { return m_message; }

private:
    void setLabels();
    void reload();
    long selectedRow(wxListCtrl* table) const;
    void showSelectedLsc();
    void showRefusal(const wxString& text);

    storage::Database& m_db;
    std::vector<std::pair<std::string, std::string>> m_settings;  ///< (name, value) as stored
    std::vector<core::LscSetting> m_lsc;
    std::vector<core::DxaDevice> m_devices;
    wxListCtrl* m_settingsTable;
    wxListCtrl* m_lscTable;
    wxTextCtrl* m_value;
    wxChoice* m_device;
    wxChoice* m_site;
    wxTextCtrl* m_lscValue;
    wxButton* m_change;
    wxButton* m_setLsc;
    wxButton* m_removeLsc;
    wxStaticText* m_message;
};

}  // namespace ankylos::ui
