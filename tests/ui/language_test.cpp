// The interface language: the choice kept with wxConfig, the catalog it loads (the build's
// po/zh_CN.po as ankylos.mo), the system's language when nothing is chosen, and the Preferences
// dialog that changes it. Runs in ui_zh_cn_tests, whose process may switch translations freely.
#include "ui/language.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <wx/choice.h>
#include <wx/fileconf.h>
#include <wx/sstream.h>
#include <wx/stattext.h>
#include <wx/stockitem.h>
#include <wx/translation.h>
#include <wx/xrc/xmlres.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ui/preferences_dialog.h"
#include "ui_test_support.h"

namespace ankylos::ui::test {
namespace {

/// Sets the environment's language variables for the test's length; the previous values come back.
class ScopedLanguageEnvironment {
public:
    explicit ScopedLanguageEnvironment(const char* lang) {
        for (const char* name : kNames) {
            const char* value = std::getenv(name);
            m_saved.emplace_back(name, value ? std::optional<std::string>(value) : std::nullopt);
            unsetenv(name);
        }
        setenv("LANG", lang, 1);
    }
    ~ScopedLanguageEnvironment() {
        for (const auto& [name, value] : m_saved)
            value ? setenv(name, value->c_str(), 1) : unsetenv(name);
    }

private:
    static constexpr const char* kNames[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
    std::vector<std::pair<const char*, std::optional<std::string>>> m_saved;
};

/// A configuration held in memory, empty.
std::unique_ptr<wxFileConfig> emptyConfig() {
    wxStringInputStream nothing("");
    return std::make_unique<wxFileConfig>(nothing);
}

class LanguageTest : public ::testing::Test {
protected:
    ~LanguageTest() override { installTranslations(InterfaceLanguage::English, ANKYLOS_LOCALE_DIR); }
};

TEST_F(LanguageTest, TheChoiceIsStoredAndReadBackAndAnUnknownValueMeansTheSystems) {
    const auto stored = emptyConfig();
    wxFileConfig& config = *stored;
    EXPECT_EQ(storedInterfaceLanguage(config), InterfaceLanguage::System) << "nothing stored";
    for (const InterfaceLanguage language :
         {InterfaceLanguage::SimplifiedChinese, InterfaceLanguage::English, InterfaceLanguage::System}) {
        storeInterfaceLanguage(config, language);
        EXPECT_EQ(storedInterfaceLanguage(config), language);
    }
    EXPECT_EQ(config.Read(kLanguageConfigKey, wxString()), "system");
    config.Write(kLanguageConfigKey, "klingon");
    EXPECT_EQ(storedInterfaceLanguage(config), InterfaceLanguage::System);
}

TEST_F(LanguageTest, SimplifiedChineseLoadsTheBuiltCatalog) {
    EXPECT_EQ(installTranslations(InterfaceLanguage::SimplifiedChinese, ANKYLOS_LOCALE_DIR), "zh_CN");
    EXPECT_EQ(_("&File"), wxString::FromUTF8("文件(&F)"));
    EXPECT_EQ(_("not computable"), wxString::FromUTF8("无法计算"));
    // wxWidgets' own catalog (wx3.2-i18n) translates the stock buttons.
    EXPECT_EQ(wxGetStockLabel(wxID_CANCEL, wxSTOCK_NOFLAGS), wxString::FromUTF8("取消"));
}

TEST_F(LanguageTest, EnglishShowsTheSourcesStringsWhateverTheSystemLanguage) {
    ScopedLanguageEnvironment chinese("zh_CN.UTF-8");
    EXPECT_EQ(installTranslations(InterfaceLanguage::English, ANKYLOS_LOCALE_DIR), "");
    EXPECT_EQ(_("&File"), "&File");
}

TEST_F(LanguageTest, SystemDefaultFollowsTheSessionsLanguage) {
    {
        ScopedLanguageEnvironment chinese("zh_CN.UTF-8");
        EXPECT_EQ(installTranslations(InterfaceLanguage::System, ANKYLOS_LOCALE_DIR), "zh_CN");
        EXPECT_EQ(_("&Patient"), wxString::FromUTF8("患者(&P)"));
    }
    {
        ScopedLanguageEnvironment neutral("C.UTF-8");
        EXPECT_EQ(installTranslations(InterfaceLanguage::System, ANKYLOS_LOCALE_DIR), "");
        EXPECT_EQ(_("&Patient"), "&Patient");
    }
    {
        ScopedLanguageEnvironment french("fr_FR.UTF-8");  // no catalog: the sources' English
        EXPECT_EQ(installTranslations(InterfaceLanguage::System, ANKYLOS_LOCALE_DIR), "");
        EXPECT_EQ(_("&Patient"), "&Patient");
    }
}

TEST_F(LanguageTest, TranslationsLeaveTheDecimalPointAlone) {
    ScopedLanguageEnvironment chinese("zh_CN.UTF-8");
    installTranslations(InterfaceLanguage::System, ANKYLOS_LOCALE_DIR);
    EXPECT_EQ(wxString::Format("%.1f", 2.5), "2.5");
    double parsed = 0;
    EXPECT_TRUE(wxString("1.25").ToCDouble(&parsed));
    EXPECT_DOUBLE_EQ(parsed, 1.25);
}

TEST_F(LanguageTest, PreferencesOffersTheLanguagesInTheirOwnWordsAndSaysWhenTheyApply) {
    installTranslations(InterfaceLanguage::SimplifiedChinese, ANKYLOS_LOCALE_DIR);
    PreferencesDialog dialog(nullptr, InterfaceLanguage::English);
    wxChoice* choice = dialog.languageChoice();
    ASSERT_EQ(choice->GetCount(), 3u);
    EXPECT_EQ(choice->GetString(0), wxString::FromUTF8("系统默认"));
    EXPECT_EQ(choice->GetString(1), "English");
    EXPECT_EQ(choice->GetString(2), wxString::FromUTF8("简体中文"));
    EXPECT_EQ(choice->GetSelection(), 1) << "the stored choice is selected";
    EXPECT_EQ(dialog.GetTitle(), wxString::FromUTF8("首选项"));
    EXPECT_NE(XRCCTRL(dialog, "note", wxStaticText)->GetLabel().Find(wxString::FromUTF8("下次启动")),
              wxNOT_FOUND);
    choice->SetSelection(2);
    EXPECT_EQ(dialog.chosen(), InterfaceLanguage::SimplifiedChinese);
    dialog.Show();
    saveScreenshot(&dialog, "zh_CN_preferences");
}

TEST_F(LanguageTest, PreferencesStoresANewChoiceOnlyOnOk) {
    const auto stored = emptyConfig();
    wxFileConfig& config = *stored;
    DialogResponder responder;
    responder
        .then([](wxDialog& dialog) {
            XRCCTRL(dialog, "language", wxChoice)->SetSelection(2);
            return int(wxID_CANCEL);
        })
        .then([](wxDialog& dialog) {
            XRCCTRL(dialog, "language", wxChoice)->SetSelection(2);
            return int(wxID_OK);
        });
    EXPECT_EQ(editPreferences(nullptr, config), std::nullopt);
    EXPECT_EQ(storedInterfaceLanguage(config), InterfaceLanguage::System) << "Cancel stores nothing";
    EXPECT_EQ(editPreferences(nullptr, config), std::optional(InterfaceLanguage::SimplifiedChinese));
    EXPECT_EQ(storedInterfaceLanguage(config), InterfaceLanguage::SimplifiedChinese);
}

// A clinic prints Chinese reports from an English desktop: the report language applies at once, on
// its own, and "Same as the interface" follows whatever interface is loaded.
TEST_F(LanguageTest, ReportsFollowTheirOwnChoiceOrElseTheInterface) {
    const auto stored = emptyConfig();
    wxFileConfig& config = *stored;
    installTranslations(InterfaceLanguage::English, ANKYLOS_LOCALE_DIR);
    EXPECT_EQ(storedReportLanguage(config), ReportLanguageChoice::Interface);
    EXPECT_EQ(printedReportLanguage(config), "en");
    DialogResponder responder;
    responder.then([](wxDialog& dialog) {
        PreferencesDialog& preferences = static_cast<PreferencesDialog&>(dialog);
        EXPECT_EQ(preferences.reportLanguageChoice()->GetCount(), 3u);
        EXPECT_EQ(preferences.reportLanguageChoice()->GetSelection(), 0) << "Same as the interface";
        preferences.reportLanguageChoice()->SetSelection(2);
        return int(wxID_OK);
    });
    EXPECT_EQ(editPreferences(nullptr, config), std::nullopt) << "the interface language did not change";
    EXPECT_EQ(storedReportLanguage(config), ReportLanguageChoice::SimplifiedChinese);
    EXPECT_EQ(printedReportLanguage(config), "zh_CN");
    EXPECT_EQ(interfaceReportLanguage().code(), "en") << "the Course tab keeps the interface's words";

    storeReportLanguage(config, ReportLanguageChoice::Interface);
    installTranslations(InterfaceLanguage::SimplifiedChinese, ANKYLOS_LOCALE_DIR);
    EXPECT_EQ(printedReportLanguage(config), "zh_CN");
    EXPECT_EQ(interfaceReportLanguage().tr("Patient report"), "患者报告");
    storeReportLanguage(config, ReportLanguageChoice::English);
    EXPECT_EQ(printedReportLanguage(config), "en");
}

}  // namespace
}  // namespace ankylos::ui::test
