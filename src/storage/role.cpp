#include "storage/role.h"

#include "core/format.h"
#include "core/validation.h"

namespace ankylos::storage {

namespace {
const char* const kRoleNames[] = {"administrator", "physician", "nurse", "reader", "researcher"};
}

const std::vector<Role>& allRoles() {
    static const std::vector<Role> roles = {Role::Administrator, Role::Physician, Role::Nurse, Role::Reader,
                                            Role::Researcher};
    return roles;
}

std::string toString(Role role) {
    return kRoleNames[static_cast<int>(role)];
}

std::string toString(const std::vector<Role>& roles) {
    std::vector<std::string> names;
    for (Role role : roles)
        names.push_back(toString(role));
    return names.empty() ? std::string("no Ankylos role") : core::joinNames(names);
}

Role parseRole(const std::string& text) {
    for (Role role : allRoles())
        if (text == toString(role))
            return role;
    throw core::ValidationError("role", text, "administrator, physician, nurse, reader or researcher");
}

}  // namespace ankylos::storage
