// The language of reports and codebooks: the catalog built from po/zh_CN.po, read without any system locale.
#include "i18n/language.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>

#include "core/validation.h"

namespace ankylos::i18n {
namespace {

TEST(Language, EnglishReturnsTheTextAsWritten) {
    const Language english;
    EXPECT_EQ(english.code(), "en");
    EXPECT_EQ(english.tr("Patient report"), "Patient report");
    EXPECT_EQ(english.trf("Page {1} of {2}", {"3", "7"}), "Page 3 of 7");
    EXPECT_EQ(Language::load("en").tr("Summary"), "Summary");
}

TEST(Language, ChineseTranslatesAndMovesThePlaceholders) {
    const Language chinese = Language::load("zh_CN");
    EXPECT_EQ(chinese.code(), "zh_CN");
    EXPECT_EQ(chinese.tr("Patient report"), "患者报告");
    EXPECT_EQ(chinese.trf("Page {1} of {2}", {"3", "7"}), "第 3 页，共 7 页");
    // The translation puts the years before the change: the values follow their placeholders.
    EXPECT_EQ(chinese.trf("{1} mSASSS in {2} years", {"+2.5", "2.0"}), "2.0 年内 mSASSS +2.5");
    // Core's vocabulary (marked N_ in core) reads as on screen.
    EXPECT_EQ(chinese.tr(std::string("high disease activity")), "高疾病活动度");
    // A text the catalog does not hold (a patient's words, a core reason) stays as it is.
    EXPECT_EQ(chinese.tr("no such message in the catalog"), "no such message in the catalog");
}

TEST(Language, ContextsAndTheCatalogsCoverage) {
    const Language chinese = Language::load("zh_CN");
    EXPECT_TRUE(chinese.translates("Patient report"));
    EXPECT_FALSE(chinese.translates("no such message in the catalog"));
    // A message in a context is another message than the same words without one.
    EXPECT_FALSE(chinese.translates("Patient report", "no such context"));
    EXPECT_EQ(chinese.trc("no such context", "Patient report"), "Patient report");
    EXPECT_TRUE(Language().translates("no such message in the catalog"));  // English is the sources'
}

TEST(Language, CountsTakeTheirPluralForm) {
    const Language english;
    EXPECT_EQ(english.trn("{1} regression", "{1} regressions", 0), "0 regressions");
    EXPECT_EQ(english.trn("{1} regression", "{1} regressions", 1), "1 regression");
    EXPECT_EQ(english.trn("{1} regression", "{1} regressions", 2), "2 regressions");
    const Language chinese = Language::load("zh_CN");  // one form: nplurals=1
    EXPECT_EQ(chinese.trn("{1} regression", "{1} regressions", 1), "1 处回退");
    EXPECT_EQ(chinese.trn("{1} regression", "{1} regressions", 2), "2 处回退");
}

TEST(Language, ALanguageWithoutACatalogIsRefusedNamingWhatIsAllowed) {
    for (const char* code : {"fr", "", "zh", "../zh_CN", "zh_CN/LC_MESSAGES"}) {
        SCOPED_TRACE(code);
        try {
            Language::load(code, "--lang");
            FAIL() << "accepted";
        } catch (const core::ValidationError& e) {
            EXPECT_NE(std::string(e.what()).find("--lang"), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("en or zh_CN"), std::string::npos) << e.what();
        }
    }
}

TEST(Language, TheAvailableLanguagesAreEnglishAndEveryBuiltCatalog) {
    EXPECT_EQ(availableLanguages(), (std::vector<std::string>{"en", "zh_CN"}));
}

/// Sets environment variables for one test and restores them after.
class Environment {
public:
    explicit Environment(std::initializer_list<std::pair<const char*, const char*>> values) {
        for (const auto& [name, value] : values) {
            const char* before = std::getenv(name);
            m_saved.emplace_back(name, before ? std::optional<std::string>(before) : std::nullopt);
            if (value)
                setenv(name, value, 1);
            else
                unsetenv(name);
        }
    }
    ~Environment() {
        for (const auto& [name, value] : m_saved)
            value ? setenv(name, value->c_str(), 1) : unsetenv(name);
    }

private:
    std::vector<std::pair<const char*, std::optional<std::string>>> m_saved;
};

TEST(Language, TheSystemLanguageIsReadAsGettextReadsIt) {
    struct Case {
        const char* language;
        const char* lcAll;
        const char* lang;
        const char* expected;
    };
    const Case cases[] = {
        {nullptr, nullptr, "zh_CN.UTF-8", "zh_CN"},
        {nullptr, nullptr, "C.UTF-8", "en"},
        {nullptr, nullptr, nullptr, "en"},
        {nullptr, "en_GB.UTF-8", "zh_CN.UTF-8", "en"},  // LC_ALL before LANG
        {"zh_CN:en", nullptr, "C.UTF-8", "zh_CN"},      // LANGUAGE first
        {"fr:zh_CN", nullptr, "C.UTF-8", "zh_CN"},      // the first of LANGUAGE's list with a catalog
        {"fr", nullptr, "C.UTF-8", "en"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(std::string(c.language ? c.language : "-") + " " + (c.lcAll ? c.lcAll : "-") + " " +
                     (c.lang ? c.lang : "-"));
        Environment environment{
            {"LANGUAGE", c.language}, {"LC_ALL", c.lcAll}, {"LC_MESSAGES", nullptr}, {"LANG", c.lang}};
        EXPECT_EQ(systemLanguage(), c.expected);
    }
}

TEST(Language, SubstituteReplacesOnlyPlaceholdersItHasValuesFor) {
    EXPECT_EQ(substitute("{2} before {1}", {"a", "b"}), "b before a");
    EXPECT_EQ(substitute("{1}{1}", {"x"}), "xx");
    EXPECT_EQ(substitute("{3} {0} {a} {1", {"x"}), "{3} {0} {a} {1");
    EXPECT_EQ(substitute("{1}", {"{2}", "y"}), "{2}");  // a value is never read again as a pattern
    EXPECT_EQ(substitute("", {}), "");
}

}  // namespace
}  // namespace ankylos::i18n
