#include "core/format.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cctype>
#include <cstdlib>

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

double parseNumber(const std::string& text, const std::string& field) {
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(text.c_str(), &end);
    // strtod skips leading spaces and accepts "inf"/"nan"; neither is a number a user typed.
    const bool whole = !text.empty() && !std::isspace(static_cast<unsigned char>(text[0])) && *end == '\0';
    if (!whole || errno == ERANGE || !std::isfinite(value)) throw ValidationError(field, text, "a number");
    return value;
}

}  // namespace ankylos::core
