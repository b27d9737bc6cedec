#include "storage/han_pinyin.h"

#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "storage/errors.h"

namespace ankylos::storage {

extern const std::string_view kHanPinyinText;  // han_pinyin_data.cpp, made by pinyin/embed_han_pinyin.cmake

namespace {

bool isSyllableLetter(char c) {
    return c >= 'a' && c <= 'z';
}

/// Whether text is readings "a b c": one or more [a-z]+ separated by single spaces.
bool areReadings(std::string_view text) {
    if (text.empty() || text.front() == ' ' || text.back() == ' ')
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool space = text[i] == ' ';
        if (!(space ? text[i + 1] != ' ' : isSyllableLetter(text[i])))
            return false;
    }
    return true;
}

/// The code point of a line's first field ("5355"), or 0 when it is not one.
char32_t codePointOf(std::string_view hex) {
    if (hex.empty() || hex.size() > 6)
        return 0;
    char32_t value = 0;
    for (const char c : hex) {
        const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (digit < 0)
            return 0;
        value = value * 16 + static_cast<char32_t>(digit);
    }
    return value <= 0x10FFFF ? value : 0;
}

void addOnce(std::vector<std::string>& list, std::string item) {
    if (std::find(list.begin(), list.end(), item) == list.end())
        list.push_back(std::move(item));
}

std::string replaced(std::string_view reading, const std::string& forV) {
    std::string spelled;
    for (const char c : reading)
        spelled += c == 'v' ? forV : std::string(1, c);
    return spelled;
}

/// A character's spellings: its readings with ü as u, then ü as v and as yu.
std::vector<std::string> spellingsOf(const std::vector<std::string_view>& readings) {
    std::vector<std::string> spellings;
    std::vector<std::string> keyboardForms;
    for (const std::string_view reading : readings) {
        addOnce(spellings, replaced(reading, "u"));
        if (reading.find('v') != std::string_view::npos) {
            addOnce(keyboardForms, std::string(reading));
            addOnce(keyboardForms, replaced(reading, "yu"));
        }
    }
    for (std::string& form : keyboardForms)
        addOnce(spellings, std::move(form));
    return spellings;
}

void addSpelling(const std::vector<std::string>& syllables, PinyinSpelling& out) {
    std::string joined;
    std::string initials;
    for (const std::string& syllable : syllables) {
        joined += syllable;
        initials += syllable.front();
    }
    addOnce(out.joined, std::move(joined));
    addOnce(out.initials, std::move(initials));
}

/// A run's spellings: every character's first, then each other spelling of one character at a time,
/// for its first kMaxPolyphonicCharacters characters.
void addRun(const std::vector<std::vector<std::string>>& run, PinyinSpelling& out) {
    if (run.empty())
        return;
    std::vector<std::string> common;
    for (const auto& spellings : run)
        common.push_back(spellings.front());
    addSpelling(common, out);
    for (std::size_t i = 0; i < std::min(run.size(), kMaxPolyphonicCharacters); ++i)
        for (std::size_t k = 1; k < run[i].size(); ++k) {
            std::vector<std::string> other = common;
            other[i] = run[i][k];
            addSpelling(other, out);
        }
}

bool isHan(char32_t c) {
    UErrorCode status = U_ZERO_ERROR;
    return uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_HAN && U_SUCCESS(status);
}

}  // namespace

HanPinyinTable::HanPinyinTable(std::string_view text) : m_text(text) {
    std::size_t lineNumber = 0;
    for (std::size_t start = 0; start < text.size(); ++lineNumber) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r')  // a checkout with Windows line ends
            line.remove_suffix(1);
        const std::size_t space = line.find(' ');
        if (!line.empty() && line.front() != '#') {
            const char32_t c = space == std::string_view::npos ? 0 : codePointOf(line.substr(0, space));
            if (c == 0 || !areReadings(line.substr(space + 1)) ||
                (!m_entries.empty() && c <= m_entries.back().codePoint))
                throw StorageError("the pinyin table, line " + std::to_string(lineNumber + 1) + " \"" +
                                   std::string(line.substr(0, 40)) +
                                   "\": not a code point above the line before's and its readings in a-z");
            m_entries.push_back({c, static_cast<std::uint32_t>(start + space + 1)});
        }
        start = end + 1;
    }
}

std::vector<std::string_view> HanPinyinTable::readingsOf(char32_t c) const {
    const auto found = std::lower_bound(m_entries.begin(), m_entries.end(), c,
                                        [](const Entry& e, char32_t value) { return e.codePoint < value; });
    if (found == m_entries.end() || found->codePoint != c)
        return {};
    const std::string_view rest = m_text.substr(found->offset);
    const std::string_view line = rest.substr(0, rest.find_first_of("\r\n"));
    std::vector<std::string_view> readings;
    for (std::size_t start = 0; start <= line.size();) {
        const std::size_t end = std::min(line.find(' ', start), line.size());
        readings.push_back(line.substr(start, end - start));
        start = end + 1;
    }
    return readings;
}

const HanPinyinTable& hanPinyin() {
    static const HanPinyinTable table(kHanPinyinText);
    return table;
}

PinyinSpelling spellInPinyin(const std::string& text, const HanPinyinTable& table) {
    PinyinSpelling out;
    std::vector<std::vector<std::string>> run;
    const auto length = static_cast<std::int32_t>(text.size());
    for (std::int32_t i = 0; i < length;) {
        UChar32 c = 0;
        U8_NEXT(text.data(), i, length, c);
        if (c < 0)
            continue;  // not UTF-8: passed over, as any other non-Han character
        const std::vector<std::string_view> readings = table.readingsOf(static_cast<char32_t>(c));
        if (!readings.empty()) {
            run.push_back(spellingsOf(readings));
        } else if (isHan(static_cast<char32_t>(c))) {
            addRun(run, out);
            run.clear();
        }
    }
    addRun(run, out);
    return out;
}

}  // namespace ankylos::storage
