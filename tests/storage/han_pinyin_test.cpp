// Han characters spelled in pinyin for patient search (storage/han_pinyin.h): the compiled-in Unihan
// table, the refusal of a damaged one, and the spellings of names. The list's matching on real
// databases is tested in patient_summary_test.cpp.

#include "storage/han_pinyin.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/errors.h"

namespace ankylos::storage {
namespace {

using Strings = std::vector<std::string>;

Strings strings(const std::vector<std::string_view>& views) {
    return Strings(views.begin(), views.end());
}

TEST(HanPinyinTable, TheCompiledInTableHasUnihansReadingsMostCommonFirst) {
    // Every character Unihan gives a kMandarin reading (41,692 in Unicode 16.0).
    EXPECT_GT(hanPinyin().size(), 41000u);
    const struct {
        char32_t character;
        Strings readings;
    } cases[] = {
        {U'王', {"wang"}},
        {U'小', {"xiao"}},
        {U'明', {"ming"}},
        {U'单', {"dan", "chan", "shan"}},  // the surname Shan
        {U'曾', {"ceng", "zeng"}},         // the surname Zeng
        {U'区', {"qu", "ou"}},             // the surname Ou
        {U'行', {"xing", "hang", "heng"}},
        {U'吕', {"lv"}},          // ü is written v
        {U'曉', {"xiao"}},        // traditional characters too
        {U'\U00020000', {"he"}},  // CJK extension B, the first of the plane
        {U'\u3402', {}},          // a Han character without kMandarin
        {U'A', {}},
        {U'。', {}},
    };
    for (const auto& c : cases)
        EXPECT_EQ(strings(hanPinyin().readingsOf(c.character)), c.readings) << static_cast<int>(c.character);
}

TEST(HanPinyinTable, ReadsCommentsBlankLinesAndWindowsLineEnds) {
    const HanPinyinTable table("# a comment\r\n\r\n5355 dan chan shan\r\n738b wang\r\n# the end");
    EXPECT_EQ(table.size(), 2u);
    EXPECT_EQ(strings(table.readingsOf(U'单')), (Strings{"dan", "chan", "shan"}));
    EXPECT_EQ(strings(table.readingsOf(U'王')), Strings{"wang"});
    EXPECT_EQ(strings(table.readingsOf(U'小')), Strings{});
}

TEST(HanPinyinTable, ADamagedTableIsRefusedNamingTheLine) {
    const struct {
        const char* text;
        const char* line;
    } cases[] = {
        {"738b Wang", "line 1 \"738b Wang\""},          // readings are lower case
        {"738b wáng", "line 1"},                        // and toneless
        {"738b", "line 1 \"738b\""},                    // no reading
        {"738b ", "line 1"},                            // an empty one
        {"738b wang  huang", "line 1"},                 // two spaces
        {"738b wang ", "line 1"},                       // a trailing space
        {"wang 738b", "line 1"},                        // fields swapped
        {"738B wang", "line 1"},                        // hex in lower case
        {"0 ling", "line 1"},                           // not a character
        {"110000 a", "line 1"},                         // past Unicode
        {"1234567 a", "line 1"},                        // too long
        {"# ok\n738b wang\n5355 dan", "line 3"},        // out of order
        {"5355 dan\n5355 shan", "line 2 \"5355 shan"},  // twice
    };
    for (const auto& c : cases) {
        try {
            HanPinyinTable table(c.text);
            ADD_FAILURE() << "accepted: " << c.text;
        } catch (const StorageError& e) {
            EXPECT_NE(std::string(e.what()).find(c.line), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("pinyin table"), std::string::npos) << e.what();
        }
    }
}

TEST(SpellInPinyin, SpellsNamesJoinedAndByInitials) {
    const struct {
        const char* name;
        Strings joined;
        Strings initials;
    } cases[] = {
        {"王小明", {"wangxiaoming"}, {"wxm"}},
        {"张伟", {"zhangwei"}, {"zw"}},
        {"王曉明", {"wangxiaoming"}, {"wxm"}},  // traditional
        // A polyphonic surname: the common reading, then each other one.
        {"单伟", {"danwei", "chanwei", "shanwei"}, {"dw", "cw", "sw"}},
        {"曾志强", {"cengzhiqiang", "zengzhiqiang", "cengzhijiang"}, {"czq", "zzq", "czj"}},
        // A polyphonic given name, and one reading at a time: no "yuexing"-with-"hang" combinations.
        {"乐行", {"lexing", "yuexing", "lehang", "leheng"}, {"lx", "yx", "lh"}},
        // ü: as folded ("Lü" -> "lu"), as typed on Chinese keyboards (v) and on passports (yu).
        {"吕芳", {"lufang", "lvfang", "lyufang"}, {"lf"}},
        // Mixed Latin and Han: the Han characters, in order, as one name.
        {"David 王", {"wang"}, {"w"}},
        {"王 小明", {"wangxiaoming"}, {"wxm"}},
        {"Wang 小明 (Tom)", {"xiaoming"}, {"xm"}},
        // Past a run's fourth character, the common reading only.
        {"一二三单", {"yiersandan", "yiersanchan", "yiersanshan"}, {"yesd", "yesc", "yess"}},
        {"一二三四单", {"yiersansidan"}, {"yessd"}},
        // A Han character missing from the table: found by itself only; it splits the name's runs.
        {"王㐂明", {"wang", "ming"}, {"w", "m"}},
        {"㐂", {}, {}},
        // No Han characters: nothing to spell.
        {"Jürgen Murphy", {}, {}},
        {"", {}, {}},
        {"\xFF\xFE", {}, {}},  // not UTF-8: passed over
    };
    for (const auto& c : cases) {
        const PinyinSpelling spelled = spellInPinyin(c.name);
        EXPECT_EQ(spelled.joined, c.joined) << c.name;
        EXPECT_EQ(spelled.initials, c.initials) << c.name;
    }
}

TEST(SpellInPinyin, AnotherTableIsUsedWhenGiven) {
    const HanPinyinTable table("738b huang\n");
    EXPECT_EQ(spellInPinyin("王小", table).joined, Strings{"huang"});  // 小 is not in this table
}

}  // namespace
}  // namespace ankylos::storage
