#include "storage/json_writer.h"

#include <charconv>
#include <cmath>

namespace ankylos::storage {

void JsonWriter::beforeValue() {
    if (m_needComma)
        m_out += ',';
    m_needComma = true;
}

JsonWriter& JsonWriter::open(char bracket) {
    beforeValue();
    m_out += bracket;
    m_needComma = false;
    return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
    m_out += bracket;
    m_needComma = true;
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    beforeValue();
    quoted(name);
    m_out += ':';
    m_needComma = false;  // the value follows the colon
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    beforeValue();
    quoted(text);
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    beforeValue();
    m_out += flag ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::value(int number) {
    beforeValue();
    m_out += std::to_string(number);
    return *this;
}

JsonWriter& JsonWriter::value(double number) {
    if (!std::isfinite(number))
        return null();
    beforeValue();
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, number);
    const std::string_view digits(buffer, static_cast<std::size_t>(end - buffer));
    m_out += digits;
    // A whole number still reads as a double ("15.0", as nlohmann writes it), not as an integer.
    if (digits.find_first_of(".e") == std::string_view::npos)
        m_out += ".0";
    return *this;
}

JsonWriter& JsonWriter::null() {
    beforeValue();
    m_out += "null";
    return *this;
}

namespace {

bool needsEscape(char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
}

}  // namespace

void JsonWriter::quoted(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    m_out += '"';
    std::size_t start = 0;  // the characters from start on that need no escape are appended at once
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!needsEscape(c))
            continue;  // UTF-8 passes through, as nlohmann's dump() writes it
        m_out.append(text, start, i - start);
        start = i + 1;
        switch (c) {
            case '"':
                m_out += "\\\"";
                break;
            case '\\':
                m_out += "\\\\";
                break;
            case '\b':
                m_out += "\\b";
                break;
            case '\f':
                m_out += "\\f";
                break;
            case '\n':
                m_out += "\\n";
                break;
            case '\r':
                m_out += "\\r";
                break;
            case '\t':
                m_out += "\\t";
                break;
            default:
                m_out += "\\u00";
                m_out += kHex[(c >> 4) & 0xf];
                m_out += kHex[c & 0xf];
        }
    }
    m_out.append(text, start, text.size() - start);
    m_out += '"';
}

}  // namespace ankylos::storage
