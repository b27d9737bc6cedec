#include "core/format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "core/asdas.h"
#include "core/basdai.h"
#include "core/validation.h"

namespace ankylos::core {

namespace {

/// printf's "%.*g" or "%.*f" in the C locale, as std::to_chars writes it: always a decimal point (the
/// desktop app runs under the user's locale, and numbers are read back with from_chars), and without
/// printf's format parsing, which a whole cohort's progression notes paid for at every number.
std::string formatChars(double value, std::chars_format format, int precision) {
    char buffer[384];  // "%.17f" of the largest double has 309 digits before the point
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, format, precision);
    if (error != std::errc())
        return std::to_string(value);  // not reached for the precisions used here
    return std::string(buffer, end);
}

}  // namespace

std::string formatNumber(double value) {
    return formatChars(value, std::chars_format::general, 10);
}

std::string formatFixed(double value, int decimals) {
    return formatChars(value, std::chars_format::fixed, decimals);
}

std::string formatYears(double years) {
    int decimals = 1;
    while (decimals < 3 && years > 0 && formatFixed(years, decimals) == formatFixed(0, decimals))
        ++decimals;
    return formatFixed(years, decimals);
}

namespace {

bool aboveCutOff(double value, const CutOff& cut) {
    return cut.atIsUpper ? value >= cut.at : value > cut.at;
}

/// The number formatFixed wrote, read back as a reader of the text would.
double readBack(const std::string& text) {
    double shown = 0;
    std::from_chars(text.data(), text.data() + text.size(), shown);
    return shown;
}

/// Whether text, read back as a number, sits on value's side of every cut-off.
bool sameSides(double value, const std::string& text, const std::vector<CutOff>& cutOffs) {
    const double shown = readBack(text);
    for (const CutOff& cut : cutOffs)
        if (aboveCutOff(value, cut) != aboveCutOff(shown, cut))
            return false;
    return true;
}

}  // namespace

std::string formatWithinCutOffs(double value, int decimals, const std::vector<CutOff>& cutOffs) {
    for (int d = decimals; d <= std::max(decimals, kMaxCutOffDecimals); ++d) {
        const std::string text = formatFixed(value, d);
        if (sameSides(value, text, cutOffs))
            return text;
    }
    // Closer to a cut-off than the decimals show: cut toward the value's own side.
    const int d = std::max(decimals, kMaxCutOffDecimals);
    const double scale = std::pow(10.0, d);
    for (const CutOff& cut : cutOffs) {
        const std::string text = formatFixed(value, d);
        if (aboveCutOff(value, cut) != aboveCutOff(readBack(text), cut)) {
            const double step =
                aboveCutOff(value, cut) ? std::ceil(value * scale) : std::floor(value * scale);
            return formatFixed(step / scale, d);
        }
    }
    return formatFixed(value, d);
}

std::string formatAsdas(double value) {
    static const std::vector<CutOff> cutOffs = {
        {kAsdasLowFrom, true}, {kAsdasHighFrom, true}, {kAsdasVeryHighAbove, false}};
    return formatWithinCutOffs(value, kAsdasDisplayDecimals, cutOffs);
}

std::string formatBasdai(double value) {
    static const std::vector<CutOff> cutOffs = {{kBasdaiActiveThreshold, true}};
    return formatWithinCutOffs(value, kBasdaiDisplayDecimals, cutOffs);
}

std::string joinNames(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names) {
        if (!text.empty())
            text += ", ";
        text += name;
    }
    return text;
}

namespace {

/// The lower-case letter of a capital in the scripts foldCase handles, else the code point itself.
char32_t lowerLetter(char32_t c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
        (c >= 0x391 && c <= 0x3AB && c != 0x3A2) || (c >= 0x410 && c <= 0x42F))
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40F)
        return c + 0x50;  // Cyrillic Ѐ..Џ
    if (c == 0x178)
        return 0xFF;  // Ÿ
    // Latin Extended-A pairs capital/small: even/odd from U+0100, odd/even in U+0139-U+0148 and
    // U+0179-U+017E; U+0130 (dotted I), U+0131, U+0138 and U+0149 have no simple pair.
    if ((c >= 0x100 && c <= 0x137 && c != 0x130 && c % 2 == 0) || (c >= 0x14A && c <= 0x177 && c % 2 == 0))
        return c + 1;
    if ((c >= 0x139 && c <= 0x148 && c % 2 == 1) || (c >= 0x179 && c <= 0x17E && c % 2 == 1))
        return c + 1;
    return c;
}

void appendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {  // foldCase changes only code points below U+0800; longer sequences are copied as they are
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

}  // namespace

std::string foldCase(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        // Two-byte sequences (U+0080-U+07FF) hold every capital handled; the rest is copied.
        if (byte >= 0xC2 && byte <= 0xDF && i + 1 < text.size() &&
            (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
            const char32_t c =
                (static_cast<char32_t>(byte & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F);
            appendUtf8(out, lowerLetter(c));
            i += 2;
        } else {
            out += static_cast<char>(byte < 0x80 ? static_cast<char>(lowerLetter(byte)) : text[i]);
            ++i;
        }
    }
    return out;
}

namespace {

/// The number text holds and nothing else, or nullopt.
std::optional<double> wholeNumber(const std::string& text) {
    // from_chars, unlike strtod, ignores the locale: "3.5" stays 3.5 when the desktop app runs
    // under a locale whose decimal separator is a comma. It also accepts no leading spaces or "+".
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || stop != end || !std::isfinite(value))
        return std::nullopt;
    return value;
}

}  // namespace

std::string numberAdvice(const std::string& text, const std::string& belowLimitAdvice) {
    const std::size_t comma = text.find(',');
    if (comma != std::string::npos && text.find(',', comma + 1) == std::string::npos) {
        std::string pointed = text;
        pointed[comma] = '.';
        if (wholeNumber(pointed))
            return "a number; use a point: " + pointed;
    }
    if (!text.empty() && (text[0] == '<' || text[0] == '>')) {
        const std::string sign(1, text[0]);
        return "a number without \"" + sign + "\"" +
               (text[0] == '<' && !belowLimitAdvice.empty() ? "; " + belowLimitAdvice : std::string());
    }
    return "a number";
}

double parseNumber(const std::string& text, const std::string& field, const std::string& belowLimitAdvice) {
    const std::optional<double> value = wholeNumber(text);
    if (!value)
        throw ValidationError(field, text, numberAdvice(text, belowLimitAdvice));
    return *value;
}

}  // namespace ankylos::core
