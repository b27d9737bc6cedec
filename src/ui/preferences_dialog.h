#pragma once
/// Tools > Preferences: the interface language ("System default", "English", "简体中文"), stored with
/// wxConfig and applied at the next start (the dialog says so), and the language of printed reports
/// ("Same as the interface", "English", "简体中文"), applied to the next report.

#include <wx/dialog.h>

#include <optional>

#include "ui/language.h"

class wxChoice;
class wxConfigBase;

namespace ankylos::ui {

/// Shows the stored choices and stores those made on OK. Returns the interface language chosen when
/// the user pressed OK on a different one (it applies at the next start), nothing otherwise.
std::optional<InterfaceLanguage> editPreferences(wxWindow* parent, wxConfigBase& config);

/// The dialog behind editPreferences, public so tests can look at it without a modal loop.
class PreferencesDialog : public wxDialog {
public:
    PreferencesDialog(wxWindow* parent, InterfaceLanguage current,
                      ReportLanguageChoice currentReports = ReportLanguageChoice::Interface);
    /// The interface language selected in the list.
    InterfaceLanguage chosen() const;
    /// The report language selected in its list.
    ReportLanguageChoice chosenForReports() const;
    wxChoice* languageChoice() const { return m_choice; }
    wxChoice* reportLanguageChoice() const { return m_reportChoice; }

private:
    wxChoice* m_choice = nullptr;
    wxChoice* m_reportChoice = nullptr;
};

}  // namespace ankylos::ui
