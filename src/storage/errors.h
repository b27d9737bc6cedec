#pragma once
/// Storage errors. The message of each is meant for a clinic user.

#include <string>

#include "core/error.h"

namespace ankylos::storage {

/// A database operation failed: SQLite's message with the operation and the table.
class StorageError : public Error {
public:
    StorageError(const std::string& operation, const std::string& table, const std::string& sqliteMessage)
        : Error(operation + " (" + table + "): " + sqliteMessage) {}
    explicit StorageError(const std::string& message) : Error(message) {}
};

/// The file is not an Ankylos database we can open: not a database, another application's,
/// written by a newer Ankylos, or damaged. The file is left untouched.
class IncompatibleDatabase : public Error {
public:
    using Error::Error;
};

/// A write to a database that opened read-only (damaged, read-only file or folder, no audit key):
/// the message says why and what to do.
class ReadOnlyDatabase : public IncompatibleDatabase {
public:
    using IncompatibleDatabase::IncompatibleDatabase;
};

/// The server asks for a password and none was given (PGPASSWORD, ~/.pgpass, or the caller's):
/// the front end may ask the user and open the database again.
class PasswordRequired : public IncompatibleDatabase {
public:
    using IncompatibleDatabase::IncompatibleDatabase;
};

/// The server did not accept the password: the front end may ask the user again. The message names
/// the user and the server.
class WrongPassword : public IncompatibleDatabase {
public:
    using IncompatibleDatabase::IncompatibleDatabase;
};

/// A save or delete refused because someone else changed the record after the user opened it: the
/// message names the record, who changed it and when, so the user can compare and save again.
class ChangedSinceOpened : public StorageError {
public:
    /// record as the user knows it ("visit 2024-03-01 of AS-0001"); at as "2026-12-02 14:03 UTC".
    ChangedSinceOpened(const std::string& record, const std::string& user, const std::string& at)
        : StorageError(record + " was changed by " + user + " at " + at +
                       " since you opened it; your input is kept: compare and save again") {}
};

/// What the signed-in account's roles do not allow on a server database (storage/accounts.h): the
/// message names the account, its roles and what it may not do. Nothing was changed.
class NotPermitted : public StorageError {
public:
    using StorageError::StorageError;
};

/// Another program holds the database longer than the busy timeout.
class DatabaseBusy : public StorageError {
public:
    using StorageError::StorageError;
};

}  // namespace ankylos::storage
