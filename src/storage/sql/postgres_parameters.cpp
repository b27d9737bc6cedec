#include "storage/sql/postgres_parameters.h"

#include <algorithm>
#include <cctype>

namespace ankylos::storage::sql {

namespace {

constexpr long kMaxParameter = 32766;  // SQLite's SQLITE_MAX_VARIABLE_NUMBER

bool isNameStart(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

bool isNameChar(char c) {
    return isNameStart(c) || std::isdigit(static_cast<unsigned char>(c));
}

/// Where the quoted run that opens at begin ends (past its closing quote); a doubled quote, or with
/// backslashEscapes a backslash and the character after it, stays inside.
std::size_t endOfQuoted(const std::string& sql, std::size_t begin, bool backslashEscapes) {
    const char quote = sql[begin];
    for (std::size_t i = begin + 1; i < sql.size(); ++i) {
        if (backslashEscapes && sql[i] == '\\')
            ++i;
        else if (sql[i] == quote && i + 1 < sql.size() && sql[i + 1] == quote)
            ++i;
        else if (sql[i] == quote)
            return i + 1;
    }
    return sql.size();
}

/// Where the /* comment */ that opens at begin ends; PostgreSQL's block comments nest.
std::size_t endOfBlockComment(const std::string& sql, std::size_t begin) {
    int depth = 0;
    for (std::size_t i = begin; i + 1 < sql.size();) {
        if (sql.compare(i, 2, "/*") == 0) {
            ++depth;
            i += 2;
        } else if (sql.compare(i, 2, "*/") == 0) {
            i += 2;
            if (--depth == 0)
                return i;
        } else {
            ++i;
        }
    }
    return sql.size();
}

/// The $tag$ that opens a dollar-quoted string at begin, or "" when there is none there.
std::string dollarTag(const std::string& sql, std::size_t begin) {
    std::size_t i = begin + 1;
    if (i < sql.size() && isNameStart(sql[i]))
        while (i < sql.size() && isNameChar(sql[i]))
            ++i;
    return i < sql.size() && sql[i] == '$' ? sql.substr(begin, i + 1 - begin) : std::string();
}

/// Where the quoted string, identifier or comment that opens at i ends, or i when none opens there.
std::size_t endOfVerbatim(const std::string& sql, std::size_t i) {
    const auto at = [&](std::size_t k) { return k < sql.size() ? sql[k] : '\0'; };
    const bool afterName = i > 0 && (isNameChar(sql[i - 1]) || sql[i - 1] == '$');
    if (at(i) == '\'') {
        // E'...' (and e'...') takes backslash escapes; a name ending in e does not make one.
        const bool escaped = i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                             !(i > 1 && (isNameChar(sql[i - 2]) || sql[i - 2] == '$'));
        return endOfQuoted(sql, i, escaped);
    }
    if (at(i) == '"')
        return endOfQuoted(sql, i, false);
    if (at(i) == '-' && at(i + 1) == '-')
        return std::min(sql.find('\n', i), sql.size());
    if (at(i) == '/' && at(i + 1) == '*')
        return endOfBlockComment(sql, i);
    if (at(i) == ':' && at(i + 1) == ':')
        return i + 2;  // a cast
    if (at(i) == '$' && !afterName) {
        if (const std::string tag = dollarTag(sql, i); !tag.empty())
            return std::min(sql.find(tag, i + tag.size()), sql.size() - tag.size()) + tag.size();
    }
    return i;
}

}  // namespace

NumberedSql toNumberedParameters(const std::string& sql) {
    NumberedSql out;
    out.text.reserve(sql.size() + 16);
    const auto parameter = [&](long number) {
        if (number < 1 || number > kMaxParameter)
            throw Error(ErrorKind::Other, "parameter numbers run from ?1 to ?32766: " + sql);
        out.count = std::max(out.count, static_cast<int>(number));
        out.text += '$' + std::to_string(number);
    };
    std::size_t i = 0;
    while (i < sql.size()) {
        if (const std::size_t end = endOfVerbatim(sql, i); end != i) {
            out.text.append(sql, i, end - i);
            i = end;
        } else if (sql[i] == '?') {
            std::size_t digits = i + 1;
            while (digits < sql.size() && std::isdigit(static_cast<unsigned char>(sql[digits])))
                ++digits;
            const std::string number = sql.substr(i + 1, std::min<std::size_t>(digits - i - 1, 6));
            parameter(number.empty() ? out.count + 1 : std::stol(number));
            i = digits;
        } else if (sql[i] == ':' && i + 1 < sql.size() && isNameStart(sql[i + 1])) {
            std::size_t end = i + 1;
            while (end < sql.size() && isNameChar(sql[end]))
                ++end;
            parameter(out.names.try_emplace(sql.substr(i, end - i), out.count + 1).first->second);
            i = end;
        } else {
            out.text += sql[i++];
        }
    }
    return out;
}

}  // namespace ankylos::storage::sql
