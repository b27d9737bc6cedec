#include "core/format.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/validation.h"

namespace ankylos::core {

std::string formatNumber(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
    return buffer;
}

std::string formatFixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string joinNames(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names) {
        if (!text.empty()) text += ", ";
        text += name;
    }
    return text;
}

double parseNumber(const std::string& text, const std::string& field) {
    // from_chars, unlike strtod, ignores the locale: "3.5" stays 3.5 when the desktop app runs
    // under a locale whose decimal separator is a comma. It also accepts no leading spaces or "+".
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || stop != end || !std::isfinite(value))
        throw ValidationError(field, text, "a number");
    return value;
}

}  // namespace ankylos::core
