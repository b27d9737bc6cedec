#pragma once
/// CSV output of the research export: RFC 4180, UTF-8, CRLF records, and the codebook.
///
/// Cells: numbers in fixed notation, the shortest that reads back to the same double; dates YYYY-MM-DD;
/// category codes as integers (labels in the codebook); an empty cell is not recorded, "NA" is a
/// site that was not assessable, and every computed score has a NAME_status column (1 computed,
/// 2 not computable, 3 not recorded) so "not computable" and "not recorded" stay apart.
///
/// Every text cell (text columns, codebook cells, REDCap files) goes through core::appendCsvText:
/// RFC 4180 quoting, and a leading ' for a cell a spreadsheet would run as a formula (= + - @ TAB
/// CR, and ' itself so the rule is reversible); a plain number such as -1.2 stays a number. Number,
/// date and category cells are numbers Ankylos formats, never text, and are written as they are.

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "export/table.h"
#include "i18n/language.h"

namespace ankylos::exports {

/// The codebook's note on text cells (core/csv_text.h has the rule).
inline constexpr const char* kFormulaEscapeNote =
    "text; a cell that begins with = + - @ TAB CR or ' is written with one more ' in front, so that a "
    "spreadsheet shows it instead of running it as a formula: remove that first ' to get the stored "
    "text (numbers such as -1.2 are written as they are)";

/// Appends a cell as CSV text (see the header comment).
void appendCsvCell(std::string& line, const Column& column, const Cell& cell);

/// Writes a table's header, then its rows as they come.
class CsvTableWriter {
public:
    CsvTableWriter(const std::filesystem::path& file, const std::vector<Column>& columns);
    void row(const std::vector<Cell>& cells);
    /// Flushes and closes; throws StorageError when the disk refused the data.
    void finish();
    std::size_t rows() const { return m_rows; }

private:
    std::filesystem::path m_file;
    std::ofstream m_out;
    const std::vector<Column>& m_columns;
    std::string m_line;
    std::size_t m_rows = 0;
};

/// The language of the codebook's Chinese columns (po/zh_CN.po, the glossary's terms).
inline constexpr const char* kCodebookChinese = "zh_CN";

/// The codebook: one row per column of each table (table, name, label, type, unit, allowed
/// values, value labels, missing values, how computed, SPSS name, Stata name, SPSS and Stata missing
/// codes), then the label and the value labels in Chinese (label_zh_CN, value_labels_zh_CN). Throws
/// core::ValidationError when the Chinese catalog is not installed.
void writeCodebook(const std::filesystem::path& file,
                   const std::vector<std::pair<std::string, std::vector<Column>>>& tables);

/// "1=male; 2=female" (English), "1=男; 2=女" (Chinese).
std::string valueLabelsText(const std::vector<ValueLabel>& labels, const i18n::Language& language = {});

}  // namespace ankylos::exports
