#include "storage/search_key.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <set>
#include <sstream>

#include "storage/errors.h"
#include "storage/han_pinyin.h"

namespace ankylos::storage {

namespace {

/// ICU's transliterator, one per thread (an instance is not safe to share). NFC first so that a
/// letter typed as base + combining mark folds as the precomposed one does.
icu::Transliterator& folder() {
    thread_local const std::unique_ptr<icu::Transliterator> instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> made(
            icu::Transliterator::createInstance("NFC; Latin-ASCII; Lower", UTRANS_FORWARD, status));
        if (U_FAILURE(status) || !made)
            throw StorageError(std::string("making the search folder: ICU says ") + u_errorName(status));
        return made;
    }();
    return *instance;
}

std::string escapedForLike(const std::string& word) {
    std::string escaped;
    for (const char c : word) {
        if (c == '%' || c == '_' || c == '\\')
            escaped += '\\';
        escaped += c;
    }
    return escaped;
}

/// "%w1%w2%...%": the words in this order, each at its own place.
std::string likePattern(const std::vector<std::string>& words) {
    std::string pattern = "%";
    for (const std::string& word : words)
        pattern += word + "%";
    return pattern;
}

}  // namespace

std::string foldForSearch(const std::string& text) {
    icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
    folder().transliterate(unicode);
    std::string folded;
    unicode.toUTF8String(folded);
    return folded;
}

SearchKey searchKey(const core::Patient& patient) {
    const std::string name = foldForSearch(patient.name);
    const PinyinSpelling pinyin = spellInPinyin(name);
    SearchKey made{foldForSearch(patient.clinicId) + " " + name, ""};
    for (const std::string& spelled : pinyin.joined)
        made.key += " " + spelled;
    for (const std::string& initials : pinyin.initials)
        made.initials += (made.initials.empty() ? "" : " ") + initials;
    return made;
}

std::vector<std::string> searchPatterns(const std::string& typed) {
    std::istringstream text(foldForSearch(typed));
    std::vector<std::string> words;
    for (std::string word; text >> word;)
        words.push_back(escapedForLike(word));
    if (words.empty())
        return {};
    if (words.size() > kMaxReorderedWords)
        return {likePattern(words)};
    std::sort(words.begin(), words.end());
    std::set<std::string> patterns;  // a word typed twice gives the same order twice
    do
        patterns.insert(likePattern(words));
    while (std::next_permutation(words.begin(), words.end()));
    return {patterns.begin(), patterns.end()};
}

}  // namespace ankylos::storage
