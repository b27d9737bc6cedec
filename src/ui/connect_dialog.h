#pragma once
/// File > Connect to server...: where a clinic's database on a PostgreSQL server is (host, port,
/// database, user, encryption), and the password, asked only when the server wants one. Neither
/// dialog stores the password anywhere.

#include <wx/string.h>

#include <optional>
#include <string>

#include "storage/server_location.h"

class wxWindow;

namespace ankylos::ui {

/// Asks where the server database is, starting from initial, showing the location the fields make.
/// Returns the location (postgresql://user@host:port/dbname[?sslmode=...]), or nothing when cancelled.
std::optional<std::string> askServerLocation(wxWindow* parent, const storage::ServerLocation& initial);

/// The fields' starting values: localhost:5432, the operating-system account as the user.
storage::ServerLocation defaultServerLocation();

/// Asks for the password of the server database at location (masked). problem: why the last one was
/// refused (the server's message), empty the first time. Nothing when cancelled.
std::optional<std::string> askServerPassword(wxWindow* parent, const std::string& location,
                                             const wxString& problem);

}  // namespace ankylos::ui
