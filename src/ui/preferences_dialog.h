#pragma once
/// Tools > Preferences: the interface language ("System default", "English", "简体中文"), stored with
/// wxConfig and applied at the next start (the dialog says so).

#include <optional>

#include "ui/language.h"

class wxConfigBase;
class wxWindow;

namespace ankylos::ui {

/// Shows the stored choice and stores the one made. Returns the language chosen when the user
/// pressed OK on a different one, nothing otherwise.
std::optional<InterfaceLanguage> editPreferences(wxWindow* parent, wxConfigBase& config);

}  // namespace ankylos::ui
