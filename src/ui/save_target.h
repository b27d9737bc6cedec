#pragma once
/// The check every save dialog makes (Export PDF, Research export, Export visits CSV, Backup to)
/// on the files a save will write, through files::findRefusal: never a folder, the open database
/// or one of its companion files, nor any SQLite database; an existing file only once the user has
/// been asked (a file dialog's wxFD_OVERWRITE_PROMPT counts as asking).

#include <wx/string.h>
#include <wx/window.h>

#include <filesystem>
#include <vector>

#include "files/output_file.h"

namespace ankylos::ui {

/// Why file may not be saved to, for the user; empty when it may (an existing file may be
/// replaced once the user has been asked).
wxString saveRefusal(const std::filesystem::path& file, const std::filesystem::path& database);

/// Checks every file a save will write: shows why and returns false when one is refused; asks once
/// before replacing the existing ones other than `asked` (the file a file dialog's overwrite
/// prompt asked about). true: go ahead, replacing them.
bool confirmSaveTargets(wxWindow* parent, const std::vector<std::filesystem::path>& files,
                        const std::filesystem::path& database, const std::filesystem::path& asked = {});

/// The policy of a save confirmed with confirmSaveTargets: the open database protected, existing
/// files replaced.
files::OutputPolicy confirmedSavePolicy(const std::filesystem::path& database);

}  // namespace ankylos::ui
