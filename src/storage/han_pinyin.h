#pragma once
/// Han characters spelled in toneless pinyin, so that the patient list finds 王小明 by "wangxiaoming"
/// and "wxm" (storage/search_key.h). The readings are the Unicode Han Database's (Unihan) kMandarin,
/// then those of the newest standard dictionary listing the character (kTGHZ2013, else kXHC1983),
/// compiled in from src/storage/pinyin/han_pinyin.txt (its README says how to regenerate it).
///
/// Polyphonic characters: a name is spelled with every character's first (most common) reading,
/// and once more for each other reading of each character, one character at a time. That covers a
/// surname read apart from the common reading (单 dan -> shan, 曾 ceng -> zeng, 区 qu -> ou) and a
/// given name's, in at most 1 + (readings - 1) spellings per character instead of every combination.
/// Only a run's first kMaxPolyphonicCharacters characters get their other readings: a name is a
/// compound surname and a two-character given name at most, and a long text's key stays linear in its
/// length.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ankylos::storage {

/// How many characters of a run are spelled with their other readings too (see above).
constexpr std::size_t kMaxPolyphonicCharacters = 4;

/// A table of readings: per code point, its toneless readings, the most common first, ü as v.
class HanPinyinTable {
public:
    /// Parses han_pinyin.txt's text: lines "5355 dan chan shan" (code point in hex, ascending; each
    /// reading [a-z]+), "#" comment lines. text must outlive the table (the readings are views of it).
    /// Throws StorageError naming the line when a line is not of that form.
    explicit HanPinyinTable(std::string_view text);

    /// The readings of c ("单" -> dan, chan, shan); empty when the table has none.
    std::vector<std::string_view> readingsOf(char32_t c) const;

    /// How many characters the table has readings for.
    std::size_t size() const { return m_entries.size(); }

private:
    struct Entry {
        char32_t codePoint;
        std::uint32_t offset;  ///< where the readings start in m_text; they end at the line's end
    };
    std::string_view m_text;
    std::vector<Entry> m_entries;  ///< in code point order
};

/// The table compiled into the program, parsed on first use.
const HanPinyinTable& hanPinyin();

/// The Han characters of a text spelled in pinyin for search.
struct PinyinSpelling {
    /// Each run of characters the table knows, spelled joined ("王小明" -> "wangxiaoming"), first with
    /// the common readings, then with each other reading (see above). ü is spelled u (as folding
    /// "Lü" gives), and v and yu (as typed on Chinese keyboards and on passports): 吕 lu, lv, lyu.
    std::vector<std::string> joined;
    /// The same spellings by the first letter of each syllable ("wxm"), without duplicates.
    std::vector<std::string> initials;
};

/// Spells the Han characters of text (UTF-8); other characters are passed over, and a Han character
/// the table does not know ends a run (it is found by itself only). Nothing for a text without Han.
PinyinSpelling spellInPinyin(const std::string& text, const HanPinyinTable& table = hanPinyin());

}  // namespace ankylos::storage
