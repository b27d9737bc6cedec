#pragma once
/// Electronic signatures of visits and readings (db/migrations/0007_signature.sql, docs/roles.md). A
/// signature records the person, the time and its meaning ("reviewed and approved") for one version of
/// the record; the audit trail keeps that version. A change after signing needs a reason (as every
/// change does) and leaves the signature on the version it covered: the new version needs a new one.

#include <cstdint>
#include <string>
#include <vector>

#include "core/patient_history.h"
#include "storage/database.h"

namespace ankylos::storage {

/// The one meaning a signature has today.
inline constexpr const char* kReviewedAndApproved = "reviewed and approved";

namespace sql {
class Statement;
}

/// For storage's readers: the columns of view signature_status that signOffFrom reads, in its order
/// (patient_id first), and the sign-off a query's current row holds.
inline constexpr const char* kSignOffColumns =
    "patient_id, table_name, record_date, reader, signer, signed_at, meaning, method, current";
core::SignOff signOffFrom(sql::Statement& query);

class SignatureRepository {
public:
    explicit SignatureRepository(Database& db) : m_db(db) {}

    /// Signs the visit or reading rowId as the user saw it: openedAt is the version they opened it at
    /// (storage/audit.h auditVersion). On a server the password is checked by signing in to the server
    /// again as the same account, and a server that does not ask for a password cannot confirm a
    /// signature (refused); a database file, which has no passwords, records its user's name and ignores
    /// password. Throws NotPermitted when the account's roles do not sign such records (a physician signs
    /// visits, a reader or physician readings), WrongPassword, ChangedSinceOpened when the record changed
    /// after openedAt, core::ValidationError for a record that does not exist, an empty password on a
    /// server, or a version signed already. Writes the signature and its audit row in one transaction.
    void sign(core::SignOff::Record record, std::int64_t rowId, std::int64_t openedAt,
              const std::string& password);

    /// The record's signatures, oldest first.
    std::vector<core::SignOff> of(core::SignOff::Record record, std::int64_t rowId);

private:
    /// Signs in once more as the database's account with password: throws unless the server asked
    /// for the password and accepted it.
    void confirmPassword(const std::string& password);

    Database& m_db;
};

}  // namespace ankylos::storage
