#include "ui/language.h"

#include <wx/config.h>
#include <wx/filename.h>
#include <wx/stdpaths.h>
#include <wx/translation.h>

#include "core/validation.h"

namespace ankylos::ui {

namespace {

constexpr const char* kDomain = "ankylos";

report::Language& currentReportLanguage() {
    static report::Language language;
    return language;
}

}  // namespace

InterfaceLanguage storedInterfaceLanguage(const wxConfigBase& config) {
    wxString value;
    if (!config.Read(kLanguageConfigKey, &value))
        return InterfaceLanguage::System;
    if (value == "en")
        return InterfaceLanguage::English;
    if (value == "zh_CN")
        return InterfaceLanguage::SimplifiedChinese;
    return InterfaceLanguage::System;
}

void storeInterfaceLanguage(wxConfigBase& config, InterfaceLanguage language) {
    const wxString value = catalogLanguage(language);
    config.Write(kLanguageConfigKey, value.empty() ? wxString("system") : value);
    config.Flush();
}

wxString catalogLanguage(InterfaceLanguage language) {
    switch (language) {
        case InterfaceLanguage::English:
            return "en";
        case InterfaceLanguage::SimplifiedChinese:
            return "zh_CN";
        case InterfaceLanguage::System:
            break;
    }
    return wxString();
}

wxString defaultLocalePrefix() {
    const wxFileName exe(wxStandardPaths::Get().GetExecutablePath());
    return exe.GetPath() + "/../share/locale";
}

wxString installTranslations(InterfaceLanguage language, const wxString& localePrefix) {
    wxFileTranslationsLoader::AddCatalogLookupPathPrefix(localePrefix);
    auto* translations = new wxTranslations;
    wxTranslations::Set(translations);  // owns it, and deletes the one installed before
    const wxString lang = catalogLanguage(language);
    if (!lang.empty())
        translations->SetLanguage(lang);
    translations->AddStdCatalog();
    // The sources' strings are English: "en" asked for, or a system language without a catalog,
    // shows them as they are.
    const wxString best = translations->GetBestTranslation(kDomain, wxLANGUAGE_ENGLISH_US);
    translations->AddCatalog(kDomain, wxLANGUAGE_ENGLISH_US);
    const wxString loaded = translations->IsLoaded(kDomain) ? best : wxString();
    try {
        currentReportLanguage() =
            loaded.empty() ? report::Language() : report::Language::load(loaded.ToStdString());
    } catch (const core::ValidationError&) {  // a catalog only wx found (another prefix): English reports
        currentReportLanguage() = report::Language();
    }
    return loaded;
}

const report::Language& interfaceReportLanguage() {
    return currentReportLanguage();
}

ReportLanguageChoice storedReportLanguage(const wxConfigBase& config) {
    wxString value;
    config.Read(kReportLanguageConfigKey, &value);
    if (value == "en")
        return ReportLanguageChoice::English;
    if (value == "zh_CN")
        return ReportLanguageChoice::SimplifiedChinese;
    return ReportLanguageChoice::Interface;
}

void storeReportLanguage(wxConfigBase& config, ReportLanguageChoice choice) {
    const char* value = choice == ReportLanguageChoice::English             ? "en"
                        : choice == ReportLanguageChoice::SimplifiedChinese ? "zh_CN"
                                                                            : "interface";
    config.Write(kReportLanguageConfigKey, value);
    config.Flush();
}

std::string printedReportLanguage(const wxConfigBase& config) {
    switch (storedReportLanguage(config)) {
        case ReportLanguageChoice::English:
            return "en";
        case ReportLanguageChoice::SimplifiedChinese:
            return "zh_CN";
        case ReportLanguageChoice::Interface:
            break;
    }
    return interfaceReportLanguage().code();
}

}  // namespace ankylos::ui
