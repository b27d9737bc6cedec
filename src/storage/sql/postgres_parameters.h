#pragma once
/// SQL is written once for both engines with SQLite's parameters; PostgreSQL numbers its own ($1, $2).
/// This turns the one into the other, outside string literals, quoted identifiers and comments.

#include <string>
#include <unordered_map>

#include "storage/sql/connection.h"

namespace ankylos::storage::sql {

/// A statement with PostgreSQL's parameters, and what SQLite would have numbered them.
struct NumberedSql {
    std::string text;                            ///< with $1, $2 ... in place of ?, ?N and :name
    int count = 0;                               ///< the largest parameter number
    std::unordered_map<std::string, int> names;  ///< ":name" -> its number
};

/// Rewrites SQLite's parameters as SQLite numbers them: `?` is one more than the largest number so far,
/// `?N` is N, and `:name` takes the next number at its first use and keeps it when it repeats.
/// Left alone: '...' and E'...' literals, "..." identifiers, $tag$...$tag$ strings, -- and /* */
/// comments, and `::` casts; an unterminated one runs to the end, for the server to refuse.
/// Not available in SQL written this way: PostgreSQL's operators containing `?` (jsonb's `?`, `?|`,
/// `?&`: call jsonb_exists() and friends) and array slices `a[lo:hi]` (write `a[lo : hi]`).
/// Throws Error (Other) for `?0` and numbers past SQLite's limit of 32766.
NumberedSql toNumberedParameters(const std::string& sql);

}  // namespace ankylos::storage::sql
