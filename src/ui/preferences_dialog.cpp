#include "ui/preferences_dialog.h"

#include <wx/choice.h>
#include <wx/config.h>
#include <wx/stattext.h>
#include <wx/xrc/xmlres.h>

#include <algorithm>
#include <iterator>

#include "core/error.h"
#include "ui/text_wrap.h"

namespace ankylos::ui {

namespace {

/// The choices' entries, in the order of their lists.
constexpr InterfaceLanguage kLanguages[] = {InterfaceLanguage::System, InterfaceLanguage::English,
                                            InterfaceLanguage::SimplifiedChinese};
constexpr ReportLanguageChoice kReportLanguages[] = {
    ReportLanguageChoice::Interface, ReportLanguageChoice::English, ReportLanguageChoice::SimplifiedChinese};

/// Fills choice with first and the languages, each named in its own words so that whoever cannot
/// read the current one finds theirs, and selects entry selected.
void fillLanguages(wxChoice* choice, const wxString& first, int selected) {
    choice->Append(first);
    choice->Append("English");
    choice->Append(wxString::FromUTF8("简体中文"));
    choice->SetSelection(selected);
}

template <typename T, std::size_t N>
int indexOf(const T (&values)[N], T value) {
    return static_cast<int>(std::find(std::begin(values), std::end(values), value) - std::begin(values));
}

}  // namespace

PreferencesDialog::PreferencesDialog(wxWindow* parent, InterfaceLanguage current,
                                     ReportLanguageChoice currentReports) {
    if (!wxXmlResource::Get()->LoadDialog(this, parent, "PreferencesDialog"))
        throw InternalError("the PreferencesDialog layout is missing from the compiled XRC");
    m_choice = XRCCTRL(*this, "language", wxChoice);
    m_reportChoice = XRCCTRL(*this, "report_language", wxChoice);
    fillLanguages(m_choice, _("System default"), indexOf(kLanguages, current));
    fillLanguages(m_reportChoice, _("Same as the interface"), indexOf(kReportLanguages, currentReports));
    wrapLabel(XRCCTRL(*this, "note", wxStaticText), FromDIP(380));
    Fit();
    CentreOnParent();
    m_choice->SetFocus();
}

InterfaceLanguage PreferencesDialog::chosen() const {
    const int selected = m_choice->GetSelection();
    return selected == wxNOT_FOUND ? InterfaceLanguage::System : kLanguages[selected];
}

ReportLanguageChoice PreferencesDialog::chosenForReports() const {
    const int selected = m_reportChoice->GetSelection();
    return selected == wxNOT_FOUND ? ReportLanguageChoice::Interface : kReportLanguages[selected];
}

std::optional<InterfaceLanguage> editPreferences(wxWindow* parent, wxConfigBase& config) {
    const InterfaceLanguage stored = storedInterfaceLanguage(config);
    PreferencesDialog dialog(parent, stored, storedReportLanguage(config));
    if (dialog.ShowModal() != wxID_OK)
        return std::nullopt;
    storeReportLanguage(config, dialog.chosenForReports());
    if (dialog.chosen() == stored)
        return std::nullopt;
    storeInterfaceLanguage(config, dialog.chosen());
    return dialog.chosen();
}

}  // namespace ankylos::ui
