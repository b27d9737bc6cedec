#pragma once
/// Number formatting for messages and notes shown to users.

#include <string>
#include <vector>

namespace ankylos::core {

/// Shortest readable form of a value for a message: 2, 2.5, 0.1, 14.4 (up to 10 significant digits).
std::string formatNumber(double value);

/// Fixed decimals for display (BASDAI 1 dp, ASDAS 2 dp, mSASSS 1 dp).
std::string formatFixed(double value, int decimals);

/// "Q1, Q3, global": names joined for a message.
std::string joinNames(const std::vector<std::string>& names);

/// UTF-8 text with letters in lower case, for matching names without regard to case ("Reader A" and
/// "reader a", "ÉRIC" and "éric"): ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic capitals
/// (the scripts of the clinics' readers; other characters are kept as they are). Bytes that are not
/// valid UTF-8 are kept as they are.
std::string foldCase(const std::string& text);

/// Parses a whole decimal number as typed or read from a file ("12", "-1.5", "3e2"); throws
/// ValidationError naming the field and the text unless it is a finite number and nothing else.
double parseNumber(const std::string& text, const std::string& field);

}  // namespace ankylos::core
