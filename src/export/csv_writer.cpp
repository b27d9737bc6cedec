#include "export/csv_writer.h"

#include <charconv>
#include <cmath>

#include "core/csv_text.h"
#include "i18n/language.h"
#include "storage/errors.h"

namespace ankylos::exports {

void appendCsvCell(std::string& line, const Column& column, const Cell& cell) {
    if (cell.missing != Missing::None) {
        if (cell.missing == Missing::NotAssessable)
            line += "NA";
        return;
    }
    char buffer[400];  // the fixed notation of any double fits
    switch (column.type) {
        case ValueType::Text:
            core::appendCsvText(line, cell.text);
            return;
        case ValueType::Date:
            line += isoDate(cell.number);
            return;
        case ValueType::Integer:
        case ValueType::Category: {
            const auto result = std::to_chars(buffer, buffer + sizeof buffer, std::llround(cell.number));
            line.append(buffer, result.ptr);
            return;
        }
        case ValueType::Number: {
            // Fixed notation, shortest digits that read back to the same double: never "1e-05",
            // which REDCap's number validation refuses.
            const auto result =
                std::to_chars(buffer, buffer + sizeof buffer, cell.number, std::chars_format::fixed);
            line.append(buffer, result.ptr);
            return;
        }
    }
}

CsvTableWriter::CsvTableWriter(const std::filesystem::path& file, const std::vector<Column>& columns)
    : m_file(file), m_out(file, std::ios::binary | std::ios::trunc), m_columns(columns) {
    if (!m_out)
        throw storage::StorageError("cannot write " + file.string());
    std::vector<std::string> names;
    for (const Column& column : columns)
        names.push_back(column.name);
    core::appendCsvRecord(m_line, names);
    m_out << m_line;
}

void CsvTableWriter::row(const std::vector<Cell>& cells) {
    m_line.clear();
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i)
            m_line += core::kCsvSeparator;
        appendCsvCell(m_line, m_columns[i], cells[i]);
    }
    m_line += core::kCsvRecordEnd;
    m_out.write(m_line.data(), static_cast<std::streamsize>(m_line.size()));
    ++m_rows;
}

void CsvTableWriter::finish() {
    m_out.close();
    if (!m_out)
        throw storage::StorageError("writing " + m_file.string() + " failed (disk full?)");
}

std::string valueLabelsText(const std::vector<ValueLabel>& labels, const i18n::Language& language) {
    std::string text;
    for (const ValueLabel& label : labels)
        text += (text.empty() ? "" : "; ") + std::to_string(label.code) + "=" + label.label.in(language);
    return text;
}

namespace {

/// The codebook's allowed values; for text columns also how to read their cells back.
std::string allowedText(const Column& column) {
    if (column.type != ValueType::Text)
        return column.allowed;
    return column.allowed + (column.allowed.empty() ? "" : "; ") + kFormulaEscapeNote;
}

}  // namespace

void writeCodebook(const std::filesystem::path& file,
                   const std::vector<std::pair<std::string, std::vector<Column>>>& tables) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out)
        throw storage::StorageError("cannot write " + file.string());
    // The Chinese columns come last, so that a script reading the codebook by position still finds
    // every English column where it was.
    const i18n::Language chinese = i18n::Language::load(kCodebookChinese);
    out << "table,name,label,type,unit,allowed_values,value_labels,missing,how_computed,spss_name,stata_name,"
           "spss_missing,stata_missing,label_zh_CN,value_labels_zh_CN\r\n";
    for (const auto& [table, columns] : tables) {
        for (const Column& column : columns) {
            std::string line;
            const bool numeric = column.type != ValueType::Text && column.type != ValueType::Date;
            core::appendCsvRecord(
                line,
                {table, column.name, column.label.english(), toString(column.type), column.unit,
                 allowedText(column), valueLabelsText(column.valueLabels), column.missing, column.computed,
                 // Names are made within SPSS and Stata limits (checkVariableName): the same name.
                 column.name, column.name,
                 numeric ? std::string("-9=not recorded; -8=not computable; -7=not assessable")
                         : std::string(),
                 numeric ? std::string(".a=not recorded; .b=not computable; .c=not assessable")
                         : std::string(),
                 column.label.in(chinese), valueLabelsText(column.valueLabels, chinese)});
            out << line;
        }
    }
    out.close();
    if (!out)
        throw storage::StorageError("writing " + file.string() + " failed (disk full?)");
}

}  // namespace ankylos::exports
