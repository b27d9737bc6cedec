#include "interchange/csv_records.h"

#include <algorithm>

namespace ankylos::interchange {

namespace {

/// The start of a field's text for a message: its first line, at most 40 bytes.
std::string excerpt(std::string_view text) {
    const std::size_t lineEnd = text.find_first_of("\r\n");
    std::string_view first = text.substr(0, std::min<std::size_t>(lineEnd, 40));
    std::string out(first);
    if (first.size() < text.size())
        out += "...";
    return out;
}

}  // namespace

bool CsvRecordReader::next(std::vector<std::string>& fields, int& line, std::vector<CsvFieldIssue>& issues,
                           bool& fatal) {
    fatal = false;
    if (m_pos >= m_data.size())
        return false;
    fields.clear();
    fields.emplace_back();
    line = m_line;
    while (true) {
        std::string& field = fields.back();
        if (m_pos < m_data.size() && m_data[m_pos] == '"') {
            if (!readQuoted(field)) {
                issues.push_back({line, fields.size() - 1, excerpt(field),
                                  "a quoted field is not closed: a quote (\") is missing before the end of "
                                  "the file"});
                fatal = true;
                m_pos = m_data.size();
                return true;
            }
            if (m_pos < m_data.size() && !isSeparator(m_data[m_pos])) {
                const std::size_t end = std::min(m_data.find_first_of(",\r\n", m_pos), m_data.size());
                field.append(m_data.substr(m_pos, end - m_pos));
                m_pos = end;
                issues.push_back({line, fields.size() - 1, excerpt(field),
                                  "text after the closing quote of a quoted field (RFC 4180: quote the whole "
                                  "field and double the quotes inside it)"});
            }
        } else {
            const std::size_t end = std::min(m_data.find_first_of(",\r\n", m_pos), m_data.size());
            field.append(m_data.substr(m_pos, end - m_pos));
            m_pos = end;
            if (field.find('"') != std::string::npos)
                issues.push_back({line, fields.size() - 1, excerpt(field),
                                  "a quote inside a field that does not start with a quote (RFC 4180: quote "
                                  "the whole field and double the quotes inside it)"});
        }
        if (m_pos >= m_data.size())
            return true;
        const char c = m_data[m_pos++];
        if (c == ',') {
            fields.emplace_back();
            continue;
        }
        if (c == '\r' && m_pos < m_data.size() && m_data[m_pos] == '\n')
            ++m_pos;
        ++m_line;
        return true;
    }
}

bool CsvRecordReader::readQuoted(std::string& field) {
    ++m_pos;
    while (true) {
        const std::size_t quote = m_data.find('"', m_pos);
        if (quote == std::string_view::npos) {
            field.append(m_data.substr(m_pos));
            return false;
        }
        countLines(m_pos, quote);
        field.append(m_data.substr(m_pos, quote - m_pos));
        m_pos = quote + 1;
        if (m_pos < m_data.size() && m_data[m_pos] == '"') {
            field += '"';
            ++m_pos;
            continue;
        }
        return true;
    }
}

void CsvRecordReader::countLines(std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
        if (m_data[i] == '\n')
            ++m_line;
        else if (m_data[i] == '\r' && (i + 1 >= m_data.size() || m_data[i + 1] != '\n'))
            ++m_line;
    }
}

}  // namespace ankylos::interchange
