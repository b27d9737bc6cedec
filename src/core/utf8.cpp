#include "core/utf8.h"

#include <cstdio>

namespace ankylos::core {

std::size_t utf8Length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80)
        return 1;
    std::size_t length = 0;
    unsigned char min = 0x80, max = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        if (c == 0xE0)
            min = 0xA0;  // overlong
        if (c == 0xED)
            max = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        if (c == 0xF0)
            min = 0x90;
        if (c == 0xF4)
            max = 0x8F;
    } else {
        return 0;
    }
    if (i + length > text.size())
        return 0;
    if (byte(i + 1) < min || byte(i + 1) > max)
        return 0;
    for (std::size_t k = 2; k < length; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF)
            return 0;
    return length;
}

bool isValidUtf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = utf8Length(text, i);
        if (length == 0)
            return false;
        i += length;
    }
    return true;
}

std::string sanitizedUtf8(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = utf8Length(text, i);
        if (length == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(text.substr(i, length));
            i += length;
        }
    }
    return out;
}

namespace {

bool isControl(unsigned char c) {
    return c < 0x20 || c == 0x7F;
}

}  // namespace

std::string visibleText(std::string_view text) {
    std::string out;
    for (char c : sanitizedUtf8(text)) {
        if (isControl(static_cast<unsigned char>(c)))
            out += "<" + codePointName(static_cast<unsigned char>(c)) + ">";
        else
            out += c;
    }
    return out;
}

int firstControlCharacter(std::string_view text, bool allowTabAndLineBreaks) {
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (!isControl(byte))
            continue;
        if (allowTabAndLineBreaks && (c == '\t' || c == '\n' || c == '\r'))
            continue;
        return byte;
    }
    return -1;
}

std::string codePointName(int c) {
    char name[8];
    std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(c));
    return name;
}

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return std::string();
    return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

}  // namespace ankylos::core
