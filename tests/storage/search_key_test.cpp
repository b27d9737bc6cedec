// Folding for patient search (storage/search_key.h): case and diacritics, and the LIKE patterns of
// what is typed. The list's matching on real databases is tested in patient_summary_test.cpp.

#include "storage/search_key.h"

#include <gtest/gtest.h>

namespace ankylos::storage {
namespace {

TEST(FoldForSearch, LowersCaseAndSpellsLatinLettersInAscii) {
    const struct {
        const char* text;
        const char* folded;
    } cases[] = {
        {"Jürgen", "jurgen"},
        {"JÜRGEN", "jurgen"},
        {"Ju\xCC\x88rgen", "jurgen"},  // u + combining diaeresis, as some keyboards type it
        {"Siobhán Ní Bhriain", "siobhan ni bhriain"},
        {"Ødegård", "odegard"},
        {"Straße", "strasse"},
        {"Łukasz Żółć", "lukasz zolc"},
        {"Çağrı İnce", "cagri ince"},
        {"AS-0001", "as-0001"},
        {"王小明", "王小明"},  // other scripts are kept
        {"Иван", "иван"},
        {"", ""},
    };
    for (const auto& c : cases)
        EXPECT_EQ(foldForSearch(c.text), c.folded) << c.text;
}

TEST(SearchKey, IsTheFoldedClinicIdAndNameThenThePinyinOfAHanName) {
    const struct {
        const char* clinicId;
        const char* name;
        const char* key;
        const char* initials;
    } cases[] = {
        {"AS-0120", "Jürgen Murphy", "as-0120 jurgen murphy", ""},
        {"AS-0001", "王小明", "as-0001 王小明 wangxiaoming", "wxm"},
        {"AS-0002", "张伟", "as-0002 张伟 zhangwei", "zw"},
        {"AS-0003", "单伟", "as-0003 单伟 danwei chanwei shanwei", "dw cw sw"},
        {"AS-0004", "Wáng 小明", "as-0004 wang 小明 xiaoming", "xm"},
        {"AS-0005", "王㐂明", "as-0005 王㐂明 wang ming", "w m"},  // 㐂 has no reading
    };
    for (const auto& c : cases) {
        core::Patient patient;
        patient.clinicId = c.clinicId;
        patient.name = c.name;
        const SearchKey key = searchKey(patient);
        EXPECT_EQ(key.key, c.key);
        EXPECT_EQ(key.initials, c.initials);
    }
}

TEST(SearchPatterns, EveryOrderOfTheWordsEachAtItsOwnPlace) {
    using P = std::vector<std::string>;
    EXPECT_EQ(searchPatterns(""), P{});
    EXPECT_EQ(searchPatterns("   "), P{});
    EXPECT_EQ(searchPatterns("Murphy"), P{"%murphy%"});
    EXPECT_EQ(searchPatterns(" murphy  Jürgen "), (P{"%jurgen%murphy%", "%murphy%jurgen%"}));
    EXPECT_EQ(searchPatterns("wang wang"), P{"%wang%wang%"});
    EXPECT_EQ(searchPatterns("a b c").size(), 6u);
    EXPECT_EQ(searchPatterns("d c b a"), P{"%d%c%b%a%"});  // past three words, the typed order only
    EXPECT_EQ(searchPatterns("50%_off\\"), P{"%50\\%\\_off\\\\%"});
    // Typed pinyin is folded as the rest: tones and case go.
    EXPECT_EQ(searchPatterns("Wáng XIǍOMÍNG"), (P{"%wang%xiaoming%", "%xiaoming%wang%"}));
    EXPECT_EQ(searchPatterns("lǚ"), P{"%lu%"});
}

}  // namespace
}  // namespace ankylos::storage
