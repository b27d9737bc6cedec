#pragma once
/// UTF-8 checks for text from outside (CSV cells, form fields) and its display in messages.

#include <string>
#include <string_view>

namespace ankylos::core {

/// Length of the valid UTF-8 sequence at text[i] (no overlong forms, no surrogates, at most
/// U+10FFFF), or 0 when the bytes there are not one.
std::size_t utf8Length(std::string_view text, std::size_t i);

bool isValidUtf8(std::string_view text);

/// The text with each invalid byte shown as U+FFFD, so a message can carry it.
std::string sanitizedUtf8(std::string_view text);

/// The text for a message: invalid bytes as U+FFFD, control characters (U+0000 to U+001F and
/// U+007F) as <U+0000>, so that a NUL or a line break cannot hide in or cut the message.
std::string visibleText(std::string_view text);

/// The first control character of text (U+0000 to U+001F, U+007F) that is not allowed, or -1;
/// allowTabAndLineBreaks lets TAB, LF and CR through (notes).
int firstControlCharacter(std::string_view text, bool allowTabAndLineBreaks);

/// "U+000A"
std::string codePointName(int c);

/// The text without leading and trailing spaces and tabs (names as typed: readers, sessions, people).
std::string trimmed(std::string_view text);

}  // namespace ankylos::core
