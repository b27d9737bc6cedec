#pragma once
/// Splitting CSV text into records and fields as RFC 4180 has them: comma separated, quoted fields
/// may hold quotes (doubled), commas and line breaks; records end with CRLF, LF or a lone CR.
/// Writing is core/csv_text.h.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ankylos::interchange {

/// A field that breaks RFC 4180 (a stray or unclosed quote), as read.
struct CsvFieldIssue {
    int line = 0;           ///< the physical line where its record starts
    std::size_t field = 0;  ///< index of the field in its record
    std::string value;      ///< the start of the field's text
    std::string rule;       ///< what is wrong and how to write it
};

/// Reads the records of text one at a time.
class CsvRecordReader {
public:
    explicit CsvRecordReader(std::string_view data) : m_data(data) {}

    /// Reads the next record into fields; false at the end of the data. line is the physical line
    /// where it starts. Sets fatal when the rest of the data cannot be read (an unclosed quote).
    bool next(std::vector<std::string>& fields, int& line, std::vector<CsvFieldIssue>& issues, bool& fatal);

private:
    static bool isSeparator(char c) { return c == ',' || c == '\r' || c == '\n'; }
    /// Reads a quoted field from the opening quote; false when it is not closed.
    bool readQuoted(std::string& field);
    /// Physical lines inside a quoted field: LF, CRLF or a lone CR each end one.
    void countLines(std::size_t begin, std::size_t end);

    std::string_view m_data;
    std::size_t m_pos = 0;
    int m_line = 1;
};

}  // namespace ankylos::interchange
