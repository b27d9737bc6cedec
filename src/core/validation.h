#pragma once
/// Input validation that reports every problem at once. docs/methods.md 8: a value outside its
/// range is rejected with a message naming the field, the value and the allowed range; a value
/// outside a soft limit asks for confirmation. Nothing is ever clamped, rounded or replaced.

#include <string>
#include <vector>

#include "core/error.h"

namespace ankylos::core {

enum class Severity {
    Error,    ///< hard error: the input is rejected
    Warning,  ///< soft limit: the user must confirm, and the confirmation is recorded
};

/// Which control characters a text field may hold.
enum class TextKind {
    Line,   ///< IDs, names, assay, laboratory, device, reader: none
    Notes,  ///< notes: TAB, LF and CR (line breaks), no other
};

struct Problem {
    Severity severity = Severity::Error;
    std::string field;    ///< what the user filled in, e.g. "BASDAI Q2" or "CRP"
    std::string value;    ///< the value as given
    std::string allowed;  ///< what is allowed, e.g. "0 to 10" or "mg/L or mg/dL"

    /// "BASDAI Q2: 11 is not allowed (allowed: 0 to 10)"; warnings read "... is unusual (...)".
    std::string message() const;
};

/// A list of problems found in one input.
class Validation {
public:
    void addError(std::string field, std::string value, std::string allowed);
    void addWarning(std::string field, std::string value, std::string expected);
    void append(const Validation& other);

    /// Adds an error unless min <= value <= max. unit ("mg/L") is appended to the range text.
    void requireRange(const std::string& field, double value, double min, double max,
                      const std::string& unit = "");
    /// Adds an error when text is not valid UTF-8 or holds a control character (U+0000 to U+001F,
    /// U+007F) its kind does not allow. The rule for every free-text field: a NUL or escape code
    /// cannot be seen, cut the text in other programs and make a record unreachable by its ID.
    void requireText(const std::string& field, const std::string& text, TextKind kind = TextKind::Line);
    /// Adds a warning when value > softMax (docs/methods.md 6: soft ranges ask to confirm).
    void warnAbove(const std::string& field, double value, double softMax, const std::string& unit = "");

    bool ok() const { return !hasErrors(); }
    bool hasErrors() const;
    bool hasWarnings() const;
    const std::vector<Problem>& problems() const { return m_problems; }
    std::vector<Problem> errors() const;
    std::vector<Problem> warnings() const;

    /// Throws ValidationError carrying every hard error; warnings never throw.
    void throwIfErrors() const;

private:
    std::vector<Problem> m_problems;
};

/// Bad input. The message is meant for the user and lists every problem, one per line.
class ValidationError : public Error {
public:
    explicit ValidationError(std::vector<Problem> problems);
    /// A single problem.
    ValidationError(std::string field, std::string value, std::string allowed);
    const std::vector<Problem>& problems() const { return m_problems; }

private:
    std::vector<Problem> m_problems;
};

}  // namespace ankylos::core
