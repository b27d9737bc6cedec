#include "ui/preferences_dialog.h"

#include <wx/choice.h>
#include <wx/config.h>
#include <wx/stattext.h>
#include <wx/xrc/xmlres.h>

#include <iterator>

#include "core/error.h"
#include "ui/text_wrap.h"

namespace ankylos::ui {

namespace {

/// The choice's entries, in the order of the list.
constexpr InterfaceLanguage kLanguages[] = {InterfaceLanguage::System, InterfaceLanguage::English,
                                            InterfaceLanguage::SimplifiedChinese};

}  // namespace

PreferencesDialog::PreferencesDialog(wxWindow* parent, InterfaceLanguage current) {
    if (!wxXmlResource::Get()->LoadDialog(this, parent, "PreferencesDialog"))
        throw InternalError("the PreferencesDialog layout is missing from the compiled XRC");
    m_choice = XRCCTRL(*this, "language", wxChoice);
    m_choice->Append(_("System default"));
    // Each language is named in its own words, so whoever cannot read the current one finds theirs.
    m_choice->Append("English");
    m_choice->Append(wxString::FromUTF8("简体中文"));
    for (int i = 0; i < static_cast<int>(std::size(kLanguages)); ++i)
        if (kLanguages[i] == current)
            m_choice->SetSelection(i);
    wrapLabel(XRCCTRL(*this, "note", wxStaticText), FromDIP(380));
    Fit();
    CentreOnParent();
    m_choice->SetFocus();
}

InterfaceLanguage PreferencesDialog::chosen() const {
    const int selected = m_choice->GetSelection();
    return selected == wxNOT_FOUND ? InterfaceLanguage::System : kLanguages[selected];
}

std::optional<InterfaceLanguage> editPreferences(wxWindow* parent, wxConfigBase& config) {
    const InterfaceLanguage stored = storedInterfaceLanguage(config);
    PreferencesDialog dialog(parent, stored);
    if (dialog.ShowModal() != wxID_OK || dialog.chosen() == stored)
        return std::nullopt;
    storeInterfaceLanguage(config, dialog.chosen());
    return dialog.chosen();
}

}  // namespace ankylos::ui
