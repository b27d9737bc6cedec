#pragma once
/// The interface language: the user's choice (Tools > Preferences), kept with wxConfig, and the
/// gettext catalogs it loads when the application starts (po/, installed as
/// <prefix>/share/locale/<lang>/LC_MESSAGES/ankylos.mo). Only messages are translated: the C
/// locale stays "C", so numbers keep their decimal point, and dates stay ISO.

#include <wx/string.h>

#include "report/language.h"

class wxConfigBase;

namespace ankylos::ui {

/// What the Preferences dialog offers.
enum class InterfaceLanguage {
    System,             ///< the system's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG): zh_CN.UTF-8 gives Chinese
    English,            ///< the sources' own strings
    SimplifiedChinese,  ///< po/zh_CN.po
};

/// The key under which the choice is stored.
inline constexpr const char* kLanguageConfigKey = "/Interface/Language";

/// The stored choice; System when nothing (or a value this version does not know) is stored.
InterfaceLanguage storedInterfaceLanguage(const wxConfigBase& config);
/// Stores the choice ("system", "en" or "zh_CN"); it applies at the next start.
void storeInterfaceLanguage(wxConfigBase& config, InterfaceLanguage language);

/// The catalog language asked for: empty for System (the environment decides), "en", "zh_CN".
wxString catalogLanguage(InterfaceLanguage language);

/// <executable's folder>/../share/locale: the installed layout, and the build tree's (the catalogs
/// are built beside build/src/app, po/CMakeLists.txt).
wxString defaultLocalePrefix();

/// Installs wxTranslations for the language with the catalogs "ankylos" (searched under
/// localePrefix first) and wxWidgets' own (stock buttons, standard dialogs). Windows made from then
/// on are translated. Returns the language of the ankylos catalog loaded ("zh_CN"), or empty when
/// the sources' English is shown.
wxString installTranslations(InterfaceLanguage language, const wxString& localePrefix);

/// The interface's words as a report language, for the charts of the Course tab: the catalog that
/// installTranslations loaded, English before that or when the sources' strings are shown.
const report::Language& interfaceReportLanguage();

/// What the Preferences dialog offers for printed reports (File > Print, Print preview, Export PDF),
/// so that a clinic prints Chinese reports from an English desktop and the reverse.
enum class ReportLanguageChoice {
    Interface,          ///< the interface's language
    English,            ///< the sources' own strings
    SimplifiedChinese,  ///< po/zh_CN.po
};

/// The key under which the report language is stored.
inline constexpr const char* kReportLanguageConfigKey = "/Reports/Language";

/// The stored choice; Interface when nothing (or a value this version does not know) is stored.
ReportLanguageChoice storedReportLanguage(const wxConfigBase& config);
/// Stores the choice ("interface", "en" or "zh_CN"); the next report made uses it.
void storeReportLanguage(wxConfigBase& config, ReportLanguageChoice choice);

/// The language code ("en", "zh_CN") printed reports are made in: the stored choice, or the
/// interface's.
std::string printedReportLanguage(const wxConfigBase& config);

}  // namespace ankylos::ui
