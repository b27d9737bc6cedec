#include "storage/reader_repository.h"

#include "storage/sql/connection.h"

#include <algorithm>

#include "core/format.h"
#include "core/utf8.h"
#include "core/validation.h"
#include "storage/transaction.h"

namespace ankylos::storage {

namespace {

std::string namesOf(const std::vector<Reader>& readers) {
    std::vector<std::string> names;
    for (const Reader& reader : readers)
        names.push_back(reader.name);
    return names.empty() ? std::string("none registered yet") : core::joinNames(names);
}

}  // namespace

std::vector<Reader> ReaderRepository::list() {
    std::vector<Reader> readers;
    auto queryLease = sql::connectionOf(m_db).cached("SELECT id, name FROM reader ORDER BY id");
    sql::Statement& query = *queryLease;
    while (query.executeStep())
        readers.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString()});
    std::stable_sort(readers.begin(), readers.end(), [](const Reader& a, const Reader& b) {
        return core::foldCase(a.name) < core::foldCase(b.name);
    });
    return readers;
}

std::optional<Reader> ReaderRepository::find(const std::string& name) {
    const std::string wanted = core::foldCase(core::trimmed(name));
    if (wanted.empty())
        return std::nullopt;
    // SQLite's NOCASE folds ASCII only: the few readers of a clinic are compared here instead.
    std::optional<Reader> found;
    for (const Reader& reader : list())
        if (core::foldCase(core::trimmed(reader.name)) == wanted && (!found || reader.id < found->id))
            found = reader;
    return found;
}

Reader ReaderRepository::add(const std::string& entered) {
    const std::string name = core::trimmed(entered);
    if (name.empty())
        throw core::ValidationError("reader", entered, "the reader's name");
    core::Validation validation;
    validation.requireText("reader", name);
    validation.throwIfErrors();
    Transaction transaction(m_db);
    if (const auto existing = find(name))
        throw core::ValidationError("reader", name,
                                    "a name not registered yet (registered as \"" + existing->name +
                                        "\"; names are matched without regard to case)");
    auto insertLease = sql::connectionOf(m_db).cached("INSERT INTO reader (name) VALUES (?) RETURNING id");
    sql::Statement& insert = *insertLease;
    insert.bind(1, name);
    const Reader reader{insert.execReturningId(), name};
    transaction.commit();
    return reader;
}

Reader ReaderRepository::require(const std::string& name) {
    if (core::trimmed(name).empty())
        throw core::ValidationError("reader", name, "the reader's name");
    if (auto reader = find(name))
        return *reader;
    throw core::ValidationError("reader", name, "a registered reader (" + namesOf(list()) + ")");
}

}  // namespace ankylos::storage
