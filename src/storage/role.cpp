#include "storage/role.h"

#include <algorithm>

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

bool allows(const std::vector<Role>& roles, Action action) {
    const auto holds = [&](std::initializer_list<Role> any) {
        for (Role role : any)
            if (std::find(roles.begin(), roles.end(), role) != roles.end())
                return true;
        return false;
    };
    switch (action) {
        case Action::EditPatients:
        case Action::EditVisits:
        case Action::DeleteFilms:
            return holds({Role::Physician, Role::Nurse});
        case Action::AddFilms:
            return holds({Role::Physician, Role::Nurse, Role::Reader});
        case Action::ScoreFilms:
        case Action::SignReadings:
            return holds({Role::Physician, Role::Reader});
        case Action::RegisterReaders:
            return holds({Role::Administrator, Role::Physician, Role::Reader});
        case Action::ManageAccounts:
        case Action::ChangeSettings:
            return holds({Role::Administrator});
        case Action::SignVisits:
            return holds({Role::Physician});
        case Action::OrganiseReadingSessions:
            return holds({Role::Administrator, Role::Physician});
        case Action::ReadIdentities:
            return holds({Role::Administrator, Role::Physician, Role::Nurse, Role::Reader});
    }
    return false;
}

Role parseRole(const std::string& text) {
    for (Role role : allRoles())
        if (text == toString(role))
            return role;
    throw core::ValidationError("role", text, "administrator, physician, nurse, reader or researcher");
}

}  // namespace ankylos::storage
