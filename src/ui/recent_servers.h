#pragma once
/// The server databases opened lately, newest first, in their own File menu list ("Recent servers"):
/// their locations only (postgresql://user@host:port/dbname, never a password), kept in wxConfig.
/// wxFileHistory is not used for them: it takes a location for a path (its menu shows a mangled
/// "file name", and on GTK it hands the "file" to the desktop's recent documents).

#include <wx/string.h>

#include <string>
#include <vector>

class wxConfigBase;
class wxMenu;

namespace ankylos::ui {

class RecentServers {
public:
    /// The items of menu get the ids firstId, firstId + 1, ... (at most kMax).
    RecentServers(wxMenu* menu, int firstId) : m_menu(menu), m_firstId(firstId) {}

    static constexpr std::size_t kMax = 9;

    void load(const wxConfigBase& config);
    void save(wxConfigBase& config) const;
    /// Puts location first (once) and updates the menu.
    void add(const std::string& location);
    void remove(std::size_t index);
    const std::vector<std::string>& locations() const { return m_locations; }
    int firstId() const { return m_firstId; }

private:
    void updateMenu();

    wxMenu* m_menu;
    int m_firstId;
    std::vector<std::string> m_locations;
};

}  // namespace ankylos::ui
