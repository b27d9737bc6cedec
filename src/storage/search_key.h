#pragma once
/// Patient search without regard to case or diacritics. Each patient's clinic ID and name are kept
/// folded in patient_summary.search_key; what is typed is folded the same way and every word of it
/// must occur in the key, at separate places, in any order: "murphy", "120", "as-0001", "Jurgen" (for
/// Jürgen), "murphy j" and "wang w" (Wang Wei, not every Wang) all find what a nurse means.
///
/// A name in Han characters is found by its pinyin too (storage/han_pinyin.h), without tones: the key
/// also holds the name spelled joined ("王小明" -> "wangxiaoming"), which every typed way of writing
/// its syllables matches ("wang", "xiaoming", "wang xiao ming", "xiao wang"), and
/// patient_summary.search_initials holds its initials ("wxm"). The initials have a column of their own,
/// matched by the whole of what was typed: in the key, the "w" of "wxm" would let "wang w" find every
/// 王, whose initials all begin with w.

#include <cstddef>
#include <string>
#include <vector>

#include "core/patient.h"

namespace ankylos::storage {

/// text in lower case with Latin diacritics removed and Latin letters spelled in ASCII ("Jürgen" ->
/// "jurgen", "Øre" -> "ore", "Straße" -> "strasse"); other scripts are only lower-cased.
std::string foldForSearch(const std::string& text);

/// What patient_summary keeps for finding a patient.
struct SearchKey {
    /// search_key: the folded clinic ID and name, then the name's pinyin spellings
    /// ("as-0001 王小明 wangxiaoming"; "as-0002 单伟 danwei chanwei shanwei").
    std::string key;
    /// search_initials: the initials of those spellings, separated by spaces ("wxm"; "dw cw sw"); empty
    /// for a name without Han characters.
    std::string initials;
};

/// The search key of a patient.
SearchKey searchKey(const core::Patient& patient);

/// The LIKE patterns (ESCAPE '\') of what was typed, any one of which matching is a match: the folded
/// words, LIKE's wildcards escaped, joined as "%w1%w2%" in every order (past kMaxReorderedWords words,
/// in the typed order only). No words (blank text): no patterns, which matches everyone.
constexpr std::size_t kMaxReorderedWords = 3;
std::vector<std::string> searchPatterns(const std::string& typed);

}  // namespace ankylos::storage
