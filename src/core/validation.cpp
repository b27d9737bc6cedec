#include "core/validation.h"

#include <algorithm>

#include "core/format.h"
#include "core/utf8.h"

namespace ankylos::core {

namespace {

std::string withUnit(const std::string& text, const std::string& unit) {
    return unit.empty() ? text : text + " " + unit;
}

std::string joinMessages(const std::vector<Problem>& problems) {
    std::string text;
    for (const Problem& problem : problems) {
        if (!text.empty()) text += '\n';
        text += problem.message();
    }
    return text;
}

}  // namespace

std::string Problem::message() const {
    if (severity == Severity::Warning) return field + ": " + value + " is unusual (expected " + allowed + ")";
    return field + ": " + (value.empty() ? std::string("(empty)") : value) + " is not allowed (allowed: " +
           allowed + ")";
}

void Validation::addError(std::string field, std::string value, std::string allowed) {
    m_problems.push_back({Severity::Error, std::move(field), std::move(value), std::move(allowed)});
}

void Validation::addWarning(std::string field, std::string value, std::string expected) {
    m_problems.push_back({Severity::Warning, std::move(field), std::move(value), std::move(expected)});
}

void Validation::append(const Validation& other) {
    m_problems.insert(m_problems.end(), other.m_problems.begin(), other.m_problems.end());
}

void Validation::requireRange(const std::string& field, double value, double min, double max,
                              const std::string& unit) {
    // NaN fails both comparisons, so it is rejected too.
    if (!(value >= min && value <= max))
        addError(field, withUnit(formatNumber(value), unit),
                 withUnit(formatNumber(min) + " to " + formatNumber(max), unit));
}

void Validation::requireText(const std::string& field, const std::string& text, TextKind kind) {
    if (!isValidUtf8(text)) {
        addError(field, visibleText(text), "UTF-8 text (the text holds bytes that are not UTF-8)");
        return;
    }
    const int control = firstControlCharacter(text, kind == TextKind::Notes);
    if (control < 0)
        return;
    addError(field, visibleText(text),
             (kind == TextKind::Notes ? "text without control characters other than tab and line breaks"
                                      : "one line of text without control characters") +
                 std::string("; found ") + codePointName(control));
}

void Validation::warnAbove(const std::string& field, double value, double softMax, const std::string& unit) {
    if (value > softMax)
        addWarning(field, withUnit(formatNumber(value), unit), withUnit("at most " + formatNumber(softMax), unit));
}

bool Validation::hasErrors() const {
    return std::any_of(m_problems.begin(), m_problems.end(),
                       [](const Problem& p) { return p.severity == Severity::Error; });
}

bool Validation::hasWarnings() const {
    return std::any_of(m_problems.begin(), m_problems.end(),
                       [](const Problem& p) { return p.severity == Severity::Warning; });
}

std::vector<Problem> Validation::errors() const {
    std::vector<Problem> found;
    std::copy_if(m_problems.begin(), m_problems.end(), std::back_inserter(found),
                 [](const Problem& p) { return p.severity == Severity::Error; });
    return found;
}

std::vector<Problem> Validation::warnings() const {
    std::vector<Problem> found;
    std::copy_if(m_problems.begin(), m_problems.end(), std::back_inserter(found),
                 [](const Problem& p) { return p.severity == Severity::Warning; });
    return found;
}

void Validation::throwIfErrors() const {
    if (hasErrors()) throw ValidationError(errors());
}

ValidationError::ValidationError(std::vector<Problem> problems)
    : Error(joinMessages(problems)), m_problems(std::move(problems)) {}

ValidationError::ValidationError(std::string field, std::string value, std::string allowed)
    : ValidationError(std::vector<Problem>{{Severity::Error, std::move(field), std::move(value), std::move(allowed)}}) {}

}  // namespace ankylos::core
