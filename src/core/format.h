#pragma once
/// Number formatting for messages and notes shown to users.

#include <string>
#include <vector>

namespace ankylos::core {

/// Shortest readable form of a value for a message: 2, 2.5, 0.1, 14.4 (up to 10 significant digits).
std::string formatNumber(double value);

/// Fixed decimals for display (BASDAI 1 dp, ASDAS 2 dp, mSASSS 1 dp).
std::string formatFixed(double value, int decimals);

/// An interval in years with 1 decimal, or up to 3 until it is not zero: films weeks apart read
/// "0.05" (18 days), not "0.0" (docs/methods.md 1.5 states every pair's interval).
std::string formatYears(double years);

/// A cut-off between two states of a score. atIsUpper: the value at the cut-off belongs to the upper
/// state (ASDAS 1.3 and 2.1, BASDAI 4.0); otherwise to the lower one (ASDAS 3.5: "3.5 itself is high").
struct CutOff {
    double at;
    bool atIsUpper;
};

/// Most decimals formatWithinCutOffs shows.
constexpr int kMaxCutOffDecimals = 6;

/// value with `decimals` decimals, unless that rounding carries it across a cut-off (2.0956 shown as
/// "2.10" while high starts at 2.1): then with the fewest more decimals that keep it on its own side
/// ("2.096"), so the number shown never contradicts the state classified on the unrounded value. A
/// value closer to a cut-off than kMaxCutOffDecimals can show is cut toward its own side ("2.099999").
std::string formatWithinCutOffs(double value, int decimals, const std::vector<CutOff>& cutOffs);

/// ASDAS with its 2 display decimals, against the state cut-offs of docs/methods.md 3 (1.3, 2.1, 3.5).
std::string formatAsdas(double value);
/// BASDAI with its 1 display decimal, against active disease at 4.0 (docs/methods.md 2).
std::string formatBasdai(double value);

/// "Q1, Q3, global": names joined for a message.
std::string joinNames(const std::vector<std::string>& names);

/// UTF-8 text with letters in lower case, for matching names without regard to case ("Reader A" and
/// "reader a", "ÉRIC" and "éric"): ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic capitals
/// (the scripts of the clinics' readers; other characters are kept as they are). Bytes that are not
/// valid UTF-8 are kept as they are.
std::string foldCase(const std::string& text);

/// Parses a whole decimal number as typed or read from a file ("12", "-1.5", "3e2"); throws
/// ValidationError naming the field and the text unless it is a finite number and nothing else. The
/// message says what to type (numberAdvice). belowLimitAdvice: what the form offers for a value below
/// the detection limit, said when the text starts with "<" ("tick 'below detection limit' and ...").
double parseNumber(const std::string& text, const std::string& field,
                   const std::string& belowLimitAdvice = "");

/// What to type instead of text that is not a number, for the "allowed" part of a message: "a number;
/// use a point: 3.5" for "3,5" (a decimal comma), "a number without \"<\"; " + belowLimitAdvice for
/// "<5", "a number" otherwise.
std::string numberAdvice(const std::string& text, const std::string& belowLimitAdvice = "");

}  // namespace ankylos::core
