#include "ui/preferences_dialog.h"

#include <wx/choice.h>
#include <wx/config.h>
#include <wx/dialog.h>
#include <wx/stattext.h>
#include <wx/xrc/xmlres.h>

#include "core/error.h"

namespace ankylos::ui {

namespace {

/// The choice's entries, in the order of the list.
constexpr InterfaceLanguage kLanguages[] = {InterfaceLanguage::System, InterfaceLanguage::English,
                                            InterfaceLanguage::SimplifiedChinese};

}  // namespace

std::optional<InterfaceLanguage> editPreferences(wxWindow* parent, wxConfigBase& config) {
    wxDialog dialog;
    if (!wxXmlResource::Get()->LoadDialog(&dialog, parent, "PreferencesDialog"))
        throw InternalError("the PreferencesDialog layout is missing from the compiled XRC");
    auto* choice = XRCCTRL(dialog, "language", wxChoice);
    choice->Append(_("System default"));
    // Each language is named in its own words, so whoever cannot read the current one finds theirs.
    choice->Append("English");
    choice->Append(wxString::FromUTF8("简体中文"));
    const InterfaceLanguage stored = storedInterfaceLanguage(config);
    for (int i = 0; i < static_cast<int>(std::size(kLanguages)); ++i)
        if (kLanguages[i] == stored)
            choice->SetSelection(i);
    XRCCTRL(dialog, "note", wxStaticText)->Wrap(dialog.FromDIP(380));
    dialog.Fit();
    dialog.CentreOnParent();
    choice->SetFocus();
    if (dialog.ShowModal() != wxID_OK || choice->GetSelection() == wxNOT_FOUND)
        return std::nullopt;
    const InterfaceLanguage chosen = kLanguages[choice->GetSelection()];
    if (chosen == stored)
        return std::nullopt;
    storeInterfaceLanguage(config, chosen);
    return chosen;
}

}  // namespace ankylos::ui
