#pragma once
/// Patient search without regard to case or diacritics. Each patient's clinic ID and name are kept
/// folded in patient_summary.search_key; what is typed is folded the same way and every word of it
/// must occur in the key, at separate places, in any order: "murphy", "120", "as-0001", "Jurgen" (for
/// Jürgen), "murphy j" and "wang w" (Wang Wei, not every Wang) all find what a nurse means.

#include <cstddef>
#include <string>
#include <vector>

#include "core/patient.h"

namespace ankylos::storage {

/// text in lower case with Latin diacritics removed and Latin letters spelled in ASCII ("Jürgen" ->
/// "jurgen", "Øre" -> "ore", "Straße" -> "strasse"); other scripts are only lower-cased.
std::string foldForSearch(const std::string& text);

/// The key stored for a patient: the folded clinic ID and name.
std::string searchKey(const core::Patient& patient);

/// The LIKE patterns (ESCAPE '\') of what was typed, any one of which matching is a match: the folded
/// words, LIKE's wildcards escaped, joined as "%w1%w2%" in every order (past kMaxReorderedWords words,
/// in the typed order only). No words (blank text): no patterns, which matches everyone.
constexpr std::size_t kMaxReorderedWords = 3;
std::vector<std::string> searchPatterns(const std::string& typed);

}  // namespace ankylos::storage
