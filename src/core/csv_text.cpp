#include "core/csv_text.h"

namespace ankylos::core {

namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

/// Advances i over digits; false when there is none.
bool skipDigits(std::string_view text, std::size_t& i) {
    const std::size_t start = i;
    while (i < text.size() && isDigit(text[i]))
        ++i;
    return i > start;
}

}  // namespace

bool isCsvNumber(std::string_view text) {
    std::size_t i = 0;
    if (i < text.size() && text[i] == '-')
        ++i;
    if (!skipDigits(text, i))
        return false;
    if (i < text.size() && text[i] == '.' && !skipDigits(text, ++i))
        return false;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-'))
            ++i;
        if (!skipDigits(text, i))
            return false;
    }
    return i == text.size();
}

bool needsFormulaEscape(std::string_view text) {
    if (text.empty())
        return false;
    switch (text.front()) {
        case '\'':
        case '=':
        case '+':
        case '@':
        case '\t':
        case '\r':
            return true;
        case '-':
            return !isCsvNumber(text);
        default:
            return false;
    }
}

void appendCsvText(std::string& line, std::string_view text) {
    const bool escape = needsFormulaEscape(text);
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        if (escape)
            line += '\'';
        line.append(text);
        return;
    }
    line += '"';
    if (escape)
        line += '\'';
    for (char c : text) {
        if (c == '"')
            line += '"';
        line += c;
    }
    line += '"';
}

void appendCsvRecord(std::string& line, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0)
            line += kCsvSeparator;
        appendCsvText(line, cells[i]);
    }
    line += kCsvRecordEnd;
}

std::string unescapeCsvText(std::string_view cell) {
    if (!cell.empty() && cell.front() == '\'')
        cell.remove_prefix(1);
    return std::string(cell);
}

}  // namespace ankylos::core
