#pragma once
/// The roles of people's accounts on a server database (storage/accounts.h, docs/roles.md).

#include <string>
#include <vector>

namespace ankylos::storage {

enum class Role { Administrator, Physician, Nurse, Reader, Researcher };

/// What a front end offers an account (docs/roles.md's table). The server enforces the same with its
/// grants (db/migrations/postgresql/0006_roles.sql); this only spares people buttons that would be
/// refused. On a file every role is held, so everything is allowed.
enum class Action {
    EditPatients,  ///< add, change, delete patients
    EditVisits,    ///< add, change, delete visits with their labs, DXA, confirmations
    AddFilms,      ///< register a film (its date)
    DeleteFilms,
    ScoreFilms,  ///< readings and sacroiliitis grades
    RegisterReaders,
    ManageAccounts,
    SignVisits,
    SignReadings,
    ReadIdentities,  ///< names, clinic IDs, real dates (a researcher sees study IDs and shifted dates)
    ChangeSettings,  ///< the named settings and DXA devices' least significant changes
    OrganiseReadingSessions,  ///< create reading sessions and add adjudicators (docs/methods.md 11)
};

/// Whether an account holding roles may do action.
bool allows(const std::vector<Role>& roles, Action action);

/// Every role, in the order above.
const std::vector<Role>& allRoles();
std::string toString(Role role);  ///< "administrator", "physician", "nurse", "reader", "researcher"
/// "nurse, reader", or "no Ankylos role" for none.
std::string toString(const std::vector<Role>& roles);
/// Parses the names above; throws core::ValidationError naming "role", the text and the names allowed.
Role parseRole(const std::string& text);

}  // namespace ankylos::storage
