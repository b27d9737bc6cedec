#pragma once
/// The roles of people's accounts on a server database (storage/accounts.h, docs/roles.md).

#include <string>
#include <vector>

namespace ankylos::storage {

enum class Role { Administrator, Physician, Nurse, Reader, Researcher };

/// Every role, in the order above.
const std::vector<Role>& allRoles();
std::string toString(Role role);  ///< "administrator", "physician", "nurse", "reader", "researcher"
/// "nurse, reader", or "no Ankylos role" for none.
std::string toString(const std::vector<Role>& roles);
/// Parses the names above; throws core::ValidationError naming "role", the text and the names allowed.
Role parseRole(const std::string& text);

}  // namespace ankylos::storage
