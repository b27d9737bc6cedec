// Texts made now and written later in any language: English is the sources' text, Chinese the
// catalog's, part by part.
#include "i18n/text.h"

#include <gtest/gtest.h>

#include "i18n/language.h"

namespace ankylos::i18n {
namespace {

TEST(Text, EnglishIsTheSourcesOwnText) {
    const Text text = trf("Page {1} of {2}", {verbatim("3"), trf("{1}: status", {verbatim("BASDAI")})});
    EXPECT_EQ(text.english(), "Page 3 of BASDAI: status");
    EXPECT_EQ(text.in(Language()), text.english());
    EXPECT_EQ(Text::id("femoral_neck", vocabulary("femoral neck")).english(), "femoral_neck");
    EXPECT_TRUE(text.untranslated(Language()).empty());
    EXPECT_TRUE(Text().empty());
    EXPECT_FALSE(verbatim("x").empty());
}

TEST(Text, ChineseTranslatesThePatternAndEachPart) {
    const Language chinese = Language::load("zh_CN");
    EXPECT_EQ(trf("Page {1} of {2}", {verbatim("3"), verbatim("7")}).in(chinese), "第 3 页，共 7 页");
    EXPECT_EQ(tr("Sex").in(chinese), "性别");
    // An ID reads in English as it is and in Chinese by its meaning (core's vocabulary).
    EXPECT_EQ(Text::id("femoral_neck", vocabulary("femoral neck")).in(chinese), "股骨颈");
    EXPECT_EQ(verbatim("C2_inf").in(chinese), "C2_inf");
}

TEST(Text, UntranslatedNamesEveryMessageTheCatalogLacks) {
    const Language chinese = Language::load("zh_CN");
    const Text text =
        trf("Page {1} of {2}", {tr("no such label in the catalog"), trc("no such context", "Sex")});
    EXPECT_EQ(text.untranslated(chinese),
              (std::vector<std::string>{"no such label in the catalog", "no such context|Sex"}));
    // A message the catalog lacks stays English in the text: the codebook test finds such labels.
    EXPECT_EQ(text.in(chinese), "第 no such label in the catalog 页，共 Sex 页");
    EXPECT_TRUE(trf("Page {1} of {2}", {tr("Sex"), verbatim("7")}).untranslated(chinese).empty());
}

}  // namespace
}  // namespace ankylos::i18n
