// Text helpers: case folding for matching names (readers) without regard to case.
#include "core/format.h"

#include <gtest/gtest.h>

namespace ankylos::core {
namespace {

TEST(FoldCase, LowersTheCapitalsOfTheReadersScripts) {
    EXPECT_EQ(foldCase("Reader A"), "reader a");
    EXPECT_EQ(foldCase("ÉRIC MÜLLER"), "éric müller");                        // Latin-1
    EXPECT_EQ(foldCase("ŁUKASZ ŻÓŁW"), "łukasz żółw");                        // Latin Extended-A
    EXPECT_EQ(foldCase("ΣΩΚΡΑΤΗΣ"), "σωκρατησ");                              // Greek (no final sigma)
    EXPECT_EQ(foldCase("ЛЕВ ТОЛСТОЙ Ёж"), "лев толстой ёж");                  // Cyrillic
    EXPECT_EQ(foldCase("陈医生 Dr. CHEN"), "陈医生 dr. chen");                // CJK kept
    EXPECT_EQ(foldCase("×÷ ß ÿ"), "×÷ ß ÿ");                                  // not capitals: kept
    EXPECT_EQ(foldCase(std::string("A\xff\xc3")), std::string("a\xff\xc3"));  // invalid UTF-8 kept
}

}  // namespace
}  // namespace ankylos::core
