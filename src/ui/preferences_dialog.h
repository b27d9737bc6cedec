#pragma once
/// Tools > Preferences: the interface language ("System default", "English", "简体中文"), stored with
/// wxConfig and applied at the next start (the dialog says so).

#include <wx/dialog.h>

#include <optional>

#include "ui/language.h"

class wxChoice;
class wxConfigBase;

namespace ankylos::ui {

/// Shows the stored choice and stores the one made. Returns the language chosen when the user
/// pressed OK on a different one, nothing otherwise.
std::optional<InterfaceLanguage> editPreferences(wxWindow* parent, wxConfigBase& config);

/// The dialog behind editPreferences, public so tests can look at it without a modal loop.
class PreferencesDialog : public wxDialog {
public:
    PreferencesDialog(wxWindow* parent, InterfaceLanguage current);
    /// The language selected in the list.
    InterfaceLanguage chosen() const;
    wxChoice* languageChoice() const { return m_choice; }

private:
    wxChoice* m_choice = nullptr;
};

}  // namespace ankylos::ui
