#include "ui/recent_servers.h"

#include <wx/config.h>
#include <wx/menu.h>

#include <algorithm>

#include "storage/server_location.h"
#include "ui/display.h"

namespace ankylos::ui {

namespace {

const wxString kGroup = "/RecentServers/";

wxString key(std::size_t index) {
    return kGroup + wxString::Format("Server%zu", index + 1);
}

}  // namespace

void RecentServers::load(const wxConfigBase& config) {
    m_locations.clear();
    for (std::size_t i = 0; i < kMax; ++i) {
        wxString location;
        // Only what names a server: a hand-edited entry cannot smuggle in a file to open.
        if (config.Read(key(i), &location) && storage::parseServerLocation(toUtf8(location)))
            m_locations.push_back(toUtf8(location));
    }
    updateMenu();
}

void RecentServers::save(wxConfigBase& config) const {
    config.DeleteGroup(kGroup);
    for (std::size_t i = 0; i < m_locations.size(); ++i)
        config.Write(key(i), fromUtf8(m_locations[i]));
    config.Flush();
}

void RecentServers::add(const std::string& location) {
    m_locations.erase(std::remove(m_locations.begin(), m_locations.end(), location), m_locations.end());
    m_locations.insert(m_locations.begin(), location);
    if (m_locations.size() > kMax)
        m_locations.resize(kMax);
    updateMenu();
}

void RecentServers::remove(std::size_t index) {
    if (index < m_locations.size())
        m_locations.erase(m_locations.begin() + static_cast<std::ptrdiff_t>(index));
    updateMenu();
}

void RecentServers::updateMenu() {
    while (m_menu->GetMenuItemCount() > 0)
        m_menu->Destroy(m_menu->FindItemByPosition(0));
    for (std::size_t i = 0; i < m_locations.size(); ++i) {
        const auto server = storage::parseServerLocation(m_locations[i]);
        wxString name = databaseDisplayName(m_locations[i]);
        if (!server->user.empty())
            name += " (" + fromUtf8(server->user) + ")";
        name.Replace("&", "&&");  // a name's own & is no mnemonic
        const wxString label = wxString::Format("&%zu %s", i + 1, name);
        // The whole location in the status bar while the item is highlighted.
        m_menu->Append(m_firstId + static_cast<int>(i), label, fromUtf8(m_locations[i]));
    }
}

}  // namespace ankylos::ui
