#pragma once
/// Text of one CSV cell, for every CSV file Ankylos writes (the visit CSV, the research exports,
/// REDCap files, codebooks) and the visit CSV's reader. Pure string functions: core has no I/O.
///
/// Formula neutralisation (OWASP "CSV injection"): a spreadsheet runs a cell that begins with
/// `=`, `+`, `-`, `@`, TAB or CR as a formula, so such a cell is written with a leading `'`, which
/// spreadsheets show as "this is text" and do not keep. The exact rule:
///  - a cell that is a plain decimal number (`-1.2`, `-3e-05`: an optional `-`, digits, an optional
///    `.` and digits, an optional exponent) is written as it is: it is a number, not a formula,
///    and researchers need numbers to stay numbers;
///  - any other cell that begins with `=`, `+`, `-`, `@`, TAB, CR, or with `'` itself, gets one
///    leading `'`. Escaping `'` too makes the rule reversible: reading removes exactly one
///    leading `'` from a cell that has one (unescapeCsvText), and gives back the text written.

#include <string>
#include <string_view>
#include <vector>

namespace ankylos::core {

/// True for a plain decimal number as Ankylos writes numbers: -?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool isCsvNumber(std::string_view text);

/// True when the cell is written with a leading ' (see the header comment).
bool needsFormulaEscape(std::string_view text);

/// Appends one cell: formula-neutralised, then quoted as RFC 4180 asks when it holds a comma,
/// quote, CR or LF (quotes doubled).
void appendCsvText(std::string& line, std::string_view text);

/// RFC 4180 record layout, the same in every CSV file Ankylos writes: cells separated by a comma,
/// each record ended by CRLF.
inline constexpr char kCsvSeparator = ',';
inline constexpr std::string_view kCsvRecordEnd = "\r\n";

/// Appends one whole record of text cells (appendCsvText each, separated, then kCsvRecordEnd).
void appendCsvRecord(std::string& line, const std::vector<std::string>& cells);

/// Undoes the formula neutralisation of a cell as read (after RFC 4180 unquoting): removes one
/// leading '.
std::string unescapeCsvText(std::string_view cell);

}  // namespace ankylos::core
